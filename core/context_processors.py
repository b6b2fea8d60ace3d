from django.conf import settings

from core import workhome
from core.navigation import navigation_for


def site(request):
    user = request.user
    return {
        "service_name": settings.SERVICE_NAME,
        "navigation": navigation_for(request),
        # Called only when the header is drawn (templates call callables), so
        # JSON and file responses never pay for it; one cache read when warm.
        "work_count": (lambda: workhome.open_count(user))
        if user.is_authenticated
        else 0,
    }
