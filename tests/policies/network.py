"""Declared access policy for every network URL (checked by tests/security).

Objects belong to Trust A (lead A owns the action item and is invited to the
meeting), so lead B probes cross-trust access. Statuses follow tests.policies.ROLES:
anonymous, peer worker, lead A, lead B, coordinator, admin.
"""

from datetime import date, datetime, timedelta

from django.utils import timezone

from tests.policies import COORDINATORS, PUBLIC, SIGNED_IN, Policy, World


def _at(day: date, hour: int):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def meeting(w: World):
    from network.models import Meeting, MeetingAttendance

    def make():
        day = timezone.localdate() + timedelta(days=14)
        m = Meeting.objects.create(
            title="Network meeting",
            starts_at=_at(day, 10),
            ends_at=_at(day, 12),
            location="Online",
            chair=w.coordinator,
        )
        MeetingAttendance.objects.create(meeting=m, user=w.lead_a, trust=w.trust_a)
        return m

    return w.once("network.meeting", make)


def held_meeting(w: World):
    """A held meeting whose draft minutes are open for comment."""
    from network.models import Meeting

    def make():
        day = timezone.localdate() - timedelta(days=7)
        return Meeting.objects.create(
            title="Held network meeting",
            starts_at=_at(day, 10),
            ends_at=_at(day, 12),
            status="held",
            minutes="Draft minutes.",
            minutes_status="draft",
        )

    return w.once("network.held", make)


def attendance(w: World):
    return meeting(w).attendances.get(user=w.lead_a)


def agenda_item(w: World):
    from network.models import AgendaItem

    return w.once(
        "network.agenda",
        lambda: AgendaItem.objects.create(meeting=meeting(w), order=1, title="Intro"),
    )


def series(w: World):
    from network.models import MeetingSeries

    def make():
        made = MeetingSeries.objects.create(
            title="Quarterly network meeting", default_chair=w.coordinator
        )
        meeting(w).series = made
        meeting(w).save()
        return made

    return w.once("network.series", make)


def paper(w: World):
    """A paper for the meeting lead A is invited to (the peer worker is not)."""
    from django.core.files.base import ContentFile

    from network.models import MeetingPaper

    def make():
        made = MeetingPaper(
            meeting=meeting(w),
            title="Budget",
            filename="budget.pdf",
            content_type="application/pdf",
            size=9,
        )
        made.file.save("budget.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        made.save()
        return made

    return w.once("network.paper", make)


def series_pk(w):
    return {"pk": series(w).pk}


def paper_kw(w):
    return {"pk": meeting(w).pk, "paper_pk": paper(w).pk}


def plan(w: World):
    from network.models import ActionPlan

    return w.once(
        "network.plan",
        lambda: ActionPlan.objects.create(
            title="Action plan 2024-27",
            period_start=date(2024, 1, 1),
            period_end=date(2027, 12, 31),
            status="active",
        ),
    )


def action_item(w: World):
    from network.models import ActionItem, Objective

    def make():
        objective = Objective.objects.create(
            plan=plan(w), ref="4", title="Standards", strand="standards"
        )
        return ActionItem.objects.create(
            objective=objective,
            ref="4.1",
            action="Write the supervision standard",
            owner=w.lead_a,
            lead_trust=w.trust_a,
            due_date=timezone.localdate() + timedelta(days=60),
            status="in_progress",
            rag="green",
        )

    return w.once("network.action", make)


def tor(w: World):
    from network.models import TermsOfReference

    return w.once(
        "network.tor",
        lambda: TermsOfReference.objects.create(
            version="1.0",
            purpose="Bring trusts together.",
            objectives="Share practice.",
            membership="One lead per trust.",
            chair_arrangements="Chair and co-chair.",
            decision_making="Consensus.",
            quorum_min_trusts=2,
        ),
    )


def feed_token(w: World):
    from network.models import CalendarFeedToken

    return w.once(
        "network.feed", lambda: CalendarFeedToken.objects.create(user=w.lead_a)
    )


def trust_pk(w):
    return {"pk": w.trust_a.pk}


def meeting_pk(w):
    return {"pk": meeting(w).pk}


def agenda_kw(w):
    return {"pk": meeting(w).pk, "item_pk": agenda_item(w).pk}


def action_pk(w):
    return {"pk": action_item(w).pk}


def plan_pk(w):
    return {"pk": plan(w).pk}


def tor_pk(w):
    return {"pk": tor(w).pk}


POLICIES = [
    Policy("network:trust-list", get=PUBLIC),
    Policy(
        "network:trust-create",
        get=COORDINATORS,
        post=COORDINATORS,
    ),
    Policy("network:trust-detail", get=PUBLIC, kwargs=trust_pk),
    Policy(
        "network:trust-update",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=trust_pk,
    ),
    Policy(
        "network:trust-contact",
        get="302 403 200 403 200 200",
        post="302 403 200 403 200 200",
        kwargs=trust_pk,
    ),
    Policy("network:meeting-list", get=PUBLIC),
    Policy(
        "network:meeting-create",
        get=COORDINATORS,
        post=COORDINATORS,
    ),
    Policy(
        "network:meeting-record-past",
        get=COORDINATORS,
        post=COORDINATORS,  # an empty form: the page again, with its errors
        why="Only coordinators record meetings",
    ),
    Policy("network:meeting-detail", get="404 200 200 200 200 200", kwargs=meeting_pk),
    Policy(
        "network:meeting-update",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=meeting_pk,
    ),
    Policy("network:meeting-ics", get="404 200 200 200 200 200", kwargs=meeting_pk),
    Policy(
        "network:meeting-attendance",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=meeting_pk,
    ),
    Policy(
        "network:meeting-attendance-add",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=meeting_pk,
    ),
    Policy(
        "network:meeting-invite-leads",
        get="405 405 405 405 405 405",
        post="302 403 403 403 302 302",
        kwargs=meeting_pk,
    ),
    Policy(
        "network:meeting-respond",
        get="302 403 200 403 200 200",
        post="302 403 200 403 200 200",
        kwargs=lambda w: {"pk": meeting(w).pk, "attendance_pk": attendance(w).pk},
        why="Only the invited person (lead A) or a coordinator answers an invitation.",
    ),
    Policy(
        "network:agenda-create",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=meeting_pk,
    ),
    Policy(
        "network:agenda-update",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=agenda_kw,
    ),
    Policy(
        "network:agenda-delete",
        get=COORDINATORS,
        post="302 403 403 403 302 302",
        kwargs=agenda_kw,
    ),
    Policy(
        "network:meeting-matters-arising",
        get="405 405 405 405 405 405",
        post="302 403 403 403 302 302",
        kwargs=meeting_pk,
    ),
    Policy(
        "network:agenda-action",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=agenda_kw,
    ),
    Policy(
        "network:meeting-action",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=meeting_pk,
    ),
    Policy(
        "network:meeting-minutes",
        get="302 403 403 403 302 302",
        post="302 403 403 403 302 302",
        kwargs=meeting_pk,
    ),
    Policy(
        "network:meeting-minutes-approve",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=meeting_pk,
    ),
    Policy(
        "network:meeting-minutes-comment",
        get="405 405 405 405 405 405",
        post="302 403 302 302 302 302",
        kwargs=lambda w: {"pk": held_meeting(w).pk},
        post_data=lambda w: {"body": "Item 2 should say the draft goes to trusts."},
        why="Those who read draft minutes (trust leads, coordinators) comment on them.",
    ),
    Policy(
        "network:meeting-held",
        get="405 405 405 405 405 405",
        post="302 403 403 403 302 302",
        kwargs=meeting_pk,
    ),
    Policy(
        "network:meeting-cancel",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=meeting_pk,
    ),
    Policy(
        "network:meeting-postpone",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=meeting_pk,
    ),
    Policy(
        "network:paper-upload",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=meeting_pk,
    ),
    Policy(
        "network:paper-download",
        get="404 404 200 200 200 200",
        kwargs=paper_kw,
        why="Papers are for coordinators, trust leads and invitees, never the "
        "public: others get 404 (audited), as if there were no paper.",
    ),
    Policy(
        "network:papers-zip",
        get="404 404 200 200 200 200",
        kwargs=lambda w: {"pk": paper(w).meeting_id},
        why="The zip follows the same rule as each paper.",
    ),
    Policy(
        "network:paper-delete",
        get=COORDINATORS,
        post="302 403 403 403 302 302",
        kwargs=paper_kw,
    ),
    Policy(
        "network:decision-list",
        get=PUBLIC,
        why="Visitors see the decisions in approved minutes of public meetings.",
    ),
    Policy("network:decision-csv", get=PUBLIC),
    Policy("network:attendance-report", get=COORDINATORS),
    Policy("network:attendance-csv", get=COORDINATORS),
    Policy("network:series-list", get=SIGNED_IN),
    Policy("network:series-create", get=COORDINATORS, post=COORDINATORS),
    Policy("network:series-detail", get=SIGNED_IN, kwargs=series_pk),
    Policy(
        "network:series-update", get=COORDINATORS, post=COORDINATORS, kwargs=series_pk
    ),
    Policy(
        "network:series-next", get=COORDINATORS, post=COORDINATORS, kwargs=series_pk
    ),
    Policy("network:calendar-settings", get=SIGNED_IN),
    Policy(
        "network:calendar-rotate",
        get="302 302 302 302 302 302",  # no link yet: back to the page, no question
        post="302 302 302 302 302 302",
    ),
    Policy(
        "network:calendar-revoke",
        get="302 302 302 302 302 302",  # no link to turn off: back to the page
        post="302 302 302 302 302 302",
    ),
    Policy(
        "network:calendar-feed",
        get=PUBLIC,
        kwargs=lambda w: {"token": feed_token(w).token},
        why="The secret link is the credential: anyone holding it gets lead A's feed.",
    ),
    Policy("network:action-list", get=SIGNED_IN),
    Policy("network:my-actions", get=SIGNED_IN),
    Policy("network:action-print", get=SIGNED_IN),
    Policy("network:action-csv", get=SIGNED_IN),
    Policy(
        "network:action-create",
        get=COORDINATORS,
        post=COORDINATORS,
    ),
    Policy("network:action-detail", get=SIGNED_IN, kwargs=action_pk),
    Policy(
        "network:action-update",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=action_pk,
    ),
    Policy(
        "network:action-progress",
        get="302 403 200 403 200 200",
        post="302 403 200 403 200 200",
        kwargs=action_pk,
        why="The owner (lead A) or a coordinator records progress; lead B cannot.",
    ),
    Policy("network:plan-list", get=SIGNED_IN),
    Policy(
        "network:plan-create",
        get=COORDINATORS,
        post=COORDINATORS,
    ),
    Policy("network:plan-detail", get=SIGNED_IN, kwargs=plan_pk),
    Policy(
        "network:plan-update",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=plan_pk,
    ),
    Policy(
        "network:objective-create",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=plan_pk,
    ),
    Policy("network:tor-list", get=PUBLIC),
    Policy(
        "network:tor-create",
        get=COORDINATORS,
        post=COORDINATORS,
    ),
    Policy("network:tor-compare", get=SIGNED_IN),
    Policy("network:tor-detail", get="404 200 200 200 200 200", kwargs=tor_pk),
    Policy(
        "network:tor-edit",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=tor_pk,
    ),
    Policy(
        "network:tor-new-version",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=tor_pk,
    ),
    Policy(
        "network:tor-approve",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=tor_pk,
    ),
    Policy(
        "network:tor-review",
        get="302 403 403 403 403 403",
        post="302 403 403 403 403 403",
        kwargs=tor_pk,
    ),
]
