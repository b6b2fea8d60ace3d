"""A person's own bookings, waiting-list places, interest and training record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.confirm import confirm_page
from training import permissions, services
from training.forms import CategoryInterestForm
from training.models import TrainingBooking


def _error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@require_POST
@login_required
def booking_create(request, pk: int):
    opportunity = permissions.get_opportunity_for(
        request.user, pk, lambda user, _opp: permissions.can_book(user)
    )
    try:
        booking = services.booking_create(opportunity=opportunity, user=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        if booking.status == TrainingBooking.Status.BOOKED:
            messages.success(request, "You have a place on this training")
        else:
            messages.success(
                request,
                "The training is full, so you are on the waiting list. "
                "We will email you if a place comes up.",
            )
    return redirect(opportunity)


@login_required
def booking_cancel(request, pk: int):
    """Asks first (core.confirm): cancelling gives a scarce place away."""
    booking = permissions.get_own_booking(request.user, pk)
    if request.method != "POST":
        return _cancel_question(request, booking)
    try:
        services.booking_cancel(booking=booking)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, "Your booking is cancelled")
    return redirect("training:my-training")


def _cancel_question(request, booking: TrainingBooking):
    starts = f"The training starts on {booking.opportunity.start_date:%-d %B %Y}."
    if booking.status == TrainingBooking.Status.WAITLISTED:
        return confirm_page(
            request,
            heading="Are you sure you want to leave the waiting list?",
            explanation=(
                "If you leave, you lose your place in the queue. If you join "
                "again later, you go to the back.",
                starts,
            ),
            confirm_label="Yes, leave the waiting list",
            back_label="No, stay on the list",
            **_question_context(booking),
        )
    return confirm_page(
        request,
        heading="Are you sure you want to cancel your place?",
        explanation=(
            "Places are limited. If you cancel, your place goes to the next "
            "person on the waiting list and you may not be able to get it back.",
            starts,
        ),
        confirm_label="Yes, cancel my place",
        back_label="No, keep my place",
        **_question_context(booking),
    )


def _question_context(booking: TrainingBooking) -> dict:
    return {
        "caption": booking.opportunity.title,
        "back_url": reverse("training:my-training"),
        "breadcrumbs": _crumbs(),
    }


@require_POST
@login_required
def booking_accept(request, pk: int):
    booking = permissions.get_own_booking(request.user, pk)
    try:
        services.booking_accept_offer(booking=booking)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, "You have accepted the place")
    return redirect("training:my-training")


@login_required
def booking_decline(request, pk: int):
    """Asks first (core.confirm): the place goes to the next person waiting."""
    booking = permissions.get_own_booking(request.user, pk)
    if request.method != "POST":
        return confirm_page(
            request,
            heading="Are you sure you want to turn down this place?",
            explanation=(
                "If you turn it down, the place goes to the next person on the "
                "waiting list and you leave the list.",
                f"The training starts on {booking.opportunity.start_date:%-d %B %Y}.",
            ),
            confirm_label="Yes, turn down the place",
            back_label="No, go back to my training",
            **_question_context(booking),
        )
    try:
        services.booking_decline_offer(booking=booking)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, "You have turned down the place")
    return redirect("training:my-training")


@require_POST
@login_required
def interest_create(request, pk: int):
    opportunity = permissions.get_opportunity_for(
        request.user, pk, lambda user, _opp: permissions.can_book(user)
    )
    services.interest_register(
        user=request.user,
        opportunity=opportunity,
        wants_reminders=request.POST.get("wants_reminders", "on") == "on",
    )
    messages.success(request, "Your interest is registered")
    return redirect(opportunity)


@login_required
def category_interest_create(request):
    form = CategoryInterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.interest_register(user=request.user, **form.cleaned_data)
        messages.success(request, "Your interest is registered")
        return redirect("training:my-training")
    return render(
        request,
        "training/interest_form.html",
        {"form": form, "breadcrumbs": _crumbs()},
    )


@login_required
def interest_withdraw(request, pk: int):
    """Asks first (core.confirm): withdrawing stops the emails about it."""
    interest = permissions.get_own_interest(request.user, pk)
    if request.method != "POST":
        what = (
            interest.opportunity.title
            if interest.opportunity
            else f"Any {interest.get_category_display().lower()}"
        )
        return confirm_page(
            request,
            heading="Are you sure you want to withdraw your interest?",
            caption=what,
            explanation=(
                "We will stop emailing you about this training. You can register "
                "your interest again at any time.",
            ),
            confirm_label="Yes, withdraw my interest",
            back_label="No, go back to my training",
            back_url=reverse("training:my-training"),
            breadcrumbs=_crumbs(),
        )
    services.interest_withdraw(interest=interest)
    messages.success(request, "Your interest is withdrawn")
    return redirect("training:my-training")


@require_POST
@login_required
def interest_report(request, pk: int):
    interest = permissions.get_own_interest(request.user, pk)
    try:
        services.interest_report(
            interest=interest, status=request.POST.get("status", "")
        )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, "Your training record is updated")
    return redirect("training:my-training")


def _crumbs() -> list[dict]:
    return [
        {"label": "Training", "url": reverse("training:catalogue")},
        {"label": "My training", "url": reverse("training:my-training")},
    ]


@login_required
def my_training(request):
    bookings = list(
        permissions.bookings_of(request.user)
        .select_related("opportunity__provider")
        .order_by("opportunity__start_date")
    )
    for booking in bookings:
        booking.position = services.waiting_position(booking)
    done = (TrainingBooking.Status.ATTENDED, TrainingBooking.Status.COMPLETED)
    interests = (
        permissions.interests_of(request.user)
        .select_related("opportunity")
        .exclude(status="withdrawn")
    )
    context = {
        "current": [
            b for b in bookings if b.status in ("booked", "waitlisted", "offered")
        ],
        "record": [b for b in bookings if b.status in done],
        "record_external": [i for i in interests if i.status == "attended"],
        "interests": [i for i in interests if i.status != "attended"],
        "today": timezone.localdate(),
        "breadcrumbs": [{"label": "Training", "url": reverse("training:catalogue")}],
    }
    return render(request, "training/my_training.html", context)
