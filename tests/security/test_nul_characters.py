"""A NUL character (%00) in an address, a query string or a form gets a 404 or a
400 that says so, never a 500.

PostgreSQL cannot compare or store a NUL ("text fields cannot contain NUL"), so
without these refusals a standard's page, a chase page and an API detail were
500s on PostgreSQL; the routing test below fails on any database.
"""

import re
from urllib.parse import unquote

import pytest
from django.urls import Resolver404, resolve

from audit.models import AuditEvent
from network.models import ActionItem
from tests.policies import ROLES
from tests.security.inventory import url_names

INT = re.compile(r"<int:\w+>")
TEXT = re.compile(r"<(?:\w+:)?\w+>")  # any other converter, `str` included
GROUP = re.compile(r"\(\?P<\w+>(.*?)\)(?=/|\$)")  # the API router's regexes
NOT_OURS = ("admin/", "accounts/^", "^accounts/")  # Django's admin, allauth's keys
NUL_MESSAGE = "null character (%00)"


def _with_nul(route: str) -> str:
    route = GROUP.sub(lambda m: "1" if m[1] == r"\d+" else "NW%00", route)
    route = TEXT.sub("NW%00", INT.sub("1", route))
    return "/" + route.replace("^", "").replace("$", "")


def addresses_with_nul(ours_only: bool = True) -> list[str]:
    """Every route that takes a word from the address, with a NUL in it."""
    routes = url_names().values()
    if ours_only:
        routes = [route for route in routes if not route.startswith(NOT_OURS)]
    return sorted({_with_nul(r) for r in routes if "%00" in _with_nul(r)})


def test_the_routes_that_take_a_word_are_found():
    """Guards the parametrised tests below against checking nothing."""
    found = addresses_with_nul()
    assert "/standards/NW%00/" in found
    assert "/api/v1/standards/NW%00/" in found
    assert "/chase/returns/NW%00/" in found
    assert not [address for address in found if "<" in address or "(" in address]


@pytest.mark.parametrize("address", addresses_with_nul())
def test_an_address_with_a_nul_matches_no_page(address):
    try:
        match = resolve(unquote(address))
    except Resolver404:
        return
    assert match.view_name == "api:not-found", f"{address} reached {match.view_name}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_an_address_with_a_nul_is_never_a_server_error(role, client_for):
    """Ours answer 404 (the API in its own format); Django's admin and
    allauth's key pages find no such object or key."""
    client = client_for(role)
    ours = addresses_with_nul()
    for address in addresses_with_nul(ours_only=False):
        for method in (client.get, client.post):
            response = method(address)
            assert response.status_code < 500, (address, response.status_code)
            if address in ours:
                assert response.status_code == 404, (address, response.status_code)
            if address.startswith("/api/v1/"):
                assert response["Content-Type"] == "application/problem+json"
    if role != "anonymous":  # the trail records the address as it was sent
        missing = AuditEvent.objects.filter(action=AuditEvent.Action.NOT_FOUND)
        assert missing.filter(path="/api/v1/standards/NW%00/").exists()


@pytest.mark.django_db
def test_a_nul_in_an_api_query_is_a_bad_request_in_the_api_format(client):
    response = client.get("/api/v1/meetings/", {"when": "upcoming\x00"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert NUL_MESSAGE in response.json()["detail"]


@pytest.mark.django_db
def test_a_nul_in_a_page_query_is_a_bad_request_that_says_so(client):
    response = client.get("/training/", {"q": "peer\x00"})
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()


@pytest.mark.django_db
def test_a_nul_in_a_form_is_refused_and_nothing_is_saved(client_for):
    coordinator = client_for("coordinator")
    before = ActionItem.objects.count()
    response = coordinator.post(
        "/network/actions/new/", {"title": "Recruit\x00 peer workers"}
    )
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()
    assert ActionItem.objects.count() == before
