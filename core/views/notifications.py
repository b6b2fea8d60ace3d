"""The notification outbox for coordinators, and each person's own notices."""

import logging
import mimetypes

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from core import govuk_notify, health, notifications, preferences, tasks
from core.forms import LeadTimesForm, PreferencesForm
from core.ics import ics_response
from core.models import Notification
from core.roles import require_coordinator

logger = logging.getLogger(__name__)


@login_required
def notification_list(request):
    """Coordinators see the outbox: what failed, and put it back in the queue."""
    require_coordinator(request.user)
    status = request.GET.get("status", Notification.Status.FAILED)
    if status not in Notification.Status.values:
        status = Notification.Status.FAILED
    items = Notification.objects.filter(status=status).select_related("recipient")[:200]
    counts = dict(
        Notification.objects.values_list("status").annotate(n=Count("pk")).order_by()
    )
    context = {
        "items": items,
        "status": status,
        "last_scan": health.reminder_scan(),
        "statuses": [
            (s, label, counts.get(s, 0)) for s, label in Notification.Status.choices
        ],
    }
    return render(request, "core/notification_list.html", context)


@login_required
@require_POST
def notification_retry(request, pk: int):
    require_coordinator(request.user)
    note = get_object_or_404(Notification, pk=pk, status=Notification.Status.FAILED)
    notifications.notification_retry(notification=note)
    transaction.on_commit(lambda: tasks.enqueue_send(note.pk))
    messages.success(
        request, f"The message to {note.recipient.email} will be sent again"
    )
    return redirect("core:notifications")


@login_required
def my_notifications(request):
    """What was sent to me, and how I want each category of reminder."""
    form = PreferencesForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your email choices have been saved")
        return redirect("core:my-notifications")
    sent = Notification.objects.filter(recipient=request.user).exclude(
        status=Notification.Status.FAILED
    )[:50]
    return render(request, "core/my_notifications.html", {"form": form, "sent": sent})


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a CSRF token; the link is signed
def unsubscribe(request, token: str):
    found = preferences.read_unsubscribe_token(token)
    if found is None:
        raise Http404("This link is not valid")
    user = get_object_or_404(get_user_model(), pk=found[0], is_active=True)
    category = preferences.BY_KEY[found[1]]
    if request.method == "POST":
        preferences.set_choice(user, category.key, preferences.Choice.OFF)
        return render(
            request, "core/unsubscribed.html", {"category": category, "done": True}
        )
    return render(
        request, "core/unsubscribed.html", {"category": category, "done": False}
    )


@login_required
def lead_times(request):
    """Coordinators choose how many days ahead each dated reminder goes out."""
    require_coordinator(request.user)
    form = LeadTimesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save(actor=request.user)
        messages.success(request, "Reminder timings saved. The next scan uses them.")
        return redirect("core:lead-times")
    return render(request, "core/lead_times.html", {"form": form})


@csrf_exempt  # GOV.UK Notify posts from its servers; its bearer token is the credential
@require_POST
def notify_receipt(request):
    """A delivery receipt from GOV.UK Notify. A reference we never sent is
    answered like any other, so Notify stops retrying and learns nothing."""
    if not govuk_notify.callback_authorised(request.headers.get("Authorization", "")):
        logger.warning("refused a GOV.UK Notify receipt without the right token")
        refused = JsonResponse({"error": "A valid bearer token is needed"}, status=401)
        refused["WWW-Authenticate"] = "Bearer"
        return refused
    try:
        receipt = govuk_notify.read_receipt(request.body)
    except ValueError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    govuk_notify.record_receipt(**receipt)
    return HttpResponse(status=204)


@require_GET
def outbox_calendar(request, token: str):
    """The invitation linked from an email sent through GOV.UK Notify (which
    cannot attach it); the signed link is the credential, as for unsubscribing."""
    note = govuk_notify.note_from_token(token, govuk_notify.CALENDAR_SALT)
    if note is None or not note.calendar:
        raise Http404("This link is not valid")
    return ics_response(note.calendar.encode(), govuk_notify.CALENDAR_FILENAME)


@login_required
@require_GET
def outbox_attachment(request, token: str):
    """A file (the board pack) linked from an email sent through GOV.UK Notify:
    only for its recipient, signed in, since it may hold private figures."""
    note = govuk_notify.note_from_token(token, govuk_notify.ATTACHMENT_SALT)
    if note is None or not note.attachment_name or note.recipient != request.user:
        raise Http404("This link is not valid")
    kind = mimetypes.guess_type(note.attachment_name)[0] or "application/octet-stream"
    response = HttpResponse(bytes(note.attachment), content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{note.attachment_name}"'
    return response
