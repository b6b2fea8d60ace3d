from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import capfirst

from core.dates import long_date, short_date
from standards import permissions, services
from standards.forms import StandardCreateForm, StandardForm
from standards.models import StandardVersion
from standards.templatetags.standards_tags import version_status_tag
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


def _version_row(version) -> dict:
    """One row of a standard's versions, worked out once in Python."""
    if version.approved_on:
        dates = f"Approved {long_date(version.approved_on)}"
    elif version.consultation_opens:
        opens, closes = version.consultation_opens, version.consultation_closes
        dates = f"Consultation {short_date(opens)} to {short_date(closes)}"
    else:
        dates = f"Started {long_date(version.created_at)}"
    return {
        "url": version.get_absolute_url(),
        "label": capfirst(version.label),
        "tag": version_status_tag(version),
        "dates": dates,
    }


def _adoption_row(adoption) -> dict:
    return {
        "trust": adoption.trust.short_name,
        "status": adoption.get_status_display(),
        "date": long_date(adoption.effective_date) or "–",
    }


def standard_detail(request, code):
    standard = permissions.get_standard_for_view(request.user, code)
    versions = list(
        permissions.versions_visible_to(request.user)
        .filter(standard=standard)
        .select_related("standard")  # each version's URL has the standard's code
        .order_by("-number")
    )
    # At most one version is current (a database constraint).
    current = next((v for v in versions if v.is_current), None)
    can_manage = permissions.can_manage_standards(request.user)
    adoptions = (
        permissions.adoptions_visible_to(request.user)
        .filter(standard=standard)
        .select_related("trust")
    )
    return render(
        request,
        "standards/standard_detail.html",
        {
            "standard": standard,
            "versions": [_version_row(v) for v in versions],
            "current": current,
            "domains": standard.hee_domains.all(),
            "can_manage": can_manage,
            # A version in consultation must be closed before a revision starts.
            "can_start_next": can_manage
            and not any(
                v.status == StandardVersion.Status.CONSULTATION for v in versions
            ),
            "adoptions": [_adoption_row(a) for a in adoptions],
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
