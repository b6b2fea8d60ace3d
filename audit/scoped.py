"""Choices narrowed to what the person may use (a trust lead's own trust).

Picking a real record outside that scope is answered like a typo ("select a
valid choice", a 400 from the API) so nothing is disclosed, but it is still a
refused access and is audited as one, like a 404 on a record.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from audit.context import current_request
from audit.models import AuditEvent
from audit.recorder import record


def record_out_of_scope_choice(queryset, value) -> None:
    """Audit a chosen id that exists but is outside the person's choices."""
    if value in (None, "", [], ()):
        return
    model = queryset.model
    try:
        exists = model._default_manager.filter(pk=value).exists()
    except (ValueError, TypeError, ValidationError):
        return  # not even a well-formed id: just bad input
    if exists:
        record(
            AuditEvent.Action.ACCESS_DENIED,
            request=current_request(),
            outcome=AuditEvent.Outcome.DENIED,
            object_type=model._meta.label_lower,
            object_id=str(value),
            details={"reason": "choice outside what this person may use"},
        )


class ScopedChoiceMixin:
    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            record_out_of_scope_choice(self.queryset, value)
            raise


class ScopedModelChoiceField(ScopedChoiceMixin, forms.ModelChoiceField):
    pass


class _ScopedFilterField(ScopedChoiceMixin, django_filters.fields.ModelChoiceField):
    pass


class ScopedModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _ScopedFilterField
