"""Quarterly 'confirm your data' returns: a trust lead submits, a coordinator confirms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from workforce import permissions as perms
from workforce.forms import ReturnReasonForm
from workforce.services import (
    workforce_return_confirm,
    workforce_return_send_back,
    workforce_return_submit,
)


def _crumbs():
    return [{"label": "Quarterly returns", "url": reverse("workforce:return-list")}]


@login_required
def return_list(request):
    if not perms.can_use_register(request.user):
        raise PermissionDenied
    returns = perms.returns_visible_to(request.user).select_related("trust")[:200]
    return render(request, "workforce/workforcereturn_list.html", {"returns": returns})


@login_required
def return_detail(request, pk):
    ret = perms.get_return_for_user(request.user, pk)
    context = {
        "ret": ret,
        "posts": ret.snapshot_json.get("posts", []),
        "can_submit": perms.can_submit_return(request.user, ret)
        and ret.can_become(ret.Status.SUBMITTED),
        "can_review": perms.can_review_return(request.user)
        and ret.can_become(ret.Status.CONFIRMED),
        "reason_form": ReturnReasonForm(),
        "breadcrumbs": _crumbs(),
    }
    return render(request, "workforce/workforcereturn_detail.html", context)


@login_required
@require_POST
def return_submit(request, pk):
    ret = perms.get_return_for_user(request.user, pk)
    if not perms.can_submit_return(request.user, ret):
        raise PermissionDenied
    if not ret.can_become(ret.Status.SUBMITTED):
        messages.error(request, "This return has already been submitted")
        return redirect(ret)
    workforce_return_submit(ret=ret, actor=request.user)
    messages.success(request, f"Return for {ret.period} submitted")
    return redirect(ret)


@login_required
@require_POST
def return_confirm(request, pk):
    ret = perms.get_return_for_user(request.user, pk)
    if not perms.can_review_return(request.user):
        raise PermissionDenied
    if not ret.can_become(ret.Status.CONFIRMED):
        messages.error(request, "Only a submitted return can be confirmed")
        return redirect(ret)
    workforce_return_confirm(ret=ret, actor=request.user)
    messages.success(request, f"Return for {ret.trust} {ret.period} confirmed")
    return redirect(ret)


@login_required
@require_POST
def return_send_back(request, pk):
    ret = perms.get_return_for_user(request.user, pk)
    if not perms.can_review_return(request.user):
        raise PermissionDenied
    form = ReturnReasonForm(request.POST)
    if not ret.can_become(ret.Status.RETURNED):
        messages.error(request, "Only a submitted return can be sent back")
        return redirect(ret)
    if form.is_valid():
        workforce_return_send_back(
            ret=ret, actor=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, "Return sent back to the trust for correction")
        return redirect(ret)
    context = {
        "ret": ret,
        "posts": ret.snapshot_json.get("posts", []),
        "can_review": True,
        "reason_form": form,
        "breadcrumbs": _crumbs(),
    }
    return render(request, "workforce/workforcereturn_detail.html", context, status=200)
