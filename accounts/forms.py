from django import forms
from django.contrib.auth import get_user_model

from core.forms import NHSForm, NHSModelForm
from network.models import MemberTrust

User = get_user_model()


class SignupDetailsForm(NHSForm):
    """Extra fields on allauth's sign-up form. Never ask about health."""

    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    employer_trust = forms.ModelChoiceField(
        label="Employer (optional)",
        queryset=MemberTrust.objects.current(),
        required=False,
        empty_label="Not employed by a member trust",
        help_text="Training from your trust is shown first in the training catalogue.",
    )

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"]
        user.employer_trust = self.cleaned_data.get("employer_trust")
        user.save(update_fields=["full_name", "employer_trust"])


class InviteForm(NHSModelForm):
    """A coordinator invites a coordinator or a trust lead by email."""

    crispy_csrf = True  # as before: crispy writes a token beside the template's

    role = forms.ChoiceField(
        choices=[
            (User.Role.TRUST_LEAD, "Trust lead"),
            (User.Role.COORDINATOR, "Network coordinator"),
        ],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = User
        fields = ["full_name", "email", "role", "trust"]
        labels = {"trust": "Trust (for trust leads)"}
        help_texts = {"trust": "A trust lead looks after exactly one member trust."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trust"].queryset = MemberTrust.objects.current()

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "Someone with this email address already has an account"
            )
        return email

    def clean(self):
        data = super().clean()
        if data.get("role") == User.Role.TRUST_LEAD and not data.get("trust"):
            self.add_error("trust", "Select the trust this trust lead looks after")
        if data.get("role") == User.Role.COORDINATOR:
            data["trust"] = None
        return data


class AcceptInviteForm(NHSForm):
    password1 = forms.CharField(
        label="Create a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters. Avoid common words.",
    )
    password2 = forms.CharField(
        label="Confirm password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        from django.contrib.auth.password_validation import validate_password

        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The passwords do not match")
        elif p1:
            try:
                validate_password(p1, self.user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class RoleForm(NHSForm):
    """A coordinator changes someone's role, trust and primary-lead flag at once."""

    crispy_csrf = True  # as before: crispy writes a token beside the template's

    role = forms.ChoiceField(
        label="Role", choices=User.Role.choices, widget=forms.RadioSelect
    )
    trust = forms.ModelChoiceField(
        label="Trust (for trust leads)",
        required=False,
        queryset=MemberTrust.objects.current(),
        empty_label="Select a trust",
    )
    primary = forms.BooleanField(
        label="Primary lead for this trust",
        required=False,
        help_text="Reminders go to the primary lead. Other leads are deputies and "
        "get copies if they ask for them.",
    )

    def clean(self):
        data = super().clean()
        if data.get("role") == User.Role.TRUST_LEAD and not data.get("trust"):
            self.add_error("trust", "Select the trust this trust lead looks after")
        return data


class ProfileForm(NHSModelForm):
    """What a person may change about themselves (email and password go through
    allauth, which asks them to confirm it is them)."""

    crispy_csrf = True  # as before: crispy writes a token beside the template's

    class Meta:
        model = User
        fields = [
            "full_name",
            "job_title",
            "employer_trust",
            "copy_lead_on_bookings",
            "copy_lead_reminders",
        ]
        labels = {
            "full_name": "Full name",
            "job_title": "Job title (optional)",
            "employer_trust": "Employer (optional)",
            "copy_lead_on_bookings": "Copy my trust lead into emails about my "
            "training bookings",
            "copy_lead_reminders": "Send me copies of the reminders the primary "
            "lead gets for my trust",
        }
        help_texts = {
            "employer_trust": "Training from your trust is shown first in the "
            "training catalogue.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["job_title"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["employer_trust"].queryset = MemberTrust.objects.current()
        self.fields["employer_trust"].empty_label = "Not employed by a member trust"
        user = self.instance
        if not user.is_peer_worker:
            del self.fields["copy_lead_on_bookings"]
        if not user.is_deputy_lead:
            del self.fields["copy_lead_reminders"]

    def clean_full_name(self):
        name = self.cleaned_data["full_name"].strip()
        if not name:
            raise forms.ValidationError("Enter your full name")
        return name
