"""What needs each person: one selector per line of the work home.

Each selector takes (user, today) and returns a queryset of exactly the items
the line counts and its list page shows, built on the same access rules as the
pages the items link to (a trust lead's lines only ever read their own trust).
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from core.models import Notification
from network import permissions as network_perms
from network.models import Meeting, MemberTrust, TermsOfReference
from network.models.actions import stale_cutoff
from standards.models import REVIEW_EARLY_DAYS, ConsultationResponse, StandardVersion
from training.models import TrainingBooking, TrainingInterest, TrainingOpportunity
from workforce import permissions as workforce_perms
from workforce.models import Post, TrustChecklistStatus, WorkforceReturn

MINUTES_DUE_DAYS = 7
CLOSING_SOON_DAYS = 14
REVIEW_SOON_DAYS = 60
INVITATION_DAYS = 14
FUNDING_SOON_DAYS = 90
RECRUITING_LONG_DAYS = 90
UNCHANGED_DAYS = 183
ACTION_DUE_SOON_DAYS = 14
NOT_SUBMITTED = (WorkforceReturn.Status.OPEN, WorkforceReturn.Status.RETURNED)


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


# --- Coordinator -----------------------------------------------------------


def _active_plan_actions(user):
    # The action list these lines link to shows the active plan.
    return network_perms.actions_visible_to(user).filter(plan__status="active")


def actions_overdue(user, today):
    return _active_plan_actions(user).overdue(today)


def actions_quiet(user, today):
    return _active_plan_actions(user).stale(stale_cutoff(today))


def minutes_not_drafted(user, today):
    return Meeting.objects.filter(
        status=Meeting.Status.HELD,
        minutes_status=Meeting.MinutesStatus.NONE,
        starts_at__lt=_start_of(today - timedelta(days=MINUTES_DUE_DAYS)),
    )


def minutes_awaiting_approval(user, today):
    return Meeting.objects.filter(minutes_status=Meeting.MinutesStatus.DRAFT)


def returns_to_confirm(user, today):
    return WorkforceReturn.objects.filter(status=WorkforceReturn.Status.SUBMITTED)


def returns_overdue(user, today):
    return WorkforceReturn.objects.filter(status__in=NOT_SUBMITTED, due_date__lt=today)


def proposals_to_review(user, today):
    return TrainingOpportunity.objects.filter(status=TrainingOpportunity.Status.PENDING)


def consultations_closing(user, today):
    return StandardVersion.objects.filter(
        status=StandardVersion.Status.CONSULTATION,
        consultation_closes__gte=today,
        consultation_closes__lte=today + timedelta(days=CLOSING_SOON_DAYS),
    ).annotate(trusts_responded=Count("responses__trust", distinct=True))


def tor_reviews_due(user, today):
    return TermsOfReference.objects.filter(
        status=TermsOfReference.Status.APPROVED,
        review_due__lte=today + timedelta(days=REVIEW_SOON_DAYS),
    )


def standard_reviews_due(user, today):
    return StandardVersion.objects.filter(
        # The same window in which the review can be recorded.
        status__in=StandardVersion.CURRENT,
        review_date__lte=today + timedelta(days=REVIEW_EARLY_DAYS),
    )


def emails_failed(user, today):
    return Notification.objects.filter(status=Notification.Status.FAILED)


def trusts_without_lead(user, today):
    leads = get_user_model().objects.filter(
        trust=OuterRef("pk"), role="trust_lead", is_active=True
    )
    return MemberTrust.objects.current().exclude(Exists(leads))


def invitations_waiting(user, today):
    return get_user_model().objects.filter(
        is_active=True,
        password__startswith="!",  # an unusable password: never accepted
        date_joined__lt=_start_of(today - timedelta(days=INVITATION_DAYS)),
    )


# --- Trust lead ------------------------------------------------------------


def my_trust_returns(user, today):
    return workforce_perms.returns_visible_to(user).filter(status__in=NOT_SUBMITTED)


def funding_ending(user, today):
    return workforce_perms.posts_visible_to(user).filter(
        status__in=Post.ESTABLISHMENT,
        funding_end_date__gte=today,
        funding_end_date__lte=today + timedelta(days=FUNDING_SOON_DAYS),
    )


def recruiting_long(user, today):
    return workforce_perms.posts_visible_to(user).filter(
        status=Post.Status.RECRUITING,
        status_effective_date__lt=today - timedelta(days=RECRUITING_LONG_DAYS),
    )


def posts_unchanged(user, today):
    return (
        workforce_perms.posts_visible_to(user)
        .exclude(status=Post.Status.CLOSED)
        .filter(updated_at__lt=_start_of(today - timedelta(days=UNCHANGED_DAYS)))
    )


def readiness_without_evidence(user, today):
    return TrustChecklistStatus.objects.filter(
        trust_id=user.trust_id,
        status=TrustChecklistStatus.Status.IN_PLACE,
        evidence_url="",
        evidence_note="",
    )


def consultations_unanswered_by_trust(user, today):
    answered = ConsultationResponse.objects.filter(
        version=OuterRef("pk"), trust_id=user.trust_id
    )
    return _open_consultations(today).exclude(Exists(answered))


def my_actions_due(user, today):
    mine = Q(owner=user) | Q(lead_trust_id=user.trust_id)
    soon = today + timedelta(days=ACTION_DUE_SOON_DAYS)
    quiet = Q(last_update_on__lt=stale_cutoff(today))
    return (
        _active_plan_actions(user)
        .open()
        .with_last_update()
        .filter(mine)
        .filter(Q(due_date__lte=soon) | quiet)
    )


# --- Peer worker -----------------------------------------------------------


def offers_waiting(user, today):
    return TrainingBooking.objects.filter(
        user=user,
        status=TrainingBooking.Status.OFFERED,
        offer_expires_at__gt=timezone.now(),
    ).order_by("offer_expires_at")


def upcoming_bookings(user, today):
    return TrainingBooking.objects.filter(
        user=user,
        status=TrainingBooking.Status.BOOKED,
        opportunity__start_date__gte=today,
    ).order_by("opportunity__start_date")


def consultations_open_to_me(user, today):
    answered = ConsultationResponse.objects.filter(
        version=OuterRef("pk"), respondent=user
    )
    return _open_consultations(today).exclude(Exists(answered))


def new_training_for_interests(user, today):
    interests = TrainingInterest.objects.filter(
        user=user,
        opportunity__isnull=True,
        status=TrainingInterest.Status.INTERESTED,
        category=OuterRef("category"),
        created_at__lt=OuterRef("created_at"),
    )
    booked = TrainingBooking.objects.filter(
        user=user, opportunity=OuterRef("pk"), status__in=TrainingBooking.ACTIVE
    )
    return (
        TrainingOpportunity.objects.filter(
            status=TrainingOpportunity.Status.BOOKING_OPEN, start_date__gte=today
        )
        .filter(Exists(interests))
        .exclude(Exists(booked))
    )


def _open_consultations(today):
    return StandardVersion.objects.filter(
        status=StandardVersion.Status.CONSULTATION, consultation_closes__gte=today
    )
