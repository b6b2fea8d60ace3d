from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.roles import deny_unless
from network import extensions, permissions, services
from network.filters import TrustFilter
from network.forms.trusts import TrustContactForm, TrustForm
from network.models import MeetingAttendance, MemberTrust


def _crumbs(*extra):
    return [{"label": "Member trusts", "url": reverse("network:trust-list")}, *extra]


def trust_list(request):
    filterset = TrustFilter(
        request.GET or None,
        queryset=MemberTrust.objects.prefetch_related("successors", "former_names"),
    )
    trusts = filterset.qs
    return render(
        request,
        "network/membertrust_list.html",
        {
            "filter": filterset,
            "current": [t for t in trusts if t.is_current],
            "historic": [t for t in trusts if not t.is_current],
            "can_create": permissions.can_manage_trusts(request.user),
        },
    )


def trust_detail(request, pk: int):
    trust = get_object_or_404(
        MemberTrust.objects.prefetch_related("successors", "predecessors"), pk=pk
    )
    signed_in = permissions.can_see_trust_contacts(request.user)
    context = {
        "trust": trust,
        "former_names": trust.former_names.all(),
        "show_contacts": signed_in,
        "can_edit": permissions.can_manage_trusts(request.user),
        "can_edit_contact": permissions.can_edit_trust_contact(request.user, trust),
        "breadcrumbs": _crumbs(),
        **extensions.trust_summaries(trust),
    }
    if signed_in:
        context["leads"] = trust.leads.filter(is_active=True)
        context["attendances"] = (
            MeetingAttendance.objects.filter(trust=trust, attended=True)
            .select_related("meeting", "user")
            .order_by("-meeting__starts_at")[:20]
        )
    return render(request, "network/membertrust_detail.html", context)


@login_required
def trust_create(request):
    deny_unless(permissions.can_manage_trusts(request.user))
    form = TrustForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = form.instance.updated_by = request.user
        trust = form.save()
        messages.success(request, f"{trust.name} added")
        return redirect(trust)
    return render(
        request,
        "network/membertrust_form.html",
        {"form": form, "breadcrumbs": _crumbs(), "heading": "Add a member trust"},
    )


@login_required
def trust_update(request, pk: int):
    trust = get_object_or_404(MemberTrust, pk=pk)
    deny_unless(permissions.can_manage_trusts(request.user))
    form = TrustForm(request.POST or None, instance=trust)
    if request.method == "POST" and form.is_valid():
        services.trust_save(form=form, actor=request.user)
        messages.success(request, f"{trust.name} updated")
        return redirect(trust)
    return render(
        request,
        "network/membertrust_form.html",
        {
            "form": form,
            "trust": trust,
            "breadcrumbs": _crumbs(
                {"label": trust.short_name, "url": trust.get_absolute_url()}
            ),
            "heading": f"Edit {trust.name}",
        },
    )


@login_required
def trust_contact_update(request, pk: int):
    trust = get_object_or_404(MemberTrust, pk=pk)
    deny_unless(permissions.can_edit_trust_contact(request.user, trust))
    form = TrustContactForm(request.POST or None, instance=trust)
    if request.method == "POST" and form.is_valid():
        form.instance.updated_by = request.user
        form.save()
        messages.success(request, "Contact details updated")
        return redirect(trust)
    return render(
        request,
        "network/membertrust_form.html",
        {
            "form": form,
            "trust": trust,
            "breadcrumbs": _crumbs(
                {"label": trust.short_name, "url": trust.get_absolute_url()}
            ),
            "heading": f"Contact details for {trust.short_name}",
        },
    )
