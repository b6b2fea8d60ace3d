from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone

from standards import permissions, services
from standards.forms import StandardCreateForm, StandardForm
from standards.models import StandardVersion
from standards.views.common import crumbs


def _row(standard, versions, today) -> dict:
    current = next((v for v in versions if v.is_current), None)
    open_version = next((v for v in versions if v.status in v.OPEN), None)
    return {
        "standard": standard,
        "current": current,
        "open": open_version,
        "latest": versions[0] if versions else None,
        "overdue": bool(current and current.review_is_overdue(today)),
    }


def standard_list(request):
    visible = permissions.versions_visible_to(request.user).order_by("-number")
    standards = permissions.standards_visible_to(request.user).prefetch_related(
        Prefetch("versions", queryset=visible, to_attr="visible_versions")
    )
    today = timezone.localdate()
    rows = [_row(s, s.visible_versions, today) for s in standards]
    return render(
        request,
        "standards/standard_list.html",
        {
            "rows": rows,
            "overdue_count": sum(1 for r in rows if r["overdue"]),
            "can_manage": permissions.can_manage_standards(request.user),
            "is_member": permissions.is_member(request.user),
        },
    )


def standard_detail(request, code):
    standard = permissions.get_standard_for_view(request.user, code)
    versions = (
        permissions.versions_visible_to(request.user)
        .filter(standard=standard)
        .select_related("standard")  # each version's URL has the standard's code
    )
    current = versions.filter(status__in=versions.model.CURRENT).first()
    return render(
        request,
        "standards/standard_detail.html",
        {
            "standard": standard,
            "versions": versions.order_by("-number"),
            "current": current,
            "domains": standard.hee_domains.all(),
            "can_manage": permissions.can_manage_standards(request.user),
            # A version in consultation must be closed before a revision starts.
            "can_start_next": permissions.can_manage_standards(request.user)
            and not versions.filter(
                status=StandardVersion.Status.CONSULTATION
            ).exists(),
            "adoptions": permissions.adoptions_visible_to(request.user)
            .filter(standard=standard)
            .select_related("trust"),
            "breadcrumbs": crumbs(),
        },
    )


@login_required
def standard_create(request):
    if not permissions.can_manage_standards(request.user):
        raise PermissionDenied
    form = StandardCreateForm(request.POST or None, initial={"owner": request.user})
    if request.method == "POST" and form.is_valid():
        try:
            version = services.standard_create(
                standard=form.save(commit=False),
                body=form.cleaned_data["body"],
                domains=form.cleaned_data["hee_domains"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{version.standard.code} created as a draft")
            return redirect(version)
    return render(
        request,
        "standards/standard_form.html",
        {"form": form, "title": "Create a standard", "breadcrumbs": crumbs()},
    )


@login_required
def standard_update(request, code):
    standard = permissions.get_standard_for_change(request.user, code)
    form = StandardForm(request.POST or None, instance=standard)
    if request.method == "POST" and form.is_valid():
        standard = form.save(commit=False)
        standard.updated_by = request.user
        standard.save()
        form.save_m2m()
        messages.success(request, f"{standard.code} updated")
        return redirect(standard)
    return render(
        request,
        "standards/standard_form.html",
        {
            "form": form,
            "title": f"Edit {standard.code}",
            "standard": standard,
            "breadcrumbs": crumbs(standard),
        },
    )
