"""The quarterly board pack as a PDF: regional for coordinators, one trust's
own for its lead."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect

from workforce import boardpack
from workforce import permissions as perms
from workforce.boardpack_pdf import render_pdf
from workforce.forms import BoardPackForm


@login_required
def board_pack(request):
    if not perms.can_download_board_pack(request.user):
        raise PermissionDenied
    form = BoardPackForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        messages.error(request, form.errors["quarter_end"][0])
        return redirect("workforce:return-list")
    if form.is_bound:
        quarter_end = form.cleaned_data["quarter_end"]
    else:
        quarter_end = form.latest_quarter_end()
    pack = boardpack.build(quarter_end, trust=perms.board_pack_trust(request.user))
    response = HttpResponse(render_pdf(pack), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pack.filename}"'
    return response
