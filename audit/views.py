from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from audit import permissions
from audit.filters import AuditFilter
from core.roles import deny_unless


@require_GET
@login_required
def event_list(request):
    """Coordinators search the audit trail (read only)."""
    deny_unless(permissions.can_view_audit(request.user))
    filterset = AuditFilter(
        request.GET or None, queryset=permissions.events_visible_to(request.user)
    )
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "form": filterset.form,
        "page": page,
        "query": query.urlencode(),
        "breadcrumbs": [{"label": "Home", "url": "/"}],
    }
    return render(request, "audit/auditevent_list.html", context)
