"""Cached regional figures: a write shows on the next read, and an outage only
costs speed. Run with CACHE_URL unset (database cache) or on Redis; the outage
back-off is reset before each test by tests/conftest.py."""

import socket
import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from rest_framework.test import APIClient

from api.models import ApiToken
from tests.workforce.conftest import form_data, make_post
from tests.workforce.test_csv_import import make_csv, row, upload_and_preview
from workforce import figures_cache

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("workforce:dashboard")


def status_row(tables_or_table, label) -> list:
    table = tables_or_table
    if isinstance(tables_or_table, list):
        table = next(t for t in tables_or_table if t.slug == "by-status")
    return next(r for r in table.rows if r[0] == label)


def dashboard_row(client, label="Funded", **filters) -> list:
    """The by-status row from the page's tables, checked against the HTML sent
    (the rendered sections are cached separately from the figures)."""
    response = client.get(DASHBOARD, filters)
    assert response.status_code == 200
    found = status_row(response.context["tables"], label)
    cells = "".join(
        f'<td class="nhsuk-table__cell">{escape(c)}</td>' for c in found[1:]
    )
    assert f'<th scope="row" class="nhsuk-table__header">{label}</th>{cells}' in (
        response.content.decode()
    )
    return found


def home_row(label="Funded") -> list:
    response = Client().get("/")
    assert response.status_code == 200
    return status_row(response.context["figures"], label)


def api_client(user) -> APIClient:
    client = APIClient()
    _, raw = ApiToken.issue(user=user, name="test")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_post_added_through_the_web_form_shows_on_dashboard_and_home(
    login, coordinator, trust_a
):
    for n in range(7):
        make_post(trust_a, local_ref=f"A-{n}")
    client = login(coordinator)
    assert dashboard_row(client)[1] == "7"
    assert home_row()[1] == "5"  # rounded to the nearest 5 for the public
    response = client.post(reverse("workforce:post-create"), form_data(trust_a))
    assert response.status_code == 302
    assert dashboard_row(client)[1] == "8"
    assert home_row()[1] == "10"


def test_post_edited_through_the_web_form_shows_on_the_next_read(
    login, lead_a, trust_a
):
    post = make_post(trust_a, local_ref="A-1")
    client = login(lead_a)
    own = {"trust": trust_a.pk}  # a lead sees exact figures for their own trust
    assert dashboard_row(client, **own)[2] == "1.00"
    data = form_data(trust_a, local_ref="A-1", wte="0.50", status=None)
    data.pop("status_effective_date")
    response = client.post(reverse("workforce:post-update", args=[post.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    assert dashboard_row(client, **own)[2] == "0.50"


def test_csv_import_shows_on_the_next_read(login, lead_a, trust_a):
    make_post(trust_a, local_ref="R1", status="recruiting")
    client = login(lead_a)
    own = {"trust": trust_a.pk}
    assert dashboard_row(client, "Filled", **own)[1] == "0"
    moved = row("R1", status="filled", status_effective_date="2024-06-01")
    _, staged = upload_and_preview(client, make_csv([moved, row("R2")]))
    client.post(reverse("workforce:import-confirm", args=[staged.pk]))
    staged.refresh_from_db()
    assert staged.status == "applied"
    assert dashboard_row(client, "Filled", **own)[1] == "2"
    assert dashboard_row(client, "Recruiting", **own)[1] == "0"


def test_api_edit_and_bulk_upsert_show_on_the_next_read(login, lead_a, trust_a):
    post = make_post(trust_a, local_ref="A-1")
    client, api = login(lead_a), api_client(lead_a)
    own = {"trust": trust_a.pk}
    assert dashboard_row(client, **own)[2] == "1.00"
    response = api.patch(f"/api/v1/posts/{post.pk}/", {"wte": "0.40"}, format="json")
    assert response.status_code == 200, response.json()
    assert dashboard_row(client, **own)[2] == "0.40"
    bulk = [{**row("A-2"), "trust": trust_a.pk}]
    response = api.post("/api/v1/posts/bulk/", bulk, format="json")
    assert response.status_code == 200, response.json()
    assert dashboard_row(client, "Filled", **own)[1] == "1"


def test_status_change_through_the_service_shows_on_the_next_read(
    login, coordinator, trust_a
):
    from datetime import date

    from workforce.services import post_change_status

    post = make_post(trust_a, local_ref="A-1")
    client = login(coordinator)
    assert dashboard_row(client, "Recruiting")[1] == "0"
    post_change_status(
        post=post, to_status="recruiting", effective_date=date(2025, 1, 2), actor=None
    )
    assert dashboard_row(client, "Recruiting")[1] == "1"


def test_public_viewer_never_gets_the_exact_figures_a_coordinator_warmed(
    login, coordinator, trust_a
):
    for n in range(2):
        make_post(trust_a, local_ref=f"A-{n}")
    assert dashboard_row(login(coordinator))[1] == "2"
    public = Client()
    assert dashboard_row(public)[1] == "0"  # rounded to the nearest 5
    # and the other way round: a coordinator after the public sees the real count
    assert dashboard_row(login(coordinator))[1] == "2"


def test_filters_are_part_of_the_key(login, coordinator, trust_a, trust_b):
    make_post(trust_a, local_ref="A-1")
    client = login(coordinator)
    assert dashboard_row(client)[1] == "1"
    response = client.get(DASHBOARD, {"trust": trust_b.pk})
    assert status_row(response.context["tables"], "Funded")[1] == "0"


def test_a_warm_dashboard_runs_fewer_queries_than_a_cold_one(
    login, coordinator, trust_a
):
    make_post(trust_a, local_ref="A-1")
    client = login(coordinator)
    client.get(DASHBOARD)  # the session and user
    figures_cache.invalidate()
    with CaptureQueriesContext(connection) as cold:
        client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as warm:
        client.get(DASHBOARD)
    assert len(warm) < len(cold) - 8, (len(cold), len(warm))


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket closes


def redis_figures_at(port: int):
    url = f"redis://127.0.0.1:{port}/0"
    caches = {**settings.CACHES, "figures": settings_for(url)}
    return override_settings(CACHES=caches)


def settings_for(url: str) -> dict:
    from config.settings import _figures_cache

    return _figures_cache(url)


def test_cache_down_pages_and_saves_still_work(login, coordinator, trust_a):
    make_post(trust_a, local_ref="A-1")
    client = login(coordinator)
    with redis_figures_at(closed_port()):
        assert dashboard_row(client)[1] == "1"
        assert home_row()[1] == "0"  # one post, rounded
        response = client.post(reverse("workforce:post-create"), form_data(trust_a))
        assert response.status_code == 302
        assert dashboard_row(client)[1] == "2"


def connections_waiting(listener: socket.socket) -> int:
    """Accept (and drop) every connection queued on a listener that never answers."""
    count = 0
    while True:
        try:
            conn, _ = listener.accept()
        except BlockingIOError:
            return count
        conn.close()
        count += 1


def test_hung_cache_costs_one_timeout_then_is_skipped(login, coordinator, trust_a):
    """A Redis that accepts connections but never answers (REL-02)."""
    make_post(trust_a, local_ref="A-1")
    client = login(coordinator)
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(8)  # connections queue in the backlog; nothing ever replies
        hung.setblocking(False)
        with redis_figures_at(hung.getsockname()[1]):
            started = time.monotonic()
            assert dashboard_row(client)[1] == "1"
            first = time.monotonic() - started
            assert connections_waiting(hung) >= 1
            assert dashboard_row(client)[1] == "1"
            assert connections_waiting(hung) == 0  # backed off: not even tried
    assert first < 5, first  # one 0.5 s socket timeout, then no more waiting


def test_invalidation_is_repeated_after_commit(django_capture_on_commit_callbacks):
    """A read that computed from the old rows while the write was uncommitted
    must not stay cached: the generation changes again once the write commits."""
    cache = caches[figures_cache.ALIAS]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        figures_cache.invalidate()
        during = cache.get(figures_cache.GENERATION_KEY)
        assert during
    assert len(callbacks) == 1
    assert cache.get(figures_cache.GENERATION_KEY) not in (None, during)
