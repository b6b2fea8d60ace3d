"""The pages a benchmark run measures, and a signed-in session for them.

Imported inside a configured Django process (DATABASE_URL set). The same rows
are picked at every scale (the generator is deterministic), so scale 1 and
scale 10 measure the same pages.
"""

import time
from dataclasses import asdict, dataclass
from html.parser import HTMLParser

BENCH_USER = "coordinator00@load.nwpsw.example"
BENCH_PEER = "psw00000@load.nwpsw.example"
# A staff superuser for the Django admin reference pages, made on first use so
# that databases loaded before it existed work too (the generator does not make
# one: none of the service's own pages needs it).
BENCH_ADMIN = "admin00@load.nwpsw.example"

# Our list page → the Django admin changelist over the same table: the yardstick
# for what a rendered row should cost.
ROW_REFERENCES = {"posts-list": "admin-posts", "action-list": "admin-actions"}


@dataclass
class Page:
    name: str
    path: str
    signed_in: bool = True
    baseline: bool = False
    user: str = ""  # who is signed in (email); empty: the bench coordinator
    reference: bool = False  # a yardstick (Django admin), not a page with targets


def key_pages() -> list[Page]:
    from network.models import ActionPlan, Meeting
    from workforce.models import Post

    plan = ActionPlan.objects.get(status="active")
    meeting = Meeting.objects.filter(status="held").order_by("-starts_at").first()
    post = Post.objects.order_by("local_ref").first()
    lead = bench_lead()
    admin = bench_admin()
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
        Page("admin-posts", "/admin/workforce/post/", user=admin, reference=True),
        Page("admin-actions", "/admin/network/actionitem/", user=admin, reference=True),
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


def bench_admin() -> str:
    """The admin reference pages' user: staff, superuser and, like every admin
    user, with an authenticator (or the MFA middleware sends them to set one up)."""
    from allauth.mfa.models import Authenticator

    from accounts.models import User

    admin, made = User.objects.get_or_create(
        email=BENCH_ADMIN,
        defaults={
            "full_name": "Benchmark Admin",
            "role": User.Role.COORDINATOR,
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if made:
        admin.set_unusable_password()  # signed in by session only
        admin.save(update_fields=["password"])
    Authenticator.objects.get_or_create(
        user=admin, type=Authenticator.Type.TOTP, defaults={"data": {"secret": ""}}
    )
    return admin.email


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
    """{name: {"status": int, "queries": int, "rows": int}} from the Django
    test client; rows are the table body rows the page rendered."""
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
        results[page.name] = {
            "status": response.status_code,
            "queries": len(ctx),
            "rows": rendered_rows(response),
        }
    return results


def rendered_rows(response) -> int:
    """Rows in the page's longest table body: the list itself, not a summary
    table beside it (an HTML page; 0 for anything else)."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return 0
    counter = _RowCounter()
    counter.feed(response.content.decode())
    return max(counter.bodies, default=0)


class _RowCounter(HTMLParser):
    """Counts the <tr> of each <tbody>, leaving out a lone cell spanning the
    table ("No posts match these filters"): a message, not a rendered row."""

    def __init__(self):
        super().__init__()
        self.bodies = []  # rows per table body, in page order
        self._open = []  # indexes into bodies of the table bodies open here
        self._cells = None  # the colspans of the open row's cells

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self.bodies.append(0)
            self._open.append(len(self.bodies) - 1)
        elif tag == "tr" and self._open:
            self._close_row()
            self._cells = []
        elif tag in ("td", "th") and self._cells is not None:
            self._cells.append(dict(attrs).get("colspan"))

    def handle_endtag(self, tag):
        if tag in ("tr", "tbody") and self._open:
            self._close_row()
        if tag == "tbody" and self._open:
            self._open.pop()

    def _close_row(self):
        if self._cells is not None:
            message = len(self._cells) == 1 and self._cells[0] is not None
            self.bodies[self._open[-1]] += 0 if message else 1
        self._cells = None


def describe(pages: list[Page]) -> list[dict]:
    return [asdict(p) for p in pages]
