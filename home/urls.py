"""Included with core's patterns under the one `core:` namespace (config/urls.py),
so the names these pages had before they moved here still work."""

from django.urls import path

from home.views import chase, pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("dashboard/", pages.dashboard, name="dashboard"),
    path("dashboard/needs/<slug:key>/", pages.needs, name="needs"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("about/", pages.about, name="about"),
    path("about-peer-support/", pages.about_peer_support, name="about-peer-support"),
    path("privacy/", pages.privacy, name="privacy"),
    path("cookies/", pages.cookies, name="cookies"),
    path(
        "chase/meeting/<int:key>/",
        chase.chase,
        {"kind": "meeting"},
        name="chase-meeting",
    ),
    path(
        "chase/consultation/<int:key>/",
        chase.chase,
        {"kind": "consultation"},
        name="chase-consultation",
    ),
    path(
        "chase/returns/<segment:key>/",
        chase.chase,
        {"kind": "returns"},
        name="chase-returns",
    ),
]
