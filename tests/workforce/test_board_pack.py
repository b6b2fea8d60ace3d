"""The quarterly board pack: figures checked by hand on a small fixture, read
back from the PDF with pdftotext; a trust lead's pack holds only their own
trust; the pack is emailed once when a quarter's last return is confirmed."""

import re
import shutil
import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.models import Notification
from core.notifications import notifications_send
from network.models import ActionItem, ActionPlan, Objective
from standards.models import Standard, StandardAdoption, StandardVersion
from tests.conftest import make_user
from tests.network.conftest import make_item, make_meeting
from tests.standards.conftest import respond
from tests.training.conftest import make_opportunity
from tests.workforce.conftest import make_post
from training.models import TrainingBooking, TrainingInterest, TrainingProvider
from workforce import boardpack
from workforce.models import WorkforceReturn
from workforce.reports import last_quarter_end, quarter_of
from workforce.services import (
    workforce_return_confirm,
    workforce_return_reopen,
    workforce_return_submit,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not shutil.which("pdftotext"),
        reason="pdftotext (Debian poppler-utils) is needed to read the PDF; "
        "scripts/ensure_chromium.sh installs it",
    ),
]
URL = reverse("workforce:board-pack")


def pdf_text(content: bytes) -> str:
    """The PDF's text as pdftotext reads it, table cells one space apart."""
    assert content.startswith(b"%PDF-")
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True
    )
    assert out.returncode == 0, out.stderr
    return re.sub(r"[ \t]+", " ", out.stdout.decode())


@pytest.fixture
def quarter():
    """The quarter that ended last, and its first day."""
    end = last_quarter_end(timezone.localdate())
    return boardpack.quarter_start(end), end


@pytest.fixture
def region(trust_a, trust_b, quarter):
    """Trust A: a filled 1.00 and a recruiting 0.60 post; Trust B: a filled 0.80.
    A post filled the day after the quarter ended is not counted."""
    start, end = quarter
    make_post(trust_a, local_ref="A-1", status="filled", status_effective_date=start)
    make_post(
        trust_a,
        local_ref="A-2",
        status="recruiting",
        wte=Decimal("0.60"),
        status_effective_date=start,
    )
    make_post(
        trust_b,
        local_ref="B-1",
        status="filled",
        wte=Decimal("0.80"),
        status_effective_date=start,
    )
    make_post(
        trust_a,
        local_ref="A-LATER",
        status="filled",
        wte=Decimal("0.50"),
        status_effective_date=end + timedelta(days=1),
    )


@pytest.fixture
def governance(coordinator, lead_a, trust_a, trust_b, quarter):
    """An action plan with an overdue action for each trust, a standard approved
    in the quarter and adopted by Trust A, a consultation that closed in the
    quarter with an answered comment, and a course held in the quarter."""
    start, end = quarter
    today = timezone.localdate()
    meeting = make_meeting()
    plan = ActionPlan.objects.create(
        title="Plan",
        period_start=date(2024, 1, 1),
        period_end=today + timedelta(days=900),
        status="active",
        approved_at=meeting,
    )
    objective = Objective.objects.create(
        plan=plan, ref="4", title="Standards", strand="standards"
    )
    overdue = today - timedelta(days=3)
    make_item(objective, lead_a, ref="4.1", lead_trust=trust_a, due_date=overdue,
              action="Trust A supervision audit")  # fmt: skip
    make_item(objective, lead_a, ref="4.2", lead_trust=trust_b, due_date=overdue,
              action="Trust B recruitment panel")  # fmt: skip
    make_item(objective, lead_a, ref="4.3", status=ActionItem.Status.COMPLETED,
              completed_on=today, rag=ActionItem.Rag.BLUE)  # fmt: skip
    _standards(coordinator, lead_a, trust_a, meeting, start)
    _training(trust_a, start)


def _standards(coordinator, lead_a, trust_a, meeting, start):
    standard = Standard.objects.create(
        code="NWPSW-S03",
        title="Supervision",
        area=Standard.Area.SUPERVISION,
        owner=coordinator,
    )
    consulted = StandardVersion.objects.create(
        standard=standard,
        number=1,
        body="Monthly supervision.",
        status=StandardVersion.Status.WITHDRAWN,
        consultation_opens=start + timedelta(days=2),
        consultation_closes=start + timedelta(days=20),
        withdrawn_reason="Replaced by version 2",
    )
    response = respond(consulted, lead_a, comments="Monthly is too rare at first.")
    response.disposition = "changed"
    response.disposition_reason = "Fortnightly for the first three months."
    response.save()
    StandardVersion.objects.create(
        standard=standard,
        number=2,
        body="Fortnightly supervision at first.",
        status=StandardVersion.Status.APPROVED,
        approved_at=meeting,
        approved_on=start + timedelta(days=40),
        review_date=start + timedelta(days=800),
    )
    StandardAdoption.objects.create(standard=standard, trust=trust_a, status="adopted")


def _training(trust_a, start):
    provider = TrainingProvider.objects.create(
        name="Recovery College", provider_type="recovery_college"
    )
    held = make_opportunity(
        provider,
        start_date=start + timedelta(days=10),
        booking_deadline=start + timedelta(days=5),
        status="completed",
    )
    worker = make_user("worker.a@example.test", "peer_worker", employer_trust=trust_a)
    TrainingBooking.objects.create(opportunity=held, user=worker, status="attended")
    TrainingInterest.objects.create(user=worker, category="ips_core")


def _rows(pack) -> dict:
    return {
        t.slug: {r[0]: r[1:] for r in t.rows} for s in pack.sections for t in s.tables
    }


def test_regional_figures_by_hand(region, governance, quarter):
    pack = boardpack.build(quarter[1])
    tables = _rows(pack)
    # status: posts, WTE (the post filled after the quarter end left out)
    assert tables["by-status"]["Filled"] == ["2", "1.80"]
    assert tables["by-status"]["Recruiting"] == ["1", "0.60"]
    # trust: planned, funded, recruiting, filled, vacant, frozen, est, filled, rate
    row = ["0", "0", "1", "1", "0", "0", "1.60", "1.00", "37.5%"]
    assert tables["by-trust"]["Trust A"] == row
    assert tables["by-trust"]["All trusts"][-3:] == ["2.40", "1.80", "25.0%"]
    # objective: actions, red, amber, green, blue, n/a, overdue, stale, complete
    assert tables["objectives"]["4. Standards"] == [
        "3", "2", "0", "0", "1", "0", "2", "0", "33%",
    ]  # fmt: skip
    assert len(tables["attention"]) == 2
    approved = tables["standards-approved"]["NWPSW-S03 Supervision"]
    assert approved[0] == "version 2" and approved[2] == "Approved"
    # planned, partially adopted, adopted, not adopting, not considered yet
    assert tables["standards-adoption"]["Trust A"] == ["0", "0", "1", "0", "0"]
    assert tables["standards-adoption"]["Trust B"] == ["0", "0", "0", "0", "1"]
    assert tables["consultations"]["NWPSW-S03 Supervision"][-2:] == ["1", "1"]
    # courses starting, places booked, attended, waiting, interested
    ips = "Intentional Peer Support core training"
    assert tables["training"][ips] == ["1", "1", "1", "0", "1"]


def test_coordinator_downloads_the_regional_pack(
    login, coordinator, region, governance, quarter
):
    response = login(coordinator).get(URL, {"quarter_end": quarter[1].isoformat()})
    assert response["Content-Type"] == "application/pdf"
    period = quarter_of(quarter[1])
    assert f"board-pack-{period}-regional.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert f"Quarterly board pack: {period}" in text
    assert "Contents" in text and "Page 1 of" in text
    assert "Filled 2 1.80" in text
    assert "Trust A 0 0 1 1 0 0 1.60 1.00 37.5%" in text
    assert "Trust B 0 0 0 1 0 0 0.80 0.80 0.0%" in text
    assert "Filled WTE rose from 0 in Jun 2016" in text  # the chart's summary
    assert "Trust A supervision audit" in text and "Trust B recruitment" in text
    assert "Fortnightly for the first three months." in text  # we did
    assert "Monthly is too rare at first." in text  # you said
    info = pdf_info(response.content)
    assert info["Tagged"] == "yes"  # a structure tree for screen readers
    assert info["Page size"].startswith("595.276 x 841.89")  # A4
    assert info["Title"] == f"Quarterly board pack {period}: North West region"


def pdf_info(content: bytes) -> dict:
    out = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True)
    info = {}
    for line in out.stdout.decode().splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def test_a_lead_gets_their_own_trust_only(login, lead_a, region, governance, quarter):
    response = login(lead_a).get(URL, {"quarter_end": quarter[1].isoformat()})
    assert "-trust-a.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Trust A NHS Foundation Trust" in text
    assert "Filled 1 1.00" in text and "Recruiting 1 0.60" in text
    # the region's totals are there, rounded to the nearest 5 (2 posts → 0)
    assert "The region as a whole" in text and "Filled 0 0" in text
    assert "Trust B" not in text and "0.80" not in text and "1.80" not in text
    assert "Trust A supervision audit" in text
    assert "Trust A 0 0 1 0 0" in text  # their trust's adoption, no other trust


def test_a_quarter_with_no_data_says_so(login, coordinator, trust_a):
    response = login(coordinator).get(URL)  # no quarter chosen: the last one
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "There are no workforce figures for this quarter" in text
    assert "There is no active action plan." in text
    assert "No consultation closed this quarter." in text


def test_a_quarter_not_offered_is_refused_with_a_message(login, coordinator):
    client = login(coordinator)
    response = client.get(URL, {"quarter_end": "2019-03-31"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("workforce:return-list")
    assert "Choose a quarter from the list" in response.content.decode()


def test_the_returns_page_offers_the_pack(login, coordinator, lead_a):
    page = login(coordinator).get(reverse("workforce:return-list")).content.decode()
    assert "Download the board pack (PDF)" in page and "region" in page
    page = login(lead_a).get(reverse("workforce:return-list")).content.decode()
    assert "Trust A's figures" in page


@pytest.fixture
def round_of_returns(trust_a, trust_b, lead_a, lead_b, quarter):
    make_post(trust_a, status="filled", status_effective_date=quarter[0])
    returns = []
    for trust, lead in ((trust_a, lead_a), (trust_b, lead_b)):
        ret = WorkforceReturn.objects.create(
            trust=trust,
            period=quarter_of(quarter[1]),
            snapshot_date=quarter[1],
            due_date=quarter[1] + timedelta(days=15),
        )
        returns.append(workforce_return_submit(ret=ret, actor=lead))
    return returns


def _packs_recorded():
    return Notification.objects.filter(kind="board-pack")


def test_the_pack_is_emailed_once_when_the_last_return_is_confirmed(
    settings,
    coordinator,
    admin_user,
    round_of_returns,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    first, last = round_of_returns
    with django_capture_on_commit_callbacks(execute=True):
        workforce_return_confirm(ret=first, actor=coordinator)
    assert not _packs_recorded().exists()  # Trust B's return is not confirmed yet
    with django_capture_on_commit_callbacks(execute=True):
        workforce_return_confirm(ret=last, actor=coordinator)
    notes = list(_packs_recorded())
    assert {n.recipient for n in notes} == {coordinator, admin_user}
    assert set(User.objects.filter(role="trust_lead")).isdisjoint(
        {n.recipient for n in notes}
    )
    # confirmed again after a reopen: nothing new is recorded
    with django_capture_on_commit_callbacks(execute=True):
        workforce_return_reopen(ret=last, actor=coordinator)
        last = workforce_return_submit(ret=last, actor=coordinator)
        workforce_return_confirm(ret=last, actor=coordinator)
    assert _packs_recorded().count() == 2
    assert {m.to[0] for m in mail.outbox} == {coordinator.email, admin_user.email}
    assert len(mail.outbox) == 2  # sent after commit, each once
    message = mail.outbox[0]
    name, content, kind = message.attachments[0]
    period = quarter_of(first.snapshot_date)
    assert (name, kind) == (f"board-pack-{period}-regional.pdf", "application/pdf")
    assert f"Quarterly board pack: {period}" in pdf_text(content)
    assert "Board pack for" in message.subject


def test_a_retry_sends_the_attachment_recorded(
    settings, coordinator, round_of_returns, django_capture_on_commit_callbacks
):
    """The PDF is stored with the outbox row, so a retry sends the same file."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        for ret in round_of_returns:
            workforce_return_confirm(ret=ret, actor=coordinator)
    note = _packs_recorded().get()
    Notification.objects.filter(pk=note.pk).update(status="pending")
    notifications_send([note.pk])
    first, again = mail.outbox[0].attachments[0], mail.outbox[1].attachments[0]
    assert first == again and bytes(note.attachment) == first[1]


def test_the_pack_form_sends_no_csrf_token_in_its_address(login, coordinator):
    """The form is a GET: a CSRF token in it would end up in the PDF's URL, and
    from there in logs and browser history."""
    page = login(coordinator).get("/workforce/returns/").content.decode()
    start = page.index('action="/workforce/returns/board-pack.pdf"')
    form = page[start : page.index("</form>", start)]
    assert 'name="quarter_end"' in form
    assert "csrfmiddlewaretoken" not in form
