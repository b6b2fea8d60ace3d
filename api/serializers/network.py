from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.reading import ReadSerializer, RowsSerializer
from network import permissions
from network.models import ActionItem, ActionUpdate, Meeting, MemberTrust

CONTACT_FIELDS = ("contact_email", "contact_phone", "address")
PROGRESS_RAGS = [
    (ActionItem.Rag.GREEN.value, ActionItem.Rag.GREEN.label),
    (ActionItem.Rag.AMBER.value, ActionItem.Rag.AMBER.label),
    (ActionItem.Rag.RED.value, ActionItem.Rag.RED.label),
]


class MemberTrustSerializer(ReadSerializer):
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = MemberTrust
        list_serializer_class = RowsSerializer
        fields = [
            "id",
            "name",
            "short_name",
            "ods_code",
            "icb",
            "membership_type",
            "status",
            "joined_on",
            "ended_on",
            "successors",
            "website",
            "footprint",
            *CONTACT_FIELDS,
            "web_url",
        ]
        extra_kwargs = {f: {"required": False} for f in CONTACT_FIELDS}

    def hidden_fields(self):
        if permissions.can_see_trust_contacts(self.context["request"].user):
            return ()
        return CONTACT_FIELDS  # contact details are for signed-in members


class MeetingSerializer(ReadSerializer):
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Meeting
        list_serializer_class = RowsSerializer
        fields = [
            "id",
            "title",
            "meeting_type",
            "starts_at",
            "ends_at",
            "location",
            "online_url",
            "status",
            "status_note",
            "is_public",
            "description",
            "minutes_status",
            "web_url",
        ]
        extra_kwargs = {"online_url": {"required": False}}

    def hidden_fields(self):
        if permissions.can_see_online_link(self.context["request"].user):
            return ()
        return ("online_url",)


class ActionItemSerializer(ReadSerializer):
    owner_name = serializers.CharField(source="owner.full_name", read_only=True)
    current_rag = serializers.SerializerMethodField()
    can_update = serializers.SerializerMethodField()
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = ActionItem
        list_serializer_class = RowsSerializer
        fields = [
            "id",
            "plan",
            "objective",
            "ref",
            "action",
            "owner",
            "owner_name",
            "lead_trust",
            "imroc_phase",
            "start_date",
            "due_date",
            "original_due_date",
            "status",
            "rag",
            "current_rag",
            "rag_overridden_reason",
            "completed_on",
            "evidence_url",
            "cancel_reason",
            "source_meeting",
            "version",
            "can_update",
            "web_url",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=ActionItem.Rag.choices))
    def get_current_rag(self, item) -> str:
        # Lists are annotated with `current_rag` (staleness included), shadowing
        # the method; a single item just read or written is not.
        if isinstance(item.current_rag, str):
            return item.current_rag
        return ActionItem.current_rag(item, timezone.localdate())

    def get_can_update(self, item) -> bool:
        return permissions.can_update_action(self.context["request"].user, item)


class ActionUpdateSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.full_name", read_only=True)

    class Meta:
        model = ActionUpdate
        fields = [
            "id",
            "date",
            "note",
            "status_at_time",
            "rag_at_time",
            "due_date_at_time",
            "author_name",
            "created_at",
        ]


# --- request bodies (documentation; the web forms do the validating) ---------
class ActionItemWriteSerializer(serializers.Serializer):
    objective = serializers.IntegerField()
    ref = serializers.CharField(required=False, allow_blank=True)
    action = serializers.CharField()
    owner = serializers.IntegerField()
    lead_trust = serializers.IntegerField(required=False, allow_null=True)
    imroc_phase = serializers.ChoiceField(
        choices=ActionItem.ImrocPhase.choices, required=False, allow_blank=True
    )
    start_date = serializers.DateField(required=False, allow_null=True)
    due_date = serializers.DateField()
    evidence_url = serializers.URLField(required=False, allow_blank=True)
    version = serializers.IntegerField(
        required=False, help_text="On update: the version you read (optimistic lock)."
    )


class ProgressWriteSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The item's version you read.")
    on = serializers.DateField()
    note = serializers.CharField()
    status = serializers.ChoiceField(choices=ActionItem.Status.choices)
    rag = serializers.ChoiceField(choices=PROGRESS_RAGS)
    rag_override_reason = serializers.CharField(required=False, allow_blank=True)
    due_date = serializers.DateField(required=False, allow_null=True)
    completed_on = serializers.DateField(required=False, allow_null=True)
    cancel_reason = serializers.CharField(required=False, allow_blank=True)
    evidence_url = serializers.URLField(required=False, allow_blank=True)
