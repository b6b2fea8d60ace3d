"""Every filtered list's one idiom: a django-filter FilterSet per list in
`<app>/filters.py`, built on `FilterSet` here, read by the view (`.qs`) and by
the API (through the same class, so a bad value is the same 400).

The filter form is drawn on every request of a list page and crispy makes that
costly, so `{% filter_form %}` (core/templatetags/filter_forms.py) keeps the
HTML in the "figures" cache, keyed by everything the HTML depends on:
`render_cached` below.
"""

import hashlib
from collections import OrderedDict
from collections.abc import Callable

import django_filters
from django import forms
from django.core.cache import caches

from core.cache_backoff import available, failed
from core.forms import NHSForm
from core.generation_cache import ALIAS as ALIAS
from core.widgets import NHSDateField

TIMEOUT = 3600  # the key changes with every input the HTML shows; this bounds memory


class FilterSet(django_filters.FilterSet):
    """A FilterSet whose form is an NHSForm, so crispy draws it the NHS.UK way.

    A bad value is reported on the form and left out of the query (django-filter's
    own rule); a list that ignores every filter while any is bad sets
    `all_or_nothing = True`."""

    all_or_nothing = False

    def get_form_class(self):
        """The filters' fields on Meta.form when that is an NHSForm (for a check
        across fields), else on NHSForm itself."""
        base = self._meta.form if issubclass(self._meta.form, NHSForm) else NHSForm
        fields = OrderedDict((name, f.field) for name, f in self.filters.items())
        return type(f"{type(self).__name__}Form", (base,), fields)

    def valid_filters(self) -> dict:
        """The values that passed validation and say something; a bad one is
        reported on the form, not applied."""
        form = self.form
        form.is_valid()
        return {
            name: value
            for name, value in form.cleaned_data.items()
            if name not in form.errors and value not in (None, "", False)
        }

    def filter_queryset(self, queryset):
        if self.all_or_nothing and not self.form.is_valid():
            return queryset
        return super().filter_queryset(queryset)


class NHSDateFilter(django_filters.DateFilter):
    """A date asked for in the NHS.UK day, month and year boxes; an ISO date
    under the filter's own name (an old link, an API client) still works."""

    field_class = NHSDateField


class CheckboxFilter(django_filters.BooleanFilter):
    """One tick box: ticked is True, unticked means no filter."""

    field_class = forms.BooleanField

    def filter(self, qs, value):
        return super().filter(qs, value or None)


def render_cached(owner, render: Callable[[], str], extra=()) -> str:
    """render(), or the HTML it gave before for the same form in the same state.

    `owner` is a FilterSet or a form. The key covers its class, each field's
    value as shown, its widget and its choices as evaluated now (so a renamed
    trust or a new category shows at once), and `extra`. A form showing errors
    is never cached; any cache error just means rendering."""
    form = getattr(owner, "form", owner)
    if (form.is_bound and form.errors) or not available():
        return render()
    key = cache_key(owner, form, extra)
    cache = caches[ALIAS]
    try:
        html = cache.get(key)
    except Exception as error:  # noqa: BLE001 - the cache is an optimisation only
        failed("filter form read", error)
        return render()
    if html is not None:
        return html
    html = render()
    try:
        cache.set(key, html, timeout=TIMEOUT)
    except Exception as error:  # noqa: BLE001
        failed("filter form write", error)
    return html


def cache_key(owner, form, extra=()) -> str:
    cls = type(owner)
    parts = [
        f"{cls.__module__}.{cls.__qualname__}",
        form.prefix,
        form.auto_id,
        form.is_bound,
    ]
    for name, field in form.fields.items():
        widget = field.widget
        parts += [
            name,
            type(field).__qualname__,
            type(widget).__qualname__,
            sorted(widget.attrs.items()),
            field.label,
            field.help_text,
            field.required,
            form[name].value(),
            _choices(field),
        ]
    parts += list(extra)
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"filterform:{digest}"


def _choices(field) -> list:
    """The field's choices as they would be drawn now."""
    if isinstance(field, forms.ModelChoiceField):
        return [str(field.empty_label), _model_choice_rows(field)]
    return _plain(getattr(field, "choices", ()))


def _model_choice_rows(field) -> list:
    """What a model choice's options are drawn from: each row's columns that its
    queryset loads (a label can only read those without a query a row), read as
    plain tuples. Making each row's object and label first cost about 10 us a
    row, on every request of a list page, for a key. A field with its own
    label_from_instance may read more, so its labels are drawn."""
    queryset = field.queryset
    class_labels = type(field).label_from_instance
    if "label_from_instance" in vars(field) or class_labels is not (
        forms.ModelChoiceField.label_from_instance
    ):
        return [
            (str(field.prepare_value(row)), str(field.label_from_instance(row)))
            for row in queryset
        ]
    names, deferred = queryset.query.deferred_loading
    if names and not deferred:  # .only(): those columns and the key
        columns = sorted(names)
    else:  # every column but those .defer()red
        columns = [
            f.attname
            for f in queryset.model._meta.concrete_fields
            if f.name not in names and f.attname not in names
        ]
    if field.to_field_name:
        columns.append(field.to_field_name)
    return list(queryset.values_list("pk", *columns))


def _plain(choices) -> list:
    """Choices as text (a model choice's value object has no stable repr); a
    group's options are lists in turn."""
    return [
        (str(value), _plain(label) if isinstance(label, list | tuple) else str(label))
        for value, label in choices
    ]
