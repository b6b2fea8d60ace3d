"""Editing drafts: optimistic concurrency, history, sanitising and size limits."""

import pytest

from standards import services
from standards.forms import BODY_MAX_CHARS
from standards.models import StandardVersion as V
from tests.standards.conftest import BODY

pytestmark = pytest.mark.django_db
EDIT = "/standards/NWPSW-S03/versions/1/edit/"


def test_coordinator_saves_a_draft_and_the_edit_is_kept(login, coordinator, draft):
    response = login(coordinator).post(
        EDIT, {"body": BODY + "\n\nA new paragraph.", "revision": draft.revision}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.body.endswith("A new paragraph.") and draft.revision == 2
    assert list(draft.edits.values_list("revision", flat=True)) == [2]


def test_second_of_two_concurrent_edits_is_refused_and_both_texts_survive(
    login, coordinator, admin_user, draft
):
    opened_at = draft.revision  # both coordinators opened the form at revision 1
    first = login(coordinator).post(
        EDIT, {"body": "Alice's text.", "revision": opened_at}
    )
    assert first.status_code == 302
    second = login(admin_user).post(
        EDIT, {"body": "Bob's text.", "revision": opened_at}
    )
    assert second.status_code == 200
    page = second.content.decode()
    assert "Your changes were not saved" in page
    assert "Alice&#x27;s text." in page and "Bob&#x27;s text." in page
    assert second.context["form"]["body"].value() == "Bob's text."
    assert second.context["form"]["revision"].value() == 2  # re-save is deliberate
    draft.refresh_from_db()
    assert draft.body == "Alice's text." and draft.revision == 2


def test_concurrent_service_saves_cannot_both_win(coordinator, draft):
    services.standard_version_edit(
        version=draft,
        body="one",
        summary_of_changes="",
        expected_revision=1,
        actor=coordinator,
    )
    stale = V.objects.get(pk=draft.pk)
    stale.revision = 1
    with pytest.raises(services.EditConflict) as conflict:
        services.standard_version_edit(
            version=stale,
            body="two",
            summary_of_changes="",
            expected_revision=1,
            actor=coordinator,
        )
    assert conflict.value.current.body == "one"
    assert conflict.value.attempted_body == "two"
    assert draft.edits.count() == 1


def test_editing_a_version_in_consultation_is_refused(
    login, coordinator, in_consultation
):
    response = login(coordinator).post(EDIT, {"body": "Changed", "revision": 1})
    assert response.status_code == 302
    in_consultation.refresh_from_db()
    assert in_consultation.body == BODY


def test_version_2_needs_a_summary_of_changes(login, coordinator, approved):
    v2 = services.standard_version_start_next(
        standard=approved.standard, summary_of_changes="Why", actor=coordinator
    )
    response = login(coordinator).post(
        "/standards/NWPSW-S03/versions/2/edit/",
        {"body": "New", "summary_of_changes": "", "revision": v2.revision},
    )
    assert response.context["form"].errors["summary_of_changes"]
    v2.refresh_from_db()
    assert v2.body == BODY


def test_a_200kb_body_gets_a_clear_message_and_nothing_is_saved(
    login, coordinator, draft
):
    huge = "<script>alert(1)</script> word " * 7000
    response = login(coordinator).post(EDIT, {"body": huge, "revision": 1})
    errors = response.context["form"].errors["body"]
    assert f"{BODY_MAX_CHARS:,}" in errors[0] or str(BODY_MAX_CHARS) in errors[0]
    draft.refresh_from_db()
    assert draft.body == BODY and draft.revision == 1


def test_pasted_html_and_scripts_are_removed_when_shown(client, login, coordinator):
    from tests.standards.conftest import approve, make_meeting

    login(coordinator).post(
        "/standards/new/",
        {
            "code": "NWPSW-S11",
            "title": "Pasted",
            "area": "induction",
            "owner": coordinator.pk,
            "review_period_months": 24,
            "body": '<script>alert("x")</script>\n\n<img src=x onerror=alert(1)>'
            "\n\n**Bold** and [link](javascript:alert(1))",
        },
    )
    version = V.objects.get(standard__code="NWPSW-S11")
    approve(version, make_meeting())
    page = client.get(version.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "onerror" not in page
    assert "javascript:" not in page and "<strong>Bold</strong>" in page


def test_history_shows_each_saved_text_with_word_changes(login, coordinator, draft):
    services.standard_version_edit(
        version=draft,
        body=BODY.replace("monthly", "fortnightly"),
        summary_of_changes="",
        expected_revision=1,
        actor=coordinator,
    )
    services.standard_version_edit(
        version=draft,
        body=BODY.replace("monthly", "weekly"),
        summary_of_changes="",
        expected_revision=2,
        actor=coordinator,
    )
    page = login(coordinator).get("/standards/NWPSW-S03/versions/1/history/")
    html = page.content.decode()
    assert "Revision 3" in html and "Revision 2" in html
    assert "fortnightly" in html and "weekly" in html
    assert '<del class="app-diff__del">' in html


@pytest.mark.django_db(transaction=True)
def test_many_simultaneous_saves_of_one_revision_give_exactly_one_success(
    coordinator, draft
):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    def save(n):
        try:
            services.standard_version_edit(
                version=V.objects.get(pk=draft.pk),
                body=f"text {n}",
                summary_of_changes="",
                expected_revision=1,
                actor=coordinator,
            )
            return True
        except services.EditConflict:
            return False
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(save, range(20)))
    assert results.count(True) == 1
    draft.refresh_from_db()
    assert draft.revision == 2 and draft.edits.count() == 1
