from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from api.exceptions import not_found
from api.views import (
    docs,
    feeds,
    network,
    opendata,
    standards,
    tokens,
    training,
    workforce,
)

app_name = "api"

router = DefaultRouter()
router.include_root_view = False
router.register("trusts", network.MemberTrustViewSet, basename="trust")
router.register("meetings", network.MeetingViewSet, basename="meeting")
router.register("actions", network.ActionItemViewSet, basename="action")
router.register("posts", workforce.PostViewSet, basename="post")
router.register("standards", standards.StandardViewSet, basename="standard")
router.register(
    "training/opportunities", training.OpportunityViewSet, basename="opportunity"
)
router.register("training/bookings", training.BookingViewSet, basename="booking")

v1 = [
    path(
        "standards/<segment:code>/versions/",
        standards.StandardVersionList.as_view(),
        name="standard-version-list",
    ),
    path(
        "standards/<segment:code>/versions/<int:number>/",
        standards.StandardVersionDetail.as_view(),
        name="standard-version-detail",
    ),
    path("feeds/training.ics", feeds.training_feed, name="feed-training"),
    path(
        "feeds/network-events.ics",
        feeds.network_events_feed,
        name="feed-network-events",
    ),
    path(
        "open-data/workforce/",
        opendata.OpenWorkforceFigures.as_view(),
        name="open-workforce",
    ),
    path(
        "open-data/workforce.csv",
        opendata.open_workforce_csv,
        name="open-workforce-csv",
    ),
    path("", include(router.urls)),
    # Anything else under /api/v1/ answers in the API's error format, not HTML
    # ([\s\S], not ".": an encoded newline in the path must not escape to HTML).
    re_path(r"^[\s\S]*$", not_found, name="not-found"),
]

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="api:docs"), name="index"),
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.api_docs, name="docs"),
    path("tokens/", tokens.token_list, name="token-list"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="token-revoke"),
]
