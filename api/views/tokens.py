"""The account page where people create (see once) and revoke API tokens."""

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from api import permissions, services
from api.forms import TokenCreateForm
from core.confirm import confirm_page

MAX_LIVE_TOKENS = 10
# The raw token waits in the session only until the page after the redirect
# shows it, so reloading that page neither shows it again nor makes another.
NEW_TOKEN_KEY = "api_new_token"


def _page(request, form, new_token: str = ""):
    tokens = permissions.tokens_of(request.user)
    return render(
        request,
        "api/apitoken_list.html",
        {
            "form": form,
            "tokens": tokens,
            "new_token": new_token,
            "site_url": request.build_absolute_uri("/").rstrip("/"),
            "max_age_days": settings.API_TOKEN_MAX_AGE_DAYS,
            "breadcrumbs": [{"label": "API", "url": reverse("api:docs")}],
        },
    )


@login_required
# Creating a long-lived credential asks "confirm it is you" first, like the
# other sensitive account changes; looking at the list does not.
@reauthentication_required(allow_get=True)
def token_list(request):
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        live = permissions.tokens_of(request.user).live()
        if live.count() >= MAX_LIVE_TOKENS:
            form.add_error(
                "name",
                f"You have {MAX_LIVE_TOKENS} tokens: revoke one before adding another",
            )
        else:
            token, raw = services.token_create(
                user=request.user, name=form.cleaned_data["name"], request=request
            )
            request.session[NEW_TOKEN_KEY] = raw
            messages.success(request, f"Token “{token.name}” created")
            return redirect("api:token-list")
    response = _page(request, form, new_token=request.session.pop(NEW_TOKEN_KEY, ""))
    response["Cache-Control"] = "no-store"
    return response


@login_required
def token_revoke(request, pk: int):
    """Asks first (core.confirm): whatever uses the token stops working."""
    token = permissions.get_own_token(request.user, pk)
    if request.method != "POST":
        tokens_url = reverse("api:token-list")
        return confirm_page(
            request,
            heading=f"Are you sure you want to revoke “{token.name}”?",
            explanation=(
                "The token stops working straight away. Any script or tool "
                "using it will be refused until you give it a new token.",
            ),
            confirm_label="Yes, revoke the token",
            back_label="No, keep it",
            back_url=tokens_url,
            breadcrumbs=[
                {"label": "API", "url": reverse("api:docs")},
                {"label": "API tokens", "url": tokens_url},
            ],
        )
    services.token_revoke(token=token, reason="revoked by its owner", request=request)
    messages.success(request, f"Token “{token.name}” revoked: it no longer works")
    return redirect("api:token-list")
