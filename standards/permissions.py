"""Access rules for standards: a predicate and a matching queryset for each rule.

Public visitors read published (approved) versions only; signed-in members read
drafts and consultations too (issue 5). Coordinators manage everything. Trust
leads respond for their own trust and record their own trust's adoption; peer
workers may respond as individuals.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from core.roles import (
    deny_unless,
    hide_unless,
    is_coordinator,
    is_member,
    is_trust_lead,
    leads_trust,
)
from network.models import MemberTrust
from standards.models import (
    ConsultationComment,
    ConsultationResponse,
    Standard,
    StandardAdoption,
    StandardVersion,
)


# --- reading -----------------------------------------------------------------
def versions_visible_to(user) -> QuerySet:
    if is_member(user):
        return StandardVersion.objects.all()
    return StandardVersion.objects.published()


def can_view_version(user, version: StandardVersion) -> bool:
    return versions_visible_to(user).filter(pk=version.pk).exists()


def standards_visible_to(user) -> QuerySet:
    if is_member(user):
        return Standard.objects.all()
    published = StandardVersion.objects.published().values("standard_id")
    return Standard.objects.filter(pk__in=published)


def get_standard_for_view(user, code: str) -> Standard:
    return get_object_or_404(standards_visible_to(user), code=code)


def get_version_for_view(user, code: str, number: int) -> StandardVersion:
    """A version the user may read; 404 for one they may not even know of."""
    return get_object_or_404(
        versions_visible_to(user).select_related("standard"),
        standard__code=code,
        number=number,
    )


# --- managing (coordinators) -------------------------------------------------
def can_manage_standards(user) -> bool:
    """Create standards and versions, edit drafts, run consultation, approve."""
    return is_coordinator(user)


def get_version_for_change(user, code: str, number: int) -> StandardVersion:
    version = get_version_for_view(user, code, number)
    deny_unless(can_manage_standards(user))
    return version


def get_standard_for_change(user, code: str) -> Standard:
    standard = get_standard_for_view(user, code)
    deny_unless(can_manage_standards(user))
    return standard


# --- consultation ------------------------------------------------------------
def can_respond(user, version: StandardVersion) -> bool:
    """Trust leads (for their trust) and peer workers, while consultation is open."""
    if not (is_trust_lead(user) or (user.is_authenticated and user.is_peer_worker)):
        return False
    return version.consultation_is_open()


def own_response(user, version: StandardVersion) -> ConsultationResponse | None:
    """The response this user speaks for: their trust's, or their own as a PSW."""
    if not user.is_authenticated:
        return None
    if is_trust_lead(user):
        return version.responses.filter(trust_id=user.trust_id).first()
    return version.responses.filter(respondent=user, trust__isnull=True).first()


def get_comment_for_change(user, pk: int) -> ConsultationComment:
    """One of the user's own paragraph comments, while consultation is open.

    Someone else's comment is 404: its existence is not disclosed.
    """
    comment = get_object_or_404(
        ConsultationComment.objects.select_related("response__version__standard"),
        pk=pk,
    )
    version = comment.response.version
    own = own_response(user, version)
    hide_unless(own is not None and own.pk == comment.response_id)
    deny_unless(can_respond(user, version))
    return comment


def get_comment_for_disposition(user, pk: int) -> ConsultationComment:
    hide_unless(is_member(user))
    comment = get_object_or_404(
        ConsultationComment.objects.select_related(
            "response__version__standard", "response__trust"
        ),
        pk=pk,
    )
    deny_unless(is_coordinator(user))
    return comment


def responses_visible_to(user, version: StandardVersion) -> QuerySet:
    """Coordinators see every response; others see only the one they speak for."""
    if is_coordinator(user):
        return version.responses.all()
    if is_trust_lead(user):
        return version.responses.filter(trust_id=user.trust_id)
    if user.is_authenticated:
        return version.responses.filter(respondent=user, trust__isnull=True)
    return ConsultationResponse.objects.none()


def get_response_for_disposition(user, pk: int) -> ConsultationResponse:
    hide_unless(is_member(user))
    response = get_object_or_404(
        ConsultationResponse.objects.select_related("version__standard", "trust"),
        pk=pk,
    )
    deny_unless(is_coordinator(user))
    return response


def can_view_disposition_log(user, version: StandardVersion) -> bool:
    """'You said, we did' is published once a later version is public."""
    if is_member(user):
        return True
    return (
        StandardVersion.objects.published()
        .filter(standard_id=version.standard_id, number__gt=version.number)
        .exists()
    )


def get_version_for_disposition_log(user, code: str, number: int) -> StandardVersion:
    """A consulted version whose log this user may read, even if the draft is not."""
    version = get_object_or_404(
        StandardVersion.objects.select_related("standard").filter(
            consultation_opens__isnull=False
        ),
        standard__code=code,
        number=number,
    )
    hide_unless(can_view_disposition_log(user, version))
    return version


# --- adoption ----------------------------------------------------------------
def can_view_adoption(user) -> bool:
    return is_member(user)


def can_edit_adoption(user, trust: MemberTrust) -> bool:
    """A trust lead records adoption for their own trust only."""
    return is_coordinator(user) or leads_trust(user, trust.pk)


def trusts_adoption_editable_by(user) -> QuerySet:
    if is_coordinator(user):
        return MemberTrust.objects.current()
    if is_trust_lead(user):
        return MemberTrust.objects.current().filter(pk=user.trust_id)
    return MemberTrust.objects.none()


def adoptions_visible_to(user) -> QuerySet:
    if is_member(user):
        return StandardAdoption.objects.all()
    return StandardAdoption.objects.none()
