"""The pages a benchmark run measures, and a signed-in session for them.

Imported inside a configured Django process (DATABASE_URL set). The same rows
are picked at every scale (the generator is deterministic), so scale 1 and
scale 10 measure the same pages.
"""

import time
from dataclasses import asdict, dataclass

BENCH_USER = "coordinator00@load.nwpsw.example"
BENCH_PEER = "psw00000@load.nwpsw.example"


@dataclass
class Page:
    name: str
    path: str
    signed_in: bool = True
    baseline: bool = False
    user: str = ""  # who is signed in (email); empty: the bench coordinator


def key_pages() -> list[Page]:
    from network.models import ActionPlan, Meeting
    from workforce.models import Post

    plan = ActionPlan.objects.get(status="active")
    meeting = Meeting.objects.filter(status="held").order_by("-starts_at").first()
    post = Post.objects.order_by("local_ref").first()
    lead = bench_lead()
    return [
        Page("ping", "/_perf/ping", signed_in=False, baseline=True),
        Page("auth-ping", "/_perf/auth-ping", baseline=True),
        Page("home", "/", signed_in=False),
        Page("dashboard", "/dashboard/"),  # the coordinator's work home
        Page("home-lead", "/dashboard/", user=lead),
        Page("home-peer", "/dashboard/", user=BENCH_PEER),
        Page("workforce-dashboard", "/workforce/dashboard/"),
        Page("posts-list", "/workforce/posts/"),
        Page("post-detail", f"/workforce/posts/{post.pk}/"),
        Page("action-plan", f"/network/plans/{plan.pk}/"),
        Page("action-list", "/network/actions/"),
        Page("meeting-detail", f"/network/meetings/{meeting.pk}/"),
        Page("standard-detail", "/standards/NWPSW-S001/"),
        Page("standard-diff", "/standards/NWPSW-S001/compare/?layout=side"),
        Page("training-filter", "/training/?category=ips_core&delivery_mode=online"),
        Page("training-search", "/training/?q=peer+support"),
        Page("api-posts", "/api/v1/posts/"),
        Page("api-meetings", "/api/v1/meetings/"),
        Page("api-actions", "/api/v1/actions/"),
        Page("api-training", "/api/v1/training/opportunities/"),
    ]


def bench_user(email: str = ""):
    from accounts.models import User

    return User.objects.get(email=email or BENCH_USER)


def bench_lead() -> str:
    """The first load trust's first lead (ids differ between loads, names do not)."""
    from accounts.models import User

    lead = (
        User.objects.filter(role="trust_lead", trust__short_name="LT001")
        .order_by("email")
        .first()
    )
    return lead.email


def session_key() -> str:
    return session_for(bench_user())


def sessions(pages: list[Page]) -> dict[str, str]:
    """A signed-in session per person the pages are measured as."""
    return {email: session_for(bench_user(email)) for email in {p.user for p in pages}}


def session_for(user) -> str:
    """A signed-in session (MFA done) made with Django's SessionStore, no login POST."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "email": user.email},
        {"method": "mfa", "at": time.time(), "type": "totp"},
    ]
    store["_security_started"] = store["_security_seen"] = time.time()
    store.create()
    return store.session_key


def count_queries(pages: list[Page]) -> dict:
    """{name: {"status": int, "queries": int}} from the Django test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    anonymous = Client(HTTP_HOST="127.0.0.1")
    clients = {}
    for email in {p.user for p in pages}:
        clients[email] = Client(HTTP_HOST="127.0.0.1")
        clients[email].force_login(bench_user(email))
        session = clients[email].session
        session["account_authentication_methods"] = [{"method": "mfa", "at": 0}]
        session.save()
    results = {}
    for page in pages:
        client = clients[page.user] if page.signed_in else anonymous
        client.get(page.path)  # warm caches the way a running server has them
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(page.path)
        results[page.name] = {"status": response.status_code, "queries": len(ctx)}
    return results


def describe(pages: list[Page]) -> list[dict]:
    return [asdict(p) for p in pages]
