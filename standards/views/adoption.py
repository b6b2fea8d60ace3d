"""Which member trusts have adopted which standards."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from network.models import MemberTrust
from standards import permissions
from standards.forms import AdoptionForm
from standards.models import (
    ConsultationResponse,
    Standard,
    StandardAdoption,
    StandardVersion,
)
from standards.views.common import crumbs


def _adoptable_standards():
    """Adoption is recorded for standards with a version in force."""
    current = StandardVersion.objects.current().values("standard_id")
    return Standard.objects.filter(pk__in=current)


def consultation_rates(trusts) -> list[dict]:
    """How many of the network's consultations each trust has responded to."""
    consulted = StandardVersion.objects.filter(
        consultation_opens__lte=timezone.localdate()
    ).values_list("pk", flat=True)
    total = len(consulted)
    answered = Counter(
        ConsultationResponse.objects.filter(
            version__in=consulted, trust__isnull=False
        ).values_list("trust_id", flat=True)
    )
    return [
        {
            "trust": t,
            "responded": answered[t.pk],
            "total": total,
            "percent": round(100 * answered[t.pk] / total) if total else 0,
        }
        for t in trusts
    ]


@login_required
def adoption_matrix(request):
    if not permissions.can_view_adoption(request.user):
        raise PermissionDenied
    standards = list(_adoptable_standards())
    trusts = list(MemberTrust.objects.current())
    recorded = {
        (a.standard_id, a.trust_id): a
        for a in permissions.adoptions_visible_to(request.user)
    }
    editable = set(
        permissions.trusts_adoption_editable_by(request.user).values_list(
            "pk", flat=True
        )
    )
    rows = [
        {
            "standard": s,
            "cells": [
                {
                    "trust": t,
                    "adoption": recorded.get((s.pk, t.pk)),
                    "can_edit": t.pk in editable,
                }
                for t in trusts
            ],
        }
        for s in standards
    ]
    return render(
        request,
        "standards/standardadoption_matrix.html",
        {
            "rows": rows,
            "trusts": trusts,
            "rates": consultation_rates(trusts),
            "breadcrumbs": crumbs(),
        },
    )


@login_required
def adoption_edit(request, code, trust_pk):
    standard = get_object_or_404(_adoptable_standards(), code=code)
    trust = get_object_or_404(MemberTrust.objects.current(), pk=trust_pk)
    if not permissions.can_edit_adoption(request.user, trust):
        raise PermissionDenied
    adoption = StandardAdoption.objects.filter(standard=standard, trust=trust).first()
    adoption = adoption or StandardAdoption(
        standard=standard, trust=trust, created_by=request.user
    )
    form = AdoptionForm(request.POST or None, instance=adoption)
    if request.method == "POST" and form.is_valid():
        adoption = form.save(commit=False)
        adoption.updated_by = request.user
        adoption.save()
        messages.success(
            request, f"Adoption of {standard.code} by {trust.short_name} saved"
        )
        return redirect("standards:adoption-matrix")
    return render(
        request,
        "standards/standardadoption_form.html",
        {
            "form": form,
            "standard": standard,
            "trust": trust,
            "breadcrumbs": crumbs()
            + [
                {
                    "label": "Adoption by trust",
                    "url": reverse("standards:adoption-matrix"),
                }
            ],
        },
    )
