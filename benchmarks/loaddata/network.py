"""Meetings with attendance, and action plans with objectives, items and updates."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from network.models import (
    ActionItem,
    ActionPlan,
    ActionUpdate,
    Meeting,
    MeetingAttendance,
    Objective,
)

TOPICS = "Supervision Recruitment Wellbeing Training Standards Growth".split()
STRANDS = [s for s, _ in Objective.Strand.choices]
UPDATES_PER_ITEM = 3


def generate(ctx) -> None:
    _meetings(ctx)
    _plans(ctx)


def _meetings(ctx) -> None:
    from benchmarks.loaddata import BATCH

    rng, n = ctx.rng, ctx.volumes.meetings
    meetings = []
    # Two thirds in the past (held), the rest ahead (scheduled), a week apart.
    for i in range(n):
        day = ctx.anchor + timedelta(days=7 * (i - (2 * n) // 3))
        starts = timezone.make_aware(datetime.combine(day, time(10, 0)))
        past = day < ctx.anchor
        meetings.append(
            Meeting(
                title=f"{rng.choice(TOPICS)} network meeting {i + 1}",
                meeting_type=rng.choice(["network", "steering_group", "workshop"]),
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                location=rng.choice(["Online", "Preston", "Manchester", "Liverpool"]),
                chair_id=rng.choice(ctx.coordinator_ids),
                status="held" if past else "scheduled",
                is_public=rng.random() < 0.5,
                description="Agenda to follow.\n\nPapers by the deadline, please.",
                papers_deadline=day - timedelta(days=7),
                minutes="Minutes of the meeting." if past else "",
                minutes_status="draft" if past else "none",
                minutes_drafted_on=day + timedelta(days=3) if past else None,
            )
        )
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    ctx.meeting_ids = [m.pk for m in meetings]
    ctx.past_meeting_ids = [m.pk for m in meetings if m.status == "held"]
    ctx.count("network_meeting", n)

    rows = []
    for meeting in meetings:
        people = rng.sample(ctx.psw_ids, ctx.volumes.attendees_per_meeting)
        for user_id in people:
            rows.append(
                MeetingAttendance(
                    meeting_id=meeting.pk,
                    user_id=user_id,
                    trust_id=ctx.psw_trust[user_id],
                    lived_experience=rng.random() < 0.6,
                    response="accepted",
                    attended=(rng.random() < 0.85)
                    if meeting.status == "held"
                    else None,
                )
            )
    MeetingAttendance.objects.bulk_create(rows, batch_size=BATCH)
    ctx.count("network_meetingattendance", len(rows))


def _plans(ctx) -> None:
    from benchmarks.loaddata import BATCH

    rng, per_plan = ctx.rng, ctx.volumes.items_per_plan
    n_plans = max(1, -(-ctx.volumes.action_items // per_plan))
    plans = []
    # Yearly plans back in time; only the newest is active (one-active rule).
    first = ctx.anchor.year if ctx.anchor.month >= 4 else ctx.anchor.year - 1
    for i in range(n_plans):
        start = date(first - i, 4, 1)
        plans.append(
            ActionPlan(
                title=f"Network action plan {start.year}/{(start.year + 1) % 100:02d}",
                period_start=start,
                period_end=start + timedelta(days=364),
                status="active" if i == 0 else "closed",
                approved_at_id=rng.choice(ctx.past_meeting_ids or ctx.meeting_ids),
                description="Our priorities for the year.",
            )
        )
    ActionPlan.objects.bulk_create(plans)
    ctx.count("network_actionplan", n_plans)
    objectives = [
        Objective(
            plan_id=p.pk, ref=str(k + 1), title=f"Objective {k + 1}", strand=STRANDS[k]
        )
        for p in plans
        for k in range(5)
    ]
    Objective.objects.bulk_create(objectives, batch_size=BATCH)
    ctx.count("network_objective", len(objectives))

    items, remaining = [], ctx.volumes.action_items
    for p_index, plan in enumerate(plans):
        objs = objectives[p_index * 5 : p_index * 5 + 5]
        for k in range(min(per_plan, remaining)):
            items.append(_item(ctx, plan, objs[k % 5], k))
        remaining -= min(per_plan, remaining)
    ActionItem.objects.bulk_create(items, batch_size=BATCH)
    ctx.count("network_actionitem", len(items))

    updates = [
        ActionUpdate(
            item_id=item.pk,
            author_id=item.owner_id,
            date=item.original_due_date - timedelta(days=30 * (u + 1)),
            note=f"Progress note {u + 1}: {rng.choice(TOPICS).lower()} work continues.",
            status_at_time="in_progress",
            rag_at_time=rng.choice(["green", "amber"]),
            due_date_at_time=item.due_date,
        )
        for item in items
        for u in range(UPDATES_PER_ITEM)
    ]
    ActionUpdate.objects.bulk_create(updates, batch_size=BATCH)
    ctx.count("network_actionupdate", len(updates))


def _item(ctx, plan, objective, k) -> ActionItem:
    rng = ctx.rng
    due = plan.period_start + timedelta(days=rng.randrange(30, 360))
    active = plan.status == "active"
    status = (
        rng.choice(["not_started", "in_progress", "completed"])
        if active
        else "completed"
    )
    trust_id = rng.choice(ctx.trust_ids)
    owner = rng.choice(ctx.lead_ids_by_trust.get(trust_id) or ctx.coordinator_ids)
    return ActionItem(
        plan_id=plan.pk,
        objective_id=objective.pk,
        ref=f"{objective.ref}.{k // 5 + 1}",
        action=f"Action {k + 1}: improve {rng.choice(TOPICS).lower()} across trusts.",
        owner_id=owner,
        lead_trust_id=trust_id,
        imroc_phase=rng.choice(["preparation", "recruitment", "employment"]),
        start_date=plan.period_start,
        due_date=due,
        original_due_date=due,
        status=status,
        rag="blue" if status == "completed" else rng.choice(["green", "amber"]),
        completed_on=due if status == "completed" else None,
    )
