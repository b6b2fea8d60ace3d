"""Your account: people change their own details in one place."""

import pytest

pytestmark = pytest.mark.django_db


def test_peer_worker_changes_name_job_title_and_employer(login, peer_worker, trust_a):
    response = login(peer_worker).post(
        "/accounts/profile/edit/",
        {
            "full_name": "Pat Example",
            "job_title": "Senior peer support worker",
            "employer_trust": trust_a.pk,
            "copy_lead_on_bookings": "on",
        },
    )
    assert response.status_code == 302
    peer_worker.refresh_from_db()
    assert peer_worker.full_name == "Pat Example"
    assert peer_worker.employer_trust == trust_a
    assert peer_worker.copy_lead_on_bookings
    page = login(peer_worker).get("/accounts/profile/").content.decode()
    assert "Senior peer support worker" in page and trust_a.name in page


def test_blank_name_and_unknown_employer_are_refused_and_nothing_saved(
    login, peer_worker
):
    before = peer_worker.full_name
    response = login(peer_worker).post(
        "/accounts/profile/edit/",
        {"full_name": "  ", "job_title": "x", "employer_trust": "99999"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter your full name" in page or "Enter full name" in page
    assert "from the list" in page
    peer_worker.refresh_from_db()
    assert peer_worker.full_name == before and peer_worker.job_title == ""


def test_nobody_changes_their_own_role_or_trust_here(login, lead_a, trust_b):
    login(lead_a).post(
        "/accounts/profile/edit/",
        {"full_name": "Lead", "role": "coordinator", "trust": trust_b.pk},
    )
    lead_a.refresh_from_db()
    assert lead_a.role == "trust_lead" and lead_a.trust != trust_b


def test_only_deputies_see_the_copy_reminders_choice(login, lead_a, trust_a):
    from tests.conftest import make_user

    deputy = make_user("deputy@example.test", "trust_lead", trust=trust_a)
    lead_a.is_primary_lead = True
    lead_a.save()
    assert (
        "copy_lead_reminders"
        not in login(lead_a).get("/accounts/profile/edit/").content.decode()
    )
    login(deputy).post(
        "/accounts/profile/edit/", {"full_name": "D", "copy_lead_reminders": "on"}
    )
    deputy.refresh_from_db()
    assert deputy.copy_lead_reminders
