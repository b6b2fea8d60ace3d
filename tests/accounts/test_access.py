"""Roles, MFA enforcement, invitations and allauth's safety features."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_coordinator_without_mfa_is_sent_to_set_it_up_before_anything_else(
    login, coordinator_without_mfa
):
    response = login(coordinator_without_mfa).get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_trust_lead_without_mfa_is_not_forced(login, lead_a):
    assert login(lead_a).get("/dashboard/").status_code == 200


def test_admin_site_requires_mfa_and_staff(
    login, coordinator_without_mfa, admin_user, coordinator
):
    assert login(coordinator_without_mfa).get("/admin/").status_code == 302
    login(coordinator)
    response = login(coordinator).get("/admin/")
    assert response.status_code == 302 and "login" in response["Location"]
    assert login(admin_user).get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "who, expected",
    [(None, 302), ("peer_worker", 403), ("lead_a", 403), ("coordinator", 200)],
)
def test_only_coordinators_can_open_people_and_invite(login, personas, who, expected):
    client = login(personas[who] if who else None)
    for url in ("/accounts/people/", "/accounts/people/invite/"):
        assert client.get(url).status_code == expected


def test_trust_lead_cannot_post_an_invitation(login, lead_a, trust_a):
    before = User.objects.count()
    response = login(lead_a).post(
        "/accounts/people/invite/",
        {"full_name": "X", "email": "x@example.test", "role": "coordinator"},
    )
    assert response.status_code == 403
    assert User.objects.count() == before


def test_coordinator_invites_trust_lead_who_sets_a_password(
    login, coordinator, trust_a, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(coordinator).post(
            "/accounts/people/invite/",
            {
                "full_name": "Nia New",
                "email": "Nia@Example.test",
                "role": "trust_lead",
                "trust": trust_a.pk,
            },
        )
    assert response.status_code == 302
    invited = User.objects.get(email="nia@example.test")
    assert invited.role == "trust_lead" and invited.trust == trust_a
    assert not invited.has_usable_password()
    assert len(mail.outbox) == 1 and "invited" in mail.outbox[0].body
    link = next(w for w in mail.outbox[0].body.split() if "/accounts/invitation/" in w)
    path = link.split("8000", 1)[-1] if "8000" in link else link
    client.logout()
    response = client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.check_password(PASSWORD)
    assert invited.emailaddress_set.get().verified
    assert client.get(path).status_code == 404  # the link works once


def test_invite_trust_lead_without_trust_shows_a_specific_error(login, coordinator):
    response = login(coordinator).post(
        "/accounts/people/invite/",
        {"full_name": "No Trust", "email": "nt@example.test", "role": "trust_lead"},
    )
    assert response.status_code == 200
    assert "Select the trust this trust lead looks after" in response.content.decode()
    assert not User.objects.filter(email="nt@example.test").exists()


def test_trust_lead_must_have_a_trust_in_the_database(trust_a):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("orphan@example.test", PASSWORD, role="trust_lead")


def test_peer_worker_can_sign_up_and_is_only_ever_a_peer_worker(client, trust_a):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new.peer@example.test",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "full_name": "New Peer",
            "employer_trust": trust_a.pk,
            "role": "coordinator",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.peer@example.test")
    assert user.role == "peer_worker" and user.employer_trust == trust_a
    assert not user.emailaddress_set.get().verified  # verification is mandatory


def test_password_reset_does_not_reveal_whether_an_account_exists(client, peer_worker):
    known = client.post(reverse("account_reset_password"), {"email": peer_worker.email})
    unknown = client.post(
        reverse("account_reset_password"), {"email": "nobody@example.test"}
    )
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_login_is_rate_limited_after_repeated_failures(client, peer_worker):
    def attempt(password):
        return client.post(
            reverse("account_login"), {"login": peer_worker.email, "password": password}
        )

    for _ in range(5):
        assert "Too many failed login attempts" not in attempt("wrong").content.decode()
    # The sixth try is refused even with the right password.
    blocked = attempt(PASSWORD)
    assert "Too many failed login attempts" in blocked.content.decode()
    assert client.get("/dashboard/").status_code == 302


def test_logout_needs_post(login, peer_worker):
    client = login(peer_worker)
    client.get(reverse("account_logout"))
    assert client.get("/dashboard/").status_code == 200
    client.post(reverse("account_logout"))
    assert client.get("/dashboard/").status_code == 302
