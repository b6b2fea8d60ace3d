from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from core.ics import CalendarEvent, build_calendar, ics_response
from network import permissions
from network.forms.meetings import MeetingForm, MinutesCommentForm
from network.models import Meeting

ALARM_MINUTES = 24 * 60  # calendar apps remind the day before


def meetings_crumbs(*extra):
    return [{"label": "Meetings", "url": reverse("network:meeting-list")}, *extra]


def meeting_list(request):
    visible = permissions.meetings_visible_to(request.user).select_related("chair")
    past = Paginator(
        visible.filter(starts_at__lt=timezone.now()).order_by("-starts_at"), 20
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "network/meeting_list.html",
        {
            "upcoming": visible.filter(starts_at__gte=timezone.now()).order_by(
                "starts_at"
            ),
            "past": past,
            "can_create": permissions.can_manage_meetings(request.user),
            "signed_in": request.user.is_authenticated,
        },
    )


def meeting_detail(request, pk: int):
    user = request.user
    meeting = permissions.get_meeting_for_view(user, pk)
    signed_in = user.is_authenticated
    context = {
        "meeting": meeting,
        "agenda": meeting.agenda_items.select_related("presenter"),
        "show_online_link": permissions.can_see_online_link(user),
        "show_attendance": permissions.can_see_attendance(user),
        "show_minutes": permissions.can_view_minutes(user, meeting),
        "can_manage": permissions.can_manage_meetings(user),
        "breadcrumbs": meetings_crumbs(),
    }
    if signed_in:
        context["attendances"] = meeting.attendances.select_related("user", "trust")
        context["quorum"] = meeting.quorum_status()
        context["respondable"] = permissions.attendances_respondable_by(user, meeting)
        context["actions_arising"] = meeting.actions_arising.select_related("owner")
        context["comments"] = meeting.minutes_comments.select_related("author", "trust")
        if permissions.can_comment_on_minutes(user, meeting):
            context["comment_form"] = MinutesCommentForm()
    return render(request, "network/meeting_detail.html", context)


@login_required
def meeting_create(request):
    permissions.require(permissions.can_manage_meetings(request.user))
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = form.instance.updated_by = request.user
        meeting = form.save()
        messages.success(request, f"{meeting.title} scheduled")
        return redirect(meeting)
    return render(
        request,
        "network/meeting_form.html",
        {
            "form": form,
            "heading": "Schedule a meeting",
            "breadcrumbs": meetings_crumbs(),
        },
    )


@login_required
def meeting_update(request, pk: int):
    meeting = permissions.get_meeting_for_change(request.user, pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        form.instance.updated_by = request.user
        form.save()
        messages.success(request, "Meeting details saved")
        return redirect(meeting)
    return render(
        request,
        "network/meeting_form.html",
        {
            "form": form,
            "meeting": meeting,
            "heading": f"Edit {meeting.title}",
            "breadcrumbs": meetings_crumbs(
                {"label": meeting.title, "url": meeting.get_absolute_url()}
            ),
        },
    )


def calendar_event(meeting: Meeting, *, with_link: bool) -> CalendarEvent:
    """The meeting as an iCalendar event; the online link only for members."""
    location = meeting.location
    description = meeting.get_meeting_type_display()
    if with_link and meeting.online_url:
        location = location or meeting.online_url
        description += f"\nJoin online: {meeting.online_url}"
    if meeting.status == Meeting.Status.POSTPONED:
        description += "\nPostponed: see the new date on the website."
    cancelled = meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.POSTPONED)
    return CalendarEvent(
        uid=f"meeting-{meeting.pk}@nwpsw",
        summary=meeting.title,
        start=meeting.starts_at,
        end=meeting.ends_at,
        description=description,
        location=location,
        url=meeting.get_absolute_url(),
        status="CANCELLED" if cancelled else "CONFIRMED",
        alarm_minutes=None if cancelled else ALARM_MINUTES,
        last_modified=meeting.updated_at,
    )


def meeting_ics(request, pk: int):
    meeting = permissions.get_meeting_for_view(request.user, pk)
    event = calendar_event(
        meeting, with_link=permissions.can_see_online_link(request.user)
    )
    return ics_response(
        build_calendar([event], meeting.title), f"meeting-{meeting.pk}.ics"
    )
