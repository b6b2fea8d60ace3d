"""Demo data: member trusts (current and historic), milestones, and the network's
governance: meetings, terms of reference and action plans.

Trust names, ODS codes and dates are the network's public facts (codes not yet
confirmed against the ODS register are kept as published); meetings, papers and
action plans are fictional. Idempotent: keyed on the trust
name, milestone order, meeting title, ToR version, plan and item refs.
"""

from datetime import date

from demo import accounts, network_governance
from network.models import ICB, MemberTrust, Milestone, TrustNameHistory

ACTIVE = MemberTrust.Status.ACTIVE
CURRENT_TRUSTS = [
    # short name, legal name, ICB, ODS, membership, footprint, website
    (
        "Mersey Care",
        "Mersey Care NHS Foundation Trust",
        ICB.CHESHIRE_MERSEYSIDE,
        "RW4",
        "full",
        "Liverpool, Sefton, Knowsley, Halton, St Helens and Warrington",
        "https://www.merseycare.nhs.uk",
    ),
    (
        "CWP",
        "Cheshire and Wirral Partnership NHS Foundation Trust",
        ICB.CHESHIRE_MERSEYSIDE,
        "RXA",
        "full",
        "Cheshire West and Chester, Cheshire East and Wirral",
        "https://www.cwp.nhs.uk",
    ),
    (
        "GMMH",
        "Greater Manchester Mental Health NHS Foundation Trust",
        ICB.GREATER_MANCHESTER,
        "RXV",
        "full",
        "Bolton, Manchester, Salford, Trafford and Wigan",
        "https://www.gmmh.nhs.uk",
    ),
    (
        "Pennine Care",
        "Pennine Care NHS Foundation Trust",
        ICB.GREATER_MANCHESTER,
        "RT2",
        "full",
        "Bury, Oldham, Rochdale, Stockport, Tameside and Glossop",
        "https://www.penninecare.nhs.uk",
    ),
    (
        "LSCft",
        "Lancashire & South Cumbria NHS Foundation Trust",
        ICB.LANCASHIRE_SOUTH_CUMBRIA,
        "RW5",
        "full",
        "Lancashire and South Cumbria",
        "https://www.lscft.nhs.uk",
    ),
    (
        "CNTW",
        "Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust",
        ICB.NE_NORTH_CUMBRIA,
        "RX4",
        "associate",
        "North Cumbria (mental health since 2019)",
        "https://www.cntw.nhs.uk",
    ),
]

HISTORIC_TRUSTS = [
    # short name, legal name, ICB, status, ended on, successors, notes
    (
        "NWBH",
        "North West Boroughs Healthcare NHS Foundation Trust",
        ICB.CHESHIRE_MERSEYSIDE,
        MemberTrust.Status.DISSOLVED,
        date(2021, 6, 1),
        ["GMMH", "Mersey Care"],
        "Known as 5 Boroughs Partnership NHS Foundation Trust until 1 April 2017. Wigan "
        "services moved to GMMH on 1 April 2021; the rest to Mersey Care on 1 June 2021.",
    ),
    (
        "MMHSCT",
        "Manchester Mental Health and Social Care Trust",
        ICB.GREATER_MANCHESTER,
        MemberTrust.Status.MERGED,
        date(2017, 1, 1),
        ["GMMH"],
        "Acquired by Greater Manchester West, which became GMMH on 1 January 2017.",
    ),
    (
        "Cumbria Partnership",
        "Cumbria Partnership NHS Foundation Trust",
        ICB.LANCASHIRE_SOUTH_CUMBRIA,
        MemberTrust.Status.DISSOLVED,
        date(2019, 10, 1),
        ["CNTW", "LSCft"],
        "Mental health services split on 1 October 2019: North Cumbria to CNTW, "
        "South Cumbria to Lancashire Care (now LSCft).",
    ),
]

RENAMES = [
    # short name of the current trust, former name, valid to
    ("Mersey Care", "Mersey Care NHS Trust", date(2016, 5, 1)),
    (
        "GMMH",
        "Greater Manchester West Mental Health NHS Foundation Trust",
        date(2017, 1, 1),
    ),
    ("LSCft", "Lancashire Care NHS Foundation Trust", date(2019, 10, 1)),
    ("NWBH", "5 Boroughs Partnership NHS Foundation Trust", date(2017, 4, 1)),
]

MILESTONES = [
    (
        1,
        "Initial workshop",
        date(2016, 3, 15),
        "",
        "Trusts from across the North West met to plan how to grow the peer support workforce.",
    ),
    (
        2,
        "Region-wide Peer Support Worker network established",
        None,
        "2016",
        "The first full network meeting brought together trust leads and peer workers.",
    ),
    (3, "Action plan agreed", None, "2016", "A shared plan with owners and due dates."),
    (
        4,
        "Terms of reference agreed",
        None,
        "2016",
        "Purpose, membership, chairing, quorum and how decisions are made.",
    ),
    (
        5,
        "Developing standards",
        None,
        "Ongoing",
        "Common standards for peer support worker roles across the region.",
    ),
    (
        6,
        "Supporting training and development",
        None,
        "Ongoing",
        "Training and development opportunities to enable the workforce to grow.",
    ),
]


def seed(stdout=None) -> None:
    by_short = {}
    for short, name, icb, ods, membership, footprint, website in CURRENT_TRUSTS:
        trust, _ = MemberTrust.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short,
                "icb": icb,
                "ods_code": ods,
                "membership_type": membership,
                "status": ACTIVE,
                "joined_on": date(2016, 3, 15),
                "footprint": footprint,
                "website": website,
            },
        )
        by_short[short] = trust
    for short, name, icb, status, ended, successors, notes in HISTORIC_TRUSTS:
        trust, _ = MemberTrust.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short,
                "icb": icb,
                "status": status,
                "joined_on": date(2016, 3, 15),
                "ended_on": ended,
                "notes": notes,
            },
        )
        trust.successors.add(*[by_short[s] for s in successors])
        by_short[short] = trust
    for short, former, valid_to in RENAMES:
        TrustNameHistory.objects.get_or_create(
            trust=by_short[short], name=former, defaults={"valid_to": valid_to}
        )
    for order, title, happened_on, label, description in MILESTONES:
        Milestone.objects.get_or_create(
            order=order,
            defaults={
                "title": title,
                "happened_on": happened_on,
                "date_label": label,
                "description": description,
            },
        )
    if stdout:
        stdout.write(
            f"  member trusts: {MemberTrust.objects.count()}, milestones: "
            f"{Milestone.objects.count()}"
        )
    # Meetings and actions need people: the demo accounts (idempotent) come first.
    accounts.seed()
    network_governance.seed(stdout=stdout)
