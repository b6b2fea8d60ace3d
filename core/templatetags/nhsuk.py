"""NHS.UK design system helpers for forms: `{% load nhsuk %}`.

`{% nhsuk_error_summary form %}`
    The NHS.UK error summary ("There is a problem") for a form or formset:
    a link to the input for each field error, plain text for non-field errors.
    Renders nothing when there are no errors. Put it at the top of the page,
    above the `<h1>`. Each form gets one summary: once rendered, the crispy
    "nhsuk" pack, `{{ form }}` and allauth's form element skip theirs, so
    the summary never appears twice. Options: `title="…"`, `description="…"`,
    `force=True` (render even if already shown).

`{% nhsuk_field field … as f %}`
    Everything `templates/nhsuk/field.html` needs to draw one field (the kind
    of control, ids, hint, errors and the widget rendered with NHS.UK
    classes and `aria-describedby`). Used by the templates; rarely needed in
    pages.

`{{ form|nhsuk_error_items }}`
    The summary's items as dicts (`text`, `href`) for a custom layout.

`{{ input|nhsuk_button_classes }}`
    NHS.UK button classes for a crispy Submit/Button/Reset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dc_field

from django import forms, template
from django.forms.formsets import BaseFormSet
from django.forms.utils import flatatt
from django.forms.widgets import Input
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core import dates
from core.errormessages import field_errors
from core.widgets import NHSDateInput

register = template.Library()

ERROR_SUMMARY_TEMPLATE = "nhsuk/error_summary.html"
SHOWN_FLAG = "nhsuk_error_summary_shown"
DATE_HINT = "For example, 27/03/2026"
DATE_INPUT_HINT = "For example, 27 3 2026"

# Default widths (https://service-manual.nhs.uk/design-system/components/text-input)
WIDTH_BY_TYPE = {
    "number": "nhsuk-input--width-10",
    "tel": "nhsuk-input--width-20",
    "date": "nhsuk-input--width-10",
    "time": "nhsuk-input--width-10",  # room for the browser's time picker
    "email": "nhsuk-u-width-two-thirds",
}
NO_SPELLCHECK_TYPES = {"email", "url", "password"}


# --- Error summary ----------------------------------------------------------


def error_target_id(bound_field) -> str:
    """The id of the input an error summary link should move focus to."""
    widget = bound_field.field.widget
    id_ = widget.attrs.get("id") or bound_field.auto_id
    if not id_:
        return ""
    if hasattr(widget, "error_target_id"):
        return widget.error_target_id(id_, bound_field.value())
    if isinstance(widget, forms.RadioSelect):  # also CheckboxSelectMultiple
        return widget.id_for_label(id_, "0")
    if isinstance(widget, forms.MultiWidget):
        return f"{id_}_0"
    return id_


def _form_error_items(form) -> list[dict]:
    items = [{"text": str(error), "href": ""} for error in form.non_field_errors()]
    errors = form.errors
    names = [name for name in form.fields if name in errors]
    names += [n for n in errors if n not in form.fields and n != "__all__"]
    for name in names:
        href = ""
        texts = [str(error) for error in errors[name]]
        if name in form.fields:
            bound_field = form[name]
            texts = field_errors(bound_field)
            if not bound_field.is_hidden:
                target = error_target_id(bound_field)
                href = f"#{target}" if target else ""
        items.extend({"text": text, "href": href} for text in texts)
    return items


@register.filter
def clock(when) -> str:
    """'5pm', '9:30am': times in the NHS.UK style."""
    return dates.clock(when) if when else ""


@register.filter
def nhsuk_error_items(form) -> list[dict]:
    """Error summary items for a form or formset, in the order of the page."""
    if not form:
        return []
    if isinstance(form, BaseFormSet):
        items = [{"text": str(e), "href": ""} for e in form.non_form_errors()]
        for member in form.forms:
            items.extend(_form_error_items(member))
        return items
    if not hasattr(form, "errors"):
        return []
    return _form_error_items(form)


@register.simple_tag
def nhsuk_error_summary(
    form, title="There is a problem", description="", force=False
) -> SafeString:
    """The NHS.UK error summary for `form` (a form or a formset)."""
    if not form or (getattr(form, SHOWN_FLAG, False) and not force):
        return mark_safe("")
    items = nhsuk_error_items(form)
    if not items:
        return mark_safe("")
    try:
        setattr(form, SHOWN_FLAG, True)
    except AttributeError:  # pragma: no cover - an object with __slots__
        pass
    return render_to_string(
        ERROR_SUMMARY_TEMPLATE,
        {"errors": items, "title": title, "description": description},
    )


# --- Fields -----------------------------------------------------------------


def _merge_classes(*groups: str | list[str]) -> str:
    seen: list[str] = []
    for group in groups:
        for name in group.split() if isinstance(group, str) else group:
            if name and name not in seen:
                seen.append(name)
    return " ".join(seen)


def _kind(widget) -> str:
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, NHSDateInput):
        return "date-input"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    if isinstance(widget, forms.MultiWidget):
        return "multi"
    if isinstance(widget, forms.DateInput):
        return "date"
    if isinstance(widget, Input):
        return "input"
    return "other"


@dataclass
class NHSField:
    """What `nhsuk/field.html` draws for one bound field."""

    field: forms.BoundField
    kind: str
    id: str
    label: str
    label_classes: str
    legend_classes: str
    hint: str
    hint_id: str
    errors: list[str]
    error_id: str
    describedby: str
    group_classes: str
    fieldset: bool
    widget: SafeString = mark_safe("")
    options: list[SafeString] = dc_field(default_factory=list)
    choice_classes: str = ""
    prefix: str = ""
    suffix: str = ""

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)


def _input_attrs(kind, widget, has_errors, strip_placeholder) -> dict:
    """Extra attributes for the widget of a single-control field."""
    current = widget.attrs.get("class", "")
    input_type = widget.attrs.get("type") or getattr(widget, "input_type", "")
    attrs: dict = {}
    classes: list[str] = []
    if kind in ("input", "date", "password", "multi"):
        classes.append("nhsuk-input")
        has_width = any(
            c.startswith(("nhsuk-input--width-", "nhsuk-u-width-"))
            for c in current.split()
        )
        one_time_code = widget.attrs.get("autocomplete") == "one-time-code"
        if one_time_code:
            attrs.setdefault("inputmode", "numeric")
            attrs["spellcheck"] = "false"
            if not has_width:
                classes.append("nhsuk-input--width-10")
        elif not has_width and kind == "date":
            classes.append(WIDTH_BY_TYPE["date"])
        elif not has_width and input_type in WIDTH_BY_TYPE:
            classes.append(WIDTH_BY_TYPE[input_type])
        if input_type in NO_SPELLCHECK_TYPES:
            attrs["spellcheck"] = "false"
        if kind == "password":
            attrs["autocapitalize"] = "none"
        if has_errors:
            classes.append("nhsuk-input--error")
    elif kind == "select":
        classes += ["nhsuk-select"] + (["nhsuk-select--error"] if has_errors else [])
    elif kind == "textarea":
        classes += ["nhsuk-textarea"] + (
            ["nhsuk-textarea--error"] if has_errors else []
        )
        attrs["rows"] = widget.attrs.get("rows", 5)
    elif kind == "file":
        classes.append("nhsuk-file-upload__input")
    elif kind == "checkbox":
        classes.append("nhsuk-checkboxes__input")
    if classes:
        attrs["class"] = _merge_classes(classes, current)
    if strip_placeholder and "placeholder" in widget.attrs:
        attrs["placeholder"] = False  # NHS.UK: no placeholder text
    return attrs


def _choice_inputs(bound_field, kind, base_id) -> list[SafeString]:
    """The radios or checkboxes of a RadioSelect/CheckboxSelectMultiple."""
    widget = bound_field.field.widget
    prefix = "nhsuk-radios" if kind == "radios" else "nhsuk-checkboxes"
    attrs = bound_field.build_widget_attrs({"id": base_id} if base_id else {})
    attrs.pop("aria-describedby", None)
    items = []
    for option in widget.subwidgets(bound_field.html_name, bound_field.value(), attrs):
        option_attrs = dict(option["attrs"])
        option_attrs.pop("class", None)
        option_id = option_attrs.pop("id", "")
        value = option["value"]
        items.append(
            format_html(
                '<div class="{}__item">\n'
                '  <input class="{}__input"{} name="{}" type="{}" value="{}"{}>\n'
                '  <label class="nhsuk-label {}__label"{}>{}</label>\n'
                "</div>",
                prefix,
                prefix,
                format_html(' id="{}"', option_id) if option_id else "",
                option["name"],
                option["type"],
                "" if value is None else str(value),
                flatatt(option_attrs),
                prefix,
                format_html(' for="{}"', option_id) if option_id else "",
                option["label"],
            )
        )
    return items


@register.simple_tag
def nhsuk_field(
    field,
    show_errors=True,
    show_label=True,
    label_class="",
    wrapper_class="",
    label="",
    hint="",
    strip_placeholder=False,
    inline=False,
    prefix="",
    suffix="",
) -> NHSField:
    """Work out how to draw `field` (a BoundField) in NHS.UK markup."""
    widget = field.field.widget
    kind = _kind(widget)
    base_id = widget.attrs.get("id") or field.auto_id or ""
    errors = field_errors(field) if show_errors else []
    hint_text = hint or field.help_text
    if not str(hint_text or "").strip():  # allauth's lazy help texts can be ""
        hint_text = ""
    input_type = widget.attrs.get("type") or getattr(widget, "input_type", "")
    if not hint_text and kind == "date" and input_type == "text":
        hint_text = DATE_HINT  # a browser date picker shows its own format
    if not hint_text and kind == "date-input":
        hint_text = DATE_INPUT_HINT
    hint_id = f"{base_id}_helptext" if base_id and hint_text else ""
    error_id = f"{base_id}_error" if base_id and errors else ""
    own = widget.attrs.get("aria-describedby", "")
    describedby = _merge_classes(own, hint_id, error_id)
    fieldset = kind in ("radios", "checkboxes", "date-input", "multi")

    label_classes = _merge_classes(
        "nhsuk-label", label_class, "" if show_label else "nhsuk-u-visually-hidden"
    )
    legend_classes = _merge_classes(
        "nhsuk-fieldset__legend",
        label_class.replace("nhsuk-label--", "nhsuk-fieldset__legend--"),
        "" if show_label else "nhsuk-u-visually-hidden",
    )
    group_classes = _merge_classes(
        "nhsuk-form-group",
        "nhsuk-form-group--error" if errors else "",
        "nhsuk-file-upload" if kind == "file" else "",
        wrapper_class or "",
    )
    result = NHSField(
        field=field,
        kind=kind,
        id=field.id_for_label or base_id,
        label=label or field.label or "",
        label_classes=label_classes,
        legend_classes=legend_classes,
        hint=hint_text,
        hint_id=hint_id,
        errors=errors,
        error_id=error_id,
        describedby=describedby,
        group_classes=group_classes,
        fieldset=fieldset,
        prefix=prefix or "",
        suffix=suffix or "",
    )
    if kind in ("radios", "checkboxes"):
        result.options = _choice_inputs(field, kind, base_id)
        result.choice_classes = _merge_classes(
            f"nhsuk-{kind}", f"nhsuk-{kind}--inline" if inline else ""
        )
        return result
    if kind == "hidden":
        result.widget = field.as_widget()
        return result
    attrs = _input_attrs(kind, widget, bool(errors), strip_placeholder)
    result.widget = _render_widget(field, attrs, "" if fieldset else describedby)
    return result


def _render_widget(field, attrs: dict, describedby: str) -> SafeString:
    """`BoundField.as_widget`, but with our `aria-describedby` (or none).

    Django adds `aria-describedby="<id>_helptext <id>_error"` itself when the
    widget has none, even for a hint or error we do not show; here it points
    only at elements that are on the page.
    """
    widget = field.field.widget
    if field.field.localize:
        widget.is_localized = True
    attrs = field.build_widget_attrs(attrs, widget)
    attrs["aria-describedby"] = describedby or False  # False: not rendered
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    return widget.render(
        name=field.html_name,
        value=field.value(),
        attrs=attrs,
        renderer=field.form.renderer,
    )


@register.filter
def nhsuk_button_classes(input_object) -> str:
    """NHS.UK classes for a crispy Submit/Button/Reset (drops Bootstrap's)."""
    given = [
        c
        for c in str(getattr(input_object, "field_classes", "")).split()
        if c != "btn" and not c.startswith("btn-")
    ]
    kind = getattr(input_object, "input_type", "submit")
    base = ["nhsuk-button"]
    if kind in ("button", "reset") and not any(
        c.startswith("nhsuk-button--") for c in given
    ):
        base.append("nhsuk-button--secondary")
    return _merge_classes(base, given)


_CLASS_ATTR = re.compile(r'class="([^"]*)"')


@register.filter
def nhsuk_button_attrs(flat_attrs: str) -> SafeString:
    """A crispy StrictButton's attributes with NHS.UK button classes."""

    def swap(match: re.Match) -> str:
        given = [
            c for c in match.group(1).split() if c != "btn" and not c.startswith("btn-")
        ]
        return f'class="{_merge_classes(["nhsuk-button"], given)}"'

    text = str(flat_attrs or "")
    if not _CLASS_ATTR.search(text):
        text += ' class="nhsuk-button"'
    return mark_safe(_CLASS_ATTR.sub(swap, text, count=1))  # noqa: S308 - attrs were escaped by flatatt


@register.filter(is_safe=True)
def nhsuk_squash(text) -> str:
    """Collapse runs of whitespace (allauth's indented `head_title` blocks)."""
    return " ".join(str(text).split())
