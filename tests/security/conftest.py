"""Security fixtures: the policy world and a fresh client per persona."""

import pytest
from django.test import Client

from tests.conftest import _login_with_mfa
from tests.policies import World


@pytest.fixture
def world(personas, trust_a, trust_b):
    return World(personas, trust_a, trust_b)


@pytest.fixture
def client_for(personas):
    """`client_for("lead_a")` is a new client signed in as that persona."""

    def make(role: str, **client_kwargs) -> Client:
        client = Client(**client_kwargs)
        user = personas[role]
        if user is not None:
            _login_with_mfa(client, user)
        return client

    return make
