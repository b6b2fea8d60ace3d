from django.conf import settings

from core.navigation import navigation_for


def site(request):
    return {
        "service_name": settings.SERVICE_NAME,
        "navigation": navigation_for(request),
    }
