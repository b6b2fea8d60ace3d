"""Multi-step account writes: inviting people and accepting an invitation."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.notifications import notify
from core.reminders import DueReminder

User = get_user_model()


def invitation_path(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:accept-invite", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def user_invite(*, email: str, full_name: str, role: str, trust, actor) -> "User":
    """Create the account with no password and email the invitation.

    The email goes through the notification outbox in this transaction, so it is
    sent once the account exists, even if the broker is down right now.
    """
    user = User(email=email.lower(), full_name=full_name, role=role, trust=trust)
    user.is_primary_lead = role == Role.TRUST_LEAD and not _has_primary(trust, user)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    EmailAddress.objects.create(
        user=user, email=user.email, primary=True, verified=False
    )
    notify(_invitation(user, actor, "invited"))
    return user


def _invitation(user, actor, occurrence: str) -> DueReminder:
    return DueReminder(
        kind="invitation",
        obj=user,
        recipient=user,
        occurrence=occurrence,
        template="invitation",
        mandatory=True,
        context={
            "user": user,
            "inviter": actor,
            "url": settings.SITE_URL + invitation_path(user),
        },
    )


@transaction.atomic
def invite_accept(*, user, password: str) -> None:
    """Setting the password proves the address: mark it verified."""
    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


@transaction.atomic
def user_sign_up_by_identity_provider(*, email: str, full_name: str) -> "User":
    """A new person signing in with NHSmail: a peer worker, as self sign-up
    makes, with the address NHSmail verified and no password (they can set
    one later with "Forgotten your password?")."""
    user = User(
        email=email.strip().lower(),
        full_name=full_name.strip()[:150],
        role=User.Role.PEER_WORKER,
        trust=None,
    )
    user.set_unusable_password()
    user.save()
    EmailAddress.objects.create(
        user=user, email=user.email, primary=True, verified=True
    )
    return user


def email_confirm_by_identity_provider(*, user, email: str) -> None:
    """NHSmail verified the address this account was entered with."""
    EmailAddress.objects.update_or_create(
        user=user,
        email__iexact=email,
        defaults={"verified": True},
        create_defaults={"email": email, "verified": True, "primary": True},
    )


# Changing any of these changes what the person may do.
ACCESS_FIELDS = frozenset(
    {"role", "trust", "is_active", "is_staff", "is_superuser", "groups"}
)


def access_changed(*, user, fields, request=None) -> int:
    """After someone's role or access changes, their API tokens and calendar
    link stop working: a credential must never carry more (or other) access
    than they had when they made it. Returns how many API tokens were revoked."""
    if not ACCESS_FIELDS & set(fields):
        return 0
    return _end_credentials(user, "role or access changed", request)


def authenticator_removed(*, user, request=None) -> int:
    """Removing the authenticator app ends the person's API tokens and
    calendar link, made while they had it."""
    return _end_credentials(user, "authenticator removed", request)


def _end_credentials(user, reason: str, request) -> int:
    from api import services as api_services
    from network import services as network_services

    network_services.calendar_token_revoke(user=user)
    actor = getattr(request, "user", None)
    return api_services.tokens_revoke_all(
        user=user, reason=reason, request=request, actor=actor
    )


# --- people: roles, trust leads, deactivation ---------------------------------------

Role = User.Role
CANNOT_CHANGE_SELF = "You cannot change your own role or deactivate your own account"
LAST_COORDINATOR = (
    "This is the last active network coordinator. Make someone else a coordinator first"
)
NOT_INVITED = "This person has already set up their account"


def end_sessions(user) -> int:
    """Sign a person out everywhere by deleting their server-side sessions."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    key, ended = str(user.pk), 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == key:
            session.delete()
            ended += 1
    return ended


def _is_last_coordinator(person) -> bool:
    if not person.is_coordinator:
        return False
    others = User.objects.filter(is_active=True, role=Role.COORDINATOR).exclude(
        pk=person.pk
    )
    return not others.exists()


def _guard(person, actor, *, demoting: bool) -> None:
    if person.pk == actor.pk and demoting:
        raise ValidationError(CANNOT_CHANGE_SELF)
    if demoting and _is_last_coordinator(person):
        raise ValidationError(LAST_COORDINATOR)


def _promote_next_lead(trust_id, leaving_pk) -> None:
    """A trust whose primary lead leaves gets its longest-standing other lead."""
    if trust_id is None:
        return
    others = User.objects.filter(
        role=Role.TRUST_LEAD, is_active=True, trust_id=trust_id
    ).exclude(pk=leaving_pk)
    if others.filter(is_primary_lead=True).exists():
        return
    nxt = others.order_by("date_joined", "pk").first()
    if nxt is not None:
        nxt.is_primary_lead = True
        nxt.save(update_fields=["is_primary_lead"])


def _snapshot(person) -> dict:
    return {
        "role": person.get_role_display(),
        "trust": str(person.trust) if person.trust_id else "none",
        "primary lead": "yes" if person.is_primary_lead else "no",
        "can sign in": "yes" if person.is_active else "no",
    }


def _tell(person, before: dict, after: dict, actor, request) -> None:
    """Audit the change with before and after, and email the person."""
    from django.utils import timezone

    from audit.models import AuditEvent
    from audit.recorder import record

    changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changed:
        return
    record(
        AuditEvent.Action.ROLE_CHANGED,
        request=request,
        actor=actor,
        obj=person,
        details={"changed_by_coordinator": changed},
    )
    notify(
        DueReminder(
            kind="account-changed",
            obj=person,
            recipient=person,
            occurrence=f"changed:{timezone.now():%Y%m%d%H%M%S%f}",
            template="account_changed",
            mandatory=True,
            context={"changes": changed, "actor": actor},
        )
    )


@transaction.atomic
def person_change_role(
    *, person, role: str, trust=None, primary: bool = False, actor, request=None
):
    """Change role and trust together; a trust lead's trust is required.

    Making someone a lead with `primary` hands them the trust's primary role (the
    old primary becomes a deputy); a trust with no primary lead gets this one.
    """
    person = User.objects.select_for_update().get(pk=person.pk)
    before = _snapshot(person)
    demoting = person.is_coordinator and role != Role.COORDINATOR
    _guard(person, actor, demoting=demoting)
    if role == Role.TRUST_LEAD and trust is None:
        raise ValidationError("Select the trust this trust lead looks after")
    old_trust_id = person.trust_id if person.is_primary_lead else None
    if role != Role.TRUST_LEAD:
        trust, primary = None, False
    else:
        primary = primary or not _has_primary(trust, person)
    moved = [
        f for f, new in (("role", role), ("trust", trust)) if getattr(person, f) != new
    ]
    if primary:
        User.objects.filter(
            role=Role.TRUST_LEAD, trust=trust, is_primary_lead=True
        ).exclude(pk=person.pk).update(is_primary_lead=False)
    person.role, person.trust, person.is_primary_lead = role, trust, primary
    person.full_clean(exclude=["password"])
    person.save()
    if old_trust_id and (old_trust_id != person.trust_id or not primary):
        _promote_next_lead(old_trust_id, person.pk)
    access_changed(user=person, fields=moved, request=request)
    _tell(person, before, _snapshot(person), actor, request)
    return person


def _has_primary(trust, person) -> bool:
    return (
        User.objects.filter(
            role=Role.TRUST_LEAD, trust=trust, is_primary_lead=True, is_active=True
        )
        .exclude(pk=person.pk)
        .exists()
    )


@transaction.atomic
def person_deactivate(*, person, actor, request=None):
    """Stop someone signing in: sessions end and API tokens stop working at once."""
    person = User.objects.select_for_update().get(pk=person.pk)
    _guard(person, actor, demoting=True)
    if not person.is_active:
        return person
    before = _snapshot(person)
    trust_id = person.trust_id if person.is_primary_lead else None
    person.is_active = False
    person.is_primary_lead = False
    person.save(update_fields=["is_active", "is_primary_lead"])
    _promote_next_lead(trust_id, person.pk)
    access_changed(user=person, fields=["is_active"], request=request)
    end_sessions(person)
    _tell(person, before, _snapshot(person), actor, request)
    return person


@transaction.atomic
def person_reactivate(*, person, actor, request=None):
    """Let someone sign in again; tokens revoked at deactivation stay revoked."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.is_active:
        return person
    before = _snapshot(person)
    person.is_active = True
    if person.role == Role.TRUST_LEAD and not _has_primary(person.trust, person):
        person.is_primary_lead = True
    person.save(update_fields=["is_active", "is_primary_lead"])
    _tell(person, before, _snapshot(person), actor, request)
    return person


def is_invited(person) -> bool:
    """Invited and not yet set up: no password and never signed in."""
    return person.is_active and not person.has_usable_password()


@transaction.atomic
def invitation_resend(*, person, actor) -> None:
    from django.utils import timezone

    if not is_invited(person):
        raise ValidationError(NOT_INVITED)
    notify(_invitation(person, actor, f"resent:{timezone.now():%Y%m%d%H%M%S%f}"))


@transaction.atomic
def invitation_cancel(*, person, actor, request=None) -> None:
    """Remove an account nobody has set up yet; its link stops working."""
    from django.db.models import ProtectedError

    if not is_invited(person):
        raise ValidationError(NOT_INVITED)
    try:
        with transaction.atomic():
            person.delete()
    except ProtectedError:
        raise ValidationError(
            "This invitation cannot be cancelled because records name this person. "
            "Deactivate the account instead"
        ) from None
