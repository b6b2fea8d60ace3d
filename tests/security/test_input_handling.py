"""Untrusted input: mass assignment, XSS, CSV formulas (SEC-06, 10, 11, 12)."""

import ast
import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse

from core.csvexport import safe_cell
from core.markup import render_markdown

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
APPS = ("core", "accounts", "network", "workforce", "standards", "training", "api")

XSS_CORPUS = [
    "<script>alert('x1')</script>",
    "<img src=x onerror=alert('x2')>",
    "[click](javascript:alert('x3'))",
    "<a href=\"javascript:alert('x4')\">x</a>",
    "<svg onload=alert('x5')>",
    "<iframe src=https://evil.example></iframe>",
    '<p style="background:url(javascript:alert(1))">x6</p>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="JaVaScRiPt:alert(1)">x7</a>',
    "<details open ontoggle=alert('x8')>",
]
PAYLOAD = "\n\n".join(XSS_CORPUS)
DANGEROUS = [
    re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)", re.I),
    re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    re.compile(r"""(href|src)\s*=\s*["']?\s*(javascript|data):""", re.I),
    re.compile(r"<(iframe|object|embed)\b", re.I),  # inline <svg> logos are fine
    re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
]


def assert_clean(html: str, where: str):
    for pattern in DANGEROUS:
        match = pattern.search(html)
        assert not match, f"{where}: {match.group(0)!r}"


# --- SEC-10: Markdown fields ------------------------------------------------
@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_markdown_renderer_removes_each_payload(payload):
    assert_clean(render_markdown(payload), payload)


def _markdown_pages(world):
    """(url, object) pairs whose Markdown fields hold the payload."""
    from tests.policies.network import action_item, agenda_item, meeting, plan, tor
    from tests.policies.standards import version
    from tests.policies.training import opportunity

    m = meeting(world)
    m.description = PAYLOAD
    m.save()
    item = agenda_item(world)
    item.description = PAYLOAD
    item.save()
    action = action_item(world)
    action.action = PAYLOAD
    action.save()
    p = plan(world)
    p.description = PAYLOAD
    p.save()
    t = tor(world)
    t.purpose = PAYLOAD
    t.save()
    opp = opportunity(world)
    opp.description = PAYLOAD
    opp.save()
    v = version(world)
    v.body = PAYLOAD
    v.save()
    world.trust_a.notes = PAYLOAD
    world.trust_a.save()
    return [
        reverse("network:meeting-detail", args=[m.pk]),
        reverse("network:action-detail", args=[action.pk]),
        reverse("network:plan-detail", args=[p.pk]),
        reverse("network:tor-detail", args=[t.pk]),
        reverse("network:trust-detail", args=[world.trust_a.pk]),
        reverse("training:opportunity-detail", args=[opp.pk]),
        reverse("standards:version-detail", args=[v.standard.code, v.number]),
    ]


def test_markdown_fields_render_without_script_in_every_page(world, client_for):
    client = client_for("coordinator")
    for url in _markdown_pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_clean(response.content.decode(), url)


# --- SEC-11: plain-text fields ----------------------------------------------
PLAIN = "<script>alert('plain')</script><img src=x onerror=alert(2)>"


def test_plain_fields_are_escaped_wherever_they_are_listed(world, client_for):
    from tests.policies.network import meeting
    from tests.policies.training import opportunity
    from tests.policies.workforce import post

    p = post(world)
    p.job_title = PLAIN
    p.save()
    world.trust_a.name = PLAIN
    world.trust_a.save()
    m = meeting(world)
    m.title = PLAIN
    m.save()
    opp = opportunity(world)
    opp.title = PLAIN
    opp.save()
    world.lead_a.full_name = PLAIN
    world.lead_a.save()
    pages = [
        ("lead_a", reverse("workforce:post-list")),
        ("lead_a", reverse("workforce:post-detail", args=[p.pk])),
        ("anonymous", reverse("network:trust-list")),
        ("coordinator", reverse("network:meeting-detail", args=[m.pk])),
        ("coordinator", reverse("network:meeting-list")),
        ("anonymous", reverse("training:catalogue")),
        ("anonymous", reverse("training:opportunity-detail", args=[opp.pk])),
        ("coordinator", reverse("accounts:people")),
    ]
    for role, url in pages:
        body = client_for(role).get(url).content.decode()
        assert "&lt;script&gt;" in body, f"{url}: payload not shown escaped"
        assert_clean(body, url)


def test_mark_safe_and_safe_filter_only_in_reviewed_places():
    reviewed = {
        "core/emails.py",  # email bodies rendered by our autoescaped templates
        "core/templatetags/markup.py",  # nh3-sanitised Markdown
        "core/templatetags/nhsuk.py",  # form markup built from escaped parts
        "core/templatetags/tables.py",  # autoescaped table output, spans added
        "core/diff.py",  # diff of escaped words
    }
    found = set()
    for app in APPS + ("audit",):
        for path in (ROOT / app).rglob("*.py"):
            if "mark_safe(" in path.read_text(encoding="utf-8"):
                found.add(str(path.relative_to(ROOT)))
    assert found <= reviewed, f"unreviewed mark_safe: {found - reviewed}"
    unsafe_templates = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if re.search(r"\|\s*safe\b|autoescape\s+off", path.read_text(encoding="utf-8"))
        and "templates/nhsuk/" not in str(path)
    ]
    assert not unsafe_templates


# --- SEC-06: mass assignment --------------------------------------------------
def test_hidden_trust_field_cannot_move_a_post_to_another_trust(world, client_for):
    from tests.policies.workforce import post
    from tests.workforce.conftest import form_data

    p = post(world)
    data = form_data(world.trust_b, local_ref=p.local_ref)
    data["created_by"] = world.lead_b.pk
    response = client_for("lead_a").post(
        reverse("workforce:post-update", args=[p.pk]), data
    )
    assert response.status_code in (200, 302)
    p.refresh_from_db()
    assert p.trust == world.trust_a
    assert p.created_by == world.lead_a


def test_action_owner_cannot_reassign_through_progress_form(world, client_for):
    from tests.policies.network import action_item

    item = action_item(world)
    client_for("lead_a").post(
        reverse("network:action-progress", args=[item.pk]),
        {"owner": world.lead_b.pk, "lead_trust": world.trust_b.pk, "note": "Done"},
    )
    item.refresh_from_db()
    assert item.owner == world.lead_a and item.lead_trust == world.trust_a


def _forms_with_all_fields() -> list[str]:
    offenders = []
    for app in APPS + ("audit",):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Assign)
                    and any(getattr(t, "id", "") == "fields" for t in node.targets)
                    and isinstance(node.value, ast.Constant)
                    and node.value.value == "__all__"
                ):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return offenders


def test_no_form_or_serializer_uses_all_fields():
    assert _forms_with_all_fields() == []


# --- SEC-12: CSV formula neutralisation ----------------------------------------
FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_cells_are_prefixed(value):
    assert safe_cell(value).startswith("'")


def test_plain_negative_numbers_stay_numbers():
    assert safe_cell("-2") == "-2" and safe_cell(-2.5) == "-2.5"


def _rows(response) -> list[list[str]]:
    text = (
        b"".join(response).decode("utf-8-sig")
        if response.streaming
        else (response.content.decode("utf-8-sig"))
    )
    return list(csv.reader(io.StringIO(text, newline="")))


def test_exported_posts_csv_neutralises_formulas_and_round_trips(world, client_for):
    from tests.policies.workforce import post

    p = post(world)
    p.job_title = FORMULAS[0]
    p.save()
    response = client_for("lead_a").get(reverse("workforce:post-export"))
    rows = _rows(response)
    header, body = rows[0], rows[1:]
    assert all(len(row) == len(header) for row in body)
    cells = [cell for row in body for cell in row]
    assert "'" + FORMULAS[0] in cells and FORMULAS[0] not in cells


def test_exported_actions_csv_neutralises_formulas(world, client_for):
    from tests.policies.network import action_item

    item = action_item(world)
    item.action = "@SUM(A1)"
    item.save()
    rows = _rows(client_for("coordinator").get(reverse("network:action-csv")))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'@SUM(A1)" in cells and "@SUM(A1)" not in cells
