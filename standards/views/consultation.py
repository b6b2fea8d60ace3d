"""Responding to a consultation, and the coordinator's "you said, we did"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from standards import permissions, services
from standards.consultlog import answered_comments
from standards.forms import DispositionForm, ResponseForm
from standards.models import (
    ConsultationResponse,
)
from standards.views.common import crumbs


@login_required
def response_edit(request, code, number):
    """Create or change the response this user speaks for, while it is open."""
    version = permissions.get_version_for_view(request.user, code, number)
    if not permissions.can_respond(request.user, version):
        raise PermissionDenied
    response = permissions.own_response(request.user, version) or (
        ConsultationResponse(version=version)
    )
    form = ResponseForm(
        request.POST or None,
        instance=response,
        paragraph_count=len(version.paragraphs()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_response_save(
                response=form.save(commit=False), actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your response has been saved")
            return redirect(version)
    return render(
        request,
        "standards/consultationresponse_form.html",
        {
            "form": form,
            "version": version,
            "paragraphs": list(enumerate(version.paragraphs(), start=1)),
            "speaking_for": request.user.trust if request.user.is_trust_lead else None,
            "breadcrumbs": crumbs(version.standard, version),
        },
    )


@login_required
def response_list(request, code, number):
    version = permissions.get_version_for_view(request.user, code, number)
    if not permissions.can_manage_standards(request.user):
        raise PermissionDenied
    responses = permissions.responses_visible_to(request.user, version)
    return render(
        request,
        "standards/consultationresponse_list.html",
        {
            "version": version,
            "responses": responses.select_related("trust").prefetch_related(
                "paragraph_comments"
            ),
            "breadcrumbs": crumbs(version.standard, version),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def disposition_edit(request, pk):
    response = permissions.get_response_for_disposition(request.user, pk)
    version = response.version
    form = DispositionForm(request.POST or None, instance=response)
    if request.method == "POST" and form.is_valid():
        response = form.save(commit=False)
        response.disposition_by = request.user
        response.disposition_at = timezone.now()
        response.updated_by = request.user
        response.save()
        messages.success(
            request, f"Disposition recorded for {response.respondent_label}"
        )
        return redirect(
            "standards:response-list", version.standard.code, version.number
        )
    return render(
        request,
        "standards/consultationresponse_disposition.html",
        {
            "form": form,
            "response": response,
            "version": version,
            "breadcrumbs": crumbs(version.standard, version),
        },
    )


def disposition_log(request, code, number):
    """'You said, we did': each comment, what we did, and the version it led to."""
    version = permissions.get_version_for_disposition_log(request.user, code, number)
    next_version = (
        permissions.versions_visible_to(request.user)
        .filter(standard=version.standard, number__gt=version.number)
        .order_by("number")
        .first()
    )
    return render(
        request,
        "standards/consultationresponse_log.html",
        {
            "version": version,
            "next_version": next_version,
            "items": answered_comments(version),
            "breadcrumbs": crumbs(version.standard),
        },
    )
