"""Where someone's account stands, in the words every people page uses.

Someone who signed up but never confirmed their email address has not shown the
address is theirs, so they are "Unverified", never "Active".
"""

from allauth.account.models import EmailAddress
from django.db import models
from django.db.models import Exists, OuterRef


class AccountStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    UNVERIFIED = "unverified", "Unverified"
    INVITED = "invited", "Invited, not set up yet"
    DEACTIVATED = "deactivated", "Deactivated"


def _verified_address():
    return EmailAddress.objects.filter(
        user=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True
    )


def with_email_verified(people):
    """Annotate `email_verified`: their sign-in address is confirmed."""
    return people.annotate(email_verified=Exists(_verified_address()))


def account_status(person) -> AccountStatus:
    """Reads `email_verified` when the queryset annotated it, else asks."""
    if not person.is_active:
        return AccountStatus.DEACTIVATED
    if not person.has_usable_password():
        return AccountStatus.INVITED
    verified = getattr(person, "email_verified", None)
    if verified is None:
        verified = EmailAddress.objects.filter(
            user=person, email__iexact=person.email, verified=True
        ).exists()
    return AccountStatus.ACTIVE if verified else AccountStatus.UNVERIFIED


def filter_by_status(people, status: str):
    """People whose account_status is `status` (any, for an empty status)."""
    invited = models.Q(is_active=True, password__startswith="!")
    verified = Exists(_verified_address())
    if status == AccountStatus.DEACTIVATED:
        return people.filter(is_active=False)
    if status == AccountStatus.INVITED:
        return people.filter(invited)
    if status == AccountStatus.UNVERIFIED:
        return people.filter(is_active=True).exclude(invited).exclude(verified)
    if status == AccountStatus.ACTIVE:
        return people.filter(verified, is_active=True).exclude(invited)
    return people
