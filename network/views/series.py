"""Meeting series: the list, a series' page, and "Schedule the next meeting"."""

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Min, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from core.roles import deny_unless
from network import permissions, services
from network.forms.series import ScheduleNextForm, SeriesForm, long_date
from network.models import Meeting, MeetingSeries

NO_MEETINGS_LEFT = "This series ends on {day}: there are no meetings left to schedule"
DEFAULT_TIMES = (time(10), time(12))


def series_crumbs(*extra):
    return [
        {"label": "Meetings", "url": reverse("network:meeting-list")},
        {"label": "Meeting series", "url": reverse("network:series-list")},
        *extra,
    ]


@login_required
def series_list(request):
    now = timezone.now()
    series = permissions.series_visible_to(request.user).annotate(
        next_at=Min(
            "meetings__starts_at",
            filter=Q(meetings__starts_at__gte=now, meetings__status="scheduled"),
        ),
        held=Count("meetings", filter=Q(meetings__status="held")),
    )
    return render(
        request,
        "network/series_list.html",
        {
            "series_list": series,
            "can_manage": permissions.can_manage_series(request.user),
            "breadcrumbs": series_crumbs()[:1],
        },
    )


@login_required
def series_edit(request, pk: int | None = None):
    deny_unless(permissions.can_manage_series(request.user))
    series = permissions.get_series_for_view(request.user, pk) if pk else None
    form = SeriesForm(request.POST or None, instance=series)
    if request.method == "POST" and form.is_valid():
        saved = services.series_save(form=form, actor=request.user)
        messages.success(request, f"{saved.title} saved")
        return redirect(saved)
    heading = f"Edit {series.title}" if series else "Create a meeting series"
    return render(
        request,
        "network/series_form.html",
        {"form": form, "heading": heading, "breadcrumbs": series_crumbs()},
    )


def _with_attendance(meetings):
    return meetings.select_related("chair").annotate(
        invited=Count("attendances"),
        came=Count("attendances", filter=Q(attendances__attended=True)),
        apologies=Count("attendances", filter=Q(attendances__response="apologies")),
    )


@login_required
def series_detail(request, pk: int):
    series = permissions.get_series_for_view(request.user, pk)
    now = timezone.now()
    past = list(_with_attendance(series.meetings.filter(starts_at__lt=now)))
    for meeting in past:
        meeting.quorum = meeting.quorum_status()
    return render(
        request,
        "network/series_detail.html",
        {
            "series": series,
            "future": _with_attendance(
                series.meetings.filter(starts_at__gte=now).order_by("starts_at")
            ),
            "past": past,
            "invitees": series.invitees.select_related("trust").order_by("full_name"),
            "can_manage": permissions.can_manage_series(request.user),
            "breadcrumbs": series_crumbs(),
        },
    )


@login_required
def series_next(request, pk: int):
    """Schedule the next meeting, copied from the last one in the series."""
    deny_unless(permissions.can_manage_series(request.user))
    series = permissions.get_series_for_view(request.user, pk)
    last = series.last_meeting()
    form = ScheduleNextForm(
        request.POST or None,
        series=series,
        last=last,
        initial=_proposal(series, last),
    )
    ended = not series.has_room_for(form.initial["date"])
    if request.method == "POST" and not ended and form.is_valid():
        meeting = services.series_schedule_next(
            series=series,
            starts_at=_aware(
                form.cleaned_data["date"], form.cleaned_data["start_time"]
            ),
            ends_at=_aware(form.cleaned_data["date"], form.cleaned_data["end_time"]),
            actor=request.user,
        )
        messages.success(request, f"{meeting} scheduled")
        return redirect(meeting)
    context = {
        "form": form,
        "series": series,
        "last": last,
        "heading": "Schedule the next meeting",
        "breadcrumbs": series_crumbs(
            {"label": series.title, "url": series.get_absolute_url()}
        ),
    }
    if ended:
        context["ended"] = NO_MEETINGS_LEFT.format(day=long_date(series.ends_on))
    return render(request, "network/series_next.html", context, status=200)


def _proposal(series: MeetingSeries, last: Meeting | None) -> dict:
    if last is None:
        start, end = DEFAULT_TIMES
        day = series.proposed_date(None, timezone.localdate())
    else:
        start = timezone.localtime(last.starts_at).time()
        end = timezone.localtime(last.ends_at).time()
        day = series.proposed_date(timezone.localdate(last.starts_at), None)
    return {"date": day, "start_time": start, "end_time": end}


def _aware(day, clock) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock))
