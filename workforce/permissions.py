"""Access rules for workforce: for each rule, a predicate and a matching queryset.

A trust lead sees and edits only their own trust's posts, checklist, imports and
returns; coordinators see and edit everything. Anything not visible is a 404 so
a trust lead cannot even learn that another trust's post id exists.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from core.roles import is_coordinator, is_trust_lead, leads_trust
from network.models import MemberTrust
from workforce.models import Post, PostImport, WorkforceReturn


def can_use_register(user) -> bool:
    """The post register (lists, imports, exports) is for leads and coordinators."""
    return is_coordinator(user) or is_trust_lead(user)


def trusts_managed_by(user) -> QuerySet:
    if is_coordinator(user):
        return MemberTrust.objects.all()
    if is_trust_lead(user):
        return MemberTrust.objects.filter(pk=user.trust_id)
    return MemberTrust.objects.none()


def can_manage_trust(user, trust: MemberTrust) -> bool:
    return is_coordinator(user) or leads_trust(user, trust.pk)


def posts_visible_to(user) -> QuerySet:
    """Posts a user may see in detail: all for coordinators, own trust for leads."""
    if is_coordinator(user):
        return Post.objects.all()
    if is_trust_lead(user):
        return Post.objects.filter(trust_id=user.trust_id)
    return Post.objects.none()


def can_edit_post(user, post: Post) -> bool:
    return can_manage_trust(user, post.trust)


def posts_editable_by(user) -> QuerySet:
    # Anyone who can see a post in detail may edit it; kept separate so the rule
    # can diverge (e.g. read-only observers) without touching the views.
    return posts_visible_to(user)


def get_post_for_view(user, pk: int) -> Post:
    return get_object_or_404(posts_visible_to(user).select_related("trust"), pk=pk)


def get_post_for_change(user, pk: int) -> Post:
    return get_object_or_404(posts_editable_by(user).select_related("trust"), pk=pk)


def imports_visible_to(user) -> QuerySet:
    if is_coordinator(user):
        return PostImport.objects.filter(trust__isnull=True)
    if is_trust_lead(user):
        return PostImport.objects.filter(trust_id=user.trust_id)
    return PostImport.objects.none()


def get_import_for_user(user, pk: int) -> PostImport:
    return get_object_or_404(imports_visible_to(user), pk=pk)


def get_trust_for_readiness(user, pk: int) -> MemberTrust:
    """Checklist pages: a lead's own trust, or any trust for a coordinator."""
    return get_object_or_404(trusts_managed_by(user), pk=pk)


def can_edit_checklist_items(user) -> bool:
    return is_coordinator(user)


def returns_visible_to(user) -> QuerySet:
    if is_coordinator(user):
        return WorkforceReturn.objects.all()
    if is_trust_lead(user):
        return WorkforceReturn.objects.filter(trust_id=user.trust_id)
    return WorkforceReturn.objects.none()


def get_return_for_user(user, pk: int) -> WorkforceReturn:
    return get_object_or_404(returns_visible_to(user).select_related("trust"), pk=pk)


def can_submit_return(user, ret: WorkforceReturn) -> bool:
    return leads_trust(user, ret.trust_id)


def can_review_return(user) -> bool:
    return is_coordinator(user)


def sees_exact_figures(user, trust: MemberTrust | None = None) -> bool:
    """Coordinators see exact figures; a trust lead sees them for figures about
    their own trust only; everyone else sees them rounded (workforce.disclosure)."""
    if is_coordinator(user):
        return True
    return bool(trust) and leads_trust(user, trust.pk)


def can_download_board_pack(user) -> bool:
    """Coordinators get the regional pack; a trust lead gets their own trust's."""
    return is_coordinator(user) or is_trust_lead(user)


def board_pack_trust(user) -> MemberTrust | None:
    """Whose pack this user gets: None is the regional one (coordinators only)."""
    if is_coordinator(user):
        return None
    return user.trust
