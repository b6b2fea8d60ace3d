"""Terms of reference: versions, editing drafts, approval, review, comparison."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from core.forms import add_errors
from core.roles import deny_unless
from network import permissions, services
from network.diff import diff_versions
from network.forms.tor import (
    ApproveTorForm,
    CompareForm,
    ConfirmReviewForm,
    NewVersionForm,
    TermsOfReferenceForm,
)


def tor_crumbs(*extra):
    return [{"label": "Terms of reference", "url": reverse("network:tor-list")}, *extra]


def tor_list(request):
    versions = permissions.tor_visible_to(request.user).select_related("approved_at")
    return render(
        request,
        "network/termsofreference_list.html",
        {
            "versions": versions,
            "today": timezone.localdate(),
            "can_manage": permissions.can_manage_tor(request.user),
            "compare_form": CompareForm(versions=versions)
            if request.user.is_authenticated
            else None,
        },
    )


def tor_detail(request, pk: int):
    tor = permissions.get_tor_for_view(request.user, pk)
    manage = permissions.can_manage_tor(request.user)
    return render(
        request,
        "network/termsofreference_detail.html",
        {
            "tor": tor,
            "overdue": tor.is_review_overdue(timezone.localdate()),
            "newer": tor.superseded_by.filter(status="draft")
            if request.user.is_authenticated
            else [],
            "can_manage": manage,
            "can_edit": manage and tor.is_editable,
            "approve_form": ApproveTorForm() if manage and tor.is_editable else None,
            "review_form": ConfirmReviewForm() if manage else None,
            "new_version_form": NewVersionForm() if manage else None,
            "breadcrumbs": tor_crumbs(),
        },
    )


@login_required
def tor_edit(request, pk: int | None = None):
    tor = permissions.get_tor_for_view(request.user, pk) if pk else None
    deny_unless(permissions.can_manage_tor(request.user))
    deny_unless(tor is None or tor.is_editable)
    form = TermsOfReferenceForm(request.POST or None, instance=tor)
    if request.method == "POST" and form.is_valid():
        form.instance.updated_by = request.user
        tor = form.save()
        messages.success(request, f"Version {tor.version} saved")
        return redirect(tor)
    return render(
        request,
        "network/termsofreference_form.html",
        {
            "form": form,
            "tor": tor,
            "breadcrumbs": tor_crumbs(),
            "heading": f"Edit version {tor.version}"
            if tor
            else "New terms of reference",
        },
    )


@login_required
def tor_new_version(request, pk: int):
    source = permissions.get_tor_for_view(request.user, pk)
    deny_unless(permissions.can_manage_tor(request.user))
    form = NewVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        draft = services.tor_new_version(
            source=source, version=form.cleaned_data["version"], actor=request.user
        )
        messages.success(request, f"Draft version {draft.version} started")
        return redirect("network:tor-edit", pk=draft.pk)
    return render(
        request,
        "network/termsofreference_new_version.html",
        {
            "form": form,
            "tor": source,
            "breadcrumbs": tor_crumbs(),
            "heading": f"Start a new version from {source.version}",
        },
    )


@login_required
def tor_approve(request, pk: int):
    tor = permissions.get_tor_for_view(request.user, pk)
    deny_unless(permissions.can_manage_tor(request.user) and tor.is_editable)
    form = ApproveTorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.tor_approve(tor=tor, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Version {tor.version} approved and in force")
            return redirect(tor)
    return render(
        request,
        "network/termsofreference_approve.html",
        {
            "form": form,
            "tor": tor,
            "breadcrumbs": tor_crumbs(),
            "heading": f"Approve version {tor.version}",
        },
    )


@login_required
def tor_confirm_review(request, pk: int):
    tor = permissions.get_tor_for_view(request.user, pk)
    deny_unless(permissions.can_manage_tor(request.user) and tor.status == "approved")
    form = ConfirmReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.tor_confirm_review(
            tor=tor, reviewed_on=form.cleaned_data["reviewed_on"], actor=request.user
        )
        messages.success(request, "Review recorded; next review in 12 months")
        return redirect(tor)
    return render(
        request,
        "network/termsofreference_review.html",
        {
            "form": form,
            "tor": tor,
            "breadcrumbs": tor_crumbs(),
            "heading": f"Record a review of version {tor.version}",
        },
    )


@login_required
def tor_compare(request):
    versions = permissions.tor_visible_to(request.user)
    form = CompareForm(request.GET or None, versions=versions)
    diff = None
    if form.is_valid():
        diff = diff_versions(form.cleaned_data["a"], form.cleaned_data["b"])
    return render(
        request,
        "network/termsofreference_compare.html",
        {"form": form, "diff": diff, "breadcrumbs": tor_crumbs()},
    )
