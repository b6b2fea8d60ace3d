"""Audit receivers for sign-in, MFA, account and deletion events.

Signals are used for logging only (no business logic). Nothing secret is
passed on: allauth and Django already strip credentials from their signals.
"""

import time

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.apps import apps
from django.conf import settings
from django.contrib.auth import signals as auth_signals
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from audit.models import AuditEvent
from audit.recorder import record

Action = AuditEvent.Action
# Deletions of records in these apps are audited (not sessions, caches, ...).
AUDITED_APPS = {"accounts", "network", "workforce", "standards", "training"}


@receiver(auth_signals.user_logged_in)
def on_login(sender, request, user, **kwargs):
    record(Action.LOGIN, request=request, actor=user, obj=user)
    session = getattr(request, "session", None)
    if session is not None:
        # The absolute session lifetime counts from here (SessionTimeoutMiddleware).
        from audit.middleware import SessionTimeoutMiddleware

        now = time.time()
        session[SessionTimeoutMiddleware.STARTED] = now
        session[SessionTimeoutMiddleware.SEEN] = now


@receiver(auth_signals.user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, request=request, actor=user, obj=user)


@receiver(auth_signals.user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password; keep only the address tried.
    attempted = str(credentials.get("email") or credentials.get("username") or "")
    record(
        Action.LOGIN_FAILED,
        request=request,
        outcome=AuditEvent.Outcome.FAILURE,
        object_type="accounts.user",
        object_repr=attempted[:200],
    )


@receiver(account_signals.password_changed)
@receiver(account_signals.password_set)
def on_password_changed(sender, request, user, **kwargs):
    record(Action.PASSWORD_CHANGED, request=request, actor=user, obj=user)


@receiver(account_signals.password_reset)
def on_password_reset(sender, request, user, **kwargs):
    record(Action.PASSWORD_RESET, request=request, actor=user, obj=user)


@receiver(account_signals.email_changed)
def on_email_changed(sender, request, user, from_email_address, to_email_address, **kw):
    record(
        Action.EMAIL_CHANGED,
        request=request,
        actor=user,
        obj=user,
        details={
            "from": getattr(from_email_address, "email", ""),
            "to": getattr(to_email_address, "email", ""),
        },
    )


def _authenticator_event(action, request, authenticator, user=None):
    user = user or authenticator.user
    record(
        action,
        request=request,
        actor=user,
        obj=user,
        details={"type": authenticator.type},
    )


@receiver(mfa_signals.authenticator_added)
def on_mfa_added(sender, request, user, authenticator, **kwargs):
    _authenticator_event(Action.MFA_ADDED, request, authenticator, user)


@receiver(mfa_signals.authenticator_removed)
def on_mfa_removed(sender, request, user, authenticator, **kwargs):
    _authenticator_event(Action.MFA_REMOVED, request, authenticator, user)


@receiver(mfa_signals.authenticator_reset)
def on_mfa_reset(sender, request, user, authenticator, **kwargs):
    _authenticator_event(Action.MFA_RESET, request, authenticator, user)


@receiver(mfa_signals.authentication_failed)
def on_mfa_failed(sender, request, user, **kwargs):
    record(
        Action.MFA_FAILED,
        request=request,
        actor=user,
        obj=user,
        outcome=AuditEvent.Outcome.FAILURE,
    )


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def on_user_change(sender, instance, raw=False, update_fields=None, **kwargs):
    """Role, trust and active-flag changes, with before and after values."""
    watched = {"role", "trust", "is_active", "is_staff", "is_superuser"}
    if raw or instance.pk is None:
        return
    if update_fields is not None and not watched & set(update_fields):
        return
    before = sender.objects.filter(pk=instance.pk).values(
        "role", "trust_id", "is_active", "is_staff", "is_superuser"
    )
    before = before.first()
    if before is None:
        return
    after = {
        "role": instance.role,
        "trust_id": instance.trust_id,
        "is_active": instance.is_active,
        "is_staff": instance.is_staff,
        "is_superuser": instance.is_superuser,
    }
    changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changed:
        return
    from audit.context import current_request

    action = (
        Action.USER_DEACTIVATED
        if changed.keys() == {"is_active"} and not instance.is_active
        else Action.ROLE_CHANGED
    )
    record(action, request=current_request(), obj=instance, details=changed)


@receiver(post_delete)
def on_delete(sender, instance, origin=None, **kwargs):
    meta = sender._meta
    if meta.app_label not in AUDITED_APPS or meta.auto_created:
        return
    if apps.is_installed("simple_history") and meta.model_name.startswith("historical"):
        return
    from audit.context import current_request

    record(Action.DELETED, request=current_request(), obj=instance)
