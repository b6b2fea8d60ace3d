from allauth.account.decorators import secure_admin_login
from allauth.socialaccount.providers.openid_connect import views as oidc_views
from django.contrib import admin
from django.urls import include, path, re_path

import core.urls
import home.urls
from accounts.views import DeactivateTOTPView, PasswordChangeView

# The admin login goes through allauth: rate-limited and behind the same MFA.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "North West Peer Support Network administration"

urlpatterns = [
    # One `core:` namespace for the site's own pages, as before home/ split off:
    # the pages people read (home) and the service's machinery (core).
    path("", include((home.urls.urlpatterns + core.urls.urlpatterns, "core"))),
    path("accounts/", include("accounts.urls")),
    # Before allauth's own: a fresh sign-in before changing the password, and
    # removing the authenticator also revokes API tokens.
    path(
        "accounts/password/change/",
        PasswordChangeView.as_view(),
        name="account_change_password",
    ),
    path(
        "accounts/2fa/totp/deactivate/",
        DeactivateTOTPView.as_view(),
        name="mfa_deactivate_totp",
    ),
    # allauth's account and MFA pages; of its third-party sign-in, only the
    # NHSmail provider's two pages (both 404 until NHSMAIL_OIDC_* is set).
    path("accounts/", include("allauth.account.urls")),
    path("accounts/2fa/", include("allauth.mfa.urls")),
    re_path(
        r"^accounts/oidc/(?P<provider_id>nhsmail)/login/$",
        oidc_views.login,
        name="openid_connect_login",
    ),
    re_path(
        r"^accounts/oidc/(?P<provider_id>nhsmail)/login/callback/$",
        oidc_views.callback,
        name="openid_connect_callback",
    ),
    path("network/", include("network.urls")),
    path("workforce/", include("workforce.urls")),
    path("standards/", include("standards.urls")),
    path("training/", include("training.urls")),
    path("api/", include("api.urls")),
    path("audit/", include("audit.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "home.views.pages.bad_request"
handler404 = "home.views.pages.page_not_found"
handler500 = "home.views.pages.server_error"
