from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("people/", views.people_list, name="people"),
    path("people/invite/", views.invite, name="invite"),
    path("invitation/<uidb64>/<token>/", views.accept_invite, name="accept-invite"),
]

# Data protection: download my data, close my account (accounts/dataprotection.py).
from accounts import dataprotection  # noqa: E402

urlpatterns += [
    path("my-data/", dataprotection.my_data, name="my-data"),
    path("my-data/download/", dataprotection.my_data_download, name="my-data-download"),
    path("my-data/close/", dataprotection.close_account, name="close-account"),
]
