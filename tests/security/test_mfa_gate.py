"""SEC-17: a coordinator without an authenticator reaches only the sign-in and
MFA set-up pages, not the coordinator pages that happen to live under /accounts/."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    ["accounts:people", "accounts:invite", "accounts:profile", "accounts:my-data"],
)
def test_coordinator_without_totp_cannot_use_account_app_pages(
    login, coordinator_without_mfa, name
):
    response = login(coordinator_without_mfa).get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("name", ["mfa_index", "account_logout", "mfa_activate_totp"])
def test_coordinator_without_totp_can_still_set_it_up_or_leave(
    login, coordinator_without_mfa, name
):
    response = login(coordinator_without_mfa).get(reverse(name))
    assert response.get("Location") != reverse("mfa_activate_totp") or (
        name == "mfa_activate_totp"
    )
