import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import require_coordinator
from core import health, notifications, tasks
from core.models import Notification
from network.models import MemberTrust, Milestone

logger = logging.getLogger(__name__)


def home(request):
    """The public front page: what the network is and how it began."""
    context = {
        "milestones": Milestone.objects.all(),
        "trusts": MemberTrust.objects.current(),
    }
    return render(request, "core/home.html", context)


@login_required
def dashboard(request):
    """The signed-in start page: what needs this person's attention."""
    return render(
        request, "core/dashboard.html", {"user_role": request.user.get_role_display()}
    )


def accessibility(request):
    return render(request, "core/accessibility.html")


@require_GET
@never_cache
def healthz(request):
    report = health.check_all()
    status = 200 if report["database"]["ok"] else 503
    return JsonResponse(report, status=status)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def favicon(request):
    return redirect("/static/vendor/nhsuk/assets/images/favicon.ico", permanent=True)


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
