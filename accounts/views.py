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
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlencode, urlsafe_base64_decode
from django.views.decorators.http import require_POST

from accounts import permissions, services
from accounts.filters import PeopleFilter
from accounts.forms import (
    AcceptInviteForm,
    InviteForm,
    ProfileForm,
    RoleForm,
)
from accounts.status import account_status, with_email_verified
from accounts.summaries import summary
from core.confirm import confirm_page
from core.roles import require_coordinator

User = get_user_model()


@login_required
def people_list(request):
    require_coordinator(request.user)
    filterset = PeopleFilter(
        request.GET or None, queryset=permissions.users_visible_to(request.user)
    )
    people = with_email_verified(filterset.qs)
    page = Paginator(people.order_by("full_name", "email"), 50).get_page(
        request.GET.get("page")
    )
    for person in page:
        person.account_status = account_status(person)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "query": query.urlencode()}
    return render(request, "accounts/people_list.html", context)


def _person(request, pk: int):
    require_coordinator(request.user)
    return get_object_or_404(permissions.users_visible_to(request.user), pk=pk)


def _crumbs():
    return [{"label": "People", "url": reverse("accounts:people")}]


@login_required
def person_detail(request, pk: int):
    person = _person(request, pk)
    context = {"person": person, "breadcrumbs": _crumbs(), **summary(person)}
    context["account_status"] = account_status(person)
    context["is_self"] = person.pk == request.user.pk
    return render(request, "accounts/person_detail.html", context)


@login_required
def person_role(request, pk: int):
    person = _person(request, pk)
    initial = {
        "role": person.role,
        "trust": person.trust,
        "primary": person.is_primary_lead,
    }
    form = RoleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_change_role(
                person=person, **form.cleaned_data, actor=request.user, request=request
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{person.get_full_name()}'s role is updated")
            return redirect("accounts:person", pk=person.pk)
    crumbs = [*_crumbs(), {"label": person.get_full_name(), "url": _url(person)}]
    context = {"form": form, "person": person, "breadcrumbs": crumbs}
    return render(request, "accounts/person_role.html", context)


def _url(person) -> str:
    return reverse("accounts:person", args=[person.pk])


def _person_question(request, person, **question):
    return confirm_page(
        request,
        caption=person.get_full_name(),
        back_label="No, go back",
        back_url=_url(person),
        breadcrumbs=[
            *_crumbs(),
            {"label": person.get_full_name(), "url": _url(person)},
        ],
        **question,
    )


def _person_action(request, pk: int, action, done: str):
    person = _person(request, pk)
    try:
        action(person=person, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done.format(name=person.get_full_name()))
    return redirect(_url(person))


@login_required
def person_deactivate(request, pk: int):
    """Asks first (core.confirm): they are signed out everywhere at once."""
    if request.method != "POST":
        person = _person(request, pk)
        name = person.get_full_name()
        return _person_question(
            request,
            person,
            heading=f"Are you sure you want to deactivate {name}'s account?",
            explanation=(
                f"{name} is signed out everywhere and cannot sign in. Their API "
                "tokens stop working and stay stopped. Their records stay.",
                "You can reactivate the account later.",
            ),
            confirm_label="Yes, deactivate the account",
        )
    return _person_action(
        request,
        pk,
        services.person_deactivate,
        "{name} can no longer sign in. Their sessions and API tokens have ended",
    )


@login_required
@require_POST
def person_reactivate(request, pk: int):
    return _person_action(
        request, pk, services.person_reactivate, "{name} can sign in again"
    )


@login_required
@require_POST
def invitation_resend(request, pk: int):
    person = _person(request, pk)
    try:
        services.invitation_resend(person=person, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Invitation sent again to {person.email}")
    return redirect(_url(person))


@login_required
def invitation_cancel(request, pk: int):
    """Asks first (core.confirm): the invitation link stops working."""
    person = _person(request, pk)
    if request.method != "POST":
        return _person_question(
            request,
            person,
            heading=f"Are you sure you want to cancel the invitation to {person.email}?",
            explanation=(
                "The link in their invitation email stops working and the account "
                "is removed. You can invite them again later.",
            ),
            confirm_label="Yes, cancel the invitation",
        )
    try:
        services.invitation_cancel(person=person, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_url(person))
    messages.success(request, f"Invitation to {person.email} cancelled")
    return redirect("accounts:people")


@login_required
def invite(request):
    require_coordinator(request.user)
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


@login_required
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your details are saved")
        return redirect("accounts:profile")
    crumbs = [{"label": "Your account", "url": reverse("accounts:profile")}]
    return render(
        request, "accounts/profile_form.html", {"form": form, "breadcrumbs": crumbs}
    )
