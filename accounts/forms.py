from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model

from network.models import MemberTrust

User = get_user_model()


class SignupDetailsForm(forms.Form):
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
        help_text="Only used to show training and news from your trust.",
    )

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"]
        user.employer_trust = self.cleaned_data.get("employer_trust")
        user.save(update_fields=["full_name", "employer_trust"])


class InviteForm(forms.ModelForm):
    """A coordinator invites a coordinator or a trust lead by email."""

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
        self.helper = FormHelper()
        self.helper.form_tag = False

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


class AcceptInviteForm(forms.Form):
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
