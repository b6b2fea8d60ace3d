"""Every standards page and action, for every persona."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from standards.models import (
    ConsultationComment,
    ConsultationResponse,
    Standard,
    StandardAdoption,
)
from standards.models import StandardVersion as V
from tests.policies import writes
from tests.standards.conftest import BODY, open_consultation, respond

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "peer_worker", "lead_a", "lead_b", "coordinator", "admin"]


@pytest.fixture
def world(personas, approved, standard, trust_a):
    """S03 has v1 approved and v2 in consultation; S09 has only a draft."""
    v2 = open_consultation(V.objects.create(standard=standard, number=2, body=BODY))
    response = respond(v2, personas["lead_a"])
    comment = ConsultationComment.objects.create(
        response=response, paragraph=2, text="Say who supervises"
    )
    draft_only = Standard.objects.create(
        code="NWPSW-S09",
        title="Peer trainers",
        area=Standard.Area.PEER_TRAINER_RECOVERY_COLLEGE,
        owner=personas["coordinator"],
    )
    V.objects.create(standard=draft_only, number=1, body=BODY)
    return {"response": response, "trust_a": trust_a.pk, "comment": comment.pk}


S, D = "/standards/NWPSW-S03", "/standards/NWPSW-S09"
# url, then expected status for: anon, peer, lead_a, lead_b, coordinator, admin
PAGES = [
    ("/standards/", [200, 200, 200, 200, 200, 200]),
    (f"{S}/", [200, 200, 200, 200, 200, 200]),
    (f"{D}/", [404, 200, 200, 200, 200, 200]),
    (f"{S}/versions/1/", [200, 200, 200, 200, 200, 200]),
    (f"{S}/versions/2/", [404, 200, 200, 200, 200, 200]),
    (f"{D}/versions/1/", [404, 200, 200, 200, 200, 200]),
    (f"{S}/versions/1/history/", [302, 200, 200, 200, 200, 200]),
    (f"{S}/compare/", [200, 200, 200, 200, 200, 200]),
    (f"{D}/compare/", [404, 200, 200, 200, 200, 200]),
    ("/standards/new/", [302, 403, 403, 403, 200, 200]),
    (f"{S}/edit/", [302, 403, 403, 403, 200, 200]),
    (f"{S}/versions/new/", [302, 403, 403, 403, 200, 200]),
    (f"{D}/versions/1/edit/", [302, 403, 403, 403, 200, 200]),
    (f"{D}/versions/1/consultation/open/", [302, 403, 403, 403, 200, 200]),
    (f"{S}/versions/2/approve/", [302, 403, 403, 403, 200, 200]),
    (f"{S}/versions/2/withdraw/", [302, 403, 403, 403, 200, 200]),
    (f"{S}/versions/2/respond/", [302, 200, 200, 200, 403, 403]),
    (f"{S}/versions/2/responses/", [302, 403, 403, 403, 200, 200]),
    ("/standards/responses/{response}/disposition/", [302, 403, 403, 403, 200, 200]),
    (f"{S}/versions/2/you-said-we-did/", [404, 200, 200, 200, 200, 200]),
    (f"{S}/versions/2/comments/new/", [302, 403, 200, 403, 403, 403]),
    ("/standards/comments/{comment}/edit/", [302, 404, 200, 404, 404, 404]),
    ("/standards/comments/{comment}/delete/", [302, 404, 200, 404, 404, 404]),
    ("/standards/comments/{comment}/disposition/", [302, 403, 403, 403, 200, 200]),
    ("/standards/adoption/", [302, 200, 200, 200, 200, 200]),
    (f"{S}/adoption/{{trust_a}}/", [302, 403, 200, 403, 200, 200]),
    (f"{D}/adoption/{{trust_a}}/", [302, 404, 404, 404, 404, 404]),
    (f"{S}/versions/2/consultation/close/", [405] * 6),
    (f"{S}/versions/1/confirm/", [405] * 6),
]


@pytest.mark.parametrize(
    "url, who, expected",
    [(url, who, codes[i]) for url, codes in PAGES for i, who in enumerate(PERSONAS)],
)
def test_page_access_by_persona(login, personas, world, url, who, expected):
    url = url.format(
        response=world["response"].pk,
        trust_a=world["trust_a"],
        comment=world["comment"],
    )
    client = login(personas[who])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == expected
    assert writes(queries.captured_queries) == []  # a GET never changes anything
    if expected == 302:
        assert "/accounts/login/" in response["Location"]


def test_public_list_shows_approved_standards_only(client, world):
    page = client.get("/standards/").content.decode()
    assert "NWPSW-S03" in page
    assert "NWPSW-S09" not in page
    assert "closes" not in page  # the consultation on v2 is hidden


def test_public_compare_offers_only_published_versions(client, world):
    page = client.get(f"{S}/compare/").content.decode()
    assert "Version 1" in page and "Version 2" not in page


@pytest.mark.parametrize("who", ["anonymous", "peer_worker", "lead_a", "lead_b"])
def test_non_coordinators_cannot_change_anything(login, personas, world, who):
    client = login(personas[who])
    v2 = V.objects.get(standard__code="NWPSW-S03", number=2)
    draft = V.objects.get(standard__code="NWPSW-S09", number=1)
    posts = [
        (f"{D}/versions/1/edit/", {"body": "Hacked", "revision": draft.revision}),
        (
            f"{D}/versions/1/consultation/open/",
            {"consultation_opens": "2026-01-01", "consultation_closes": "2026-02-01"},
        ),
        (f"{S}/versions/2/consultation/close/", {}),
        (f"{S}/versions/2/withdraw/", {"withdrawn_reason": "No"}),
        (f"{S}/versions/1/confirm/", {}),
        (f"{S}/versions/new/", {"summary_of_changes": "x"}),
        ("/standards/new/", {"code": "X1", "title": "X", "body": "x"}),
        (
            f"/standards/responses/{world['response'].pk}/disposition/",
            {"disposition": "declined", "disposition_reason": "x"},
        ),
        (
            f"/standards/comments/{world['comment']}/disposition/",
            {"disposition": "declined", "disposition_reason": "x"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code in (302, 403, 404)
    draft.refresh_from_db()
    v2.refresh_from_db()
    assert draft.body == BODY and draft.status == V.Status.DRAFT
    assert v2.status == V.Status.CONSULTATION
    assert V.objects.count() == 3 and Standard.objects.count() == 2
    assert not ConsultationResponse.objects.exclude(disposition="").exists()
    assert not ConsultationComment.objects.exclude(disposition="").exists()


@pytest.mark.parametrize("who", ["peer_worker", "lead_b", "coordinator"])
def test_only_the_author_can_change_or_remove_a_comment(login, personas, world, who):
    client = login(personas[who])
    pk = world["comment"]
    assert client.post(f"/standards/comments/{pk}/delete/").status_code == 404
    client.post(f"/standards/comments/{pk}/edit/", {"paragraph": 1, "text": "x"})
    assert ConsultationComment.objects.get(pk=pk).text == "Say who supervises"


@pytest.mark.parametrize("who", ["coordinator", "admin"])
def test_coordinators_cannot_respond_to_a_consultation(login, personas, world, who):
    response = login(personas[who]).post(
        f"{S}/versions/2/respond/", {"position": "support"}
    )
    assert response.status_code == 403
    assert ConsultationResponse.objects.count() == 1


def test_lead_b_cannot_record_adoption_for_trust_a(login, personas, world):
    response = login(personas["lead_b"]).post(
        f"{S}/adoption/{world['trust_a']}/", {"status": "adopted"}
    )
    assert response.status_code == 403
    assert not StandardAdoption.objects.exists()
