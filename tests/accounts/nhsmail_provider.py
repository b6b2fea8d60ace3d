"""A real OpenID Connect provider on loopback, and a person using it over HTTP.

`running_provider` starts `tests/oidcprovider` (django-oidc-provider) in a
subprocess on a free 127.0.0.1 port; `Person` drives the whole journey with
`requests` through the service's live server and the provider: the sign-in
page's button, the provider's sign-in page, the redirects, and the service's
own back-channel code exchange. Nothing is mocked.
"""

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import requests

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "nwpsw-test"
CLIENT_SECRET = "test-client-secret-not-for-real-use"
OTHER_CLIENT_ID = "another-service"
CALLBACK_PATH = "/accounts/oidc/nhsmail/login/callback/"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Provider:
    url: str  # the issuer

    @property
    def origin(self) -> str:
        return self.url.rsplit("/openid", 1)[0]


@contextlib.contextmanager
def running_provider(service_url: str, work_dir: Path):
    """The provider, with this service (and another) registered as clients."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    clients = [
        {"client_id": c, "secret": s, "redirect_uri": service_url + CALLBACK_PATH}
        for c, s in ((CLIENT_ID, CLIENT_SECRET), (OTHER_CLIENT_ID, "other-secret"))
    ]
    env = {
        **os.environ,
        "OIDC_TEST_DIR": str(work_dir),
        "OIDC_TEST_SITE_URL": origin,
        "OIDC_TEST_CLIENTS": json.dumps(clients),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = open(work_dir / "provider.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidcprovider.serve", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        try:
            _wait_until_up(origin + "/openid/.well-known/openid-configuration", process)
        except RuntimeError as error:
            log.flush()
            output = (work_dir / "provider.log").read_text()[-2000:]
            raise RuntimeError(f"{error}; its output:\n{output}") from None
        yield Provider(url=origin + "/openid")
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def _wait_until_up(url: str, process, timeout: float = 120) -> None:
    # Generous: it migrates and makes an RSA key first, on a shared machine.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"test provider exited with {process.returncode}")
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"test provider did not answer at {url}")


class Person:
    """Someone with a browser-like cookie jar, using the service and NHSmail."""

    def __init__(self, service_url: str):
        self.service_url = service_url
        self.http = requests.Session()

    def start(self) -> str:
        """Press "Sign in with NHSmail"; return where the service sends us
        (the provider's authorisation URL, with its state)."""
        page = self.http.get(self.service_url + "/accounts/login/", timeout=10)
        token = CSRF_INPUT.search(page.text).group(1)
        response = self.http.post(
            self.service_url + "/accounts/oidc/nhsmail/login/",
            data={"csrfmiddlewaretoken": token},
            allow_redirects=False,
            timeout=10,
        )
        assert response.status_code == 302, response.status_code
        return response.headers["Location"]

    def authorise(self, authorize_url: str, **claims) -> str:
        """Sign in at the provider with these claims; return the callback URL
        it sends back (code and state), without following it yet."""
        idp_login = self.http.get(authorize_url, allow_redirects=False, timeout=10)
        login_url = urljoin(authorize_url, idp_login.headers["Location"])
        form = {
            "email": claims["email"],
            "name": claims.get("name", "Sam Example"),
            "email_verified": "true" if claims.get("email_verified", True) else "false",
            "amr": " ".join(claims.get("amr", [])),
            "audience": claims.get("audience", ""),
            "next": parse_qs(urlsplit(login_url).query)["next"][0],
        }
        response = self.http.post(login_url, data=form, allow_redirects=False)
        while response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if location.startswith(self.service_url + CALLBACK_PATH):
                return location
            response = self.http.get(location, allow_redirects=False, timeout=10)
        raise AssertionError(f"provider did not send us back: {response.status_code}")

    def finish(self, callback_url: str) -> requests.Response:
        return self.http.get(callback_url, timeout=30)

    def sign_in(self, **claims) -> requests.Response:
        return self.finish(self.authorise(self.start(), **claims))

    def get(self, path: str) -> requests.Response:
        return self.http.get(self.service_url + path, timeout=10)
