from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from core.dates import short_date
from core.ics import build_calendar, ics_response
from core.links import address_by_pk
from core.markup import markdown_to_text, shortened
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


def _attendance_row(meeting, attendance, respondable: bool) -> dict:
    """One invitee's row, worked out once in Python rather than by template
    lookups and filters per row."""
    trust = attendance.trust.short_name if attendance.trust else ""
    attended = attendance.attended
    return {
        "name": attendance.display_name,
        "lived_experience": attendance.counts_as_lived_experience,
        "trust": trust or "–",
        "role": attendance.get_role_at_meeting_display(),
        "reply": attendance.get_response_display(),
        "attended": "Not recorded" if attended is None else "Yes" if attended else "No",
        "respond_url": reverse(
            "network:meeting-respond", args=[meeting.pk, attendance.pk]
        )
        if respondable
        else "",
    }


# The columns each list on the page reads: the rows need not carry every
# column of themselves and of the person and trust they join (a trust's is
# mostly addresses and notes). A field read without being listed here costs a
# query per row (tests/network/test_meeting_views.py), and so would the link
# back to the meeting, which the related manager fills in on each row.
ATTENDANCE_ROW_FIELDS = [
    "meeting",
    "name",
    "role_at_meeting",
    "lived_experience",
    "response",
    "attended",
    "user__full_name",
    "user__email",
    "trust__short_name",
]
ACTION_ROW_FIELDS = [
    "source_meeting",
    "ref",
    "action",
    "due_date",
    "status",
    "owner__full_name",
    "owner__email",
]
COMMENT_FIELDS = [
    "meeting",
    "body",
    "created_at",
    "author__full_name",
    "author__email",
    "trust__short_name",
]


def _action_row(item, address) -> dict:
    return {
        "url": address(item.pk),
        "ref": item.ref,
        "action": shortened(markdown_to_text(item.action), 100),
        "owner": str(item.owner),
        "due": short_date(item.due_date),
        "status": item.get_status_display().lower(),
    }


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
        invited = meeting.attendances.select_related("user", "trust")
        attendances = list(invited.only(*ATTENDANCE_ROW_FIELDS))
        respondable = attendances and {
            a.pk for a in permissions.attendances_respondable_by(user, meeting)
        }
        context["attendances"] = [
            _attendance_row(meeting, a, a.pk in respondable) for a in attendances
        ]
        context["quorum"] = meeting.quorum_status()
        arising = meeting.actions_arising.select_related("owner")
        address = address_by_pk("network:action-detail")
        context["actions_arising"] = [
            _action_row(a, address) for a in arising.only(*ACTION_ROW_FIELDS)
        ]
        comments = meeting.minutes_comments.select_related("author", "trust")
        context["comments"] = comments.only(*COMMENT_FIELDS)
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
