"""ImROC four-phase checklist items, rebuilt from ImROC Briefing 7 and
related papers; check them against Briefing 7's Box 1 before treating as final."""

PREP, RECRUIT, EMPLOY, ONGOING = (
    "preparation",
    "recruitment",
    "employment",
    "ongoing_development",
)

CHECKLIST_ITEMS = [
    # code, phase, area, title, source tag
    (
        "P1.1",
        PREP,
        "organisation",
        "Agree why the organisation wants to employ PSWs and what difference they are expected to make",
        "S2",
    ),
    (
        "P1.2",
        PREP,
        "organisation",
        "Address common myths and misconceptions about peer workers (ImROC 7 covers ten)",
        "S2",
    ),
    (
        "P1.3",
        PREP,
        "organisation",
        "Identify the teams and services for peer posts; create new posts or modify existing posts",
        "SEED",
    ),
    (
        "P1.4",
        PREP,
        "organisation",
        "Brief HR and Occupational Health on PSW recruitment and employment, including the DBS approach",
        "S2, S32",
    ),
    (
        "P1.5",
        PREP,
        "organisation",
        "Put in place learning and development for all staff on peer support",
        "S32",
    ),
    (
        "P1.6",
        PREP,
        "organisation",
        "Plan supervision and support structures for PSWs, and a collective voice for them",
        "S32",
    ),
    (
        "P1.7",
        PREP,
        "organisation",
        "Give the work executive sponsorship and a steering group that includes lived-experience members",
        "INF",
    ),
    (
        "P1.8",
        PREP,
        "teams",
        "Prepare receiving teams: role clarity, what PSWs do and do not do, and the team's part in support",
        "S32",
    ),
    (
        "P1.9",
        PREP,
        "peers",
        "Offer preparatory/initial peer training before or on appointment, aligned to the HEE framework",
        "S5, S10",
    ),
    (
        "P2.1",
        RECRUIT,
        "n/a",
        "Write a PSW job description and person specification (ImROC 7 provides samples)",
        "S2",
    ),
    (
        "P2.2",
        RECRUIT,
        "n/a",
        "Recruit for values (values-based recruitment: NHS Constitution values plus peer principles)",
        "S31, S3",
    ),
    (
        "P2.3",
        RECRUIT,
        "n/a",
        "Put lived-experience members on shortlisting and interview panels",
        "INF",
    ),
    (
        "P2.4",
        RECRUIT,
        "n/a",
        "Support applicants through the application and interview process",
        "SEED",
    ),
    (
        "P2.5",
        RECRUIT,
        "n/a",
        "Assess DBS disclosures proportionately using an agreed framework",
        "S2",
    ),
    (
        "P2.6",
        RECRUIT,
        "n/a",
        "Carry out occupational health and pre-employment checks sensitively, with reasonable adjustments considered",
        "S32, INF",
    ),
    (
        "P3.1",
        EMPLOY,
        "n/a",
        "Provide an induction covering the trust, the team and the peer role",
        "INF",
    ),
    (
        "P3.2",
        EMPLOY,
        "n/a",
        "Provide line management plus practice/peer supervision (ideally from an experienced peer)",
        "S32",
    ),
    (
        "P3.3",
        EMPLOY,
        "n/a",
        "Agree reasonable adjustments and wellbeing plans (e.g. WRAP)",
        "S27, INF",
    ),
    (
        "P3.4",
        EMPLOY,
        "n/a",
        "Provide ongoing training mapped to the HEE competence domains",
        "S5",
    ),
    (
        "P3.5",
        EMPLOY,
        "n/a",
        "Hold regular team reflection on integrating the peer role and keeping role clarity",
        "S32",
    ),
    (
        "P4.1",
        ONGOING,
        "n/a",
        "Set up a career pathway: Senior PSW, then Peer Coordinator/Advanced Practitioner, then Peer Lead",
        "S7",
    ),
    (
        "P4.2",
        ONGOING,
        "n/a",
        "Open peer trainer opportunities in Recovery Colleges",
        "SEED, S24",
    ),
    (
        "P4.3",
        ONGOING,
        "n/a",
        "Provide peer supervisor and peer leadership training",
        "S29, S10",
    ),
    (
        "P4.4",
        ONGOING,
        "n/a",
        "Expand PSWs into new settings (perinatal, crisis, CYP and so on)",
        "S10",
    ),
    (
        "P4.5",
        ONGOING,
        "n/a",
        "Evaluate impact and collect workforce data, e.g. by taking part in the network returns",
        "INF",
    ),
]


def seed_checklist_items(model) -> int:
    """Create missing items (keyed on code); never overwrite a coordinator's edits."""
    created = 0
    for order, (code, phase, area, title, tag) in enumerate(CHECKLIST_ITEMS, start=1):
        _, was_created = model.objects.get_or_create(
            code=code,
            defaults={
                "phase": phase,
                "area": area,
                "title": title,
                "source_tag": tag,
                "order": order * 10,
            },
        )
        created += was_created
    return created
