"""Declared access policy for every network URL (checked by tests/security).

Objects belong to Trust A (lead A owns the action item and is invited to the
meeting), so lead B probes cross-trust access. Statuses follow audit.policy.ROLES:
anonymous, peer worker, lead A, lead B, coordinator, admin.
"""

from datetime import date, datetime, timedelta

from django.utils import timezone

from audit.policy import Policy, World


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


def attendance(w: World):
    return meeting(w).attendances.get(user=w.lead_a)


def agenda_item(w: World):
    from network.models import AgendaItem

    return w.once(
        "network.agenda",
        lambda: AgendaItem.objects.create(meeting=meeting(w), order=1, title="Intro"),
    )


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
    Policy("network:trust-list", get="TODO"),
    Policy("network:trust-create", get="TODO", post="TODO"),
    Policy("network:trust-detail", get="TODO", kwargs=trust_pk),
    Policy("network:trust-update", get="TODO", post="TODO", kwargs=trust_pk),
    Policy("network:trust-contact", get="TODO", post="TODO", kwargs=trust_pk),
    Policy("network:meeting-list", get="TODO"),
    Policy("network:meeting-create", get="TODO", post="TODO"),
    Policy("network:meeting-detail", get="TODO", kwargs=meeting_pk),
    Policy("network:meeting-update", get="TODO", post="TODO", kwargs=meeting_pk),
    Policy("network:meeting-ics", get="TODO", kwargs=meeting_pk),
    Policy("network:meeting-attendance", get="TODO", post="TODO", kwargs=meeting_pk),
    Policy(
        "network:meeting-attendance-add", get="TODO", post="TODO", kwargs=meeting_pk
    ),
    Policy("network:meeting-invite-leads", get="TODO", post="TODO", kwargs=meeting_pk),
    Policy(
        "network:meeting-respond",
        get="TODO",
        post="TODO",
        kwargs=lambda w: {"pk": meeting(w).pk, "attendance_pk": attendance(w).pk},
        why="Only the invited person (lead A) or a coordinator answers an invitation.",
    ),
    Policy("network:agenda-create", get="TODO", post="TODO", kwargs=meeting_pk),
    Policy("network:agenda-update", get="TODO", post="TODO", kwargs=agenda_kw),
    Policy("network:agenda-delete", get="TODO", post="TODO", kwargs=agenda_kw),
    Policy(
        "network:meeting-matters-arising", get="TODO", post="TODO", kwargs=meeting_pk
    ),
    Policy("network:agenda-action", get="TODO", post="TODO", kwargs=agenda_kw),
    Policy("network:meeting-action", get="TODO", post="TODO", kwargs=meeting_pk),
    Policy("network:meeting-minutes", get="TODO", post="TODO", kwargs=meeting_pk),
    Policy(
        "network:meeting-minutes-approve", get="TODO", post="TODO", kwargs=meeting_pk
    ),
    Policy("network:meeting-held", get="TODO", post="TODO", kwargs=meeting_pk),
    Policy("network:meeting-cancel", get="TODO", post="TODO", kwargs=meeting_pk),
    Policy("network:meeting-postpone", get="TODO", post="TODO", kwargs=meeting_pk),
    Policy("network:calendar-settings", get="TODO"),
    Policy("network:calendar-rotate", get="TODO", post="TODO"),
    Policy("network:calendar-revoke", get="TODO", post="TODO"),
    Policy(
        "network:calendar-feed",
        get="TODO",
        kwargs=lambda w: {"token": feed_token(w).token},
        why="The secret link is the credential: anyone holding it gets lead A's feed.",
    ),
    Policy("network:action-list", get="TODO"),
    Policy("network:my-actions", get="TODO"),
    Policy("network:action-print", get="TODO"),
    Policy("network:action-csv", get="TODO"),
    Policy("network:action-create", get="TODO", post="TODO"),
    Policy("network:action-detail", get="TODO", kwargs=action_pk),
    Policy("network:action-update", get="TODO", post="TODO", kwargs=action_pk),
    Policy(
        "network:action-progress",
        get="TODO",
        post="TODO",
        kwargs=action_pk,
        why="The owner (lead A) or a coordinator records progress; lead B cannot.",
    ),
    Policy("network:plan-list", get="TODO"),
    Policy("network:plan-create", get="TODO", post="TODO"),
    Policy("network:plan-detail", get="TODO", kwargs=plan_pk),
    Policy("network:plan-update", get="TODO", post="TODO", kwargs=plan_pk),
    Policy("network:objective-create", get="TODO", post="TODO", kwargs=plan_pk),
    Policy("network:tor-list", get="TODO"),
    Policy("network:tor-create", get="TODO", post="TODO"),
    Policy("network:tor-compare", get="TODO"),
    Policy("network:tor-detail", get="TODO", kwargs=tor_pk),
    Policy("network:tor-edit", get="TODO", post="TODO", kwargs=tor_pk),
    Policy("network:tor-new-version", get="TODO", post="TODO", kwargs=tor_pk),
    Policy("network:tor-approve", get="TODO", post="TODO", kwargs=tor_pk),
    Policy("network:tor-review", get="TODO", post="TODO", kwargs=tor_pk),
]
