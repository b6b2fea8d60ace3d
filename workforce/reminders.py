"""Workforce reminders R13–R17 and R24 (docs/reminders.md): pure reads of due rows.

Each reminder names the latest lead time that has passed (its `occurrence`), so
a scan that runs late still sends it, and the outbox's unique key means a
repeated scan never sends twice. Emails say nothing about postholders.
"""

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from django.db.models import Max
from django.urls import reverse

from core import roles
from core.leads import reminder_leads
from core.leadtimes import lead_time_due, lead_times
from core.reminders import DueReminder, register
from core.workdays import add_working_days
from workforce import services
from workforce.models import Post, TrustChecklistStatus, WorkforceReturn

RETURN_ESCALATE_AFTER = 14
RECRUITING_FIRST, RECRUITING_EVERY = 90, 30
FROZEN_EVERY = 90
CHECKLIST_EVERY_MONTHS = 6


def _leads(trust_ids) -> dict[int, list]:
    return reminder_leads(trust_ids)


def _coordinators() -> list:
    return list(roles.coordinators())


def due_reminders(today: date) -> Iterable[DueReminder]:
    yield from _returns_due(today)
    yield from _returns_sent_back(today)
    yield from _funding_ending(today)
    yield from _long_recruitment(today)
    yield from _frozen_review(today)
    yield from _checklist_refresh(today)


def _return_occurrence(ret: WorkforceReturn, today: date) -> str | None:
    """R13: due −7d, −1d; the day after due; then weekly while overdue."""
    days_to_due = (ret.due_date - today).days
    if days_to_due < 0:
        weeks = (-days_to_due - 1) // 7
        return f"overdue-w{weeks}:{ret.due_date}"
    lead = lead_time_due(ret.due_date, today, lead_times("R13"))
    return f"due-{lead}d:{ret.due_date}" if lead is not None else None


def _returns_due(today) -> Iterator[DueReminder]:
    open_returns = list(
        WorkforceReturn.objects.filter(
            status=WorkforceReturn.Status.OPEN
        ).select_related("trust")
    )
    leads = _leads({r.trust_id for r in open_returns})
    coordinators = None
    for ret in open_returns:
        occurrence = _return_occurrence(ret, today)
        if not occurrence:
            continue
        context = {"overdue": today > ret.due_date}
        for lead in leads.get(ret.trust_id, []):
            yield DueReminder(
                "R13-return-due", ret, lead, occurrence, "workforce_return_due", context
            )
        if (today - ret.due_date).days >= RETURN_ESCALATE_AFTER:
            coordinators = coordinators if coordinators is not None else _coordinators()
            for person in coordinators:
                yield DueReminder(
                    "R13-return-escalation",
                    ret,
                    person,
                    f"escalate:{ret.due_date}",
                    "workforce_return_due",
                    {"overdue": True, "escalation": True},
                    mandatory=True,
                )


def _returns_sent_back(today) -> Iterator[DueReminder]:
    """R14: when sent back, and again after 5 working days if not resubmitted."""
    sent_back = list(
        WorkforceReturn.objects.filter(
            status=WorkforceReturn.Status.RETURNED
        ).select_related("trust")
    )
    leads = _leads({r.trust_id for r in sent_back})
    for ret in sent_back:
        returned_on = ret.updated_at.date()
        occurrence = f"returned:{returned_on}"
        if today >= add_working_days(returned_on, 5):
            occurrence = f"returned-again:{returned_on}"
        for lead in leads.get(ret.trust_id, []):
            yield DueReminder(
                "R14-return-returned",
                ret,
                lead,
                occurrence,
                "workforce_return_returned",
                {"reason": ret.returned_reason},
            )


def _funding_ending(today) -> Iterator[DueReminder]:
    """R15: funding end −90d and −30d to the trust lead; a weekly digest of
    every post in that window to coordinators. Lead times are set by coordinators."""
    funding_days = lead_times("R15")
    posts = list(
        Post.objects.funding_ending_between(
            today, today + timedelta(days=max(funding_days))
        )
        .select_related("trust")
        .order_by("funding_end_date", "pk")
    )
    leads = _leads({p.trust_id for p in posts})
    for post in posts:
        days = (post.funding_end_date - today).days
        lead_time = lead_time_due(post.funding_end_date, today, funding_days)
        occurrence = f"funding-{lead_time}d:{post.funding_end_date}"
        for lead in leads.get(post.trust_id, []):
            yield DueReminder(
                "R15-funding-ending",
                post,
                lead,
                occurrence,
                "workforce_funding_ending",
                {"days": days},
            )
    if posts:
        year, week, _ = today.isocalendar()
        for person in _coordinators():
            # About the coordinator, keyed on the ISO week: one digest a week.
            yield DueReminder(
                "R15-funding-digest",
                person,
                person,
                f"funding-digest:{year}-W{week:02d}",
                "workforce_funding_digest",
                {
                    "posts": posts,
                    "list_url": reverse("workforce:post-list") + "?funding_ending=3",
                },
                mandatory=True,
            )


def _repeating(posts, today, first, every, kind, template) -> Iterator[DueReminder]:
    posts = list(posts.select_related("trust"))
    leads = _leads({p.trust_id for p in posts})
    for post in posts:
        days = (today - post.status_effective_date).days
        if days < first:
            continue
        step = first + (days - first) // every * every
        occurrence = f"{post.status}-{step}d:{post.status_effective_date}"
        for lead in leads.get(post.trust_id, []):
            yield DueReminder(kind, post, lead, occurrence, template, {"days": days})


def _long_recruitment(today) -> Iterator[DueReminder]:
    """R16: recruiting for 90 days, then every 30 days, until the status changes."""
    cutoff = today - timedelta(days=RECRUITING_FIRST)
    posts = Post.objects.filter(
        status=Post.Status.RECRUITING, status_effective_date__lte=cutoff
    )
    yield from _repeating(
        posts,
        today,
        RECRUITING_FIRST,
        RECRUITING_EVERY,
        "R16-long-recruitment",
        "workforce_long_recruitment",
    )


def _frozen_review(today) -> Iterator[DueReminder]:
    """R17: every 90 days a post stays frozen."""
    cutoff = today - timedelta(days=FROZEN_EVERY)
    posts = Post.objects.filter(
        status=Post.Status.FROZEN, status_effective_date__lte=cutoff
    )
    yield from _repeating(
        posts,
        today,
        FROZEN_EVERY,
        FROZEN_EVERY,
        "R17-frozen-review",
        "workforce_frozen_review",
    )


def _checklist_refresh(today) -> Iterator[DueReminder]:
    """R24: six months after a trust's checklist was last updated."""
    from core.dates import add_months

    latest = TrustChecklistStatus.objects.values("trust_id").annotate(
        last=Max("updated_at")
    )
    stale = {
        r["trust_id"]: r["last"].date()
        for r in latest
        if add_months(r["last"].date(), CHECKLIST_EVERY_MONTHS) <= today
    }
    if not stale:
        return
    leads = _leads(stale.keys())
    rows = {
        s.trust_id: s
        for s in TrustChecklistStatus.objects.filter(trust_id__in=stale)
        .select_related("trust")
        .order_by("updated_at")
    }
    for trust_id, last in stale.items():
        for lead in leads.get(trust_id, []):
            yield DueReminder(
                "R24-checklist-refresh",
                rows[trust_id],
                lead,
                f"refresh:{last}",
                "workforce_checklist_refresh",
                {"last_updated": last},
            )


# What the outbox scan sends and what the nightly job changes (core.reminders).
register("workforce", due_reminders, date_rules=services.apply_date_rules)
