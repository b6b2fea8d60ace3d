"""Query-string filters. Where the web page filters a list, the API runs that
page's FilterSet (`<app>/filters.py`): a bad value is a 400, and its form's
fields are the documented parameters."""

from django import forms
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from api.webforms import form_errors

_TYPES = {
    forms.BooleanField: OpenApiTypes.BOOL,
    forms.DateField: OpenApiTypes.DATE,
    forms.IntegerField: OpenApiTypes.INT,
    forms.ModelChoiceField: OpenApiTypes.STR,
}


def form_parameters(form_class, **extra) -> list[OpenApiParameter]:
    """OpenAPI query parameters from a web filter form's fields (or a
    FilterSet's: the fields of the form it builds)."""
    params = []
    for name, field in _fields(form_class).items():
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


def _fields(form_or_filterset) -> dict:
    if hasattr(form_or_filterset, "base_filters"):
        return {n: f.field for n, f in form_or_filterset.base_filters.items()}
    return form_or_filterset.base_fields


def valid_filter_form(form):
    """The form's cleaned data; a bad filter value is a 400, not ignored."""
    if not form.is_valid():
        raise ValidationError(form_errors(form))
    return form.cleaned_data


def filtered_or_400(filterset):
    """The FilterSet's list; a bad filter value is a 400, not ignored."""
    valid_filter_form(filterset.form)
    return filterset.qs


class UserFilterBackend(DjangoFilterBackend):
    """django-filter, passing the user to FilterSets that narrow their choices
    by it (e.g. workforce.filters.PostFilter's trust list)."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class and not request.query_params.keys() & set(
            filterset_class.base_filters
        ):
            # No filter asked for: an empty form finds nothing to refuse and
            # narrows nothing, and building and checking it cost more than the
            # rest of a short list.
            return queryset
        return super().filter_queryset(request, queryset, view)

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        if getattr(view, "filterset_needs_user", False):
            kwargs["user"] = request.user
        return kwargs
