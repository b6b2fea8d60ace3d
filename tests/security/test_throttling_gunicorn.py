"""SEC-14 against real gunicorn with two workers: the limit is shared.

The test client runs in one process, so it cannot show that the login limit
holds when attempts land on different workers. Here a real gunicorn (two
worker processes) serves the test database and the attempts go over HTTP.
"""

import re
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

pytestmark = pytest.mark.django_db(transaction=True)
GOOD = "a-long-gunicorn-test-password-77"


def attempt(base: str, email: str, password: str) -> tuple[int, str]:
    """One sign-in from a fresh browser (new cookies): status and where it went."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/accounts/login/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "login": email, "password": password}
    ).encode()
    request = urllib.request.Request(
        base + "/accounts/login/", data=data, headers={"Referer": base + "/"}
    )
    try:
        response = opener.open(request, timeout=10)
        return response.status, response.geturl()
    except urllib.error.HTTPError as error:
        return error.code, error.geturl()


def test_login_limit_holds_across_two_gunicorn_workers(settings, gunicorn_server):
    from tests.conftest import make_user

    # gunicorn verifies with the production hashers, so hash the real way.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = make_user("gunicorn@example.test", "peer_worker")
    user.set_password(GOOD)
    user.save()

    assert attempt(gunicorn_server, user.email, GOOD)[1].endswith("/dashboard/")
    for _ in range(5):
        status, url = attempt(gunicorn_server, user.email, "wrong-password-123")
        assert status == 200 and url.endswith("/accounts/login/")
    status, url = attempt(gunicorn_server, user.email, GOOD)
    assert not url.endswith("/dashboard/"), "sixth attempt signed in"
