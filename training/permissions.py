"""Access rules for training: a predicate and a matching queryset for each rule.

Views load opportunities and bookings only through the loaders at the bottom:
not visible → 404, visible but not allowed → 403.
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from core.roles import deny_unless, is_coordinator, is_member, is_trust_lead
from training.models import TrainingBooking, TrainingInterest, TrainingOpportunity


def _own_proposals(user) -> Q:
    return Q(created_by=user) | Q(proposed_by_trust_id=user.trust_id)


def opportunities_visible_to(user) -> QuerySet:
    """Everyone sees the public catalogue; leads also their trust's proposals."""
    if is_coordinator(user):
        return TrainingOpportunity.objects.all()
    public = TrainingOpportunity.objects.public()
    if is_trust_lead(user):
        return TrainingOpportunity.objects.filter(
            Q(pk__in=public.values("pk")) | _own_proposals(user)
        )
    return public


def can_view_opportunity(user, opportunity) -> bool:
    return opportunities_visible_to(user).filter(pk=opportunity.pk).exists()


def can_propose(user) -> bool:
    return is_coordinator(user) or is_trust_lead(user)


def opportunities_editable_by(user) -> QuerySet:
    """Coordinators edit anything not finished; leads edit their own drafts."""
    if is_coordinator(user):
        return TrainingOpportunity.objects.exclude(
            status__in=[
                TrainingOpportunity.Status.COMPLETED,
                TrainingOpportunity.Status.CANCELLED,
            ]
        )
    if is_trust_lead(user):
        return TrainingOpportunity.objects.filter(
            _own_proposals(user), status=TrainingOpportunity.Status.DRAFT
        )
    return TrainingOpportunity.objects.none()


def can_edit_opportunity(user, opportunity) -> bool:
    return opportunities_editable_by(user).filter(pk=opportunity.pk).exists()


def can_submit_opportunity(user, opportunity) -> bool:
    return (
        is_trust_lead(user)
        and opportunity.can_transition("submit")
        and can_edit_opportunity(user, opportunity)
    )


def can_approve_opportunity(user, opportunity) -> bool:
    return is_coordinator(user) and opportunity.can_transition("approve")


def can_publish_opportunity(user, opportunity) -> bool:
    return is_coordinator(user) and opportunity.can_transition("publish")


def can_cancel_opportunity(user, opportunity) -> bool:
    return is_coordinator(user) and opportunity.can_transition("cancel")


def can_manage_attendees(user, opportunity=None) -> bool:
    return is_coordinator(user)


def opportunities_managed_by(user) -> QuerySet:
    """The 'manage training' list: all for coordinators, own proposals for leads."""
    if is_coordinator(user):
        return TrainingOpportunity.objects.all()
    if is_trust_lead(user):
        return TrainingOpportunity.objects.filter(_own_proposals(user))
    return TrainingOpportunity.objects.none()


def can_book(user) -> bool:
    """Any signed-in person may book or register interest for themselves."""
    return is_member(user)


def bookings_of(user) -> QuerySet:
    if not user.is_authenticated:
        return TrainingBooking.objects.none()
    return TrainingBooking.objects.filter(user=user)


def interests_of(user) -> QuerySet:
    if not user.is_authenticated:
        return TrainingInterest.objects.none()
    return TrainingInterest.objects.filter(user=user)


def can_view_demand(user) -> bool:
    return is_coordinator(user)


# --- loaders ---------------------------------------------------------------------


def get_opportunity_for_view(user, pk: int) -> TrainingOpportunity:
    return get_object_or_404(
        opportunities_visible_to(user).select_related("provider"), pk=pk
    )


def get_opportunity_for_edit(user, pk: int) -> TrainingOpportunity:
    opportunity = get_opportunity_for_view(user, pk)
    deny_unless(can_edit_opportunity(user, opportunity))
    return opportunity


def get_opportunity_for(user, pk: int, predicate) -> TrainingOpportunity:
    """Load a visible opportunity and check one action's predicate (403 if not)."""
    opportunity = get_opportunity_for_view(user, pk)
    deny_unless(predicate(user, opportunity))
    return opportunity


def get_own_booking(user, pk: int) -> TrainingBooking:
    """Someone else's booking is 404, not 403: its existence is private."""
    return get_object_or_404(bookings_of(user).select_related("opportunity"), pk=pk)


def get_booking_for_attendance(user, pk: int) -> TrainingBooking:
    if not is_coordinator(user):
        # Your own booking: 403 (you know it exists); anyone else's: 404.
        get_object_or_404(bookings_of(user), pk=pk)
    deny_unless(is_coordinator(user))
    return get_object_or_404(
        TrainingBooking.objects.select_related("opportunity", "user"), pk=pk
    )


def get_own_interest(user, pk: int) -> TrainingInterest:
    return get_object_or_404(interests_of(user), pk=pk)


def can_view_report(user) -> bool:
    """Aggregates only (no names), so trust leads see it as well as coordinators."""
    return is_coordinator(user) or is_trust_lead(user)
