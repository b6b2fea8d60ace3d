"""Changing the password needs a fresh sign-in, as the README promises
(issue 16, low 1): a session left open on a shared computer is not enough."""

import pytest

from tests.conftest import PASSWORD
from tests.security.test_data_protection import recent_auth

pytestmark = pytest.mark.django_db
PAGE = "/accounts/password/change/"
NEW = "a-brand-new-passphrase-2027"
BODY = {"oldpassword": PASSWORD, "password1": NEW, "password2": NEW}


def test_the_form_asks_to_confirm_it_is_you_first(client_for):
    response = client_for("lead_a").get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")


def test_a_post_without_a_fresh_sign_in_changes_nothing(client_for, lead_a):
    client = client_for("lead_a")
    response = client.post(PAGE, BODY)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    lead_a.refresh_from_db()
    assert lead_a.check_password(PASSWORD)
    # The passwords it carried are not parked in the session for later.
    assert NEW not in str(dict(client.session))


def test_after_confirming_it_is_you_the_password_changes(client_for, lead_a):
    client = recent_auth(client_for("lead_a"), lead_a)
    assert client.get(PAGE).status_code == 200
    response = client.post(PAGE, BODY)
    assert response.status_code == 302
    lead_a.refresh_from_db()
    assert lead_a.check_password(NEW)
