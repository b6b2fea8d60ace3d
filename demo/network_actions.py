"""Demo action plans: the closed 2016-18 plan and a current one."""

from datetime import date, timedelta

from network.models import ActionItem, ActionPlan, ActionUpdate, Objective

S = Objective.Strand
OBJECTIVES = [
    ("1", "A region-wide network", S.NETWORK),
    ("2", "Terms of reference", S.TERMS_OF_REFERENCE),
    ("3", "Know our workforce", S.WORKFORCE_GROWTH),
    ("4", "Common standards", S.STANDARDS),
    ("5", "Training and development", S.TRAINING_DEVELOPMENT),
    ("6", "Grow the workforce", S.WORKFORCE_GROWTH),
]
DONE, GOING, NOT = "completed", "in_progress", "not_started"

# ref, action, owner key, lead trust, due, status, rag
FIRST_PLAN = [
    (
        "1.1",
        "Every member trust nominates a trust lead",
        "coordinator",
        None,
        date(2016, 6, 30),
        DONE,
        "blue",
    ),
    (
        "2.1",
        "Draft, consult on and approve ToR v1.0",
        "coordinator",
        None,
        date(2016, 9, 30),
        DONE,
        "blue",
    ),
    (
        "3.1",
        "Baseline census of PSW posts by trust, setting and band",
        "lead.merseycare",
        None,
        date(2016, 12, 31),
        DONE,
        "blue",
    ),
    (
        "4.1",
        "Regional PSW role description and person specification standard",
        "senior.psw",
        "Mersey Care",
        date(2017, 3, 31),
        DONE,
        "blue",
    ),
]


def _current_plan_items(today: date) -> list:
    quarter_end_month = ((today.month - 1) // 3 + 1) * 3 + 3
    year = today.year + (quarter_end_month - 1) // 12
    month = (quarter_end_month - 1) % 12 + 1
    next_quarter_end = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return [
        (
            "4.2",
            "Standard for PSW supervision (line plus peer supervision)",
            "senior.psw",
            "Mersey Care",
            today + timedelta(days=45),
            GOING,
            "amber",
        ),
        (
            "4.3",
            "Values-based recruitment standard, with lived experience on panels",
            "lead.cwp",
            "CWP",
            today + timedelta(days=61),
            GOING,
            "green",
        ),
        (
            "5.1",
            "Publish a regional training catalogue and keep it current",
            "coordinator",
            None,
            date(today.year + 1, 12, 31),
            GOING,
            "green",
        ),
        (
            "5.2",
            "Peer trainer pathway into Recovery Colleges",
            "lead.lscft",
            "LSCft",
            today - timedelta(days=20),
            GOING,
            "red",
        ),
        (
            "6.1",
            "Every trust completes the ImROC 4-phase self-assessment",
            "lead.gmmh",
            "GMMH",
            next_quarter_end,
            NOT,
            "na",
        ),
    ]


def _plan(title, **fields) -> ActionPlan:
    plan, _ = ActionPlan.objects.get_or_create(title=title, defaults=fields)
    for ref, name, strand in OBJECTIVES:
        Objective.objects.get_or_create(
            plan=plan, ref=ref, defaults={"title": name, "strand": strand}
        )
    return plan


def _items(plan, rows, people, source=None) -> None:
    objectives = {o.ref: o for o in plan.objectives.all()}
    for ref, action, owner, trust, due, status, rag in rows:
        item, created = ActionItem.objects.get_or_create(
            plan=plan,
            ref=ref,
            defaults={
                "objective": objectives[ref.split(".")[0]],
                "action": action,
                "owner": people[owner],
                "lead_trust": people["trusts"].get(trust),
                "due_date": due,
                "original_due_date": due,
                "start_date": min(due, plan.period_start + timedelta(days=30)),
                "status": status,
                "rag": rag,
                "completed_on": due - timedelta(days=7) if status == DONE else None,
                "source_meeting": source,
            },
        )
        if created:
            ActionUpdate.objects.create(
                item=item,
                author=people[owner],
                date=min(due, plan.period_start + timedelta(days=60)),
                note="Work started; first draft shared with the network.",
                # the first note, from when work began: on track then
                status_at_time=NOT if status == NOT else GOING,
                rag_at_time="na" if status == NOT else "green",
                due_date_at_time=item.due_date,
            )


def seed(meetings: dict, people: dict, today: date) -> None:
    first = _plan(
        "NW PSW Network Action Plan 2016–18",
        period_start=date(2016, 3, 15),
        period_end=date(2018, 12, 31),
        status=ActionPlan.Status.CLOSED,
        approved_at=meetings["tor1"],
    )
    _items(first, FIRST_PLAN, people, source=meetings["tor1"])
    current = ActionPlan.objects.filter(status=ActionPlan.Status.ACTIVE).first()
    if current is None:
        start = date(today.year - 1, 1, 1)
        current = _plan(
            f"NW PSW Network Action Plan {start.year}–{str(start.year + 3)[2:]}",
            period_start=start,
            period_end=date(start.year + 3, 12, 31),
            status=ActionPlan.Status.ACTIVE,
            approved_at=meetings["tor2"],
        )
    _items(current, _current_plan_items(today), people, source=meetings["tor2"])
