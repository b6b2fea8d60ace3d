from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from audit import permissions
from audit.forms import AuditSearchForm
from core.roles import deny_unless


@require_GET
@login_required
def event_list(request):
    """Coordinators search the audit trail (read only)."""
    deny_unless(permissions.can_view_audit(request.user))
    events = permissions.events_visible_to(request.user)
    form = AuditSearchForm(request.GET or None)
    if form.is_bound and form.is_valid():
        events = form.filter(events)
    elif form.is_bound:
        events = events.none()
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "breadcrumbs": [{"label": "Home", "url": "/"}],
    }
    return render(request, "audit/auditevent_list.html", context)
