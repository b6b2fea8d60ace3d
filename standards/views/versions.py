from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from core.diff import change_counts, inline_diff, side_by_side_diff
from core.markup import markdown_to_lines
from network.models import MemberTrust
from standards import permissions, services
from standards.forms import NextVersionForm, VersionEditForm
from standards.models import ConsultationComment, StandardVersion
from standards.views.common import crumbs


def response_rates(version: StandardVersion) -> dict:
    """Which member trusts have responded, and how many peer workers did."""
    by_trust = {r.trust_id: r for r in version.responses.exclude(trust=None)}
    trusts = list(MemberTrust.objects.current())
    rows = [{"trust": t, "response": by_trust.get(t.pk)} for t in trusts]
    responded = sum(1 for r in rows if r["response"])
    return {
        "rows": rows,
        "responded": responded,
        "total": len(trusts),
        "percent": round(100 * responded / len(trusts)) if trusts else 0,
        "individuals": version.responses.filter(trust=None).count(),
    }


def _actions(user, version: StandardVersion) -> dict:
    manage = permissions.can_manage_standards(user)
    status, Status = version.status, StandardVersion.Status
    others_open = (
        version.standard.versions.filter(status__in=StandardVersion.OPEN)
        .exclude(pk=version.pk)
        .exists()
    )
    is_latest = not version.standard.versions.filter(number__gt=version.number).exists()
    return {
        "can_edit": manage and status == Status.DRAFT,
        "can_open_consultation": manage and status == Status.DRAFT,
        "can_close_consultation": manage and status == Status.CONSULTATION,
        "can_approve": manage and status in StandardVersion.OPEN,
        "can_confirm": manage and version.can_confirm_review(timezone.localdate()),
        "can_withdraw": manage and version.can_transition(Status.WITHDRAWN),
        "can_start_next": manage
        and is_latest
        and not others_open
        and status in (Status.DRAFT, Status.APPROVED, Status.DUE_FOR_REVIEW),
        "can_dispose": manage,
    }


def _paragraphs(user, version: StandardVersion) -> list[tuple]:
    """Numbered paragraphs; coordinators also see how many comments each has."""
    counts = Counter()
    if permissions.can_manage_standards(user):
        counts.update(
            version.responses.exclude(paragraph=None).values_list(
                "paragraph", flat=True
            )
        )
        counts.update(
            ConsultationComment.objects.filter(response__version=version).values_list(
                "paragraph", flat=True
            )
        )
    return [
        (number, text, counts.get(number, 0))
        for number, text in enumerate(version.paragraphs(), start=1)
    ]


def version_detail(request, code, number):
    version = permissions.get_version_for_view(request.user, code, number)
    user = request.user
    context = {
        "version": version,
        "standard": version.standard,
        "paragraphs": _paragraphs(user, version),
        "can_respond": permissions.can_respond(user, version),
        "own_response": permissions.own_response(user, version),
        "is_member": permissions.is_member(user),
        "overdue": version.review_is_overdue(),
        "other_versions": permissions.versions_visible_to(user)
        .filter(standard=version.standard)
        .exclude(pk=version.pk)
        .order_by("-number"),
        "breadcrumbs": crumbs(version.standard),
        **_actions(user, version),
    }
    if version.consultation_opens and permissions.is_member(user):
        context["rates"] = response_rates(version)
        context["has_dispositions"] = (
            version.responses.exclude(disposition="").exists()
            or ConsultationComment.objects.filter(response__version=version)
            .exclude(disposition="")
            .exists()
        )
    if context["own_response"]:
        context["own_comments"] = context["own_response"].paragraph_comments.all()
    return render(request, "standards/standardversion_detail.html", context)


def _edit_conflict(request, form, conflict, version):
    """Keep the editor's text in the form and show what is now saved."""
    data = form.data.copy()
    data["revision"] = conflict.current.revision
    form = VersionEditForm(data, version=version)
    form.is_valid()
    form.add_error(
        "body",
        "Someone else saved this draft after you opened it. Your text is still "
        "below and nothing was overwritten: compare it with theirs, merge, "
        "then save again.",
    )
    return form, {
        "conflict": conflict,
        "conflict_inline": inline_diff(conflict.current.body, conflict.attempted_body),
    }


@login_required
def version_edit(request, code, number):
    version = permissions.get_version_for_change(request.user, code, number)
    if version.status != StandardVersion.Status.DRAFT:
        messages.error(request, "Only a draft can be edited.")
        return redirect(version)
    initial = {
        "body": version.body,
        "summary_of_changes": version.summary_of_changes,
        "revision": version.revision,
    }
    form = VersionEditForm(request.POST or None, initial=initial, version=version)
    extra = {}
    if request.method == "POST" and form.is_valid():
        try:
            services.standard_version_edit(
                version=version,
                body=form.cleaned_data["body"],
                summary_of_changes=form.cleaned_data["summary_of_changes"],
                expected_revision=form.cleaned_data["revision"],
                actor=request.user,
            )
        except services.EditConflict as conflict:
            form, extra = _edit_conflict(request, form, conflict, version)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Draft saved (revision {version.revision})")
            return redirect(version)
    return render(
        request,
        "standards/standardversion_form.html",
        {
            "form": form,
            "version": version,
            "breadcrumbs": crumbs(version.standard, version),
            **extra,
        },
    )


@login_required
def version_history(request, code, number):
    version = permissions.get_version_for_view(request.user, code, number)
    edits = list(version.edits.select_related("edited_by"))
    rows = []
    for newer, older in zip(edits, edits[1:] + [None], strict=False):
        rows.append(
            {
                "edit": newer,
                "diff": inline_diff(older.body, newer.body) if older else None,
                "counts": change_counts(older.body, newer.body) if older else None,
            }
        )
    return render(
        request,
        "standards/standardversion_history.html",
        {
            "version": version,
            "rows": rows,
            "breadcrumbs": crumbs(version.standard, version),
        },
    )


def _pick(versions, value, fallback):
    try:
        return next(v for v in versions if v.number == int(value))
    except (TypeError, ValueError, StopIteration):
        return fallback


def version_compare(request, code):
    standard = permissions.get_standard_for_view(request.user, code)
    versions = list(
        permissions.versions_visible_to(request.user)
        .filter(standard=standard)
        .order_by("number")
    )
    if not versions:
        return redirect(standard)
    new = _pick(versions, request.GET.get("to"), versions[-1])
    old = _pick(versions, request.GET.get("from"), versions[max(0, len(versions) - 2)])
    layout = "side" if request.GET.get("layout") == "side" else "inline"
    context = {
        "standard": standard,
        "versions": versions,
        "old": old,
        "new": new,
        "layout": layout,
        "counts": change_counts(old.body, new.body),
        "breadcrumbs": crumbs(standard),
    }
    if layout == "side":
        context["left"], context["right"] = side_by_side_diff(
            markdown_to_lines(old.body), markdown_to_lines(new.body)
        )
    else:
        context["diff"] = inline_diff(
            markdown_to_lines(old.body), markdown_to_lines(new.body)
        )
    return render(request, "standards/standardversion_compare.html", context)


@login_required
def version_next(request, code):
    standard = permissions.get_standard_for_change(request.user, code)
    form = NextVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.standard_version_start_next(
                standard=standard,
                summary_of_changes=form.cleaned_data["summary_of_changes"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{version.label.capitalize()} started")
            return redirect("standards:version-edit", standard.code, version.number)
    return render(
        request,
        "standards/standardversion_next.html",
        {
            "form": form,
            "standard": standard,
            "latest": standard.latest_version(),
            "today": timezone.localdate(),
            "breadcrumbs": crumbs(standard),
        },
    )
