"""Each member's private calendar feed: a secret URL they can revoke."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from core.confirm import confirm_page
from core.ics import CalendarEvent, build_calendar, ics_response
from core.roles import deny_unless
from network import extensions, permissions, services
from network.meeting_calendar import ALARM_MINUTES, calendar_event
from network.models import ActionItem, CalendarFeedToken, Meeting, TermsOfReference


def review_events() -> list[CalendarEvent]:
    """Coordinators also see the terms of reference review date, all day."""
    events = []
    for tor in TermsOfReference.objects.approved().exclude(review_due=None):
        events.append(
            CalendarEvent(
                uid=f"tor-review-{tor.pk}-{tor.review_due}@nwpsw",
                summary=f"Terms of reference v{tor.version} due for review",
                start=tor.review_due,
                end=tor.review_due + timedelta(days=1),
                url=tor.get_absolute_url(),
                alarm_minutes=ALARM_MINUTES * 30,
            )
        )
    return events


def action_due_events(user) -> list[CalendarEvent]:
    """Due dates of the open action items this person owns, all day."""
    items = ActionItem.objects.open().filter(owner=user).select_related("objective")
    return [
        CalendarEvent(
            uid=f"action-{item.pk}-due-{item.due_date}@nwpsw",
            summary=f"Action {item.ref} due",
            description=item.action,
            start=item.due_date,
            end=item.due_date + timedelta(days=1),
            url=item.get_absolute_url(),
            alarm_minutes=ALARM_MINUTES,
        )
        for item in items
    ]


def _live_token(user) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).first()


@login_required
def calendar_settings(request):
    token = _live_token(request.user)
    feed_url = request.build_absolute_uri(token.get_feed_url()) if token else None
    return render(
        request,
        "network/calendar_settings.html",
        {"token": token, "feed_url": feed_url},
    )


@login_required
def calendar_rotate(request):
    """A new link; when one exists, asks first (core.confirm): the old one stops."""
    deny_unless(permissions.can_have_calendar_feed(request.user))
    if request.method != "POST":
        if not _live_token(request.user):  # nothing to lose: no question
            return redirect("network:calendar-settings")
        return confirm_page(
            request,
            heading="Are you sure you want to make a new calendar link?",
            explanation=(
                "Your current link stops working straight away. Calendars "
                "subscribed to it stop showing your meetings until you add the "
                "new link to them.",
            ),
            confirm_label="Yes, make a new link",
            **_calendar_back(),
        )
    services.calendar_token_rotate(user=request.user)
    messages.success(
        request, "Your new calendar link is ready; any old link has stopped working"
    )
    return redirect("network:calendar-settings")


@login_required
def calendar_revoke(request):
    """Asks first (core.confirm): subscribed calendars stop updating."""
    if request.method != "POST":
        if not _live_token(request.user):
            return redirect("network:calendar-settings")
        return confirm_page(
            request,
            heading="Are you sure you want to turn off your calendar link?",
            explanation=(
                "The link stops working straight away, so calendars subscribed "
                "to it stop showing your meetings. You can make a new link later.",
            ),
            confirm_label="Yes, turn off my link",
            **_calendar_back(),
        )
    services.calendar_token_revoke(user=request.user)
    messages.success(request, "Your calendar link has stopped working")
    return redirect("network:calendar-settings")


def _calendar_back() -> dict:
    settings_url = reverse("network:calendar-settings")
    return {
        "back_label": "No, go back",
        "back_url": settings_url,
        "breadcrumbs": [{"label": "Your meetings calendar", "url": settings_url}],
    }


def calendar_feed(request, token: str):
    """No session here: calendar apps fetch it. The token is the credential."""
    feed = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None or not permissions.can_have_calendar_feed(feed.user):
        raise Http404
    user = feed.user
    meetings = Meeting.objects.filter(
        Q(attendances__user=user) | Q(chair=user)
    ).distinct()
    events = [calendar_event(m, with_link=True) for m in meetings]
    events += action_due_events(user) + extensions.feed_events(user)
    if permissions.can_manage_tor(user):
        events += review_events()
    return ics_response(
        build_calendar(events, "Peer support network meetings"), "meetings.ics"
    )
