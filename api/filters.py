"""Query-string filters. Where the web page filters with a form, the API runs
that same form (400 on a bad value) and documents its fields as parameters."""

import django_filters
from django import forms
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from api.webforms import form_errors
from standards.models import Standard, StandardVersion

_TYPES = {
    forms.BooleanField: OpenApiTypes.BOOL,
    forms.DateField: OpenApiTypes.DATE,
    forms.IntegerField: OpenApiTypes.INT,
    forms.ModelChoiceField: OpenApiTypes.STR,
}


def form_parameters(form_class, **extra) -> list[OpenApiParameter]:
    """OpenAPI query parameters from a web filter form's fields."""
    params = []
    for name, field in form_class.base_fields.items():
        enum = None
        if isinstance(field, forms.ChoiceField) and not isinstance(
            field, forms.ModelChoiceField
        ):
            enum = [str(value) for value, _ in field.choices if value != ""]
        kind = next(
            (t for cls, t in _TYPES.items() if isinstance(field, cls)), OpenApiTypes.STR
        )
        params.append(
            OpenApiParameter(
                name,
                kind,
                OpenApiParameter.QUERY,
                required=False,
                enum=enum or None,
                description=str(field.label or name.replace("_", " ").capitalize()),
            )
        )
    return params


def valid_filter_form(form):
    """The form's cleaned data; a bad filter value is a 400, not ignored."""
    if not form.is_valid():
        raise ValidationError(form_errors(form))
    return form.cleaned_data


class UserFilterBackend(DjangoFilterBackend):
    """django-filter, passing the user to FilterSets that narrow their choices
    by it (e.g. workforce.filters.PostFilter's trust list)."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        if getattr(view, "filterset_needs_user", False):
            kwargs["user"] = request.user
        return kwargs


class StandardFilter(django_filters.FilterSet):
    area = django_filters.ChoiceFilter(choices=Standard.Area.choices)
    imroc_phase = django_filters.ChoiceFilter(choices=Standard.ImrocPhase.choices)

    class Meta:
        model = Standard
        fields: list = []


class VersionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=StandardVersion.Status.choices)

    class Meta:
        model = StandardVersion
        fields: list = []
