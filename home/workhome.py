"""The work home: what needs each person, as counted lines, and the header count.

Each line is a selector from home/needs.py (exactly the items), a sentence and a
link: to the filtered page where one exists, otherwise to the line's own list
(`/dashboard/needs/<key>/`), which shows the same items each linked to where
the person acts on it.

Cost: one COUNT per line whatever the data size, and the result is cached per
person for a short while (core/workhome_cache.py), so the header count on every
page is one cache read. Writes that clear a line (progress recorded, an offer
answered, a return submitted, a chase) call `core.workhome_cache.invalidate()`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from core import dates, health, leadtimes, workhome_cache
from core.navigation import COORD, LEAD, PEER, role_of
from home import needs
from network.models import MemberTrust
from network.permissions import meetings_visible_to

LIST_LIMIT = 200


@dataclass(frozen=True)
class Need:
    key: str
    role: str
    select: Callable  # (user, today) -> queryset of exactly the items
    one: str  # sentence for one item ("{n}" is the count)
    many: str  # sentence for several
    url: str = ""  # a filtered page listing exactly these; else the line's list
    describe: Callable | None = None  # item -> (label, url) for the line's list

    def sentence(self, n: int, **words) -> str:
        return (self.one if n == 1 else self.many).format(n=n, **words)

    def link(self) -> str:
        return self.url or reverse("core:needs", args=[self.key])


def _link(obj):
    return str(obj), obj.get_absolute_url()


def _return(ret):
    due = f"{ret.due_date:%-d %B %Y}"
    return f"{ret.trust.name}, {ret.period} (due {due})", ret.get_absolute_url()


def _consultation(version):
    return (
        f"{version.standard.title}, closes {version.consultation_closes:%-d %B %Y}",
        (version.get_absolute_url()),
    )


def _person(user):
    # Their page has "Resend invitation" and "Cancel invitation".
    return f"{user.full_name} ({user.email})", reverse(
        "accounts:person", args=[user.pk]
    )


def _trust(trust):
    return trust.name, trust.get_absolute_url()


def _checklist(row):
    return str(row.item), reverse(
        "workforce:readiness-item", args=[row.trust_id, row.item_id]
    )


def _booking(booking):
    return str(booking.opportunity), reverse("training:my-training")


NEEDS = [
    # Coordinators, most pressing first.
    Need("actions-overdue", COORD, needs.actions_overdue,
         "{n} action is past its due date", "{n} actions are past their due date",
         url="/network/actions/?overdue=on"),
    Need("actions-quiet", COORD, needs.actions_quiet,
         "{n} action has had no progress update for more than {weeks} weeks",
         "{n} actions have had no progress update for more than {weeks} weeks",
         url="/network/actions/?stale=on&sort=updated"),
    Need("emails-failed", COORD, needs.emails_failed,
         "{n} email could not be sent", "{n} emails could not be sent",
         url="/notifications/?status=failed"),
    Need("minutes-not-drafted", COORD, needs.minutes_not_drafted,
         "{n} meeting was held more than 7 days ago and has no draft minutes",
         "{n} meetings were held more than 7 days ago and have no draft minutes",
         describe=_link),
    Need("minutes-draft", COORD, needs.minutes_awaiting_approval,
         "{n} meeting has draft minutes waiting for approval",
         "{n} meetings have draft minutes waiting for approval", describe=_link),
    Need("returns-submitted", COORD, needs.returns_to_confirm,
         "{n} quarterly return is waiting for you to confirm it",
         "{n} quarterly returns are waiting for you to confirm them",
         describe=_return),
    Need("returns-overdue", COORD, needs.returns_overdue,
         "{n} trust has not sent its quarterly return and it is overdue",
         "{n} quarterly returns from trusts are overdue", describe=_return),
    Need("proposals", COORD, needs.proposals_to_review,
         "{n} training proposal is waiting for your review",
         "{n} training proposals are waiting for your review", describe=_link),
    Need("consultations-closing", COORD, needs.consultations_closing,
         "{n} consultation closes within 14 days",
         "{n} consultations close within 14 days", describe=_consultation),
    Need("tor-review", COORD, needs.tor_reviews_due,
         "{n} version of the terms of reference is due for review within 60 days or overdue",
         "{n} versions of the terms of reference are due for review within 60 days or overdue",
         describe=_link),
    Need("standards-review", COORD, needs.standard_reviews_due,
         "{n} standard is due for review within 60 days or overdue",
         "{n} standards are due for review within 60 days or overdue",
         describe=_link),
    Need("trusts-without-lead", COORD, needs.trusts_without_lead,
         "{n} member trust has no trust lead", "{n} member trusts have no trust lead",
         describe=_trust),
    Need("invitations", COORD, needs.invitations_waiting,
         "{n} person has not accepted their invitation after 14 days",
         "{n} people have not accepted their invitation after 14 days",
         describe=_person),
    # Trust leads.
    Need("my-returns", LEAD, needs.my_trust_returns,
         "Your trust has {n} quarterly return to send",
         "Your trust has {n} quarterly returns to send", describe=_return),
    Need("funding-ending", LEAD, needs.funding_ending,
         "Funding for {n} post ends within 90 days",
         "Funding for {n} posts ends within 90 days", describe=_link),
    Need("recruiting-long", LEAD, needs.recruiting_long,
         "{n} vacancy has been recruiting for more than 90 days",
         "{n} vacancies have been recruiting for more than 90 days", describe=_link),
    Need("posts-unchanged", LEAD, needs.posts_unchanged,
         "{n} post has not been checked or changed for 6 months",
         "{n} posts have not been checked or changed for 6 months", describe=_link),
    Need("readiness-evidence", LEAD, needs.readiness_without_evidence,
         "{n} readiness item is marked in place but has no evidence",
         "{n} readiness items are marked in place but have no evidence",
         describe=_checklist),
    Need("trust-consultations", LEAD, needs.consultations_unanswered_by_trust,
         "Your trust has not responded to {n} consultation",
         "Your trust has not responded to {n} consultations",
         describe=_consultation),
    Need("my-actions", LEAD, needs.my_actions_due,
         "{n} action you or your trust own is due soon or has had no recent update",
         "{n} actions you or your trust own are due soon or have had no recent update",
         describe=_link),
    # Peer workers (offers come first: they expire).
    Need("offers", PEER, needs.offers_waiting,
         "You have been offered a place on {first}: answer by {deadline}",
         "You have {n} place offers to answer. The first: answer by {deadline}",
         url="/training/my/"),
    Need("bookings", PEER, needs.upcoming_bookings,
         "You have {n} training booking coming up",
         "You have {n} training bookings coming up", describe=_booking),
    Need("consultations-open", PEER, needs.consultations_open_to_me,
         "{n} consultation is open for your views",
         "{n} consultations are open for your views", describe=_consultation),
    Need("new-training", PEER, needs.new_training_for_interests,
         "{n} new course matches an interest you registered",
         "{n} new courses match interests you registered", describe=_link),
]  # fmt: skip
BY_KEY = {need.key: need for need in NEEDS}
# Trust leads also book training and respond to consultations as themselves.
ROLE_NEEDS = {
    COORD: [n for n in NEEDS if n.role == COORD],
    LEAD: [n for n in NEEDS if n.role == LEAD] + [BY_KEY["offers"], BY_KEY["bookings"]],
    PEER: [n for n in NEEDS if n.role == PEER],
}


def needs_for(user) -> list[Need]:
    return ROLE_NEEDS.get(role_of(user), [])


def deadline_in_words(when, now=None) -> str:
    """'5pm tomorrow', '9:30am today', '5pm on Friday 9 January 2027'."""
    now = timezone.localtime(now or timezone.now())
    when = timezone.localtime(when)
    hour = dates.clock(when)
    days = (when.date() - now.date()).days
    if days == 0:
        return f"{hour} today"
    if days == 1:
        return f"{hour} tomorrow"
    return f"{hour} on {when:%A %-d %B %Y}"


def compute(user, today=None) -> list[dict]:
    """Every line that has something in it, in order: one query per line."""
    today = today or timezone.localdate()
    words = {"weeks": leadtimes.stale_weeks()}
    lines = []
    if role_of(user) == COORD and health.reminder_scan()["stale"]:
        lines.append(
            {
                "key": "scan",
                "count": 1,
                "sentence": "Reminders have not been checked for more than 30 minutes",
                "url": reverse("core:notifications"),
            }
        )
    for need in needs_for(user):
        items = need.select(user, today)
        if need.key == "offers":
            offers = list(items.select_related("opportunity")[:LIST_LIMIT])
            n = len(offers)
            if n:
                words["first"] = str(offers[0].opportunity)
                words["deadline"] = deadline_in_words(offers[0].offer_expires_at)
        else:
            n = items.count()
        if n:
            lines.append(
                {
                    "key": need.key,
                    "count": n,
                    "sentence": need.sentence(n, **words),
                    "url": need.link(),
                }
            )
    return lines


def lines_for(user) -> list[dict]:
    """The cached lines for this person, computed when missing or stale."""
    return workhome_cache.cached_lines(user, compute)


def open_count(user) -> int:
    return count_of(lines_for(user))


def count_of(lines: list[dict]) -> int:
    """The header's number: everything the lines count."""
    return sum(line["count"] for line in lines)


def items_for(user, key: str, today=None):
    """(need, [(label, url)]) for one line's list page, or None if not theirs."""
    need = BY_KEY.get(key)
    if need is None or need not in needs_for(user) or need.describe is None:
        return None
    today = today or timezone.localdate()
    items = need.select(user, today)
    related = {
        "returns-submitted": ["trust"],
        "returns-overdue": ["trust"],
        "my-returns": ["trust"],
        "consultations-closing": ["standard"],
        "trust-consultations": ["standard"],
        "consultations-open": ["standard"],
        "readiness-evidence": ["item"],
        "bookings": ["opportunity"],
    }.get(key)
    if related:
        items = items.select_related(*related)
    rows = [(obj, *need.describe(obj)) for obj in items[:LIST_LIMIT]]
    if key == "consultations-closing":
        members = MemberTrust.objects.current().count()
        rows = [
            (
                v,
                f"{label}: {v.trusts_responded} of {members} trusts have responded",
                url,
            )
            for v, label, url in rows
        ]
    return need, [(label, url) for _, label, url in rows]


def next_up(user, today=None) -> list[dict]:
    """For the empty state: what is coming next (the next two meetings)."""
    upcoming = meetings_visible_to(user).upcoming()[:2]
    return [
        {"label": str(m), "when": m.starts_at, "url": m.get_absolute_url()}
        for m in upcoming
    ]
