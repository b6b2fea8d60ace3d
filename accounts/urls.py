from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("people/", views.people_list, name="people"),
    path("people/invite/", views.invite, name="invite"),
    path("invitation/<uidb64>/<token>/", views.accept_invite, name="accept-invite"),
]
