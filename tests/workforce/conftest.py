"""Workforce fixtures: posts in Trust A and Trust B, built through the services."""

from datetime import date
from decimal import Decimal

import pytest

from workforce.models import Post
from workforce.services import post_create

POST_DEFAULTS = {
    "role_type": "psw",
    "job_title": "Peer Support Worker – Crisis",
    "band": "afc_3",
    "wte": Decimal("1.00"),
    "delivery_model": "embedded_in_team",
    "setting": "crisis",
    "lived_experience_basis": "service_user",
    "contract_type": "permanent",
    "funding_source": "trust_baseline",
    "status": "funded",
    "status_effective_date": date(2024, 1, 10),
}


def make_post(trust, actor=None, **fields) -> Post:
    return post_create(
        post=Post(trust=trust, **{**POST_DEFAULTS, **fields}), actor=actor
    )


@pytest.fixture
def post_a(trust_a):
    return make_post(trust_a, local_ref="A-001", job_title="Peer Support Worker – A")


@pytest.fixture
def post_b(trust_b):
    return make_post(trust_b, local_ref="B-001", job_title="Peer Support Worker – B")


def form_data(trust, **overrides) -> dict:
    data = {
        "trust": trust.pk,
        "local_ref": "NEW-1",
        "job_title": "Peer Support Worker – Perinatal",
        "role_type": "psw",
        "band": "afc_4",
        "wte": "0.80",
        "delivery_model": "embedded_in_team",
        "setting": "perinatal",
        "lived_experience_basis": "either",
        "contract_type": "permanent",
        "funding_source": "icb_investment",
        "status": "funded",
        "status_effective_date": "2025-02-01",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture(autouse=True)
def checklist_items(db):
    """The data migration's reference items; transactional tests elsewhere flush them."""
    from workforce.models import ImplementationChecklistItem
    from workforce.reference import seed_checklist_items

    seed_checklist_items(ImplementationChecklistItem)
