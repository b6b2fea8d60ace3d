from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.forms import NHSForm, NHSModelForm
from core.widgets import NHSDateField
from network.models import ActionItem, ActionPlan, MemberTrust, Objective


class ActionItemForm(NHSModelForm):
    """Coordinators: create an item (also from a meeting decision) or edit one."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ActionItem
        fields = [
            "objective",
            "ref",
            "action",
            "owner",
            "lead_trust",
            "imroc_phase",
            "start_date",
            "due_date",
            "evidence_url",
        ]
        field_classes = {"start_date": NHSDateField, "due_date": NHSDateField}
        widgets = {"action": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"ref": "Leave blank to number it after the objective's last."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ref"].required = False
        objectives = Objective.objects.select_related("plan").exclude(
            plan__status=ActionPlan.Status.CLOSED
        )
        self.fields["objective"].queryset = objectives
        self.fields["objective"].label_from_instance = lambda o: (
            f"{o.plan.title}: {o.ref}. {o.title}"
        )
        self.fields["owner"].queryset = get_user_model().objects.filter(is_active=True)
        self.fields["lead_trust"].queryset = MemberTrust.objects.current()
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        objective, ref = cleaned.get("objective"), cleaned.get("ref")
        if objective and ref:
            clash = ActionItem.objects.filter(plan_id=objective.plan_id, ref=ref)
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error("ref", f"{ref} is already used in this plan")
        return cleaned

    def _post_clean(self):
        # The plan follows the objective; set it so model validation sees it.
        objective = self.cleaned_data.get("objective")
        if objective:
            self.instance.plan_id = objective.plan_id
        if not self.instance.original_due_date:
            self.instance.original_due_date = self.cleaned_data.get("due_date")
        super()._post_clean()


class ProgressForm(NHSForm):
    """An owner, trust lead or coordinator posts progress: it moves status and RAG."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    on = NHSDateField(label="Date of update")
    note = forms.CharField(
        label="Progress note", widget=forms.Textarea(attrs={"rows": 4})
    )
    status = forms.ChoiceField(choices=ActionItem.Status.choices)
    rag = forms.ChoiceField(
        label="RAG status",
        choices=[
            (ActionItem.Rag.GREEN, "Green: on track"),
            (ActionItem.Rag.AMBER, "Amber: at risk, mitigation in place"),
            (ActionItem.Rag.RED, "Red: off track, needs escalation"),
        ],
        widget=forms.RadioSelect,
        help_text="Completed actions become blue, deferred or cancelled n/a.",
    )
    rag_override_reason = forms.CharField(
        label="Reason for overriding red (overdue actions only)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    due_date = NHSDateField(label="New due date (required to defer)", required=False)
    completed_on = NHSDateField(label="Completed on", required=False)
    cancel_reason = forms.CharField(
        label="Reason for cancelling",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence_url = forms.URLField(label="Link to evidence", required=False)

    def __init__(self, *args, item: ActionItem, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        allowed = {item.status, *item.TRANSITIONS[item.status]}
        self.fields["status"].choices = [
            (value, label)
            for value, label in ActionItem.Status.choices
            if value in allowed
        ]
        if not item.is_overdue(today):  # only an overdue (red) item can be overridden
            del self.fields["rag_override_reason"]
        suggested = item.suggested_rag(today)
        self.initial.setdefault("version", item.version)
        self.initial.setdefault("on", today)
        self.initial.setdefault("status", item.status)
        if suggested in (
            ActionItem.Rag.GREEN,
            ActionItem.Rag.AMBER,
            ActionItem.Rag.RED,
        ):
            self.initial.setdefault("rag", suggested)


class PlanForm(NHSModelForm):
    class Meta:
        model = ActionPlan
        fields = [
            "title",
            "period_start",
            "period_end",
            "status",
            "approved_at",
            "description",
        ]
        field_classes = {"period_start": NHSDateField, "period_end": NHSDateField}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == ActionPlan.Status.ACTIVE:
            other = ActionPlan.objects.filter(status=ActionPlan.Status.ACTIVE)
            if other.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "status",
                    "Another plan is active: close it before making this active",
                )
        return cleaned


class ObjectiveForm(NHSModelForm):
    class Meta:
        model = Objective
        fields = ["ref", "title", "strand"]

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan

    def clean_ref(self):
        ref = self.cleaned_data["ref"].strip()
        if self.instance.plan.objectives.filter(ref=ref).exists():
            raise forms.ValidationError(f"Objective {ref} already exists in this plan")
        return ref
