"""The signed-in start page's task links, by role. Links to missing pages are skipped."""

from core.navigation import COORD, LEAD, PEER, role_of, url_of

# label, URL name, one line on what it is for, roles
SHORTCUTS = [
    (
        "Your actions",
        "network:my-actions",
        "Action plan items you own or lead",
        (LEAD, COORD),
    ),
    (
        "Your trust's posts",
        "workforce:post-list",
        "Add posts and record changes",
        (LEAD,),
    ),
    (
        "Readiness checklist",
        "workforce:readiness-home",
        "ImROC four-phase progress",
        (LEAD, COORD),
    ),
    (
        "Quarterly returns",
        "workforce:return-list",
        "Confirm your trust's figures",
        (LEAD, COORD),
    ),
    (
        "Your training",
        "training:my-training",
        "Bookings, waiting lists and your record",
        (PEER, LEAD, COORD),
    ),
    ("Manage training", "training:manage", "Publish courses and see demand", (COORD,)),
    (
        "Terms of reference",
        "network:tor-list",
        "How the network is run",
        (PEER, LEAD, COORD),
    ),
    (
        "Your calendar link",
        "network:calendar-settings",
        "Meetings in your own calendar app",
        (PEER, LEAD, COORD),
    ),
    ("Reminder timings", "core:lead-times", "How far ahead reminders go out", (COORD,)),
    (
        "Your emails and notices",
        "core:my-notifications",
        "Choose which reminders you get",
        (PEER, LEAD, COORD),
    ),
]


def shortcuts_for(user) -> list[dict]:
    role = role_of(user)
    links = []
    for label, url_name, description, roles in SHORTCUTS:
        if role not in roles:
            continue
        url = url_of(url_name)
        if url is None:
            continue
        links.append({"label": label, "url": url, "description": description})
    return links
