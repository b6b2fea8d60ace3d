import logging

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import health
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
