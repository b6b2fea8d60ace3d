"""One action item: its page and history, creating and editing it, progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from core.forms import add_errors
from core.roles import deny_unless
from network import permissions, services
from network.forms.actions import ActionItemForm, ProgressForm
from network.models.actions import stale_cutoff
from network.views.actions import actions_crumbs


def _item_crumbs(item):
    return actions_crumbs({"label": item.ref, "url": item.get_absolute_url()})


@login_required
def action_detail(request, pk: int):
    item = permissions.get_action_for_view(request.user, pk)
    can_update = permissions.can_update_action(request.user, item)
    today = timezone.localdate()
    cutoff = stale_cutoff(today)
    return render(
        request,
        "network/actionitem_detail.html",
        {
            "item": item,
            "updates": item.updates.select_related("author"),
            "current_rag": item.current_rag(today, cutoff),
            "rag_reason": item.rag_reason(today, cutoff),
            "overdue": item.is_overdue(),
            "can_update": can_update,
            "can_edit": permissions.can_manage_actions(request.user),
            "progress_form": ProgressForm(item=item) if can_update else None,
            "breadcrumbs": actions_crumbs(),
        },
    )


@login_required
def action_progress(request, pk: int):
    item = permissions.get_action_for_update(request.user, pk)
    form = ProgressForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.action_progress_post(
                item=item,
                expected_version=data.pop("version"),
                actor=request.user,
                **data,
            )
        except ValidationError as exc:
            add_errors(form, exc)
            item.refresh_from_db()
        else:
            messages.success(request, f"Progress on {item.ref} saved")
            return redirect(item)
    return render(
        request,
        "network/actionitem_progress.html",
        {
            "form": form,
            "item": item,
            "breadcrumbs": _item_crumbs(item),
            "heading": f"Post progress on action {item.ref}",
        },
    )


def _create(request, *, initial=None, meeting=None, agenda_item=None, crumbs=None):
    form = ActionItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            item = services.action_create(
                **data,
                source_meeting=meeting,
                source_agenda_item=agenda_item,
                actor=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Action {item.ref} added to the plan")
            return redirect(item)
    return render(
        request,
        "network/actionitem_form.html",
        {
            "form": form,
            "meeting": meeting,
            "agenda_item": agenda_item,
            "breadcrumbs": crumbs or actions_crumbs(),
            "heading": "Turn a decision into an action" if meeting else "Add an action",
        },
    )


@login_required
def action_create(request):
    deny_unless(permissions.can_manage_actions(request.user))
    return _create(request)


@login_required
def action_from_meeting(request, pk: int, item_pk: int | None = None):
    """Turn a minuted decision into an action in one step, linked to the meeting."""
    meeting = permissions.get_meeting_for_change(request.user, pk)
    deny_unless(permissions.can_manage_actions(request.user))
    agenda_item = (
        get_object_or_404(meeting.agenda_items, pk=item_pk) if item_pk else None
    )
    decision = (agenda_item.minutes or agenda_item.title) if agenda_item else ""
    crumbs = [
        {"label": "Meetings", "url": reverse("network:meeting-list")},
        {"label": meeting.title, "url": meeting.get_absolute_url()},
    ]
    return _create(
        request,
        initial={"action": decision},
        meeting=meeting,
        agenda_item=agenda_item,
        crumbs=crumbs,
    )


@login_required
def action_edit(request, pk: int):
    item = permissions.get_action_for_view(request.user, pk)
    deny_unless(permissions.can_manage_actions(request.user))
    # Before binding: an invalid form leaves its bad values on the instance.
    crumbs, heading = _item_crumbs(item), f"Edit action {item.ref}"
    form = ActionItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_edit(
                item=form.instance,
                expected_version=form.cleaned_data["version"] or 0,
                actor=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Action {item.ref} saved")
            return redirect(item)
    return render(
        request,
        "network/actionitem_form.html",
        {
            "form": form,
            "item": item,
            "breadcrumbs": crumbs,
            "heading": heading,
        },
    )
