from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from core.ics import build_calendar, ics_response
from core.roles import deny_unless
from network import permissions, services
from network.forms.meetings import (
    MeetingForm,
    MinutesCommentForm,
    RecordPastMeetingForm,
)
from network.meeting_calendar import calendar_event


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
        context["papers"] = permissions.papers_readable_by(
            user, meeting
        ).select_related("agenda_item")
        context["can_upload_papers"] = permissions.can_manage_meetings(user)
        if permissions.can_comment_on_minutes(user, meeting):
            context["comment_form"] = MinutesCommentForm()
    return render(request, "network/meeting_detail.html", context)


@login_required
def meeting_create(request):
    deny_unless(permissions.can_manage_meetings(request.user))
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_save(form=form, actor=request.user)
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
def meeting_record_past(request):
    """The deliberate way to add a meeting that has already taken place."""
    deny_unless(permissions.can_manage_meetings(request.user))
    form = RecordPastMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_record_past(
            form=form, attended=form.cleaned_data["attended"], actor=request.user
        )
        messages.success(
            request,
            f"{meeting.title} recorded as held. Check who attended and their roles",
        )
        return redirect("network:meeting-attendance", pk=meeting.pk)
    return render(
        request,
        "network/meeting_form.html",
        {
            "form": form,
            "heading": "Record a past meeting",
            "record_past": True,
            "breadcrumbs": meetings_crumbs(),
        },
    )


@login_required
def meeting_update(request, pk: int):
    meeting = permissions.get_meeting_for_change(request.user, pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        services.meeting_save(form=form, actor=request.user)
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


def meeting_ics(request, pk: int):
    meeting = permissions.get_meeting_for_view(request.user, pk)
    event = calendar_event(
        meeting, with_link=permissions.can_see_online_link(request.user)
    )
    return ics_response(
        build_calendar([event], meeting.title), f"meeting-{meeting.pk}.ics"
    )
