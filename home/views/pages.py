"""The pages people read: the public pages, the signed-in work home and its
lists, and the error pages (an API path gets the API's problem format)."""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import timezone

from core.middleware import NulCharacterRefused
from core.shortcuts import shortcuts_for
from home import workhome
from network.models import (
    ICB,
    ActionItem,
    ActionPlan,
    MemberTrust,
    Milestone,
    Objective,
)
from network.permissions import meetings_visible_to
from training.permissions import opportunities_visible_to
from workforce.reports import regional_status

logger = logging.getLogger(__name__)
ICB_NAMES = dict(ICB.choices)


def home(request):
    """The public front page: what the network is, who it is for, and progress."""
    today = timezone.localdate()
    context = {
        "milestones": Milestone.objects.all(),
        # Names and areas only, worked out once: the list has every trust.
        "trusts": [
            {"name": name, "icb": ICB_NAMES.get(icb, icb)}
            for name, icb in MemberTrust.objects.current().values_list("name", "icb")
        ],
        "plan": ActionPlan.objects.filter(status=ActionPlan.Status.ACTIVE).first(),
        "strands": strand_progress(today),
        # Cached, and public: rounded to the nearest 5 as on the dashboard.
        "figures": regional_status(today),
        "meetings": meetings_visible_to(request.user).upcoming()[:3],
        "training": opportunities_visible_to(request.user)
        .filter(start_date__gte=today)
        .order_by("start_date")[:3],
    }
    return render(request, "home/home.html", context)


def strand_progress(today) -> list[dict]:
    """Actions in the active plan, counted by strand: only the strands that
    have actions, since some strands name a part of the site, not work."""
    counts = {
        row["objective__strand"]: row
        for row in ActionItem.objects.filter(
            objective__plan__status=ActionPlan.Status.ACTIVE
        )
        .values("objective__strand")
        .annotate(
            total=Count("id"),
            completed=Count("id", filter=Q(status=ActionItem.Status.COMPLETED)),
            in_progress=Count("id", filter=Q(status=ActionItem.Status.IN_PROGRESS)),
            overdue=Count("id", filter=ActionItem.overdue_q(today)),
        )
    }
    return [
        {"value": value, "label": label, **counts[value]}
        for value, label in Objective.Strand.choices
        if value in counts
    ]


@login_required
def dashboard(request):
    """The signed-in start page: what needs this person, then their shortcuts."""
    lines = workhome.lines_for(request.user)
    context = {
        "user_role": request.user.get_role_display(),
        "lines": lines,
        "next_up": [] if lines else workhome.next_up(request.user),
        "shortcuts": shortcuts_for(request.user),
        # The header's count from these lines: one cache read for the page, not two.
        "work_count": workhome.count_of(lines),
    }
    return render(request, "home/dashboard.html", context)


@login_required
def needs(request, key: str):
    """One line of the work home: exactly the items it counts, each linked."""
    found = workhome.items_for(request.user, key)
    if found is None:
        raise Http404("There is no such list for you")
    need, items = found
    context = {
        "need": need,
        "items": items,
        "heading": need.sentence(len(items), weeks="", first="", deadline=""),
        "breadcrumbs": [{"label": "Home", "url": reverse("core:dashboard")}],
    }
    return render(request, "home/needs.html", context)


def accessibility(request):
    return render(request, "home/accessibility.html")


def about(request):
    """What the network is, who is in it, what it does and how to join in."""
    return render(
        request,
        "home/about.html",
        {
            "trusts": MemberTrust.objects.current().order_by("name"),
            "milestones": Milestone.objects.exclude(happened_on=None),
        },
    )


def about_peer_support(request):
    return render(request, "home/about_peer_support.html")


def privacy(request):
    """The privacy notice; retention periods come from the settings in force."""
    context = {
        "audit_years": settings.RETENTION_AUDIT_DAYS // 365,
        "closed_account_days": settings.RETENTION_CLOSED_ACCOUNT_DAYS,
        "notification_days": settings.RETENTION_NOTIFICATION_DAYS,
        "session_hours": settings.SESSION_ABSOLUTE_TIMEOUT // 3600,
        "idle_minutes": settings.SESSION_IDLE_TIMEOUT // 60,
    }
    return render(request, "home/privacy.html", context)


def cookies(request):
    context = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "session_hours": settings.SESSION_ABSOLUTE_TIMEOUT // 3600,
    }
    return render(request, "home/cookies.html", context)


def bad_request(request, exception):
    """A request Django refused to read: a body over DATA_UPLOAD_MAX_MEMORY_SIZE
    (413), too many fields, a bad host, a NUL character. The API answers in its
    problem format."""
    from api.exceptions import problem_response

    status, detail = 400, "The request could not be read"
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
        status = 413
        detail = f"The request is too large: send at most {limit:g} MB at a time"
    elif isinstance(exception, NulCharacterRefused):
        detail = str(exception)
    if request.path.startswith("/api/"):
        return problem_response(status, detail)
    # No request context: the request may have stopped before the user was
    # known (a bad Host header), so no context processor can run.
    content = loader.get_template("400.html").render({"detail": detail})
    return HttpResponse(content, status=status)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
