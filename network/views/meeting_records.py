"""Coordinator pages that record a meeting: attendance, agenda, minutes, status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.confirm import confirm_page
from core.roles import deny_unless
from network import permissions, services
from network.forms.meetings import (
    AddAttendeeForm,
    AgendaItemForm,
    ApproveMinutesForm,
    AttendanceFormSet,
    CancelForm,
    MinutesCommentForm,
    MinutesForm,
    PostponeForm,
    RespondForm,
)
from network.models import Meeting
from network.views.meetings import meetings_crumbs


def _crumbs(meeting):
    return meetings_crumbs({"label": meeting.title, "url": meeting.get_absolute_url()})


def _page(request, meeting, template, **context):
    context.update(meeting=meeting, breadcrumbs=_crumbs(meeting))
    return render(request, f"network/{template}", context)


@login_required
def attendance(request, pk: int):
    meeting = permissions.get_meeting_for_change(request.user, pk)
    rows = meeting.attendances.select_related("user", "trust")
    formset = AttendanceFormSet(request.POST or None, queryset=rows)
    add_form = AddAttendeeForm(meeting=meeting, prefix="add")
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, "Attendance saved")
        return redirect("network:meeting-attendance", pk=meeting.pk)
    return _page(
        request,
        meeting,
        "meeting_attendance.html",
        formset=formset,
        add_form=add_form,
    )


@login_required
def attendance_add(request, pk: int):
    meeting = permissions.get_meeting_for_change(request.user, pk)
    form = AddAttendeeForm(request.POST or None, meeting=meeting, prefix="add")
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{form.instance.display_name} added")
        return redirect("network:meeting-attendance", pk=meeting.pk)
    return _page(
        request,
        meeting,
        "meeting_attendee_form.html",
        form=form,
        heading=f"Add someone to {meeting.title}",
    )


@require_POST
@login_required
def invite_trust_leads(request, pk: int):
    meeting = permissions.get_meeting_for_change(request.user, pk)
    count = services.meeting_invite_trust_leads(meeting=meeting, actor=request.user)
    messages.success(request, f"{count} trust leads invited")
    return redirect("network:meeting-attendance", pk=meeting.pk)


@login_required
def respond(request, pk: int, attendance_pk: int):
    meeting = permissions.get_meeting_for_view(request.user, pk)
    att = get_object_or_404(meeting.attendances, pk=attendance_pk)
    deny_unless(permissions.can_respond_for(request.user, att))
    form = RespondForm(request.POST or None, instance=att)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Response saved for {att.display_name}")
        return redirect(meeting)
    return _page(
        request,
        meeting,
        "meeting_respond.html",
        form=form,
        attendance=att,
        heading=f"Reply for {att.display_name}",
    )


@login_required
def agenda_item_edit(request, pk: int, item_pk: int | None = None):
    meeting = permissions.get_meeting_for_change(request.user, pk)
    item = get_object_or_404(meeting.agenda_items, pk=item_pk) if item_pk else None
    form = AgendaItemForm(request.POST or None, instance=item)
    if item is None:
        form.instance.meeting = meeting
        form.initial.setdefault("order", meeting.agenda_items.count() + 1)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Agenda item saved")
        return redirect(meeting.get_absolute_url() + "#agenda")
    return _page(
        request,
        meeting,
        "agendaitem_form.html",
        form=form,
        item=item,
        heading="Edit agenda item" if item else "Add an agenda item",
    )


@login_required
def agenda_item_delete(request, pk: int, item_pk: int):
    """Asks first (core.confirm): the item's minutes go with it."""
    meeting = permissions.get_meeting_for_change(request.user, pk)
    item = get_object_or_404(meeting.agenda_items, pk=item_pk)
    if request.method != "POST":
        return confirm_page(
            request,
            heading=f"Are you sure you want to remove item {item.order}, {item.title}?",
            caption=meeting.title,
            explanation=(
                "The item comes off the agenda with its description and any "
                "minutes written for it. You cannot undo this.",
            ),
            confirm_label="Yes, remove the item",
            back_label="No, keep it",
            back_url=meeting.get_absolute_url() + "#agenda",
            breadcrumbs=_crumbs(meeting),
        )
    item.delete()
    messages.success(request, "Agenda item removed")
    return redirect(meeting.get_absolute_url() + "#agenda")


@require_POST
@login_required
def matters_arising(request, pk: int):
    meeting = permissions.get_meeting_for_change(request.user, pk)
    services.meeting_add_matters_arising(meeting=meeting, today=timezone.localdate())
    messages.success(request, "Matters arising added to the agenda")
    return redirect(meeting.get_absolute_url() + "#agenda")


@login_required
def minutes_edit(request, pk: int):
    meeting = permissions.get_meeting_for_change(request.user, pk)
    if meeting.status != Meeting.Status.HELD:
        messages.error(request, "Record that the meeting was held before its minutes")
        return redirect(meeting)
    deny_unless(meeting.minutes_status != Meeting.MinutesStatus.APPROVED)
    form = MinutesForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        if form.instance.minutes_status == Meeting.MinutesStatus.NONE:
            form.instance.minutes_drafted_on = timezone.localdate()
        form.instance.minutes_status = Meeting.MinutesStatus.DRAFT
        form.instance.updated_by = request.user
        form.save()
        messages.success(request, "Draft minutes saved")
        return redirect(meeting.get_absolute_url() + "#minutes")
    return _page(
        request,
        meeting,
        "meeting_minutes_form.html",
        form=form,
        heading=f"Minutes of {meeting.title}",
    )


@login_required
def minutes_approve(request, pk: int):
    meeting = permissions.get_meeting_for_change(request.user, pk)
    form = ApproveMinutesForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            meeting.approve_minutes(at=form.cleaned_data["at"])
        except ValidationError as exc:
            form.add_error("at", exc.message_dict["minutes_approved_at"])
        else:
            meeting.save()
            messages.success(request, "Minutes approved")
            return redirect(meeting)
    return _page(
        request,
        meeting,
        "meeting_minutes_approve.html",
        form=form,
        heading=f"Approve the minutes of {meeting.title}",
    )


@require_POST
@login_required
def mark_held(request, pk: int):
    meeting = permissions.get_meeting_for_change(request.user, pk)
    try:
        services.meeting_set_status(meeting=meeting, to="held", actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Recorded as held")
    return redirect(meeting)


@login_required
def cancel(request, pk: int):
    meeting = permissions.get_meeting_for_change(request.user, pk)
    deny_unless(meeting.can_transition(Meeting.Status.CANCELLED))
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.meeting_set_status(
            meeting=meeting,
            to="cancelled",
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
        messages.success(request, "Meeting cancelled")
        return redirect(meeting)
    return _page(
        request,
        meeting,
        "meeting_cancel.html",
        form=form,
        heading=f"Cancel {meeting.title}",
    )


@login_required
def postpone(request, pk: int):
    meeting = permissions.get_meeting_for_change(request.user, pk)
    deny_unless(meeting.can_transition(Meeting.Status.POSTPONED))
    form = PostponeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.cleaned_data["when"]:
        starts_at, ends_at = form.cleaned_data["when"]
        new = services.meeting_postpone(
            meeting=meeting,
            starts_at=starts_at,
            ends_at=ends_at,
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
        messages.success(request, "Meeting postponed; invitees carried over")
        return redirect(new)
    return _page(
        request,
        meeting,
        "meeting_postpone.html",
        form=form,
        heading=f"Postpone {meeting.title}",
    )


@require_POST
@login_required
def minutes_comment(request, pk: int):
    meeting = permissions.get_meeting_for_view(request.user, pk)
    deny_unless(permissions.can_comment_on_minutes(request.user, meeting))
    form = MinutesCommentForm(request.POST)
    if form.is_valid():
        form.instance.meeting = meeting
        form.instance.author = request.user
        form.instance.trust = request.user.trust or request.user.employer_trust
        form.save()
        messages.success(request, "Comment added")
    else:
        messages.error(request, "Enter a comment")
    return redirect(meeting.get_absolute_url() + "#minutes-comments")
