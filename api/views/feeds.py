"""Public calendar feeds (the private per-user feed is network's).

Built from the same event helpers as the web's single-event .ics downloads.
"""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.views.decorators.cache import cache_control

from core.ics import build_calendar, ics_response
from network import permissions as network_permissions
from network.meeting_calendar import calendar_event
from training.calendar import opportunity_events as training_events
from training.filters import catalogue_queryset

FEED_MAX_AGE = 15 * 60  # calendar apps poll; a short shared cache is plenty
PAST_DAYS = 90  # keep recent history so apps do not drop events at once


@cache_control(public=True, max_age=FEED_MAX_AGE)
def training_feed(request):
    """Every session in the public training catalogue, including cancellations."""
    since = timezone.localdate() - timezone.timedelta(days=PAST_DAYS)
    opportunities = catalogue_queryset({"date_from": since, "past": True})
    events = [e for o in opportunities for e in training_events(o)]
    content = build_calendar(events, "North West peer support training")
    return ics_response(content, "nwpsw-training.ics")


@cache_control(public=True, max_age=FEED_MAX_AGE)
def network_events_feed(request):
    """Public network events and meetings, as the public sees them (no links)."""
    since = timezone.now() - timezone.timedelta(days=PAST_DAYS)
    meetings = network_permissions.meetings_visible_to(AnonymousUser()).filter(
        starts_at__gte=since
    )
    events = [calendar_event(m, with_link=False) for m in meetings]
    content = build_calendar(events, "North West peer support network events")
    return ics_response(content, "nwpsw-network-events.ics")
