"""The public training catalogue and a person's own bookings, through
training.permissions and training.services (the same booking rules and
waiting list as the web)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api.filters import filtered_or_400, form_parameters
from api.permissions import Public
from api.serializers.training import (
    BookingCreateSerializer,
    BookingSerializer,
    OpportunitySerializer,
)
from training import permissions, services
from training.filters import CatalogueFilter
from training.models import TrainingOpportunity

# The columns the list shows: the serializer's own, with the two it reads
# through a property or a join. A row's search document, staff notes and
# timestamps stay in the database (about a sixth of loading a page of rows); a
# column read but not listed costs a query a row (tests/api/test_query_counts.py).
NOT_COLUMNS = {"provider", "audiences", "sessions", "web_url"}
LIST_COLUMNS = [
    *(name for name in OpportunitySerializer.Meta.fields if name not in NOT_COLUMNS),
    "audience",
    "provider__name",
]


@extend_schema_view(
    list=extend_schema(
        parameters=form_parameters(CatalogueFilter),
        description="The public catalogue with the web page's filters.",
    )
)
class OpportunityViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [Public]
    serializer_class = OpportunitySerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if self.action == "list":
            filterset = CatalogueFilter(
                self.request.query_params,
                queryset=TrainingOpportunity.objects.public(),
            )
            return filtered_or_400(filterset).only(*LIST_COLUMNS)
        return (
            permissions.opportunities_visible_to(self.request.user)
            .select_related("provider")
            .prefetch_related("sessions")
        )


@extend_schema_view(
    create=extend_schema(
        request=BookingCreateSerializer, responses={201: BookingSerializer}
    )
)
class BookingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Your own bookings and waiting-list places. Someone else's is 404."""

    permission_classes = [IsAuthenticated]
    serializer_class = BookingSerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return (
            permissions.bookings_of(self.request.user)
            .select_related("opportunity")
            .order_by("-created_at", "-pk")
        )

    def get_object(self):
        return permissions.get_own_booking(self.request.user, self.kwargs["pk"])

    def create(self, request):
        """Book a place (or join the waiting list when it is full)."""
        pk = request.data.get("opportunity") if isinstance(request.data, dict) else None
        if not isinstance(pk, int) or isinstance(pk, bool):
            raise ValidationError({"opportunity": ["Give the opportunity's id"]})
        opportunity = permissions.get_opportunity_for(
            request.user, pk, lambda user, _opp: permissions.can_book(user)
        )
        booking = services.booking_create(opportunity=opportunity, user=request.user)
        return Response(BookingSerializer(booking).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel your booking; a waiting-list place is offered to the next person."""
        booking = self.get_object()
        booking = services.booking_cancel(booking=booking)
        return Response(BookingSerializer(booking).data)
