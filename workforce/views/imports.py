"""CSV import: upload → preview (nothing written) → confirm (all rows or none)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.csvexport import csv_response
from workforce import csvimport, postsxlsx, services, xlsximport
from workforce import permissions as perms
from workforce.forms import ImportUploadForm
from workforce.models import PostImport
from workforce.views.posts import register_crumbs, xlsx_download

ERROR_HEADER = ["Row", "Local reference", "Column", "Problem"]
PREVIEW_ROWS = 500  # rows listed on the page; the counts cover them all


def _own_trust(user):
    return None if perms.is_coordinator(user) else user.trust


@login_required
def import_template(request):
    if not perms.can_use_register(request.user):
        raise PermissionDenied
    return csv_response(
        "psw-posts-template.csv", csvimport.LABELS, csvimport.template_rows()
    )


def _cells_message(problems: list[str]) -> str:
    if len(problems) == 1:
        return f"Nothing was imported. {problems[0]}"
    return (
        f"Nothing was imported: {len(problems)} cells need correcting. "
        "They are listed below the upload box."
    )


@login_required
def import_template_xlsx(request):
    if not perms.can_use_register(request.user):
        raise PermissionDenied
    trusts = list(perms.trusts_managed_by(request.user).values_list("name", flat=True))
    content = postsxlsx.register_workbook(csvimport.template_rows(), trusts)
    return xlsx_download("psw-posts-template.xlsx", content)


@login_required
def import_upload(request):
    if not perms.can_use_register(request.user):
        raise PermissionDenied
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    cell_problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = xlsximport.read_upload(upload)
        except csvimport.ImportError_ as problem:
            form.add_error("file", str(problem))
        except xlsximport.CellProblems as found:
            cell_problems = found.problems
            form.add_error("file", _cells_message(found.problems))
        else:
            staged = PostImport.objects.create(
                trust=_own_trust(request.user),
                filename=upload.name[:200],
                content=text,
                created_by=request.user,
            )
            return redirect(staged)
    context = {
        "form": form,
        "breadcrumbs": register_crumbs(),
        "guide": csvimport.column_guide(),
        "cell_problems": cell_problems,
    }
    return render(request, "workforce/postimport_form.html", context)


@login_required
def import_preview(request, pk):
    staged = perms.get_import_for_user(request.user, pk)
    check = csvimport.check_import(
        text=staged.content, user=request.user, own_trust=_own_trust(request.user)
    )
    context = {
        "staged": staged,
        "check": check,
        "error_count": sum(len(r.errors) for r in check.error_rows),
        "counts": {a: check.count(a) for a in ("create", "update", "unchanged")},
        "problems": csvimport.error_rows(check)[:PREVIEW_ROWS],
        "added": [r for r in check.rows if r.action == "create"][:PREVIEW_ROWS],
        "updated": [r for r in check.rows if r.action == "update"][:PREVIEW_ROWS],
        "applied": staged.status == PostImport.Status.APPLIED,
        "breadcrumbs": register_crumbs(),
    }
    return render(request, "workforce/postimport_preview.html", context)


@login_required
def import_errors(request, pk):
    staged = perms.get_import_for_user(request.user, pk)
    check = csvimport.check_import(
        text=staged.content, user=request.user, own_trust=_own_trust(request.user)
    )
    return csv_response(
        f"import-{staged.pk}-errors.csv", ERROR_HEADER, csvimport.error_rows(check)
    )


@login_required
@require_POST
def import_confirm(request, pk):
    staged = perms.get_import_for_user(request.user, pk)
    if staged.status == PostImport.Status.APPLIED:
        messages.info(request, "This file has already been imported")
        return redirect(staged)
    check = services.post_import_apply(
        post_import=staged, user=request.user, own_trust=_own_trust(request.user)
    )
    if not check.is_valid:
        messages.error(request, "Nothing was imported: the file has problems")
        return redirect(staged)
    messages.success(
        request,
        f"Imported: {check.count('create')} added, {check.count('update')} updated, "
        f"{check.count('unchanged')} unchanged",
    )
    return redirect("workforce:post-list")
