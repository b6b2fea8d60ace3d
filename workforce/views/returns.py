"""Quarterly 'confirm your data' returns: a trust lead submits, a coordinator confirms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from workforce import permissions as perms
from workforce import returnreview, services
from workforce.forms import BoardPackForm, ReturnReasonForm, ReturnRoundForm
from workforce.models import WorkforceReturn
from workforce.reports import quarter_of
from workforce.services import (
    workforce_return_confirm,
    workforce_return_reopen,
    workforce_return_send_back,
    workforce_return_submit,
)


def _crumbs():
    return [{"label": "Quarterly returns", "url": reverse("workforce:return-list")}]


@login_required
def return_list(request):
    if not perms.can_use_register(request.user):
        raise PermissionDenied
    visible = perms.returns_visible_to(request.user)
    context = {
        "returns": visible.select_related("trust")[:200],
        "rounds": _rounds(visible) if perms.can_review_return(request.user) else [],
        "round_form": ReturnRoundForm()
        if perms.can_review_return(request.user)
        else None,
        "pack_form": BoardPackForm(),
        "pack_scope": perms.board_pack_trust(request.user),
    }
    return render(request, "workforce/workforcereturn_list.html", context)


def _rounds(returns) -> list[dict]:
    """Per quarter: how many trusts have submitted (or been confirmed) so far."""
    done = [WorkforceReturn.Status.SUBMITTED, WorkforceReturn.Status.CONFIRMED]
    rows = (
        returns.values("period", "snapshot_date")
        .annotate(
            trusts=Count("pk"),
            submitted=Count("pk", filter=Q(status__in=done)),
        )
        .order_by("-snapshot_date")
    )
    return list(rows[:8])


@login_required
@require_POST
def return_round_open(request):
    if not perms.can_review_return(request.user):
        raise PermissionDenied
    form = ReturnRoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a quarter from the list")
        return redirect("workforce:return-list")
    quarter_end = form.cleaned_data["quarter_end"]
    opened = services.return_round_open(quarter_end=quarter_end, actor=request.user)
    period = quarter_of(quarter_end)
    if opened:
        messages.success(request, f"Returns for {period} opened for {opened} trusts")
    else:
        messages.info(request, f"Returns for {period} were already open")
    return redirect("workforce:return-list")


@login_required
@require_POST
def return_reopen(request, pk):
    ret = perms.get_return_for_user(request.user, pk)
    if not perms.can_review_return(request.user):
        raise PermissionDenied
    if not ret.can_become(ret.Status.OPEN):
        messages.error(request, "This return is already open")
        return redirect(ret)
    workforce_return_reopen(ret=ret, actor=request.user)
    messages.success(request, f"Return for {ret.trust} {ret.period} is open again")
    return redirect(ret)


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
        "can_reopen": perms.can_review_return(request.user)
        and ret.can_become(ret.Status.OPEN),
        "reason_form": ReturnReasonForm(),
        "breadcrumbs": _crumbs(),
    }
    if ret.status in (ret.Status.OPEN, ret.Status.RETURNED):
        context["review"] = returnreview.review(ret)
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
