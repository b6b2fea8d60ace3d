"""Coordinator and trust-lead tools: propose, approve, publish, cancel, attendees."""

import itertools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.confirm import confirm_page
from core.csvexport import csv_response
from training import permissions, services
from training.forms import AttendanceForm, CancelForm, OpportunityForm, SessionForm
from training.models import TrainingBooking, TrainingInterest, TrainingOpportunity


def _crumbs(opportunity=None) -> list[dict]:
    crumbs = [{"label": "Training", "url": reverse("training:catalogue")}]
    crumbs.append({"label": "Manage training", "url": reverse("training:manage")})
    if opportunity is not None:
        crumbs.append(
            {"label": opportunity.title, "url": opportunity.get_absolute_url()}
        )
    return crumbs


@login_required
def manage(request):
    if not permissions.can_propose(request.user):
        raise PermissionDenied
    opportunities = (
        permissions.opportunities_managed_by(request.user)
        .select_related("provider")
        .annotate(
            booked=Count(
                "bookings", filter=Q(bookings__status__in=TrainingBooking.HOLDS_PLACE)
            ),
            waiting=Count("bookings", filter=Q(bookings__status="waitlisted")),
        )
        .order_by("-start_date")
    )
    context = {
        "pending": [o for o in opportunities if o.status == "pending_approval"],
        "opportunities": opportunities,
        "breadcrumbs": _crumbs()[:1],
        "show_demand": permissions.can_view_demand(request.user),
    }
    if context["show_demand"]:
        context.update(_demand())
    return render(request, "training/opportunity_manage.html", context)


def _demand() -> dict:
    """Interest by category and by the interested person's employer trust."""
    live = TrainingInterest.objects.exclude(status="withdrawn")
    labels = dict(TrainingOpportunity.Category.choices)
    by_category = [
        {"label": labels.get(row["category"], row["category"]), "count": row["n"]}
        for row in live.values("category")
        .annotate(n=Count("pk"))
        .order_by("-n", "category")
    ]
    by_trust = (
        live.values("user__employer_trust__short_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "user__employer_trust__short_name")
    )
    return {"demand_by_category": by_category, "demand_by_trust": list(by_trust)}


@login_required
def opportunity_create(request):
    if not permissions.can_propose(request.user):
        raise PermissionDenied
    return _opportunity_form(request, TrainingOpportunity())


@login_required
def opportunity_update(request, pk: int):
    opportunity = permissions.get_opportunity_for_edit(request.user, pk)
    return _opportunity_form(request, opportunity)


def _opportunity_form(request, opportunity):
    form = OpportunityForm(request.POST or None, instance=opportunity)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.opportunity_save(
                opportunity=form.instance,
                actor=request.user,
                domains=form.cleaned_data.get("hee_domains"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Saved ‘{saved.title}’")
            return redirect(saved)
    context = {
        "form": form,
        "opportunity": opportunity if opportunity.pk else None,
        "is_lead": permissions.is_trust_lead(request.user),
        "breadcrumbs": _crumbs(opportunity if opportunity.pk else None),
    }
    return render(request, "training/opportunity_form.html", context)


@login_required
def session_create(request, pk: int):
    opportunity = permissions.get_opportunity_for_edit(request.user, pk)
    form = SessionForm(request.POST or None, opportunity=opportunity)
    if request.method == "POST" and form.is_valid():
        services.session_add(session=form.instance)
        messages.success(request, "Session added")
        return redirect(opportunity)
    return render(
        request,
        "training/trainingsession_form.html",
        {"form": form, "opportunity": opportunity, "breadcrumbs": _crumbs(opportunity)},
    )


@login_required
def session_update(request, pk: int, session_pk: int):
    """Move a session: the same calendar entry (UID) is updated for everyone."""
    opportunity = permissions.get_opportunity_for_edit(request.user, pk)
    session = get_object_or_404(opportunity.sessions, pk=session_pk)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        services.session_change(session=form.instance)
        messages.success(request, "Session changed. Everyone booked will be told")
        return redirect(opportunity)
    context = {
        "form": form,
        "opportunity": opportunity,
        "breadcrumbs": _crumbs(opportunity),
        "changing": True,
    }
    return render(request, "training/trainingsession_form.html", context)


@login_required
def session_delete(request, pk: int, session_pk: int):
    """Asks first (core.confirm): people booked lose that day from their plans."""
    opportunity = permissions.get_opportunity_for_edit(request.user, pk)
    session = get_object_or_404(opportunity.sessions, pk=session_pk)
    if request.method != "POST":
        return confirm_page(
            request,
            heading=f"Are you sure you want to remove the session on "
            f"{session.date:%-d %B %Y}?",
            caption=opportunity.title,
            explanation=(
                "It comes off the timetable for everyone, including people who "
                "have already booked. You cannot undo this.",
            ),
            confirm_label="Yes, remove the session",
            back_label="No, keep it",
            back_url=opportunity.get_absolute_url(),
            breadcrumbs=_crumbs(opportunity),
        )
    services.session_remove(session=session)
    messages.success(request, "Session removed")
    return redirect(opportunity)


TRANSITION_RULES = {
    "submit": (
        permissions.can_submit_opportunity,
        "Sent to the coordinators for approval",
    ),
    "approve": (permissions.can_approve_opportunity, "Approved and published"),
    "reject": (
        permissions.can_approve_opportunity,
        "Returned to the proposer as a draft",
    ),
    "publish": (permissions.can_publish_opportunity, "Published in the catalogue"),
}


@require_POST
@login_required
def opportunity_transition(request, pk: int, action: str):
    predicate, done = TRANSITION_RULES[action]
    opportunity = permissions.get_opportunity_for(request.user, pk, predicate)
    try:
        services.opportunity_transition(
            opportunity=opportunity,
            action=action,
            actor=request.user,
            note=request.POST.get("note", "")[:2000],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(opportunity)


@login_required
def opportunity_cancel(request, pk: int):
    opportunity = permissions.get_opportunity_for(
        request.user, pk, permissions.can_cancel_opportunity
    )
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.opportunity_cancel(
            opportunity=opportunity,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request,
            "The training is cancelled; everyone booked or interested will be told",
        )
        return redirect(opportunity)
    return render(
        request,
        "training/opportunity_cancel.html",
        {"form": form, "opportunity": opportunity, "breadcrumbs": _crumbs(opportunity)},
    )


def _attendees(opportunity):
    return (
        opportunity.bookings.exclude(status__in=["cancelled", "offer_expired"])
        .select_related("user__employer_trust")
        .order_by("status", "waitlisted_at", "created_at")
    )


def _interested(opportunity):
    return (
        opportunity.interests.exclude(status="withdrawn")
        .select_related("user__employer_trust")
        .order_by("created_at")
    )


@login_required
def attendee_list(request, pk: int):
    opportunity = permissions.get_opportunity_for(
        request.user, pk, permissions.can_manage_attendees
    )
    context = {
        "opportunity": opportunity,
        "bookings": _attendees(opportunity),
        "interests": _interested(opportunity),
        "outcomes": AttendanceForm.base_fields["outcome"].choices,
        "breadcrumbs": _crumbs(opportunity),
    }
    return render(request, "training/attendee_list.html", context)


@login_required
def attendee_csv(request, pk: int):
    opportunity = permissions.get_opportunity_for(
        request.user, pk, permissions.can_manage_attendees
    )
    rows = (
        (
            b.user.full_name,
            b.user.email,
            b.user.employer_trust.short_name if b.user.employer_trust else "",
            b.get_status_display(),
            b.created_at.date().isoformat(),
            b.completed_on.isoformat() if b.completed_on else "",
        )
        for b in _attendees(opportunity)
    )
    interest_rows = (
        (
            i.user.full_name,
            i.user.email,
            i.user.employer_trust.short_name if i.user.employer_trust else "",
            f"Interest: {i.get_status_display()}",
            i.created_at.date().isoformat(),
            "",
        )
        for i in _interested(opportunity)
    )
    header = [
        "Name",
        "Email",
        "Employer trust",
        "Status",
        "Booked or registered on",
        "Completed on",
    ]
    return csv_response(
        f"training-{opportunity.pk}-attendees.csv",
        header,
        itertools.chain(rows, interest_rows),
    )


@require_POST
@login_required
def booking_attendance(request, pk: int):
    booking = permissions.get_booking_for_attendance(request.user, pk)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose attended, completed or did not attend")
    else:
        try:
            services.booking_record_attendance(
                booking=booking, outcome=form.cleaned_data["outcome"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"{booking.user.full_name}: {booking.get_status_display().lower()}",
            )
    return redirect("training:attendee-list", booking.opportunity_id)
