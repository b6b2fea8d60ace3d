"""ImROC readiness: a trust's four-phase checklist, and the reference items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from workforce import permissions as perms
from workforce.forms import ChecklistItemForm, ChecklistStatusForm
from workforce.models import ImplementationChecklistItem, TrustChecklistStatus
from workforce.models.readiness import Phase
from workforce.services import checklist_status_set
from workforce.summaries import current_phase, phase_progress


@login_required
def readiness_home(request):
    """Trust leads go straight to their trust; coordinators pick one."""
    if perms.is_trust_lead(request.user) and not perms.is_coordinator(request.user):
        return redirect("workforce:readiness", request.user.trust_id)
    if not perms.is_coordinator(request.user):
        raise PermissionDenied
    trusts = list(perms.trusts_managed_by(request.user).current().order_by("name"))
    progress = phase_progress(trusts)
    rows = [(t, progress[t.pk], current_phase(progress[t.pk])) for t in trusts]
    items = ImplementationChecklistItem.objects.all()
    context = {"rows": rows, "phases": Phase.choices, "items": items}
    return render(request, "workforce/readiness_list.html", context)


@login_required
def readiness(request, trust_pk):
    trust = perms.get_trust_for_readiness(request.user, trust_pk)
    statuses = {s.item_id: s for s in TrustChecklistStatus.objects.filter(trust=trust)}
    progress = phase_progress([trust])[trust.pk]
    items = ImplementationChecklistItem.objects.all()
    sections = []
    for phase in progress:
        phase_items = [
            (item, statuses.get(item.pk))
            for item in items
            if item.phase == phase["phase"]
        ]
        sections.append({**phase, "items": phase_items})
    context = {
        "trust": trust,
        "sections": sections,
        "current_phase": current_phase(progress),
        "can_edit": True,
        "can_edit_items": perms.can_edit_checklist_items(request.user),
        "breadcrumbs": _crumbs(request.user),
    }
    return render(request, "workforce/readiness_detail.html", context)


def _crumbs(user) -> list[dict]:
    if perms.is_coordinator(user):
        return [
            {"label": "ImROC readiness", "url": reverse("workforce:readiness-home")}
        ]
    return [{"label": "Posts", "url": reverse("workforce:post-list")}]


@login_required
def readiness_item(request, trust_pk, item_pk):
    trust = perms.get_trust_for_readiness(request.user, trust_pk)
    item = get_object_or_404(ImplementationChecklistItem, pk=item_pk)
    current = TrustChecklistStatus.objects.filter(trust=trust, item=item).first()
    form = ChecklistStatusForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        checklist_status_set(
            trust=trust, item=item, actor=request.user, **form.cleaned_data
        )
        messages.success(request, f"{item.code} updated")
        return redirect("workforce:readiness", trust.pk)
    history = current.history.select_related("history_user")[:20] if current else []
    back = {
        "label": f"{trust.short_name} readiness",
        "url": reverse("workforce:readiness", args=[trust.pk]),
    }
    context = {
        "trust": trust,
        "item": item,
        "form": form,
        "history": history,
        "breadcrumbs": [*_crumbs(request.user), back],
    }
    return render(request, "workforce/trustcheckliststatus_form.html", context)


@login_required
def checklist_item_update(request, pk):
    if not perms.can_edit_checklist_items(request.user):
        raise PermissionDenied
    item = get_object_or_404(ImplementationChecklistItem, pk=pk)
    form = ChecklistItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{item.code} saved")
        return redirect("workforce:readiness-home")
    context = {"form": form, "item": item, "breadcrumbs": _crumbs(request.user)}
    return render(request, "workforce/implementationchecklistitem_form.html", context)
