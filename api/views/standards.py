"""Standards and their versions, through standards.permissions: the public reads
published versions; signed-in members drafts and consultations too."""

from rest_framework import viewsets
from rest_framework.generics import ListAPIView, RetrieveAPIView

from api.filters import UserFilterBackend
from api.permissions import Public
from api.serializers.standards import StandardSerializer, StandardVersionSerializer
from core.converters import SEGMENT_PATTERN
from standards import permissions
from standards.filters import StandardFilter, VersionFilter
from standards.models import StandardVersion


class StandardViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [Public]
    serializer_class = StandardSerializer
    filter_backends = [UserFilterBackend]
    filterset_class = StandardFilter
    lookup_field = "code"
    lookup_value_regex = SEGMENT_PATTERN  # as the site's own standard pages

    def get_queryset(self):
        return (
            permissions.standards_visible_to(self.request.user)
            .prefetch_related("hee_domains")
            .order_by("code")
        )


class StandardVersionList(ListAPIView):
    """The versions of one standard this caller may read, newest first."""

    permission_classes = [Public]
    serializer_class = StandardVersionSerializer
    filter_backends = [UserFilterBackend]
    filterset_class = VersionFilter
    queryset = StandardVersion.objects.none()  # for the schema

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        standard = permissions.get_standard_for_view(
            self.request.user, self.kwargs["code"]
        )
        return (
            permissions.versions_visible_to(self.request.user)
            .filter(standard=standard)
            .select_related("standard")
            .order_by("-number")
        )


class StandardVersionDetail(RetrieveAPIView):
    permission_classes = [Public]
    serializer_class = StandardVersionSerializer
    queryset = StandardVersion.objects.none()  # for the schema

    def get_object(self):
        return permissions.get_version_for_view(
            self.request.user, self.kwargs["code"], self.kwargs["number"]
        )
