"""Reminder categories, people's choices for each, and signed unsubscribe links."""

import re
from dataclasses import dataclass

from django.core import signing
from django.urls import reverse

from core.models import NotificationPreference

Choice = NotificationPreference.Choice


PEER, LEAD, COORD = "peer_worker", "trust_lead", "coordinator"
EVERYONE = frozenset({PEER, LEAD, COORD})


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    numbers: frozenset[int]  # reminder numbers R1…R24 (docs/reminders.md)
    default: str
    roles: frozenset[str] = EVERYONE  # who is ever sent this kind of email
    kinds: frozenset[str] = frozenset()  # exact kinds that belong here, not by number


# Straight away only for what cannot wait a week: offers with a deadline, meeting
# invitations and security emails (those have no category and always go at once).
CATEGORIES = [
    Category(
        "meeting_invitations",
        "Invitations to meetings and how to join them",
        frozenset({1}),
        Choice.IMMEDIATE,
    ),
    Category(
        "meetings",
        "Meeting papers, minutes and attendance",
        frozenset({2, 3, 4, 12}),
        Choice.DIGEST,
        frozenset({LEAD, COORD}),
    ),
    Category(
        "actions",
        "Action plan items you own: due, overdue or not updated recently",
        frozenset({9, 10, 11}),
        Choice.DIGEST,
        frozenset({LEAD, COORD}),
    ),
    Category(
        "reviews",
        "Reviews of the terms of reference and standards",
        frozenset({5, 6}),
        Choice.DIGEST,
        frozenset({COORD}),
    ),
    Category(
        "consultations",
        "Consultations on standards and the terms of reference",
        frozenset({7, 8}),
        Choice.DIGEST,
    ),
    Category(
        "workforce",
        "Your trust's posts, quarterly returns and readiness checklist",
        frozenset({13, 14, 15, 16, 17, 24}),
        Choice.DIGEST,
        frozenset({LEAD, COORD}),
    ),
    Category(
        "training_offers",
        "A training place offered to you, which you must accept in time",
        frozenset(),
        Choice.IMMEDIATE,
        # Always sent at once (the place is held for 48 hours), so not offered
        # as a choice; the category still names it in the unsubscribe link.
        roles=frozenset(),
        kinds=frozenset({"R20-training-place-offered"}),
    ),
    Category(
        "training",
        "Training you are interested in or booked on, and new training",
        frozenset({18, 19, 20, 21}),
        Choice.DIGEST,
    ),
    Category(
        "training_proposals",
        "Training proposed by trust leads, waiting for you to review",
        frozenset({22}),
        Choice.DIGEST,
        frozenset({COORD}),
    ),
    Category(
        "governance",
        "Trusts without a trust lead",
        frozenset({23}),
        Choice.DIGEST,
        frozenset({COORD}),
    ),
]
BY_KEY = {c.key: c for c in CATEGORIES}
OTHER = Category("other", "Other notices", frozenset(), Choice.IMMEDIATE)
SALT = "notifications.unsubscribe"


def categories_for(user) -> list[Category]:
    """The categories a person's role can ever receive, in page order."""
    role = COORD if user.is_coordinator else user.role
    return [c for c in CATEGORIES if role in c.roles]


def category_of(kind: str) -> Category:
    for category in CATEGORIES:
        if kind in category.kinds:
            return category
    match = re.match(r"R(\d+)", kind)
    if match:
        number = int(match.group(1))
        for category in CATEGORIES:
            if number in category.numbers:
                return category
    return OTHER


def choices_for(user) -> dict[str, str]:
    saved = dict(user.notification_preferences.values_list("category", "choice"))
    return {c.key: saved.get(c.key, c.default) for c in CATEGORIES}


def delivery_for(user, kind: str, mandatory: bool, cache: dict | None = None) -> str:
    """immediate, digest or off for this person and reminder type."""
    if mandatory:
        return Choice.IMMEDIATE  # governance reminders cannot be switched off
    category = category_of(kind)
    if category is OTHER:
        return Choice.IMMEDIATE
    if cache is not None:
        if user.pk not in cache:
            cache[user.pk] = choices_for(user)
        return cache[user.pk][category.key]
    return choices_for(user)[category.key]


def unsubscribe_url(user, category_key: str) -> str:
    token = signing.dumps({"u": user.pk, "c": category_key}, salt=SALT)
    return reverse("core:unsubscribe", kwargs={"token": token})


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=60 * 60 * 24 * 365)
    except signing.BadSignature:
        return None
    if data.get("c") not in BY_KEY:
        return None
    return data["u"], data["c"]


def set_choice(user, category_key: str, choice: str) -> None:
    NotificationPreference.objects.update_or_create(
        user=user, category=category_key, defaults={"choice": choice}
    )
