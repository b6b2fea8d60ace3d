"""State changes of a version: consultation, approval, review and withdrawal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from standards import permissions, services
from standards.forms import ApproveForm, ConsultationOpenForm, WithdrawForm
from standards.views.common import crumbs


def _form_page(request, version, form, title, intro=""):
    return render(
        request,
        "standards/standardversion_action_form.html",
        {
            "form": form,
            "version": version,
            "title": title,
            "intro": intro,
            "breadcrumbs": crumbs(version.standard, version),
        },
    )


def _refuse(request, version, error: ValidationError):
    messages.error(request, " ".join(error.messages))
    return redirect(version)


@login_required
def consultation_open(request, code, number):
    version = permissions.get_version_for_change(request.user, code, number)
    if version.status != version.Status.DRAFT:
        return _refuse(request, version, ValidationError(services.NOT_A_DRAFT))
    form = ConsultationOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_open(
                version=version,
                opens=form.cleaned_data["consultation_opens"],
                closes=form.cleaned_data["consultation_closes"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Consultation opened")
            return redirect(version)
    return _form_page(
        request,
        version,
        form,
        "Open consultation",
        "Trust leads and peer workers can respond between these dates. "
        "Responses can be changed until the close date, then they are locked.",
    )


@require_POST
@login_required
def consultation_close(request, code, number):
    version = permissions.get_version_for_change(request.user, code, number)
    try:
        services.consultation_close(version=version, actor=request.user)
    except ValidationError as error:
        return _refuse(request, version, error)
    messages.success(request, "Consultation closed: the version is a draft again")
    return redirect(version)


@login_required
def version_approve(request, code, number):
    version = permissions.get_version_for_change(request.user, code, number)
    if not version.can_transition(version.Status.APPROVED):
        return _refuse(
            request, version, ValidationError("This version cannot be approved.")
        )
    form = ApproveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.standard_version_approve(
                version=version,
                meeting=form.cleaned_data["approved_at"],
                approved_on=form.cleaned_data["approved_on"],
                review_date=form.cleaned_data["review_date"],
                actor=request.user,
            )
        except ValidationError as error:
            version.refresh_from_db()
            form.add_error(None, error)
        else:
            messages.success(request, f"{version.label.capitalize()} approved")
            return redirect(version)
    return _form_page(
        request,
        version,
        form,
        "Approve this version",
        "Approval needs a quorate meeting. The version now in force, if any, "
        "will be marked as superseded by this one.",
    )


@require_POST
@login_required
def version_confirm(request, code, number):
    version = permissions.get_version_for_change(request.user, code, number)
    try:
        services.standard_version_confirm_unchanged(version=version, actor=request.user)
    except ValidationError as error:
        return _refuse(request, version, error)
    messages.success(
        request, f"Confirmed unchanged: next review {version.review_date:%-d %B %Y}"
    )
    return redirect(version)


@login_required
def version_withdraw(request, code, number):
    version = permissions.get_version_for_change(request.user, code, number)
    if not version.can_transition(version.Status.WITHDRAWN):
        return _refuse(
            request, version, ValidationError("This version cannot be withdrawn.")
        )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.standard_version_withdraw(
                version=version,
                reason=form.cleaned_data["withdrawn_reason"],
                actor=request.user,
            )
        except ValidationError as error:
            version.refresh_from_db()
            form.add_error(None, error)
        else:
            messages.success(request, f"{version.label.capitalize()} withdrawn")
            return redirect(version)
    return _form_page(
        request,
        version,
        form,
        "Withdraw this version",
        "Withdrawing cannot be undone.",
    )
