from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.reading import ReadSerializer, RowsSerializer
from training.models import TrainingBooking, TrainingOpportunity, TrainingSession


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^\d{2}:\d{2}:\d{2}$",
        "example": "09:30:00",
        "description": "UK local time of day, without an offset.",
    }
)
class LocalTimeField(serializers.TimeField):
    """A wall-clock time. OpenAPI's `format: time` means an RFC 3339 time
    with an offset ("09:30:00Z"), which these are not, so the schema says
    what is really sent."""


class SessionSerializer(ReadSerializer):
    start_time = LocalTimeField(read_only=True)
    end_time = LocalTimeField(read_only=True)

    class Meta:
        model = TrainingSession
        list_serializer_class = RowsSerializer
        fields = ["date", "start_time", "end_time", "note"]


class OpportunitySerializer(ReadSerializer):
    provider = serializers.CharField(source="provider.name", read_only=True)
    audiences = serializers.ListField(
        child=serializers.ChoiceField(choices=TrainingOpportunity.Audience.choices),
        read_only=True,
    )
    sessions = SessionSerializer(many=True, read_only=True)
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = TrainingOpportunity
        list_serializer_class = RowsSerializer
        fields = [
            "id",
            "title",
            "provider",
            "category",
            "audiences",
            "description",
            "delivery_mode",
            "location",
            "town",
            "icb",
            "start_date",
            "end_date",
            "duration_hours",
            "cost_type",
            "cost_gbp",
            "funding_note",
            "eligibility",
            "accreditation",
            "book_here",
            "booking_url",
            "places_total",
            "places_remaining",
            "booking_opens",
            "booking_deadline",
            "status",
            "sessions",
            "web_url",
        ]


class BookingSerializer(serializers.ModelSerializer):
    opportunity_title = serializers.CharField(
        source="opportunity.title", read_only=True
    )

    class Meta:
        model = TrainingBooking
        fields = [
            "id",
            "opportunity",
            "opportunity_title",
            "status",
            "created_at",
            "waitlisted_at",
            "offer_expires_at",
            "cancelled_at",
            "completed_on",
        ]


class BookingCreateSerializer(serializers.Serializer):
    opportunity = serializers.IntegerField()
