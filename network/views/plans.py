"""Action plans and their objectives (coordinators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from core.roles import deny_unless
from network import permissions
from network.forms.actions import ObjectiveForm, PlanForm
from network.views.actions import actions_crumbs


@login_required
def plan_list(request):
    plans = permissions.plans_visible_to(request.user)
    return render(
        request,
        "network/actionplan_list.html",
        {
            "plans": plans.select_related("approved_at"),
            "can_manage": permissions.can_manage_actions(request.user),
            "breadcrumbs": actions_crumbs(),
        },
    )


@login_required
def plan_detail(request, pk: int):
    plans = permissions.plans_visible_to(request.user).select_related("approved_at")
    plan = get_object_or_404(plans, pk=pk)
    return render(
        request,
        "network/actionplan_detail.html",
        {
            "plan": plan,
            "objectives": plan.objectives.all(),
            "can_manage": permissions.can_manage_actions(request.user),
            "breadcrumbs": actions_crumbs(),
        },
    )


@login_required
def plan_edit(request, pk: int | None = None):
    plan = (
        get_object_or_404(permissions.plans_visible_to(request.user), pk=pk)
        if pk
        else None
    )
    deny_unless(permissions.can_manage_actions(request.user))
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        form.instance.updated_by = request.user
        plan = form.save()
        messages.success(request, f"{plan.title} saved")
        return redirect(plan)
    return render(
        request,
        "network/actionplan_form.html",
        {
            "form": form,
            "plan": plan,
            "breadcrumbs": actions_crumbs(),
            "heading": f"Edit {plan.title}" if plan else "Start an action plan",
        },
    )


@login_required
def objective_add(request, pk: int):
    plan = get_object_or_404(permissions.plans_visible_to(request.user), pk=pk)
    deny_unless(permissions.can_manage_actions(request.user))
    form = ObjectiveForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Objective added")
        return redirect(plan)
    return render(
        request,
        "network/objective_form.html",
        {
            "form": form,
            "plan": plan,
            "heading": f"Add an objective to {plan.title}",
            "breadcrumbs": actions_crumbs(
                {"label": plan.title, "url": plan.get_absolute_url()}
            ),
        },
    )
