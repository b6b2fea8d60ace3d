"""The per-address sign-in failure limit is the README's 300 a minute, so other
people's mistakes behind one shared address do not lock out a right password;
the per-account limit stays 5 failures then 5 minutes (issue 16, low 2)."""

import pytest
from django.test import Client

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
TRUST_NAT = "198.51.100.7"


def sign_in(client, email, password=PASSWORD):
    return client.post(
        LOGIN, {"login": email, "password": password}, REMOTE_ADDR=TRUST_NAT
    )


def fail_from_the_address(times: int) -> None:
    """Different people (one failure each) behind the trust's one address."""
    client = Client()
    for i in range(times):
        response = sign_in(client, f"colleague{i}@example.test", "wrong-password-1")
        assert response.status_code == 200


def count_failures_from_the_address(times: int) -> None:
    """What `times` failed sign-ins for different accounts record, counted
    through allauth's own limiter (posting 300 forms would take a minute)."""
    from allauth.core import ratelimit
    from django.test import RequestFactory

    request = RequestFactory().post(LOGIN, REMOTE_ADDR=TRUST_NAT)
    for i in range(times):
        assert ratelimit.consume(
            request, action="login_failed", key=f"testserver:colleague{i}@example.test"
        )


def test_colleagues_mistakes_do_not_lock_out_a_right_password(lead_a):
    fail_from_the_address(12)  # the old limit was 10 a minute
    assert sign_in(Client(), lead_a.email).status_code == 302


def test_the_address_limit_is_300_failures_a_minute(lead_a):
    count_failures_from_the_address(298)
    fail_from_the_address(1)  # 299 failures: a right password still works
    assert sign_in(Client(), lead_a.email).status_code == 302
    sign_in(Client(), "one.more@example.test", "wrong-password-1")  # the 300th
    response = sign_in(Client(), lead_a.email)
    assert response.status_code == 200
    assert b"Too many failed login attempts" in response.content


def test_five_failures_lock_that_account_for_five_minutes(lead_a, lead_b):
    client = Client()
    for _ in range(5):
        sign_in(client, lead_a.email, "wrong-password-1")
    assert b"Too many failed" in sign_in(Client(), lead_a.email).content
    assert sign_in(Client(), lead_b.email).status_code == 302
