from django.conf import settings

from core.navigation import navigation_for, sections_of


def site(request):
    navigation = navigation_for(request)
    return {
        "service_name": settings.SERVICE_NAME,
        "navigation": navigation,
        # Found here, not by looping over the menu in the title of every page.
        "sections": sections_of(navigation),
    }
