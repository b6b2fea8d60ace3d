"""Baseline endpoints for load benchmarks (benchmarks/README.md).

Routed only when settings.PERF_ENDPOINTS is true, so production never serves
them. `ping` is the ceiling of the stack (full middleware, no database);
`auth_ping` the ceiling of a signed-in page (session load plus user fetch).
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def ping(request):
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@login_required
def auth_ping(request):
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")
