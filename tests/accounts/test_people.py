"""Coordinators manage people: roles, trust leads, deactivation, invitations."""

import pytest
from django.core import mail
from django.test import Client

from accounts.models import User
from api.models import ApiToken
from audit.models import AuditEvent
from core.leads import reminder_leads
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def coord(login, coordinator):
    return login(coordinator)


def _post(client, url, data=None, capture=None):
    if capture is None:
        return client.post(url, data or {})
    with capture(execute=True):
        return client.post(url, data or {})


def test_people_list_filters_by_role_trust_and_search(coord, personas, trust_a):
    page = coord.get("/accounts/people/?role=trust_lead")
    assert b"lead.a@example.test" in page.content
    assert b"peer@example.test" not in page.content
    page = coord.get(f"/accounts/people/?trust={trust_a.pk}")
    assert b"lead.a@example.test" in page.content
    assert b"lead.b@example.test" not in page.content
    page = coord.get("/accounts/people/?q=peer")
    assert b"peer@example.test" in page.content
    assert b"lead.a@example.test" not in page.content


def test_people_list_finds_invited_and_unverified(coord, personas):
    invited = User.objects.create_user(email="new@example.test", full_name="New")
    invited.set_unusable_password()
    invited.save()
    User.objects.create_user(
        email="unconfirmed@example.test", full_name="Una", password=PASSWORD
    )
    page = coord.get("/accounts/people/?status=invited")
    assert b"new@example.test" in page.content
    assert b"peer@example.test" not in page.content
    # Each filter finds exactly the people the Status column names that way.
    page = coord.get("/accounts/people/?status=unverified")
    assert b"unconfirmed@example.test" in page.content
    assert b"new@example.test" not in page.content
    assert b"peer@example.test" not in page.content
    page = coord.get("/accounts/people/?status=active").content.decode()
    assert "peer@example.test" in page and "unconfirmed@example.test" not in page


def test_person_page_says_unverified_not_active(coord):
    person = User.objects.create_user(
        email="unconfirmed@example.test", full_name="Una", password=PASSWORD
    )
    page = coord.get(f"/accounts/people/{person.pk}/").content.decode()
    account = page[page.index(">Account</dt>") :]
    account = account[: account.index("</div>")]
    assert "Unverified" in account and "Active" not in account


def test_bad_filter_values_show_everyone_not_an_error(coord, personas):
    page = coord.get("/accounts/people/?trust=999999&role=wizard&page=abc")
    assert page.status_code == 200


def test_person_page_shows_mfa_tokens_and_bookings(coord, peer_worker):
    ApiToken.issue(user=peer_worker, name="Rota script")
    page = coord.get(f"/accounts/people/{peer_worker.pk}/").content.decode()
    assert "Rota script" in page
    assert "Authenticator app" in page and "Not set up" in page
    assert "Training bookings (0)" in page


def test_make_existing_peer_worker_a_deputy_lead(
    coord, peer_worker, lead_a, trust_a, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=lead_a.pk).update(is_primary_lead=True)
    response = _post(
        coord,
        f"/accounts/people/{peer_worker.pk}/role/",
        {"role": "trust_lead", "trust": trust_a.pk},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    peer_worker.refresh_from_db()
    assert peer_worker.role == "trust_lead" and peer_worker.trust == trust_a
    assert not peer_worker.is_primary_lead  # lead A stays primary
    event = AuditEvent.objects.filter(
        object_id=str(peer_worker.pk), details__has_key="changed_by_coordinator"
    ).get()
    assert event.details["changed_by_coordinator"]["role"] == [
        "Peer worker",
        "Trust lead",
    ]
    assert [m.to for m in mail.outbox] == [[peer_worker.email]]
    assert "is now Trust lead" in mail.outbox[0].body


def test_new_trust_lead_sees_their_trust_posts_on_the_next_request(
    login, coordinator, peer_worker, trust_a, trust_b
):
    from tests.workforce.conftest import make_post

    post = make_post(trust_a)
    client = Client()
    client.force_login(peer_worker)
    assert client.get(post.get_absolute_url()).status_code in (403, 404)
    coord_client = login(coordinator)
    coord_client.post(
        f"/accounts/people/{peer_worker.pk}/role/",
        {"role": "trust_lead", "trust": trust_a.pk},
    )
    assert client.get(post.get_absolute_url()).status_code == 200
    coord_client.post(
        f"/accounts/people/{peer_worker.pk}/role/",
        {"role": "trust_lead", "trust": trust_b.pk},
    )
    assert client.get(post.get_absolute_url()).status_code == 404


def test_primary_lead_gets_reminders_and_deputies_only_if_they_chose(trust_a, lead_a):
    User.objects.filter(pk=lead_a.pk).update(is_primary_lead=True)
    quiet = make_user("deputy1@example.test", "trust_lead", trust=trust_a)
    copied = make_user(
        "deputy2@example.test", "trust_lead", trust=trust_a, copy_lead_reminders=True
    )
    people = reminder_leads([trust_a.pk])[trust_a.pk]
    assert [p.pk for p in people] == [lead_a.pk, copied.pk]
    assert quiet not in people


def test_making_a_deputy_primary_moves_the_primary(coord, lead_a, trust_a):
    User.objects.filter(pk=lead_a.pk).update(is_primary_lead=True)
    deputy = make_user("deputy@example.test", "trust_lead", trust=trust_a)
    coord.post(
        f"/accounts/people/{deputy.pk}/role/",
        {"role": "trust_lead", "trust": trust_a.pk, "primary": "on"},
    )
    deputy.refresh_from_db()
    lead_a.refresh_from_db()
    assert deputy.is_primary_lead and not lead_a.is_primary_lead


def test_moving_the_primary_lead_promotes_the_next_one(
    coord, lead_a, trust_a, trust_b, lead_b
):
    User.objects.filter(pk__in=[lead_a.pk, lead_b.pk]).update(is_primary_lead=True)
    deputy = make_user("deputy@example.test", "trust_lead", trust=trust_a)
    coord.post(
        f"/accounts/people/{lead_a.pk}/role/",
        {"role": "trust_lead", "trust": trust_b.pk},
    )
    lead_a.refresh_from_db()
    deputy.refresh_from_db()
    assert lead_a.trust == trust_b and not lead_a.is_primary_lead
    assert deputy.is_primary_lead


def test_trust_lead_needs_a_trust(coord, peer_worker):
    response = coord.post(
        f"/accounts/people/{peer_worker.pk}/role/", {"role": "trust_lead"}
    )
    assert response.status_code == 200
    assert "Select the trust this trust lead looks after" in response.content.decode()
    peer_worker.refresh_from_db()
    assert peer_worker.role == "peer_worker"


def test_deactivation_ends_session_and_api_token_on_the_next_request(
    coord, peer_worker
):
    _, raw = ApiToken.issue(user=peer_worker, name="script")
    theirs = Client()
    theirs.post("/accounts/login/", {"login": peer_worker.email, "password": PASSWORD})
    assert theirs.get("/accounts/profile/").status_code == 200
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get("/api/v1/training/bookings/").status_code == 200

    coord.post(f"/accounts/people/{peer_worker.pk}/deactivate/")

    assert theirs.get("/accounts/profile/").status_code == 302
    assert api.get("/api/v1/training/bookings/").status_code == 401
    assert not ApiToken.objects.filter(user=peer_worker, revoked_at=None).exists()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.USER_DEACTIVATED, object_id=str(peer_worker.pk)
    ).exists()


def test_reactivation_lets_them_sign_in_again(coord, peer_worker):
    coord.post(f"/accounts/people/{peer_worker.pk}/deactivate/")
    coord.post(f"/accounts/people/{peer_worker.pk}/reactivate/")
    peer_worker.refresh_from_db()
    assert peer_worker.is_active
    assert Client().login(email=peer_worker.email, password=PASSWORD)


def test_coordinator_cannot_deactivate_or_demote_themselves(coord, coordinator):
    make_user("other.coord@example.test", "coordinator", totp=True)
    coord.post(f"/accounts/people/{coordinator.pk}/deactivate/")
    coord.post(f"/accounts/people/{coordinator.pk}/role/", {"role": "peer_worker"})
    coordinator.refresh_from_db()
    assert coordinator.is_active and coordinator.role == "coordinator"


def test_last_active_coordinator_cannot_be_demoted(login, coordinator):
    other = make_user("second@example.test", "coordinator", totp=True)
    client = login(other)
    client.post(f"/accounts/people/{other.pk}/deactivate/")  # self: refused
    # Coordinator deactivates `other`; now `coordinator` is the last one.
    login(coordinator).post(f"/accounts/people/{other.pk}/deactivate/")
    other.refresh_from_db()
    assert not other.is_active
    response = login(coordinator).post(
        f"/accounts/people/{coordinator.pk}/role/", {"role": "peer_worker"}
    )
    assert response.status_code == 200
    coordinator.refresh_from_db()
    assert coordinator.role == "coordinator"


def test_admin_may_deactivate_a_coordinator_who_is_not_the_last(
    login, admin_user, coordinator
):
    # The admin account is a coordinator too, so coordinator is not the last.
    response = login(admin_user).post(f"/accounts/people/{coordinator.pk}/deactivate/")
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert not coordinator.is_active  # admin is still an active coordinator


def test_new_coordinator_must_set_up_mfa_first(login, coordinator, peer_worker):
    login(coordinator).post(
        f"/accounts/people/{peer_worker.pk}/role/", {"role": "coordinator"}
    )
    client = Client()
    client.force_login(peer_worker)
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "totp" in response["Location"]


def test_resend_and_cancel_an_invitation(
    coord, coordinator, django_capture_on_commit_callbacks
):
    invited = User.objects.create_user(email="inv@example.test", full_name="Inv")
    invited.set_unusable_password()
    invited.save()
    _post(
        coord,
        f"/accounts/people/{invited.pk}/invitation/resend/",
        capture=django_capture_on_commit_callbacks,
    )
    _post(
        coord,
        f"/accounts/people/{invited.pk}/invitation/resend/",
        capture=django_capture_on_commit_callbacks,
    )
    assert [m.to for m in mail.outbox] == [["inv@example.test"]] * 2
    coord.post(f"/accounts/people/{invited.pk}/invitation/cancel/")
    assert not User.objects.filter(pk=invited.pk).exists()


def test_cannot_cancel_the_invitation_of_someone_set_up(coord, peer_worker):
    response = coord.post(f"/accounts/people/{peer_worker.pk}/invitation/cancel/")
    assert response.status_code == 302
    assert User.objects.filter(pk=peer_worker.pk).exists()


@pytest.mark.parametrize("who", ["peer_worker", "lead_a", "lead_b"])
def test_others_are_refused_and_nothing_changes(login, personas, who, peer_worker):
    target = make_user("target@example.test", "peer_worker")
    client = login(personas[who])
    for path in ("deactivate", "role", "invitation/cancel"):
        response = client.post(
            f"/accounts/people/{target.pk}/{path}/", {"role": "coordinator"}
        )
        assert response.status_code == 403
    target.refresh_from_db()
    assert target.is_active and target.role == "peer_worker"


def test_unknown_person_is_not_found(coord):
    assert coord.get("/accounts/people/999999/").status_code == 404
    assert coord.post("/accounts/people/999999/deactivate/").status_code == 404
