"""Who hears about a trust: the one place reminders to trust leads pick people.

A trust may have several leads. Reminders go to the primary lead and are copied
to the other (deputy) leads who asked for copies. A trust whose leads have no
primary marked (say, straight after an import) reaches all of them, so nothing
goes unheard.
"""

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser

from core import roles


def reminder_leads(
    trust_ids: Iterable[int] | None = None,
) -> dict[int, list[AbstractBaseUser]]:
    """{trust id: [people to tell]} for trust-lead reminders."""
    leads = roles.trust_leads()
    if trust_ids is not None:
        leads = leads.filter(trust_id__in=list(trust_ids))
    by_trust: dict[int, list[AbstractBaseUser]] = {}
    for lead in leads.select_related("trust").order_by("-is_primary_lead", "pk"):
        by_trust.setdefault(lead.trust_id, []).append(lead)
    return {trust_id: _recipients(people) for trust_id, people in by_trust.items()}


def _recipients(people: list[AbstractBaseUser]) -> list[AbstractBaseUser]:
    if not people[0].is_primary_lead:
        return people
    return [people[0], *(p for p in people[1:] if p.copy_lead_reminders)]
