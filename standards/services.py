"""Multi-step writes for standards. Callers pass objects already authorised."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.dates import add_months
from standards.models import (
    REVIEW_EARLY_DAYS,
    ConsultationComment,
    ConsultationResponse,
    Standard,
    StandardVersion,
    StandardVersionEdit,
)

NOT_A_DRAFT = "Only a draft can be edited or sent to consultation."
CONSULTATION_NOT_OPEN = "Consultation on this version is not open."
CLOSES_BEFORE_OPENS = "The close date must be after the open date."
NOT_QUORATE = "The meeting was not quorate, so it cannot approve a standard."
NO_MEETING = "Choose the meeting that approved this version."
REVIEW_BEFORE_APPROVAL = "The review date must be after the approval date."
MEETING_NOT_HELD = "The meeting has not happened yet."
APPROVED_BEFORE_MEETING = "The approval date cannot be before the meeting."
SUMMARY_REQUIRED = "Summarise what changed since the previous version."


@dataclass
class EditConflict(Exception):
    """Someone else saved the draft first; both texts are kept for the editor."""

    current: StandardVersion
    attempted_body: str


def _record_edit(version: StandardVersion, actor) -> None:
    StandardVersionEdit.objects.create(
        version=version,
        revision=version.revision,
        body=version.body,
        summary_of_changes=version.summary_of_changes,
        edited_by=actor,
    )


@transaction.atomic
def standard_create(
    *, standard: Standard, body: str, domains=(), actor
) -> StandardVersion:
    """A new standard starts life with version 1 as a draft."""
    standard.created_by = standard.updated_by = actor
    standard.full_clean()
    standard.save()
    standard.hee_domains.set(domains)
    version = StandardVersion(
        standard=standard, number=1, body=body, created_by=actor, updated_by=actor
    )
    version.full_clean()
    version.save()
    _record_edit(version, actor)
    return version


@transaction.atomic
def standard_version_edit(
    *,
    version: StandardVersion,
    body: str,
    summary_of_changes: str,
    expected_revision: int,
    actor,
) -> StandardVersion:
    """Save a draft only if nobody saved it since the editor opened it.

    The revision check is in the UPDATE itself, so two saves racing each other
    cannot both win; the loser gets EditConflict with the text now stored.
    """
    updated = StandardVersion.objects.filter(
        pk=version.pk, revision=expected_revision, status=StandardVersion.Status.DRAFT
    ).update(
        body=body,
        summary_of_changes=summary_of_changes,
        revision=F("revision") + 1,
        updated_by=actor,
        updated_at=timezone.now(),
    )
    version.refresh_from_db()
    if updated != 1:
        if version.status != StandardVersion.Status.DRAFT:
            raise ValidationError(NOT_A_DRAFT)
        raise EditConflict(current=version, attempted_body=body)
    _record_edit(version, actor)
    return version


@transaction.atomic
def standard_version_start_next(
    *, standard: Standard, summary_of_changes: str, actor
) -> StandardVersion:
    """Start the next version from the latest text.

    A draft it replaces (e.g. one revised after consultation) is superseded;
    an approved version stays in force until the new one is approved.
    """
    if not summary_of_changes.strip():
        raise ValidationError({"summary_of_changes": SUMMARY_REQUIRED})
    latest = (
        StandardVersion.objects.select_for_update()
        .filter(standard=standard)
        .order_by("-number")
        .first()
    )
    open_version = standard.versions.filter(status__in=StandardVersion.OPEN).first()
    new = StandardVersion(
        standard=standard,
        number=latest.number + 1,
        body=latest.body,
        summary_of_changes=summary_of_changes,
        created_by=actor,
        updated_by=actor,
    )
    if open_version:
        open_version.move_to(StandardVersion.Status.SUPERSEDED)
        open_version.updated_by = actor
        open_version.save(update_fields=["status", "updated_by", "updated_at"])
    new.save()
    if open_version:
        open_version.superseded_by = new
        open_version.save(update_fields=["superseded_by"])
    _record_edit(new, actor)
    return new


@transaction.atomic
def consultation_open(
    *, version: StandardVersion, opens: date, closes: date, actor
) -> StandardVersion:
    if closes <= opens:
        raise ValidationError({"consultation_closes": CLOSES_BEFORE_OPENS})
    if version.status != StandardVersion.Status.DRAFT:
        raise ValidationError(NOT_A_DRAFT)
    version.move_to(StandardVersion.Status.CONSULTATION)
    version.consultation_opens, version.consultation_closes = opens, closes
    version.updated_by = actor
    version.save()
    return version


@transaction.atomic
def consultation_close(*, version: StandardVersion, actor) -> StandardVersion:
    """End consultation now; the version goes back to draft for revision."""
    if version.status != StandardVersion.Status.CONSULTATION:
        raise ValidationError(CONSULTATION_NOT_OPEN)
    version.move_to(StandardVersion.Status.DRAFT)
    today = timezone.localdate()
    if version.consultation_closes > today:
        # Closing early: responses lock from today.
        version.consultation_closes = max(today, version.consultation_opens)
    version.updated_by = actor
    version.save()
    return version


def _check_quorate(meeting) -> None:
    status = meeting.quorum_status()
    if status.is_quorate is not True:
        reasons = "; ".join(status.reasons) if status.reasons else ""
        raise ValidationError(
            {"approved_at": NOT_QUORATE + (f" ({reasons})" if reasons else "")}
        )


@transaction.atomic
def standard_version_approve(
    *,
    version: StandardVersion,
    meeting,
    approved_on: date | None,
    review_date: date | None,
    actor,
) -> StandardVersion:
    """Approve at a quorate meeting; the version in force is superseded by it."""
    if meeting is None:
        raise ValidationError({"approved_at": NO_MEETING})
    if meeting.starts_at > timezone.now():
        raise ValidationError({"approved_at": MEETING_NOT_HELD})
    meeting_day = timezone.localdate(meeting.starts_at)
    approved_on = approved_on or meeting_day
    if approved_on < meeting_day:
        raise ValidationError({"approved_on": APPROVED_BEFORE_MEETING})
    _check_quorate(meeting)
    review_date = review_date or add_months(
        approved_on, version.standard.review_period_months
    )
    if review_date <= approved_on:
        raise ValidationError({"review_date": REVIEW_BEFORE_APPROVAL})
    version.move_to(StandardVersion.Status.APPROVED)
    previous = (
        StandardVersion.objects.select_for_update()
        .filter(standard=version.standard, status__in=StandardVersion.CURRENT)
        .first()
    )
    if previous:
        previous.move_to(StandardVersion.Status.SUPERSEDED)
        previous.superseded_by = version
        previous.updated_by = actor
        previous.save()
    version.approved_at, version.approved_on = meeting, approved_on
    version.review_date = review_date
    version.updated_by = actor
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def standard_version_confirm_unchanged(
    *, version: StandardVersion, actor, today: date | None = None
) -> StandardVersion:
    """Reviewed and still right: back to approved with the next review date."""
    today = today or timezone.localdate()
    if not version.can_confirm_review(today):
        raise ValidationError(
            "Only a version due for review, or due within "
            f"{REVIEW_EARLY_DAYS} days, can be confirmed."
        )
    if version.status == StandardVersion.Status.DUE_FOR_REVIEW:
        version.move_to(StandardVersion.Status.APPROVED)
    version.review_date = add_months(
        max(today, version.review_date), version.standard.review_period_months
    )
    version.updated_by = actor
    version.save()
    return version


@transaction.atomic
def standard_version_withdraw(
    *, version: StandardVersion, reason: str, actor
) -> StandardVersion:
    if not reason.strip():
        raise ValidationError({"withdrawn_reason": "Say why it is withdrawn."})
    version.move_to(StandardVersion.Status.WITHDRAWN)
    version.withdrawn_reason = reason
    version.updated_by = actor
    version.save()
    return version


@transaction.atomic
def consultation_response_save(
    *, response: ConsultationResponse, actor
) -> ConsultationResponse:
    """Create or update a response while consultation is open; locked after."""
    version = StandardVersion.objects.select_for_update().get(pk=response.version_id)
    if not version.consultation_is_open():
        raise ValidationError(CONSULTATION_NOT_OPEN)
    if response.paragraph and response.paragraph > len(version.paragraphs()):
        raise ValidationError(
            {"paragraph": f"The draft has {len(version.paragraphs())} paragraphs."}
        )
    if actor.is_trust_lead:
        response.trust_id = actor.trust_id
        response.respondent_type = ConsultationResponse.RespondentType.TRUST_LEAD
    else:
        response.trust = None
        response.respondent_type = ConsultationResponse.RespondentType.PSW
    if response.pk is None:
        response.respondent = actor
        response.created_by = actor
    response.submitted_at = timezone.now()
    response.updated_by = actor
    response.save()
    return response


@transaction.atomic
def consultation_comment_save(
    *, comment: ConsultationComment, actor
) -> ConsultationComment:
    """Add or change a paragraph comment on the actor's own response."""
    version = StandardVersion.objects.select_for_update().get(
        pk=comment.response.version_id
    )
    if not version.consultation_is_open():
        raise ValidationError(CONSULTATION_NOT_OPEN)
    count = len(version.paragraphs())
    if not 1 <= comment.paragraph <= count:
        raise ValidationError({"paragraph": f"The draft has {count} paragraphs."})
    if comment.pk is None:
        comment.created_by = actor
    comment.updated_by = actor
    comment.save()
    return comment


@transaction.atomic
def apply_date_rules(today: date) -> int:
    """Approved versions whose review date has come become due for review.

    Idempotent: a second run the same day finds nothing left to move.
    """
    return StandardVersion.objects.due_for_review(on=today).update(
        status=StandardVersion.Status.DUE_FOR_REVIEW, updated_at=timezone.now()
    )
