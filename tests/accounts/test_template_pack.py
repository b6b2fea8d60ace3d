"""The "nhsuk" crispy-forms template pack, the error summary and the date input.

Each test renders real forms and reads the HTML back as a tree, checking the
NHS.UK design system structure (nhsuk-frontend 10): what a screen reader user
relies on (labels, legends, aria-describedby, links to the inputs) as well as
the classes.
"""

import datetime
from html.parser import HTMLParser

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.template import Context, Template
from django.urls import reverse

from core.widgets import NHSDateField, NHSDateInput
from tests.conftest import PASSWORD

# --- A small HTML tree, enough to query what we render ----------------------

VOID = {"input", "br", "img", "hr", "meta", "link"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children: list = []

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    @property
    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return " ".join(" ".join(parts).split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes)
            and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'} class={cls} {attrs}> in the HTML"
        return found[0]

    def by_id(self, id_):
        return self.find(id=id_)

    def closest(self, cls):
        node = self.parent
        while node is not None and cls not in node.classes:
            node = node.parent
        return node


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.root = self.current = Node("root", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    return builder.root


def render(template: str, **context) -> Node:
    return parse(
        Template("{% load crispy_forms_tags nhsuk %}" + template).render(
            Context(context)
        )
    )


# --- Forms ------------------------------------------------------------------


class ContactForm(forms.Form):
    name = forms.CharField(
        label="Full name", help_text="As it appears on your NHS smartcard"
    )
    email = forms.EmailField(label="Email address")
    contact = forms.ChoiceField(
        label="How should we contact you?",
        choices=[("email", "Email"), ("phone", "Phone")],
        widget=forms.RadioSelect,
        help_text="Select one option",
    )
    topics = forms.MultipleChoiceField(
        label="Topics you are interested in",
        choices=[("training", "Training"), ("news", "News")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agree = forms.BooleanField(label="I agree to the network's terms")
    started = NHSDateField(label="When did you start?")

    def clean(self):
        raise forms.ValidationError("We could not save your details")


def invalid_contact_form() -> ContactForm:
    form = ContactForm(
        data={
            "name": "",
            "email": "not-an-email",
            "started_day": "31",
            "started_month": "2",
            "started_year": "2024",
        }
    )
    form.helper = FormHelper()
    form.helper.add_input(Submit("save", "Save details"))
    return form


def error_summary(doc: Node) -> Node:
    summaries = doc.find_all("div", cls="nhsuk-error-summary")
    assert len(summaries) == 1, f"expected one error summary, got {len(summaries)}"
    return summaries[0]


# --- Error summary ----------------------------------------------------------


def test_error_summary_links_to_each_invalid_field():
    doc = render("{% crispy form %}", form=invalid_contact_form())

    summary = error_summary(doc)
    assert summary.attrs["tabindex"] == "-1"
    assert summary.find(role="alert")
    assert (
        summary.find("h2", cls="nhsuk-error-summary__heading").text
        == "There is a problem"
    )
    links = summary.find("ul", cls="nhsuk-error-summary__list").find_all("a")
    hrefs = [a.attrs["href"] for a in links]
    assert hrefs == [
        "#id_name",
        "#id_email",
        "#id_contact_0",  # the first radio
        "#id_agree",
        "#id_started_day",  # the first box of the date
    ]
    for href in hrefs:  # every link lands on an input that is on the page
        assert doc.by_id(href[1:]).tag == "input"
    assert [a.text for a in links][1] == (
        "Enter an email address in the correct format, like name@example.nhs.uk"
    )


def test_non_field_errors_are_plain_items_in_the_summary():
    summary = error_summary(render("{% crispy form %}", form=invalid_contact_form()))

    first = summary.find("ul").find_all("li")[0]
    assert first.text == "We could not save your details"
    assert not first.find_all("a")


def test_error_summary_comes_first_and_is_not_repeated():
    form = invalid_contact_form()
    html = Template(
        "{% load crispy_forms_tags nhsuk %}"
        "{% nhsuk_error_summary form %}<h1>Your details</h1>{% crispy form %}"
    ).render(Context({"form": form}))

    assert html.count('class="nhsuk-error-summary"') == 1
    assert html.index("nhsuk-error-summary") < html.index("<h1>")


def test_valid_or_unbound_form_has_no_error_summary():
    assert not render("{% crispy form %}", form=ContactForm()).find_all(
        cls="nhsuk-error-summary"
    )
    assert (
        str(
            Template("{% load nhsuk %}{% nhsuk_error_summary form %}").render(
                Context({"form": ContactForm()})
            )
        ).strip()
        == ""
    )


# --- Fields -----------------------------------------------------------------


def test_invalid_field_is_wrapped_in_an_error_group_and_described():
    doc = render("{% crispy form %}", form=invalid_contact_form())

    name = doc.by_id("id_name")
    group = name.closest("nhsuk-form-group")
    assert "nhsuk-form-group--error" in group.classes
    assert {"nhsuk-input", "nhsuk-input--error"} <= set(name.classes)
    assert group.find("label", cls="nhsuk-label").attrs["for"] == "id_name"

    hint_id, error_id = name.attrs["aria-describedby"].split()
    hint, error = doc.by_id(hint_id), doc.by_id(error_id)
    assert "nhsuk-hint" in hint.classes
    assert hint.text == "As it appears on your NHS smartcard"
    assert "nhsuk-error-message" in error.classes
    assert error.find("span", cls="nhsuk-u-visually-hidden").text == "Error:"
    assert error.text == "Error: Enter full name"


def test_valid_field_has_no_error_markup():
    form = ContactForm(data={"name": "Sam Jones"})
    doc = render("{{ form|crispy }}", form=form)

    name = doc.by_id("id_name")
    assert "nhsuk-form-group--error" not in name.closest("nhsuk-form-group").classes
    assert "nhsuk-input--error" not in name.classes
    assert name.attrs["aria-describedby"] == "id_name_helptext"
    assert name.attrs["value"] == "Sam Jones"


def test_radios_are_a_fieldset_with_a_legend():
    doc = render("{% crispy form %}", form=invalid_contact_form())

    first = doc.by_id("id_contact_0")
    fieldset = first.parent
    while fieldset.tag != "fieldset":
        fieldset = fieldset.parent
    assert "nhsuk-fieldset" in fieldset.classes
    legend = fieldset.find("legend")
    assert "nhsuk-fieldset__legend" in legend.classes
    assert legend.text == "How should we contact you?"
    hint_id, error_id = fieldset.attrs["aria-describedby"].split()
    assert doc.by_id(hint_id).text == "Select one option"
    assert "nhsuk-error-message" in doc.by_id(error_id).classes
    assert "nhsuk-form-group--error" in fieldset.closest("nhsuk-form-group").classes

    radios = fieldset.find("div", cls="nhsuk-radios")
    assert radios.attrs["data-module"] == "nhsuk-radios"
    items = radios.find_all("div", cls="nhsuk-radios__item")
    assert len(items) == 2
    for item, (value, label) in zip(
        items, [("email", "Email"), ("phone", "Phone")], strict=True
    ):
        radio = item.find("input")
        assert radio.attrs["type"] == "radio"
        assert radio.attrs["value"] == value
        assert "nhsuk-radios__input" in radio.classes
        assert (
            item.find("label", cls="nhsuk-radios__label").attrs["for"]
            == radio.attrs["id"]
        )
        assert item.find("label").text == label
    # No <label> for the group: the legend names it.
    assert not doc.find_all("label", **{"for": "id_contact"})


def test_checkboxes_and_a_single_checkbox():
    doc = render("{% crispy form %}", form=invalid_contact_form())

    topics = doc.by_id("id_topics_0")
    assert topics.attrs["type"] == "checkbox"
    assert "nhsuk-checkboxes__input" in topics.classes
    fieldset = topics.closest("nhsuk-checkboxes").parent
    assert fieldset.tag == "fieldset"
    assert fieldset.find("legend").text == "Topics you are interested in"

    agree = doc.by_id("id_agree")
    assert "nhsuk-checkboxes__input" in agree.classes
    item = agree.closest("nhsuk-checkboxes__item")
    assert item.find("label").attrs["for"] == "id_agree"
    assert item.find("label").text == "I agree to the network's terms"
    assert "nhsuk-form-group--error" in agree.closest("nhsuk-form-group").classes
    assert agree.attrs["aria-describedby"] == "id_agree_error"


def test_submit_is_an_nhsuk_button():
    doc = render("{% crispy form %}", form=invalid_contact_form())

    form = doc.find("form")
    assert "novalidate" in form.attrs
    button = form.find("button", cls="nhsuk-button")
    assert button.attrs["type"] == "submit"
    assert button.text == "Save details"
    assert not [c for c in button.classes if c.startswith("btn")]


def test_a_date_field_is_one_box_with_an_example_hint():
    class Form(forms.Form):
        on = forms.DateField(label="Date of the meeting")

    doc = render("{{ form|crispy }}", form=Form())

    box = doc.by_id("id_on")
    assert box.attrs["type"] == "text"
    assert {"nhsuk-input", "nhsuk-input--width-10"} <= set(box.classes)
    assert doc.by_id(box.attrs["aria-describedby"]).text == "For example, 27/03/2026"


def test_plain_form_rendering_is_nhsuk_too():
    """`{{ form }}` goes through templates/django/forms/div.html."""
    html = Template("{{ form }}").render(Context({"form": invalid_contact_form()}))
    doc = parse(html)

    assert error_summary(doc)
    assert (
        "nhsuk-form-group--error"
        in doc.by_id("id_name").closest("nhsuk-form-group").classes
    )
    assert doc.by_id("id_contact_0").closest("nhsuk-radios")


# --- Date input -------------------------------------------------------------


class StartForm(forms.Form):
    started = NHSDateField(label="When did you start?")


def start_form(day, month, year) -> StartForm:
    return StartForm(
        data={"started_day": day, "started_month": month, "started_year": year}
    )


def test_date_input_combines_day_month_and_year():
    form = start_form("7", "3", "2026")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["started"] == datetime.date(2026, 3, 7)
    widget = NHSDateInput()
    data = {"d_day": "7", "d_month": "03", "d_year": "2026"}
    assert widget.value_from_datadict(data, {}, "d") == "2026-03-07"


def test_date_input_works_with_a_plain_date_field():
    class Form(forms.Form):
        on = forms.DateField(widget=NHSDateInput)

    form = Form(data={"on_day": "27", "on_month": "3", "on_year": "2026"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == datetime.date(2026, 3, 27)
    assert not Form(
        data={"on_day": "30", "on_month": "2", "on_year": "2026"}
    ).is_valid()


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "wrong"),
    [
        ("31", "2", "2024", "Date must be a real date", {"day", "month", "year"}),
        ("15", "", "2024", "Date must include a month", {"month"}),
        ("", "", "2024", "Date must include a day and month", {"day", "month"}),
        ("15", "3", "24", "Year must include 4 numbers", {"year"}),
        ("1st", "3", "2024", "Date must be a real date", {"day"}),
        ("", "", "", "Enter a date", {"day", "month", "year"}),
    ],
)
def test_date_input_reports_an_invalid_date_clearly(day, month, year, message, wrong):
    form = start_form(day, month, year)

    assert not form.is_valid()
    assert form.errors["started"] == [message]
    doc = render("{{ form|crispy }}", form=form)
    first_wrong = next(p for p in ("day", "month", "year") if p in wrong)
    link = error_summary(doc).find("a")
    assert link.text == message
    assert link.attrs["href"] == f"#id_started_{first_wrong}"

    fieldset = doc.find("fieldset", role="group")
    assert fieldset.find("legend").text == "When did you start?"
    hint_id, error_id = fieldset.attrs["aria-describedby"].split()
    assert doc.by_id(hint_id).text == "For example, 27 3 2026"
    assert doc.by_id(error_id).text == f"Error: {message}"
    for part, typed in zip(("day", "month", "year"), (day, month, year), strict=True):
        box = doc.by_id(f"id_started_{part}")
        assert box.attrs.get("value", "") == typed  # what was typed is kept
        assert doc.find("label", **{"for": f"id_started_{part}"}).text == part.title()
        assert ("nhsuk-input--error" in box.classes) == (part in wrong), part


def test_date_input_shows_an_initial_date():
    form = StartForm(initial={"started": datetime.date(2025, 11, 4)})
    doc = render("{{ form|crispy }}", form=form)

    values = [
        doc.by_id(f"id_started_{p}").attrs["value"] for p in ("day", "month", "year")
    ]
    assert values == ["4", "11", "2025"]


# --- allauth pages ----------------------------------------------------------


def page(response) -> Node:
    assert response.status_code == 200
    return parse(response.content.decode())


@pytest.mark.django_db
def test_login_page_errors_use_the_nhsuk_error_summary(client):
    doc = page(client.post(reverse("account_login"), {"login": "", "password": ""}))

    assert doc.find("title").text.startswith("Error: Sign in")
    assert [h.text for h in doc.find_all("h1")] == ["Sign in"]
    hrefs = [a.attrs["href"] for a in error_summary(doc).find_all("a")]
    assert hrefs == ["#id_login", "#id_password"]
    for field_id, label in (("id_login", "Email address"), ("id_password", "Password")):
        box = doc.by_id(field_id)
        assert doc.find("label", **{"for": field_id}).text == label
        assert "placeholder" not in box.attrs
        assert "nhsuk-form-group--error" in box.closest("nhsuk-form-group").classes
    assert doc.find("main").find("button", type="submit").text == "Sign in"
    assert "nhsuk-button" in doc.find("main").find("button", type="submit").classes


@pytest.mark.django_db
def test_wrong_password_is_a_plain_item_in_the_summary(client, peer_worker):
    doc = page(
        client.post(
            reverse("account_login"), {"login": peer_worker.email, "password": "wrong"}
        )
    )

    item = error_summary(doc).find("li")
    assert "not correct" in item.text
    assert not item.find_all("a")


@pytest.mark.django_db
def test_signup_page_shows_the_extra_fields_with_labels(client):
    doc = page(client.get(reverse("account_signup")))

    for field_id in ("id_email", "id_full_name", "id_employer_trust", "id_password1"):
        assert doc.find("label", **{"for": field_id}).text
        assert doc.by_id(field_id).closest("nhsuk-form-group")
    assert "nhsuk-select" in doc.by_id("id_employer_trust").classes


@pytest.mark.django_db
def test_mfa_code_page_labels_the_code_box(client, coordinator):
    client.post(
        reverse("account_login"), {"login": coordinator.email, "password": PASSWORD}
    )
    doc = page(client.post(reverse("mfa_authenticate"), {"code": "000000"}))

    assert doc.find("label", **{"for": "id_code"}).text == "Authenticator code"
    assert [a.attrs["href"] for a in error_summary(doc).find_all("a")] == ["#id_code"]
    assert doc.by_id("id_code").attrs["autocomplete"] == "one-time-code"


@pytest.mark.django_db
def test_activate_totp_shows_the_qr_code_and_the_secret_as_text(
    client, coordinator_without_mfa
):
    client.post(
        reverse("account_login"),
        {"login": coordinator_without_mfa.email, "password": PASSWORD},
    )
    activate = reverse("mfa_activate_totp")
    response = client.get(activate)
    if response.status_code == 302:  # allauth asks for the password again first
        assert reverse("account_reauthenticate") in response["Location"]
        client.post(response["Location"], {"password": PASSWORD})
        response = client.get(activate)
    doc = page(response)

    img = doc.find("img", alt="QR code to add this service to your authenticator app")
    assert img.attrs["src"].startswith("data:image/svg+xml;base64,")
    secret = doc.by_id("authenticator_secret").text
    assert len(secret) >= 16 and secret.isalnum()
    assert doc.find("label", **{"for": "id_code"}).text == "Authenticator code"
    assert len(doc.find_all("h1")) == 1
