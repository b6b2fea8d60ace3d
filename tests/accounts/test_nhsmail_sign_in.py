"""Sign in with NHSmail, end to end against a real OpenID Connect provider
(django-oidc-provider in a subprocess on loopback, `tests/oidcprovider`):
every request goes over HTTP through the service's live server and the
provider, the code exchange included. Nothing is mocked."""

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount

from accounts.models import User
from audit.models import AuditEvent
from tests.accounts.nhsmail_provider import (
    CALLBACK_PATH,
    CLIENT_ID,
    CLIENT_SECRET,
    CSRF_INPUT,
    OTHER_CLIENT_ID,
    Person,
    running_provider,
)
from tests.conftest import PASSWORD, current_totp_code, make_user

pytestmark = pytest.mark.django_db(transaction=True)
Action = AuditEvent.Action


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory):
    with running_provider(live_server.url, tmp_path_factory.mktemp("idp")) as idp:
        yield idp


@pytest.fixture
def nhsmail(settings, live_server, provider):
    settings.NHSMAIL_OIDC_SERVER_URL = provider.url
    settings.NHSMAIL_OIDC_CLIENT_ID = CLIENT_ID
    settings.NHSMAIL_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.SITE_URL = live_server.url
    return provider


@pytest.fixture
def person(live_server):
    return Person(live_server.url)


def signed_in(person) -> bool:
    return urlsplit(person.get("/dashboard/").url).path == "/dashboard/"


def second_factor_recorded(user) -> str:
    event = AuditEvent.objects.get(action=Action.NHSMAIL_SIGN_IN, actor=user)
    return event.details["second_factor"]


def snapshot() -> tuple:
    """Everything a refused sign-in must leave as it was."""
    return (
        list(
            User.objects.order_by("pk").values_list("pk", "email", "role", "password")
        ),
        list(EmailAddress.objects.order_by("pk").values_list("email", "verified")),
        SocialAccount.objects.count(),
    )


def refusal(reason: str) -> AuditEvent:
    return AuditEvent.objects.get(action=Action.NHSMAIL_REFUSED, details__reason=reason)


# --- Signing in ---------------------------------------------------------------


def test_existing_account_with_the_verified_address_signs_in(nhsmail, person):
    sam = make_user("sam.example@nhs.net", "peer_worker")
    response = person.sign_in(email="Sam.Example@nhs.net")
    assert response.url.endswith("/dashboard/")
    assert signed_in(person)
    assert second_factor_recorded(sam) == "not required"
    assert AuditEvent.objects.filter(action=Action.LOGIN, actor=sam).exists()
    sam.refresh_from_db()
    assert sam.check_password(PASSWORD), "the password still works"
    assert not SocialAccount.objects.exists(), "no link to the identity is kept"


def test_a_new_address_becomes_a_peer_worker(nhsmail, person):
    response = person.sign_in(email="new.person@nhs.net", name="Alex New")
    assert response.url.endswith("/dashboard/")
    user = User.objects.get(email="new.person@nhs.net")
    assert (user.role, user.trust, user.full_name) == ("peer_worker", None, "Alex New")
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    assert second_factor_recorded(user) == "not required"


def test_no_new_account_when_sign_up_is_closed(nhsmail, person, settings):
    settings.ACCOUNT_ALLOW_SIGNUP = False
    before = snapshot()
    person.sign_in(email="new.person@nhs.net")
    assert not signed_in(person)
    assert snapshot() == before


def test_an_unconfirmed_account_is_confirmed_and_its_password_removed(nhsmail, person):
    """Someone may have signed up with this address before its owner: NHSmail
    proves who owns it, so whoever set that password is locked out."""
    user = make_user("sam.example@nhs.net", "peer_worker")
    EmailAddress.objects.filter(user=user).update(verified=False)
    person.sign_in(email="sam.example@nhs.net")
    assert signed_in(person)
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified


# --- The second factor --------------------------------------------------------


def test_coordinator_without_amr_mfa_is_asked_for_the_services_code(nhsmail, person):
    coordinator = make_user("coord@nhs.net", "coordinator", totp=True)
    response = person.sign_in(email="coord@nhs.net")
    assert response.url.endswith("/accounts/2fa/authenticate/")
    assert not signed_in(person)
    assert second_factor_recorded(coordinator) == "service"
    token = CSRF_INPUT.search(response.text).group(1)
    done = person.http.post(
        response.url, data={"csrfmiddlewaretoken": token, "code": current_totp_code()}
    )
    assert done.url.endswith("/dashboard/")


def test_coordinator_with_amr_mfa_goes_straight_in(nhsmail, person):
    coordinator = make_user("coord@nhs.net", "coordinator", totp=True)
    response = person.sign_in(email="coord@nhs.net", amr=["pwd", "mfa"])
    assert response.url.endswith("/dashboard/")
    assert second_factor_recorded(coordinator) == "nhsmail"


def test_coordinator_without_an_authenticator_must_set_one_up_without_amr_mfa(
    nhsmail, person
):
    coordinator = make_user("coord@nhs.net", "coordinator")
    response = person.sign_in(email="coord@nhs.net", amr=["pwd"])
    # Setting up an authenticator first asks them to confirm who they are.
    assert "next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F" in response.url
    people = person.http.get(
        person.service_url + "/accounts/people/", allow_redirects=False
    )
    assert people.headers["Location"] == "/accounts/2fa/totp/activate/"
    assert second_factor_recorded(coordinator) == "service"


def test_coordinator_without_an_authenticator_is_let_in_with_amr_mfa(nhsmail, person):
    coordinator = make_user("coord@nhs.net", "coordinator")
    person.sign_in(email="coord@nhs.net", amr=["mfa"])
    assert person.get("/accounts/people/").url.endswith("/accounts/people/")
    assert second_factor_recorded(coordinator) == "nhsmail"


# --- Refusals: nothing changes, and the trail says why -------------------------


def test_an_unverified_address_is_refused(nhsmail, person):
    sam = make_user("sam.example@nhs.net", "peer_worker")
    before = snapshot()
    response = person.sign_in(email="sam.example@nhs.net", email_verified=False)
    assert response.status_code == 401
    assert "NHSmail has not confirmed your email address" in response.text
    assert not signed_in(person)
    assert snapshot() == before
    event = refusal("email_not_verified")
    assert (event.actor_id, event.object_id) == (sam.pk, str(sam.pk))


def test_an_unverified_new_address_makes_no_account(nhsmail, person):
    before = snapshot()
    response = person.sign_in(email="new.person@nhs.net", email_verified=False)
    assert response.status_code == 401
    assert snapshot() == before
    assert refusal("email_not_verified").object_repr == "new.person@nhs.net"


def test_an_address_that_is_not_the_accounts_own_is_refused(nhsmail, person):
    """A second (or pending) address on someone's account is not theirs to
    sign in with."""
    owner = make_user("owner@example.test", "peer_worker")
    EmailAddress.objects.create(user=owner, email="other@nhs.net", verified=False)
    before = snapshot()
    response = person.sign_in(email="other@nhs.net")
    assert response.status_code == 401
    assert snapshot() == before
    assert refusal("email_not_primary").actor_id == owner.pk


def test_a_token_for_another_audience_is_refused(nhsmail, person):
    make_user("sam.example@nhs.net", "peer_worker")
    before = snapshot()
    response = person.sign_in(email="sam.example@nhs.net", audience=OTHER_CLIENT_ID)
    assert response.status_code == 401
    assert not signed_in(person)
    assert snapshot() == before
    refusal("id_token_invalid")


def test_a_forged_state_is_refused(nhsmail, person):
    make_user("sam.example@nhs.net", "peer_worker")
    callback = person.authorise(person.start(), email="sam.example@nhs.net")
    query = parse_qs(urlsplit(callback).query)
    forged = (
        callback.split("?")[0]
        + "?"
        + urlencode({"code": query["code"][0], "state": "forged-state"})
    )
    before = snapshot()
    response = person.finish(forged)
    assert response.status_code == 401
    assert not signed_in(person)
    assert snapshot() == before
    refusal("state_mismatch")


def test_a_replayed_response_is_refused(nhsmail, person, live_server):
    make_user("sam.example@nhs.net", "peer_worker")
    callback = person.authorise(person.start(), email="sam.example@nhs.net")
    assert person.finish(callback).url.endswith("/dashboard/")
    person.get("/accounts/logout/")  # a GET only asks; sign out for real
    page = person.get("/accounts/logout/")
    token = CSRF_INPUT.search(page.text).group(1)
    person.http.post(page.url, data={"csrfmiddlewaretoken": token})
    assert not signed_in(person)
    before = snapshot()

    # The same response again: its state was used up.
    assert person.finish(callback).status_code == 401
    refusal("state_mismatch")
    # The same code with a fresh, genuine state: the provider refuses the code.
    authorize = person.start()
    state = parse_qs(urlsplit(authorize).query)["state"][0]
    code = parse_qs(urlsplit(callback).query)["code"][0]
    replay = (
        live_server.url
        + CALLBACK_PATH
        + "?"
        + urlencode({"code": code, "state": state})
    )
    assert person.finish(replay).status_code == 401
    assert not signed_in(person)
    assert snapshot() == before
    refusal("code_refused")
