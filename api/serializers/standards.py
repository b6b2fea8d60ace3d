from rest_framework import serializers

from standards.models import Standard, StandardVersion


class StandardSerializer(serializers.ModelSerializer):
    hee_domains = serializers.SlugRelatedField(
        slug_field="number", many=True, read_only=True
    )
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Standard
        fields = [
            "code",
            "title",
            "area",
            "imroc_phase",
            "hee_domains",
            "review_period_months",
            "web_url",
        ]


class StandardVersionSerializer(serializers.ModelSerializer):
    standard = serializers.CharField(source="standard.code", read_only=True)
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = StandardVersion
        fields = [
            "standard",
            "number",
            "status",
            "body",
            "summary_of_changes",
            "consultation_opens",
            "consultation_closes",
            "approved_on",
            "review_date",
            "web_url",
        ]
