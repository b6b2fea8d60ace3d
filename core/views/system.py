"""Pages for machines: health checks, metrics and the favicon."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import health


@require_GET
@never_cache
def healthz(request):
    """Everything, scheduled work included: for monitoring and alerting."""
    report = health.check_all()
    return JsonResponse(report, status=503 if report["problems"] else 200)


def metrics(request):
    """Prometheus scrape; refused as plain "not found" so nothing is disclosed."""
    from prometheus_client import CONTENT_TYPE_LATEST

    from core.metrics import exposition, may_scrape

    if not may_scrape(request):
        raise Http404
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)


def livez(request):
    """This process answers: for the container healthcheck and the load
    balancer, so a stopped worker or database never restarts healthy web servers."""
    return JsonResponse({"status": "alive"})


def favicon(request):
    return redirect("/static/vendor/nhsuk/assets/images/favicon.ico", permanent=True)
