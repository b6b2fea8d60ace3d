"""Data protection for each person: download my data, close my account.

UK GDPR Art. 15/20 (access, portability) and Art. 17 (erasure). Closing an
account removes sign-in and personal details at once; records the person
wrote stay, shown as "Former member". The email address is kept for the
retention period (RETENTION_CLOSED_ACCOUNT_DAYS) so coordinators can answer
questions, then `manage.py purge_expired` replaces it.
"""

import json
import re

from allauth.account.decorators import reauthentication_required
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.exportlist import EXPORTED
from api import services as api_services
from audit.models import AuditEvent
from audit.recorder import SECRET_WORDS, record
from audit.retention import FORMER_MEMBER
from core.forms import NHSForm

MAX_ROWS = 2000


def _safe_fields(instance) -> dict:
    data = {}
    for field in instance._meta.concrete_fields:
        name = field.attname
        if any(word in name.lower() for word in SECRET_WORDS):
            continue
        value = getattr(instance, name)
        if isinstance(value, FieldFile):
            value = value.name  # the stored file's name, not the file
        data[name] = value
    return data


def _related_records(user) -> tuple[dict, list[str]]:
    """Rows from every model in EXPORTED that point at `user` (any listed field)."""
    from django.apps import apps

    records, truncated = {}, []
    for label, lookups in EXPORTED.items():
        model = apps.get_model(label)
        match = models.Q()
        for lookup in lookups:
            match |= models.Q(**{lookup: user})
        rows = list(
            model._default_manager.filter(match)
            .distinct()
            .order_by("pk")[: MAX_ROWS + 1]
        )
        if len(rows) > MAX_ROWS:
            truncated.append(label)
        if rows:
            records[label] = [_safe_fields(row) for row in rows[:MAX_ROWS]]
    return records, truncated


def personal_data(user) -> dict:
    """Everything held about `user`: their row and every row pointing at them."""
    profile = _safe_fields(user)
    profile.pop("password", None)
    records, truncated = _related_records(user)
    about_you = AuditEvent.objects.filter(
        object_type="accounts.user", object_id=str(user.pk)
    ).exclude(actor=user)
    return {
        "exported_at": timezone.now(),
        "profile": profile,
        "authenticators": list(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "records": records,
        "records_cut_short": truncated,
        "sign_in_history": list(
            AuditEvent.objects.filter(actor=user)
            .order_by("-at")
            .values("at", "action", "outcome", "ip_address")[:500]
        ),
        "changes_to_your_account_by_others": list(
            about_you.order_by("-at").values("at", "action", "outcome")[:500]
        ),
    }


@transaction.atomic
def account_close(*, user, request=None) -> None:
    """Deactivate and strip personal details; authored records stay."""
    record(AuditEvent.Action.ACCOUNT_CLOSED, request=request, actor=user, obj=user)
    _scrub_admin_log(user)
    _clear_sent_emails(user)
    user.full_name = FORMER_MEMBER
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.role = user.Role.PEER_WORKER
    user.trust = None
    user.employer_trust = None
    user.set_unusable_password()
    user.save()
    Authenticator.objects.filter(user=user).delete()
    api_services.tokens_revoke_all(user=user, reason="account closed", request=request)
    EmailAddress.objects.filter(user=user).delete()
    for model_label in (
        "core.notificationpreference",
        "network.calendarfeedtoken",
        "socialaccount.socialaccount",
    ):
        _delete_related(model_label, user)
    _end_sessions(user)


def _scrub_admin_log(user) -> None:
    """The Django admin's history keeps str(obj) (the person's name) for each
    change made there, to the account or to records that name them."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    about_user = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)
    )
    about_user.update(object_repr=FORMER_MEMBER)
    name = user.full_name.strip()
    if not name or name == FORMER_MEMBER:
        return
    for entry in LogEntry.objects.filter(object_repr__icontains=name):
        entry.object_repr = re.sub(
            re.escape(name), FORMER_MEMBER, entry.object_repr, flags=re.I
        )
        entry.save(update_fields=["object_repr"])


def _clear_sent_emails(user) -> None:
    """Emails sent to them greet them by name: blank the bodies now rather than
    after the outbox's retention period. The rows stay (no reminder twice)."""
    from core.models import Notification

    Notification.objects.filter(
        recipient=user,
        status__in=Notification.FINISHED,
    ).update(body_text="", body_html="")


def _delete_related(model_label: str, user) -> None:
    from django.apps import apps

    try:
        model = apps.get_model(model_label)
    except LookupError:
        return
    model._default_manager.filter(user=user).delete()


def _end_sessions(user) -> None:
    key = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()):
        if session.get_decoded().get("_auth_user_id") == key:
            session.delete()


class CloseAccountForm(NHSForm):
    confirm = forms.BooleanField(
        label="I understand my account will be closed and I will not be able "
        "to sign in again",
        required=True,
        error_messages={"required": "Tick the box to confirm you want to close it"},
    )


def _crumbs():
    return [{"label": "Your profile", "url": "/accounts/profile/"}]


@login_required
def my_data(request):
    context = {
        "breadcrumbs": _crumbs(),
        "retention_days": settings.RETENTION_CLOSED_ACCOUNT_DAYS,
    }
    return render(request, "accounts/my_data.html", context)


@require_POST
@login_required
def my_data_download(request):
    payload = personal_data(request.user)
    record(AuditEvent.Action.DATA_DOWNLOADED, request=request, obj=request.user)
    response = HttpResponse(
        json.dumps(payload, cls=DjangoJSONEncoder, indent=2),
        content_type="application/json",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    return response


@login_required
@reauthentication_required
def close_account(request):
    form = CloseAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        account_close(user=request.user, request=request)
        logout(request)
        messages.success(request, "Your account is closed")
        return redirect("core:home")
    return render(
        request,
        "accounts/my_data_close.html",
        {"form": form, "breadcrumbs": _crumbs()},
    )
