"""Shared fixtures: one persona per role, and Celery run eagerly for unit tests.

Personas: anonymous, peer worker, trust lead A, trust lead B,
coordinator (with TOTP), admin. Trust A and Trust B are separate member trusts.
"""

from datetime import date

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from config.celery import app as celery_app
from network.models import ICB, MemberTrust

PASSWORD = "a-long-test-password-123"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"


@pytest.fixture(autouse=True)
def _celery_eager():
    """Unit tests run tasks in-process; integration tests start a real worker."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files (meeting papers) go to a per-test folder, never var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_figures_cache():
    """With CACHE_URL on Redis the cached figures outlive each test's rolled-back
    database; start every test with them stale (the database cache rolls back)."""
    from django.core.cache import caches

    from core import workhome
    from workforce import figures_cache

    if "DatabaseCache" not in type(caches[figures_cache.ALIAS]).__name__:
        figures_cache._bump()
        workhome._bump()  # work home counts, in the same cache
    figures_cache._state.update(down_until=0.0, pending_invalidation=False)


def make_trust(short: str, **extra) -> MemberTrust:
    fields = {
        "name": f"{short} NHS Foundation Trust",
        "short_name": short,
        "icb": ICB.CHESHIRE_MERSEYSIDE,
        "joined_on": date(2016, 3, 15),
    }
    fields.update(extra)
    return MemberTrust.objects.create(**fields)


def make_user(email: str, role: str, *, trust=None, totp=False, **extra):
    from accounts.models import User

    user = User.objects.create_user(
        email=email,
        password=PASSWORD,
        full_name=email.split("@")[0].title(),
        role=role,
        trust=trust,
        **extra,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if totp:
        TOTP.activate(user, TOTP_SECRET)
    return user


def current_totp_code(secret: str = TOTP_SECRET) -> str:
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def trust_a(db):
    return make_trust("Trust A")


@pytest.fixture
def trust_b(db):
    return make_trust("Trust B", icb=ICB.GREATER_MANCHESTER)


@pytest.fixture
def peer_worker(db):
    return make_user("peer@example.test", "peer_worker")


@pytest.fixture
def lead_a(trust_a):
    return make_user("lead.a@example.test", "trust_lead", trust=trust_a)


@pytest.fixture
def lead_b(trust_b):
    return make_user("lead.b@example.test", "trust_lead", trust=trust_b)


@pytest.fixture
def coordinator(db):
    return make_user("coordinator@example.test", "coordinator", totp=True)


@pytest.fixture
def admin_user(db):
    return make_user(
        "admin@example.test", "coordinator", totp=True, is_staff=True, is_superuser=True
    )


@pytest.fixture
def coordinator_without_mfa(db):
    return make_user("new.coordinator@example.test", "coordinator")


def _login_with_mfa(client, user):
    """Log a persona in, as if they had completed MFA where they have it."""
    client.force_login(user)
    if Authenticator.objects.filter(user=user).exists():
        session = client.session
        session["account_authentication_methods"] = [
            {"method": "password", "at": 0, "email": user.email},
            {"method": "mfa", "at": 0, "type": "totp"},
        ]
        session.save()
    return client


@pytest.fixture
def login(client):
    """`login(user)` returns the test client signed in as that persona."""

    def _login(user):
        if user is None:
            return client
        return _login_with_mfa(client, user)

    return _login


@pytest.fixture
def personas(db, peer_worker, lead_a, lead_b, coordinator, admin_user):
    """Every role, keyed by name, for permission matrices (None is anonymous)."""
    return {
        "anonymous": None,
        "peer_worker": peer_worker,
        "lead_a": lead_a,
        "lead_b": lead_b,
        "coordinator": coordinator,
        "admin": admin_user,
    }


def pytest_collection_modifyitems(config, items):
    """Transactional tests (live server, real workers) flush every table when
    they finish, which would also wipe the reference rows the data migrations
    load (HEE competence domains, ImROC checklist items) for every later test.
    Serialized rollback puts the database back as the migrations left it."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction"):
            continue
        if "serialized_rollback" in marker.kwargs:
            continue
        kwargs = {**marker.kwargs, "serialized_rollback": True}
        item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


@pytest.fixture(scope="session", autouse=True)
def _audit_triggers_lifted_for_test_flush():
    """Transactional tests empty every table when they finish; the audit
    trail's triggers (audit/0003) rightly refuse that. The test harness alone
    lifts them for the flush, inside the flush's own transaction, so a failed
    flush leaves them in place."""
    from importlib import import_module

    from django.db import connection

    guard = import_module("audit.migrations.0003_database_retention_guard")
    ops_class = type(connection.ops)
    original = ops_class.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        if not any("audit_auditevent" in statement for statement in sql_list):
            return original(self, sql_list)
        if self.connection.vendor == "postgresql":
            before = ["SET LOCAL session_replication_role = replica"]
            after = ["SET LOCAL session_replication_role = DEFAULT"]
        else:
            before = [s for s in guard.SQLITE_BACKWARD if "TRIGGER" in s]
            after = list(guard.SQLITE_TRIGGERS)
        return original(self, [*before, *sql_list, *after])

    ops_class.execute_sql_flush = execute_sql_flush
    yield
    ops_class.execute_sql_flush = original
