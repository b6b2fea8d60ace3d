"""Paragraph comments: respondents add them while open; coordinators answer each."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from core.confirm import confirm_page
from standards import permissions, services
from standards.forms import CommentDispositionForm, CommentForm
from standards.models import ConsultationComment
from standards.views.common import crumbs


def _comment_page(request, form, version, comment=None):
    return render(
        request,
        "standards/consultationcomment_form.html",
        {
            "form": form,
            "version": version,
            "comment": comment,
            "paragraphs": list(enumerate(version.paragraphs(), start=1)),
            "breadcrumbs": crumbs(version.standard, version),
        },
    )


def _save(request, form, comment):
    try:
        services.consultation_comment_save(comment=comment, actor=request.user)
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, f"Comment on paragraph {comment.paragraph} saved")
    return redirect(comment.response.version)


@login_required
def comment_add(request, code, number):
    version = permissions.get_version_for_view(request.user, code, number)
    response = permissions.own_response(request.user, version)
    if not permissions.can_respond(request.user, version) or response is None:
        raise PermissionDenied
    initial = {"paragraph": request.GET.get("paragraph")}
    form = CommentForm(
        request.POST or None,
        initial=initial,
        paragraph_count=len(version.paragraphs()),
    )
    if request.method == "POST" and form.is_valid():
        comment = form.save(commit=False)
        comment.response = response
        done = _save(request, form, comment)
        if done:
            return done
    return _comment_page(request, form, version)


@login_required
def comment_edit(request, pk):
    comment = permissions.get_comment_for_change(request.user, pk)
    version = comment.response.version
    form = CommentForm(
        request.POST or None,
        instance=comment,
        paragraph_count=len(version.paragraphs()),
    )
    if request.method == "POST" and form.is_valid():
        done = _save(request, form, form.save(commit=False))
        if done:
            return done
    return _comment_page(request, form, version, comment)


@login_required
def comment_delete(request, pk):
    """Asks first (core.confirm): the comment's words are gone for good."""
    comment = permissions.get_comment_for_change(request.user, pk)
    version = comment.response.version
    if request.method != "POST":
        return confirm_page(
            request,
            heading="Are you sure you want to remove your comment on "
            f"paragraph {comment.paragraph}?",
            caption=str(version.standard),
            explanation=(
                "Your comment is deleted. You cannot undo this, but you can "
                "comment again while the consultation is open.",
            ),
            confirm_label="Yes, remove my comment",
            back_label="No, keep it",
            back_url=version.get_absolute_url(),
            breadcrumbs=crumbs(version.standard, version),
        )
    comment.delete()
    messages.success(request, f"Comment on paragraph {comment.paragraph} removed")
    return redirect(version)


@require_http_methods(["GET", "POST"])
@login_required
def comment_disposition(request, pk):
    comment = permissions.get_comment_for_disposition(request.user, pk)
    version = comment.response.version
    form = CommentDispositionForm(request.POST or None, instance=comment)
    if request.method == "POST" and form.is_valid():
        comment = form.save(commit=False)
        comment.disposition_by = request.user
        comment.disposition_at = timezone.now()
        comment.updated_by = request.user
        comment.save()
        messages.success(request, f"Disposition recorded for {comment}")
        return redirect(
            "standards:response-list", version.standard.code, version.number
        )
    return render(
        request,
        "standards/consultationcomment_disposition.html",
        {
            "form": form,
            "comment": comment,
            "version": version,
            "breadcrumbs": crumbs(version.standard, version),
        },
    )


def comments_for(version) -> list[ConsultationComment]:
    return list(
        ConsultationComment.objects.filter(response__version=version).select_related(
            "response__trust"
        )
    )
