"""The pages a benchmark run measures, and a signed-in session for them.

Imported inside a configured Django process (DATABASE_URL set). The same rows
are picked at every scale (the generator is deterministic), so scale 1 and
scale 10 measure the same pages.
"""

import time
from dataclasses import asdict, dataclass

BENCH_USER = "coordinator00@load.nwpsw.example"


@dataclass
class Page:
    name: str
    path: str
    signed_in: bool = True
    baseline: bool = False


def key_pages() -> list[Page]:
    from network.models import ActionPlan, Meeting
    from workforce.models import Post

    plan = ActionPlan.objects.get(status="active")
    meeting = Meeting.objects.filter(status="held").order_by("-starts_at").first()
    post = Post.objects.order_by("local_ref").first()
    return [
        Page("ping", "/_perf/ping", signed_in=False, baseline=True),
        Page("auth-ping", "/_perf/auth-ping", baseline=True),
        Page("home", "/", signed_in=False),
        Page("dashboard", "/dashboard/"),
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


def bench_user():
    from accounts.models import User

    return User.objects.get(email=BENCH_USER)


def session_key() -> str:
    return session_for(bench_user())


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

    user = bench_user()
    anonymous, signed_in = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    signed_in.force_login(user)
    session = signed_in.session
    session["account_authentication_methods"] = [{"method": "mfa", "at": 0}]
    session.save()
    results = {}
    for page in pages:
        client = signed_in if page.signed_in else anonymous
        client.get(page.path)  # warm caches the way a running server has them
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(page.path)
        results[page.name] = {"status": response.status_code, "queries": len(ctx)}
    return results


def describe(pages: list[Page]) -> list[dict]:
    return [asdict(p) for p in pages]
