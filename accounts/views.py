from allauth.account.internal.flows.reauthentication import (
    is_reauthentication_required,
)
from allauth.account.views import PasswordChangeView as BasePasswordChangeView
from allauth.core.exceptions import ReauthenticationRequired
from allauth.mfa.totp import views as totp_views
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlencode, urlsafe_base64_decode

from accounts import permissions, services
from accounts.forms import AcceptInviteForm, InviteForm

User = get_user_model()


@login_required
def people_list(request):
    permissions.require_coordinator(request.user)
    people = permissions.users_visible_to(request.user).order_by("role", "full_name")
    return render(request, "accounts/people_list.html", {"people": people})


@login_required
def invite(request):
    permissions.require_coordinator(request.user)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_invite(**form.cleaned_data, actor=request.user)
        messages.success(request, f"Invitation sent to {user.email}")
        return redirect("accounts:people")
    return render(request, "accounts/invite_form.html", {"form": form})


def accept_invite(request, uidb64: str, token: str):
    user = _invited_user(uidb64, token)
    form = AcceptInviteForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invite_accept(user=user, password=form.cleaned_data["password1"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your account is ready")
        return redirect("core:dashboard")
    return render(
        request, "accounts/accept_invite.html", {"form": form, "invitee": user}
    )


def _invited_user(uidb64: str, token: str):
    try:
        user = User.objects.get(
            pk=force_str(urlsafe_base64_decode(uidb64)), is_active=True
        )
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("This invitation link is not valid") from None
    if user.has_usable_password() or not default_token_generator.check_token(
        user, token
    ):
        raise Http404("This invitation link has been used or has expired")
    return user


@login_required
def profile(request):
    return render(request, "accounts/profile.html", {"profile_user": request.user})


class DeactivateTOTPView(totp_views.DeactivateTOTPView):
    """allauth's "remove authenticator app", which also ends the person's API
    tokens (a token must not outlive the second factor it was created with)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.authenticator_removed(user=self.request.user, request=self.request)
        return response


class PasswordChangeView(BasePasswordChangeView):
    """allauth's "change password", behind a fresh sign-in like email and MFA
    changes. Asked before the form is shown; a POST without one is sent to
    "confirm it is you" without keeping the passwords it carried."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and is_reauthentication_required(
            request, app="allauth.account"
        ):
            if request.method == "GET":
                raise ReauthenticationRequired()
            here = reverse("account_change_password")
            return redirect(
                reverse("account_reauthenticate") + "?" + urlencode({"next": here})
            )
        return super().dispatch(request, *args, **kwargs)
