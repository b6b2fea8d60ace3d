"""Responding to consultations, locking after the close date, dispositions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from standards.models import ConsultationComment as C
from standards.models import ConsultationResponse as R
from tests.standards.conftest import open_consultation, respond

pytestmark = pytest.mark.django_db
V1 = "/standards/NWPSW-S03/versions/1/"


def test_trust_lead_responds_once_for_their_trust_and_can_change_it(
    login, lead_a, trust_a, in_consultation
):
    client = login(lead_a)
    data = {"position": "support", "comments": "Good", "paragraph": "2"}
    assert client.post(V1 + "respond/", data).status_code == 302
    data["position"] = "do_not_support"
    assert client.post(V1 + "respond/", data).status_code == 302
    response = R.objects.get()
    assert response.trust == trust_a and response.position == "do_not_support"
    assert response.paragraph == 2 and response.respondent_type == "trust_lead"


def test_a_tampered_trust_id_is_ignored(login, lead_a, trust_a, trust_b, draft):
    open_consultation(draft)
    login(lead_a).post(V1 + "respond/", {"position": "support", "trust": trust_b.pk})
    assert R.objects.get().trust == trust_a


def test_two_leads_of_one_trust_share_one_response(login, lead_a, trust_a, draft):
    from tests.conftest import make_user

    deputy = make_user("deputy.a@example.test", "trust_lead", trust=trust_a)
    open_consultation(draft)
    login(lead_a).post(V1 + "respond/", {"position": "support"})
    login(deputy).post(V1 + "respond/", {"position": "no_comment"})
    assert R.objects.get().position == "no_comment"


def test_peer_worker_responds_individually(login, peer_worker, in_consultation):
    login(peer_worker).post(
        V1 + "respond/", {"position": "support_with_changes", "comments": "More"}
    )
    response = R.objects.get()
    assert response.trust is None and response.respondent_type == "psw"
    assert response.respondent_label == "A peer support worker"


def test_paragraph_number_outside_the_draft_is_refused(login, lead_a, in_consultation):
    page = login(lead_a).post(V1 + "respond/", {"position": "support", "paragraph": 99})
    assert page.context["form"].errors["paragraph"] == [
        "Enter a paragraph number from 1 to 4"
    ]
    assert not R.objects.exists()


def test_support_with_changes_needs_a_comment(login, lead_a, in_consultation):
    page = login(lead_a).post(V1 + "respond/", {"position": "support_with_changes"})
    assert page.context["form"].errors["comments"]
    assert not R.objects.exists()


def test_responses_are_locked_after_the_close_date(login, lead_a, in_consultation):
    respond(in_consultation, lead_a, position="support")
    in_consultation.consultation_opens = timezone.localdate() - timedelta(days=30)
    in_consultation.consultation_closes = timezone.localdate() - timedelta(days=1)
    in_consultation.save()
    client = login(lead_a)
    assert client.get(V1 + "respond/").status_code == 403
    assert client.post(V1 + "respond/", {"position": "no_comment"}).status_code == 403
    assert R.objects.get().position == "support"
    assert "Responses are now locked" in client.get(V1).content.decode()


def test_response_before_consultation_opens_is_refused(login, lead_a, draft):
    assert (
        login(lead_a).post(V1 + "respond/", {"position": "support"}).status_code == 403
    )
    assert not R.objects.exists()


def test_response_rate_per_trust_is_shown(login, lead_a, lead_b, in_consultation):
    respond(in_consultation, lead_a)
    page = login(lead_b).get(V1).content.decode()
    assert "1 of 2 member trusts have responded (50%)" in page
    assert "No response yet" in page


def test_coordinator_records_a_disposition_and_it_is_published(
    login, client, coordinator, lead_a, in_consultation, meeting
):
    from standards import services

    response = respond(in_consultation, lead_a)
    url = f"/standards/responses/{response.pk}/disposition/"
    coordinator_client = login(coordinator)
    bad = coordinator_client.post(url, {"disposition": "changed"})
    assert bad.context["form"].errors["disposition_reason"]
    coordinator_client.post(
        url, {"disposition": "changed", "disposition_reason": "Fortnightly at first"}
    )
    response.refresh_from_db()
    assert response.disposition == "changed" and response.disposition_by == coordinator
    services.consultation_close(version=in_consultation, actor=coordinator)
    v2 = services.standard_version_start_next(
        standard=in_consultation.standard, summary_of_changes="x", actor=coordinator
    )
    log = V1 + "you-said-we-did/"
    client.logout()
    assert client.get(log).status_code == 404  # not public until v2 is approved
    services.standard_version_approve(
        version=v2,
        meeting=meeting,
        approved_on=timezone.localdate(),
        review_date=None,
        actor=coordinator,
    )
    page = client.get(log).content.decode()
    assert "Fortnightly at first" in page and "Trust A" in page
    assert "Version 2" in page or "version 2" in page


def test_disposition_view_rejects_other_methods(login, coordinator, lead_a, draft):
    open_consultation(draft)
    response = respond(draft, lead_a)
    url = f"/standards/responses/{response.pk}/disposition/"
    assert login(coordinator).put(url).status_code == 405


def test_coordinator_sees_comment_counts_per_paragraph(
    login, coordinator, lead_a, peer_worker, in_consultation
):
    respond(in_consultation, lead_a, paragraph=3)
    respond(in_consultation, peer_worker, paragraph=3)
    page = login(coordinator).get(V1).content.decode()
    assert "2 comments on paragraph 3" in page


def test_lead_comments_on_several_paragraphs_changes_and_removes_one(
    login, lead_a, in_consultation
):
    respond(in_consultation, lead_a)
    client = login(lead_a)
    for paragraph, text in ((2, "Name the supervisor"), (4, "Quarterly is too rare")):
        page = client.post(V1 + "comments/new/", {"paragraph": paragraph, "text": text})
        assert page.status_code == 302
    comments = list(C.objects.order_by("paragraph"))
    assert [c.paragraph for c in comments] == [2, 4]
    client.post(
        f"/standards/comments/{comments[1].pk}/edit/",
        {"paragraph": 3, "text": "Group supervision monthly"},
    )
    comments[1].refresh_from_db()
    assert comments[1].paragraph == 3 and comments[1].text.startswith("Group")
    question = client.get(f"/standards/comments/{comments[0].pk}/delete/")
    assert "Are you sure you want to remove your comment" in question.content.decode()
    assert C.objects.count() == 2  # asking removes nothing
    client.post(f"/standards/comments/{comments[0].pk}/delete/")
    assert list(C.objects.values_list("paragraph", flat=True)) == [3]


def test_comment_needs_a_response_first_and_a_real_paragraph(
    login, lead_a, in_consultation
):
    client = login(lead_a)
    assert client.get(V1 + "comments/new/").status_code == 403
    respond(in_consultation, lead_a)
    page = client.post(V1 + "comments/new/", {"paragraph": 0, "text": "x"})
    assert page.context["form"].errors["paragraph"]
    page = client.post(V1 + "comments/new/", {"paragraph": 2, "text": ""})
    assert page.context["form"].errors["text"] == ["Enter your comment"]
    assert not C.objects.exists()


def test_comments_are_locked_after_the_close_date(login, lead_a, in_consultation):
    response = respond(in_consultation, lead_a)
    comment = C.objects.create(response=response, paragraph=2, text="Keep")
    in_consultation.consultation_opens -= timedelta(days=40)
    in_consultation.consultation_closes = timezone.localdate() - timedelta(days=1)
    in_consultation.save()
    client = login(lead_a)
    assert client.post(f"/standards/comments/{comment.pk}/delete/").status_code == 403
    assert (
        client.post(V1 + "comments/new/", {"paragraph": 3, "text": "x"}).status_code
        == 403
    )
    assert list(C.objects.values_list("text", flat=True)) == ["Keep"]


def test_each_paragraph_comment_gets_its_own_published_disposition(
    login, client, coordinator, lead_a, in_consultation
):
    response = respond(in_consultation, lead_a, comments="")
    comment = C.objects.create(response=response, paragraph=3, text="Fortnightly")
    login(coordinator).post(
        f"/standards/comments/{comment.pk}/disposition/",
        {"disposition": "accepted", "disposition_reason": "Now fortnightly at first"},
    )
    comment.refresh_from_db()
    assert comment.disposition == "accepted" and comment.disposition_by == coordinator
    log = login(coordinator).get(V1 + "you-said-we-did/").content.decode()
    assert "on paragraph 3" in log and "Now fortnightly at first" in log
