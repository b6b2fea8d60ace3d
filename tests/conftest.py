"""Shared fixtures: one persona per role, and Celery run eagerly for unit tests.

Personas: anonymous, peer worker, trust lead A, trust lead B,
coordinator (with TOTP), admin. Trust A and Trust B are separate member trusts.
"""

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """A reused test database keeps the database cache table, and with it the
    scan times and counters committed by an earlier run: start empty."""
    with django_db_blocker.unblock():
        _clear_database_caches()


@pytest.fixture(autouse=True)
def _empty_caches_after_committed_tests(request):
    """What a transactional test commits to the database cache (a reminder
    scan time, a rate-limit counter) must not reach the tests after it. Nor may
    cached content type ids: a transactional test's closing flush deletes the
    rows, and one an earlier test created inside its rolled-back transaction
    never existed for the next."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        _clear_database_caches()


def _clear_database_caches():
    from django.core.cache import caches

    for cache in caches.all():
        if "DatabaseCache" in type(cache).__name__:
            cache.clear()


@pytest.fixture(autouse=True)
def _fresh_workhome_counts(request):
    """Work-home counts cached by a committed (transactional) test must not
    leak into the next one: start each database test with them stale."""
    names = set(request.fixturenames)
    for name in ("transactional_db", "db"):
        if name in names:
            request.getfixturevalue(name)  # the database first, then the bump
            from core import workhome_cache

            workhome_cache.generations.bump()
            break


@pytest.fixture(autouse=True)
def _fresh_figures_cache():
    """With CACHE_URL on Redis the cached figures outlive each test's rolled-back
    database; start every test with them stale (the database cache rolls back)."""
    from django.core.cache import caches

    from core import cache_backoff, workhome_cache
    from network import actions_cache
    from workforce import figures_cache

    if "DatabaseCache" not in type(caches[figures_cache.ALIAS]).__name__:
        figures_cache.generations.bump()
        workhome_cache.generations.bump()  # work home counts, in the same cache
        actions_cache.generations.bump()  # the action list's summary, in the same cache
    cache_backoff._state.update(down_until=0.0)
    for cache in (figures_cache, workhome_cache, actions_cache):
        cache.generations.pending_invalidation = False


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


def date_boxes(name: str, day: date | str) -> dict[str, str]:
    """What a browser posts for an NHS.UK date input (day, month and year boxes)
    holding `day`, a date or an ISO string."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


def require_redis():
    """A client of the Redis at TEST_REDIS_URL; the test is skipped, saying
    why, when none answers there."""
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.skip(f"no Redis at {TEST_REDIS_URL} ({exc}): set TEST_REDIS_URL")
    return client


def current_totp_code(secret: str = TOTP_SECRET, *, steps: int = 0) -> str:
    """The authenticator app's code now, or `steps` 30-second steps away."""
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + steps))


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
    _mark_date_sensitive(items)
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


# --- the clock moved ahead (CI's date step) -----------------------------------
# Tests build their data relative to the clock they run under. CI runs the
# date-sensitive ones again with the whole session's clock moved 45 and 400 days
# ahead (a quarter end, a year end, a clock change, a leap day fall somewhere
# else), so a test or a rule that only works on today's date fails there first.
DATE_SENSITIVE = {
    # reminders, lead times, working days, the outbox and its schedule
    "core/test_beat_schedule.py",
    "core/test_lead_times.py",
    "core/test_outbox.py",
    "core/test_workdays.py",
    "network/test_reminders.py",
    "network/test_reminder_calendar.py",
    "standards/test_reminders.py",
    "training/test_reminders.py",
    "workforce/test_reminders.py",
    # RAG and overdue actions, review dates
    "network/test_action_views.py",
    "network/test_tor_views.py",
    "standards/test_version_lifecycle.py",
    # returns and quarter boundaries
    "workforce/test_returns.py",
    "workforce/test_reports.py",
    "workforce/test_board_pack.py",
    # bookings, waiting lists, training date rules
    "training/test_booking_services.py",
    "training/test_models_and_date_rules.py",
    # calendar files across clock changes
    "core/test_ics_two_parsers.py",
    "network/test_calendar_feed.py",
    # meetings scheduled in the future, recorded as held in the past
    "network/test_meeting_dates.py",
    "network/test_meeting_views.py",
    # demo data (built around today)
    "demo/test_seed_demo.py",
    "demo/test_coherent_story.py",
    "demo/test_public_links.py",
    "demo/test_network.py",
    "demo/test_standards.py",
    "training/test_demo.py",
    "workforce/test_demo_and_summary.py",
}


def pytest_addoption(parser):
    parser.addoption(
        "--clock-days-ahead",
        type=int,
        default=int(os.environ.get("TEST_CLOCK_DAYS_AHEAD") or 0),
        help="run the whole session with the clock moved this many days ahead "
        "(time-machine; also TEST_CLOCK_DAYS_AHEAD)",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "dates: depends on the date it runs (CI repeats it, clock moved)"
    )
    days = config.getoption("--clock-days-ahead")
    if days:
        import time_machine

        moved = datetime.now(tz=UTC) + timedelta(days=days)
        config._moved_clock = time_machine.travel(moved, tick=True)
        config._moved_clock.start()


def pytest_unconfigure(config):
    moved = getattr(config, "_moved_clock", None)
    if moved is not None:
        moved.stop()


def pytest_report_header(config):
    days = config.getoption("--clock-days-ahead")
    if days:
        return f"clock moved {days} days ahead: today is {date.today():%-d %B %Y}"
    return None


def _mark_date_sensitive(items):
    tests = Path(__file__).parent
    for item in items:
        if item.path.relative_to(tests).as_posix() in DATE_SENSITIVE:
            item.add_marker(pytest.mark.dates)
