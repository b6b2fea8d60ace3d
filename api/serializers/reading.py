"""Read serializers whose lists cost little per row.

DRF works out how to read and show each field again for every row: it inspects
each attribute's signature to decide whether to call it, copies the fields and
reverses every row's web address. A page of 50 posts spent most of its time
there. `RowsSerializer` decides once per list how each column is read, then
formats every value with the field's own `to_representation`, so a row reads
exactly as `ReadSerializer(row).data` does (tests/api/test_list_rows.py holds
the two to the same output).
"""

import functools
import operator
import types

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject, PrimaryKeyRelatedField

from core.links import absolute_url_by_pk


# A model serializer whose lists go through `RowsSerializer`. A subclass leaves
# fields out with `hidden_fields` (asked once per response), not by overriding
# `to_representation`. (A comment, not a docstring: the OpenAPI schema would
# show a docstring as the description of every serializer built on it.)
class ReadSerializer(serializers.ModelSerializer):
    def hidden_fields(self) -> tuple[str, ...]:
        """Fields this request may not see, the same for every row."""
        return ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for name in self.hidden_fields():
            data.pop(name, None)
        return data


class RowsSerializer(serializers.ListSerializer):
    """Many rows of a `ReadSerializer` child: set `list_serializer_class` to
    this in the child's Meta."""

    def to_representation(self, data):
        rows = data.all() if isinstance(data, models.manager.BaseManager) else data
        rows = list(rows)
        if not rows:
            return []
        child = self.child
        if type(child).to_representation is not ReadSerializer.to_representation:
            return [child.to_representation(row) for row in rows]  # its own rules
        columns = self._columns(rows)
        return [_row(row, columns) for row in rows]

    def _columns(self, rows) -> list:
        """Worked out once per serializer: a nested list (an opportunity's
        sessions) is the same serializer for every row of its parent."""
        if getattr(self, "_columns_read", None) is None:
            hidden = set(self.child.hidden_fields())
            self._columns_read = [
                (field.field_name, *_column(field, rows), field)
                for field in self.child._readable_fields
                if field.field_name not in hidden
            ]
        return self._columns_read


def _row(row, columns) -> dict:
    """What DRF's Serializer.to_representation makes of one row."""
    out = {}
    for name, read, represent, field in columns:
        try:
            value = read(row)
        except SkipField:
            continue
        except (AttributeError, KeyError, ObjectDoesNotExist):
            try:  # DRF decides: a default, null or leaving the field out
                out[name] = _drf_value(row, field)
            except SkipField:
                pass
            continue
        out[name] = value if value is None or represent is None else represent(value)
    return out


def _drf_value(row, field):
    """The field's value as DRF's Serializer.to_representation finds it."""
    attribute = field.get_attribute(row)
    check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
    return None if check is None else field.to_representation(attribute)


def _column(field, rows) -> tuple:
    """(read, represent), decided once per list of at least one row: `read`
    takes a row; `represent` formats a value that is not None (None: `read`
    gives the final value)."""
    attrs = field.source_attrs
    if attrs == ["get_absolute_url"] and (read := _url_reader(rows[0])):
        return read, None
    if isinstance(field, PrimaryKeyRelatedField) and len(attrs) == 1:
        if field.pk_field is None:  # the related pk straight from its column
            return operator.attrgetter(f"{attrs[0]}_id"), None
    if field.source == "*" or not attrs or not _plain(field):
        return functools.partial(_drf_value, field=field), None
    return _getter(attrs, rows), _formatter(field)


def _plain(field) -> bool:
    """Fields whose value is the attribute itself: not a method field, not a
    nested list or relation, which keep DRF's own reading."""
    return not isinstance(
        field,
        serializers.SerializerMethodField
        | serializers.BaseSerializer
        | serializers.ManyRelatedField
        | serializers.RelatedField,
    )


def _getter(attrs, rows):
    """A column or property read directly; anything else (a method, a path
    through a relation) the way DRF reads it."""
    if len(attrs) == 1 and not callable(getattr(type(rows[0]), attrs[0], None)):
        return operator.attrgetter(attrs[0])
    return functools.partial(_attribute, attrs=attrs)


def _attribute(row, attrs):
    """DRF's get_attribute for a model row, without inspecting signatures:
    a bound method is called, as DRF calls any method taking no arguments."""
    value = row
    for attr in attrs:
        value = getattr(value, attr)
        if isinstance(value, types.MethodType):
            value = value()
    return value


def _formatter(field):
    if isinstance(field, serializers.DateTimeField) and not hasattr(field, "timezone"):
        # DRF looks the current time zone up for every value; it is the same
        # for the whole response.
        field.timezone = field.default_timezone()
    return field.to_representation


def _url_reader(first):
    """Every row's web address from one `get_absolute_url` call (core.links),
    checked against the first row; None: call it for each row."""
    address = absolute_url_by_pk(type(first))
    if address is None or address(first.pk) != first.get_absolute_url():
        return None
    return lambda row: address(row.pk)
