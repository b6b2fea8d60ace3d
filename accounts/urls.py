from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/edit/", views.profile_edit, name="profile-edit"),
    path("people/", views.people_list, name="people"),
    path("people/invite/", views.invite, name="invite"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/role/", views.person_role, name="person-role"),
    path(
        "people/<int:pk>/deactivate/",
        views.person_deactivate,
        name="person-deactivate",
    ),
    path(
        "people/<int:pk>/reactivate/",
        views.person_reactivate,
        name="person-reactivate",
    ),
    path(
        "people/<int:pk>/invitation/resend/",
        views.invitation_resend,
        name="invitation-resend",
    ),
    path(
        "people/<int:pk>/invitation/cancel/",
        views.invitation_cancel,
        name="invitation-cancel",
    ),
    path(
        "invitation/<segment:uidb64>/<segment:token>/",
        views.accept_invite,
        name="accept-invite",
    ),
]

# Data protection: download my data, close my account (accounts/dataprotection.py).
from accounts import dataprotection  # noqa: E402

urlpatterns += [
    path("my-data/", dataprotection.my_data, name="my-data"),
    path("my-data/download/", dataprotection.my_data_download, name="my-data-download"),
    path("my-data/close/", dataprotection.close_account, name="close-account"),
]
