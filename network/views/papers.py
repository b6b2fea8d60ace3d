"""Meeting papers: upload (coordinators), download one or all as a zip (those
who may read the meeting's papers). Files are never served from a media URL."""

import zipfile
from tempfile import SpooledTemporaryFile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from audit.models import AuditEvent
from audit.recorder import record
from core.confirm import confirm_page
from network import permissions, services
from network.forms.series import PaperForm
from network.views.meetings import meetings_crumbs

ZIP_SPOOL_BYTES = 10 * 1024 * 1024  # bigger zips go to a temporary file


def _not_found(request):
    """Signed-in refusals are audited by the audit middleware; a visitor's are
    recorded here, since guessing paper addresses is worth knowing about."""
    if not request.user.is_authenticated:
        record(
            AuditEvent.Action.NOT_FOUND,
            request=request,
            outcome=AuditEvent.Outcome.DENIED,
            details={"url_name": request.resolver_match.view_name, "status": 404},
        )
    raise Http404


@login_required
def paper_upload(request, pk: int):
    meeting = permissions.get_meeting_for_change(request.user, pk)
    form = PaperForm(request.POST or None, request.FILES or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        paper = services.paper_add(form=form, meeting=meeting, actor=request.user)
        messages.success(request, f"{paper.title} uploaded")
        return redirect(meeting.get_absolute_url() + "#papers")
    return render(
        request,
        "network/paper_form.html",
        {
            "form": form,
            "heading": "Upload a paper",
            "meeting": meeting,
            "breadcrumbs": meetings_crumbs(
                {"label": meeting.title, "url": meeting.get_absolute_url()}
            ),
        },
    )


def paper_download(request, pk: int, paper_pk: int):
    try:
        paper = permissions.get_paper_for_download(request.user, pk, paper_pk)
    except Http404:
        _not_found(request)
    return FileResponse(
        paper.file.open("rb"),
        as_attachment=True,
        filename=paper.filename,
        content_type=paper.content_type,
    )


def papers_zip(request, pk: int):
    try:
        meeting = permissions.get_meeting_for_view(request.user, pk)
    except Http404:
        _not_found(request)
    papers = list(permissions.papers_readable_by(request.user, meeting))
    if not papers:
        _not_found(request)
    spool = SpooledTemporaryFile(max_size=ZIP_SPOOL_BYTES)
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
        used: set[str] = set()
        for paper in papers:
            with paper.file.open("rb") as source:
                archive.writestr(_unique(paper.filename, used), source.read())
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=f"meeting-{meeting.pk}-papers.zip",
        content_type="application/zip",
    )


def _unique(name: str, used: set[str]) -> str:
    """Two papers called "report.pdf" become report.pdf and report (2).pdf."""
    stem, dot, ext = name.rpartition(".")
    candidate, n = name, 1
    while candidate in used:
        n += 1
        candidate = f"{stem} ({n}).{ext}" if dot else f"{name} ({n})"
    used.add(candidate)
    return candidate


@login_required
def paper_delete(request, pk: int, paper_pk: int):
    """Asks first (core.confirm): the file is deleted, not archived."""
    meeting = permissions.get_meeting_for_change(request.user, pk)
    paper = permissions.get_paper_for_download(request.user, meeting.pk, paper_pk)
    if request.method != "POST":
        return confirm_page(
            request,
            heading=f"Are you sure you want to remove {paper.title}?",
            caption=meeting.title,
            explanation=(
                "The file is deleted and nobody can download it any more. "
                "You cannot undo this.",
            ),
            confirm_label="Yes, remove the paper",
            back_label="No, keep it",
            back_url=meeting.get_absolute_url() + "#papers",
            breadcrumbs=meetings_crumbs(
                {"label": meeting.title, "url": meeting.get_absolute_url()}
            ),
        )
    services.paper_delete(paper=paper, actor=request.user)
    messages.success(request, f"{paper.title} removed")
    return redirect(meeting.get_absolute_url() + "#papers")
