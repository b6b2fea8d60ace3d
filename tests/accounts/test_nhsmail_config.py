"""Sign in with NHSmail is there only when configured from the environment."""

import pytest
from allauth.socialaccount.models import SocialApp
from django.urls import reverse

from accounts import nhsmail

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/oidc/nhsmail/login/"
CALLBACK = "/accounts/oidc/nhsmail/login/callback/"


@pytest.fixture
def unconfigured(settings):
    settings.NHSMAIL_OIDC_SERVER_URL = settings.NHSMAIL_OIDC_TENANT = ""
    settings.NHSMAIL_OIDC_CLIENT_ID = settings.NHSMAIL_OIDC_CLIENT_SECRET = ""


def test_not_configured_no_button_and_no_pages(client, unconfigured):
    page = client.get(reverse("account_login"))
    assert page.status_code == 200
    assert "NHSmail" not in page.content.decode()
    for url in (LOGIN, CALLBACK):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404


def test_an_app_in_the_database_does_not_switch_it_on(client, unconfigured):
    SocialApp.objects.create(
        provider="openid_connect",
        provider_id="nhsmail",
        name="NHSmail",
        client_id="from-the-admin",
        settings={"server_url": "http://127.0.0.1:9/"},
    )
    assert client.post(LOGIN).status_code == 404
    assert "NHSmail" not in client.get(reverse("account_login")).content.decode()


def test_configured_the_sign_in_page_has_the_button(client, settings, unconfigured):
    settings.NHSMAIL_OIDC_TENANT = "example-tenant-id"
    settings.NHSMAIL_OIDC_CLIENT_ID = "client"
    page = client.get(reverse("account_login") + "?next=/training/")
    html = page.content.decode()
    assert f'action="{LOGIN}"' in html
    assert "Sign in with NHSmail" in html
    assert 'name="next" value="/training/"' in html
    assert nhsmail.server_url() == (
        "https://login.microsoftonline.com/example-tenant-id/v2.0"
    )
    # Passwords keep working beside it.
    assert 'name="password"' in html
