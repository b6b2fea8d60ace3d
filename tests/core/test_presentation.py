"""Shared page furniture: the NHS.UK breadcrumb, tables in scroll regions,
filters that read as a person would say them."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template

from workforce.filters import PostFilter
from workforce.models import Post

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.django_db
def test_breadcrumbs_use_the_design_systems_markup_and_back_link(
    client, coordinator, trust_a
):
    from tests.conftest import _login_with_mfa

    _login_with_mfa(client, coordinator)
    html = client.get(f"/network/trusts/{trust_a.pk}/edit/").content.decode()
    nav = re.search(r'<nav class="nhsuk-breadcrumb".*?</nav>', html, re.S).group(0)
    assert 'href=""' not in nav and "breadcrumb__back" not in nav
    crumbs = re.findall(r'class="nhsuk-breadcrumb__link" href="([^"]+)"', nav)
    assert crumbs == ["/network/trusts/", trust_a.get_absolute_url()]
    back = re.search(r'<a class="nhsuk-back-link" href="([^"]+)">(.*?)</a>', nav)
    assert back.group(1) == trust_a.get_absolute_url()
    assert back.group(2).endswith(trust_a.short_name)


def test_every_template_table_sits_in_the_scroll_region():
    bare = []
    for path in TEMPLATES.rglob("*.html"):
        if path.is_relative_to(TEMPLATES / "workforce" / "boardpack"):
            continue  # a PDF: paper cannot scroll, its wide tables get smaller type
        text = path.read_text()
        outside = re.sub(
            r"\{% scrolltable %\}.*?\{% endscrolltable %\}", "", text, flags=re.S
        )
        if "<table" in outside:
            bare.append(str(path.relative_to(TEMPLATES)))
    assert not bare, f"tables outside {{% scrolltable %}}: {bare}"


def test_scroll_region_is_named_by_the_tables_caption():
    html = Template(
        "{% load tables %}{% scrolltable %}<table class='nhsuk-table'>"
        '<caption class="nhsuk-table__caption">Posts</caption>'
        "<tr><td>{{ when }}</td><td>Band 8a</td><td>In progress</td></tr></table>"
        "{% endscrolltable %}"
    ).render(Context({"when": "9 January 2027"}))
    caption_id = re.search(r'<caption id="([^"]+)"', html).group(1)
    assert '<div class="nhsuk-scroll" data-module="nhsuk-scroll">' in html
    assert f'role="region" aria-labelledby="{caption_id}" tabindex="0"' in html
    assert '<span class="app-nowrap">9 January 2027</span>' in html
    assert '<span class="app-nowrap">Band 8a</span>' in html
    assert "<td>In progress</td>" in html  # ordinary words may wrap


@pytest.mark.django_db
def test_post_filters_say_any_band_and_a_trust_lead_gets_no_trust_choice(
    lead_a, coordinator
):
    # Building the API schema builds (and caches) the class's own filter
    # fields; the page's wording must survive that, whatever ran first.
    for name in ("band", "setting", "status"):
        assert PostFilter.base_filters[name].field is not None
    as_lead = PostFilter(None, queryset=Post.objects.all(), user=lead_a).form
    assert as_lead["trust"].is_hidden
    assert ("", "Any band") in list(as_lead.fields["band"].choices)
    assert ("", "Any setting") in list(as_lead.fields["setting"].choices)
    choices = " ".join(label for _, label in as_lead.fields["status"].choices)
    assert "---" not in choices
    as_coordinator = PostFilter(None, queryset=Post.objects.all(), user=coordinator)
    assert not as_coordinator.form["trust"].is_hidden


@pytest.mark.django_db
def test_home_page_strands_are_the_ones_with_work_and_no_internal_words(client):
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    response = client.get("/")
    assert all(strand["total"] > 0 for strand in response.context["strands"])
    dashboard = client.get("/workforce/dashboard/").content.decode()
    assert "seed" not in dashboard.lower()
    assert (
        "Mersey Care&#x27;s figure" in dashboard or "Mersey Care's figure" in dashboard
    )


def test_error_summary_names_the_field_and_shows_one_message_per_field():
    from django import forms

    from core.templatetags.nhsuk import nhsuk_error_items

    class PostForm(forms.Form):
        job_title = forms.CharField(label="Job title")
        wte = forms.DecimalField(label="WTE", min_value=0.01)
        band = forms.ChoiceField(label="Band", choices=[("3", "Band 3")])

        def clean_job_title(self):
            self.add_error("job_title", "A second message for the same field")
            return self.cleaned_data["job_title"]

    form = PostForm(data={"job_title": "", "wte": "0", "band": "12"})
    texts = [item["text"] for item in nhsuk_error_items(form)]
    assert texts == [
        "Enter job title",
        "WTE must be 0.01 or more",
        "Select band from the list",
    ]


def _keep_together_everywhere(html: str) -> str:
    """The rule applied to every text part with a space, with no shortcut."""
    from core.templatetags.tables import KEEP_TOGETHER, TAG_OR_TEXT

    def wrap(match):
        text = match.group(0)
        return f'<span class="app-nowrap">{text}</span>' if " " in text else text

    parts = TAG_OR_TEXT.split(html)
    for index in range(0, len(parts), 2):
        if " " in parts[index]:
            parts[index] = KEEP_TOGETHER.sub(wrap, parts[index])
    return "".join(parts)


@pytest.mark.parametrize(
    "text",
    [
        "9 January 2027",
        "Oct 2019",
        "Mon 3 Mar 2025, 14:30",
        "Band 8a and Band 5",
        "Q3 2026 and 2026 Q4",
        "May Day in June",  # months without a digit stay as they are
        "Jan Smith, Band lead",
        "Due 12 Dec",
        "No dates here at all",
        "",
    ],
)
def test_keep_together_skips_only_text_it_would_not_change(text):
    from core.templatetags.tables import keep_together

    html = f"<table><tr><td>{text}</td><td class='x'>{text} <b>{text}</b></td></tr>"
    assert keep_together(html) == _keep_together_everywhere(html)
