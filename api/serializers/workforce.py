from rest_framework import serializers

from api.serializers.reading import ReadSerializer, RowsSerializer
from workforce.csvimport import COLUMNS
from workforce.forms import POST_FIELDS
from workforce.models import Post, PostStatusChange


class PostSerializer(ReadSerializer):
    trust_name = serializers.CharField(source="trust.name", read_only=True)
    allowed_next_statuses = serializers.ListField(
        child=serializers.ChoiceField(choices=Post.Status.choices), read_only=True
    )
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Post
        list_serializer_class = RowsSerializer
        fields = [
            "id",
            *POST_FIELDS,
            "trust_name",
            "status",
            "status_effective_date",
            "allowed_next_statuses",
            "created_at",
            "updated_at",
            "web_url",
        ]


class PostStatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = PostStatusChange
        fields = [
            "id",
            "from_status",
            "to_status",
            "effective_date",
            "valid_until",
            "note",
            "changed_at",
        ]


# --- request bodies (documentation; the web forms do the validating) ---------
class PostWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Post
        fields = [*POST_FIELDS, "status", "status_effective_date"]
        extra_kwargs = {
            "status": {"help_text": "Create only; change it with the status action."},
            "status_effective_date": {"help_text": "Create only."},
        }


class StatusChangeWriteSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=Post.Status.choices)
    effective_date = serializers.DateField()
    recruitment_stage = serializers.ChoiceField(
        choices=Post.Stage.choices, required=False, allow_blank=True
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class BulkRowSerializer(serializers.Serializer):
    """One row, with the columns of the CSV import template."""

    local_ref = serializers.CharField()
    trust = serializers.CharField(help_text="Trust name, short name or ODS code.")

    def get_fields(self):
        fields = super().get_fields()
        for column in COLUMNS:
            fields.setdefault(column, serializers.CharField(required=False))
        return fields


class BulkResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
