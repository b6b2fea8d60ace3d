"""The standards' list filters (the API's standards and versions)."""

import django_filters

from core.filters import FilterSet
from standards.models import Standard, StandardVersion


class StandardFilter(FilterSet):
    area = django_filters.ChoiceFilter(choices=Standard.Area.choices)
    imroc_phase = django_filters.ChoiceFilter(choices=Standard.ImrocPhase.choices)

    class Meta:
        model = Standard
        fields: list = []


class VersionFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=StandardVersion.Status.choices)

    class Meta:
        model = StandardVersion
        fields: list = []
