"""A list page's filter form is drawn once per state and kept in the "figures"
cache: the cached HTML is what drawing gives, a changed choice shows on the
next request, a form with errors is drawn every time and an outage only costs
speed."""

import re
from unittest import mock

import pytest
from django.core.cache import caches
from django.template import Context, Template
from django.urls import reverse

from core import filters as core_filters
from tests.conftest import make_trust
from tests.workforce.test_figures_cache import closed_port, redis_figures_at
from workforce.filters import PostFilter
from workforce.models import Post

pytestmark = pytest.mark.django_db

CACHED = Template(
    "{% load crispy_forms_tags filter_forms %}"
    "{% filter_form f %}{{ form|crispy }}{% endfilter_form %}"
)
DRAWN = Template("{% load crispy_forms_tags %}{{ f.form|crispy }}")


def post_filter(user, data=None):
    return PostFilter(data, queryset=Post.objects.all(), user=user)


def trust_options(html: str) -> list[str]:
    select = re.search(r'<select name="trust".*?</select>', html, re.S).group(0)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


@pytest.fixture(autouse=True)
def _empty_filter_forms():
    caches[core_filters.ALIAS].clear()


def test_cached_form_is_what_drawing_gives(coordinator, trust_a, trust_b):
    data = {"status": "filled", "band": "afc_4", "page": "2"}
    drawn = DRAWN.render(Context({"f": post_filter(coordinator, data)}))
    first = CACHED.render(Context({"f": post_filter(coordinator, data)}))
    second = CACHED.render(Context({"f": post_filter(coordinator, data)}))
    assert first == drawn
    assert second == drawn
    assert 'value="filled" selected' in drawn


def test_second_render_is_not_drawn_again(coordinator, trust_a):
    draws = []
    real = core_filters.render_cached

    def counting(owner, render, extra=()):
        def counted():
            draws.append(1)
            return render()

        return real(owner, counted, extra)

    with mock.patch("core.templatetags.filter_forms.render_cached", counting):
        for _ in range(3):
            CACHED.render(Context({"f": post_filter(coordinator, {"band": "afc_3"})}))
        CACHED.render(Context({"f": post_filter(coordinator, {"band": "afc_4"})}))
    assert len(draws) == 2  # one for each filter state


def test_another_viewers_widgets_are_not_reused(coordinator, lead_a, trust_a):
    as_coordinator = CACHED.render(Context({"f": post_filter(coordinator)}))
    as_lead = CACHED.render(Context({"f": post_filter(lead_a)}))
    assert '<select name="trust"' in as_coordinator
    assert 'type="hidden" name="trust"' in as_lead
    assert as_lead == DRAWN.render(Context({"f": post_filter(lead_a)}))


def test_renamed_trust_and_new_trust_show_on_the_next_request(
    login, coordinator, trust_a
):
    client = login(coordinator)
    url = reverse("workforce:post-list")
    before = trust_options(client.get(url).content.decode())
    assert trust_a.name in before
    trust_a.name = "Renamed Care NHS Foundation Trust"
    trust_a.save()
    make_trust("NEW", name="Newly Joined NHS Trust")
    after = trust_options(client.get(url).content.decode())
    assert "Renamed Care NHS Foundation Trust" in after
    assert "Newly Joined NHS Trust" in after
    assert len(after) == len(before) + 1


def test_form_with_errors_is_drawn_and_not_kept(coordinator, trust_a):
    bad = {"band": "afc_99"}
    html = CACHED.render(Context({"f": post_filter(coordinator, bad)}))
    assert html == DRAWN.render(Context({"f": post_filter(coordinator, bad)}))
    assert "nhsuk-error-message" in html
    again = post_filter(coordinator, bad)
    key = core_filters.cache_key(again, again.form)
    assert caches[core_filters.ALIAS].get(key) is None


def test_cache_outage_still_draws_the_form(login, coordinator, trust_a):
    client = login(coordinator)
    url = reverse("workforce:post-list") + "?status=vacant"
    expected = client.get(url).content.decode()
    with redis_figures_at(closed_port()):
        down = client.get(url)
    assert down.status_code == 200
    assert trust_options(down.content.decode()) == trust_options(expected)
    assert 'value="vacant" selected' in down.content.decode()


def test_a_choice_with_its_own_labels_is_keyed_by_those_labels(coordinator, trust_a):
    # Plain choices are keyed by the columns their labels are drawn from; a
    # field that draws its labels its own way is keyed by the labels it draws.
    shown = post_filter(coordinator)
    plain = core_filters.cache_key(shown, shown.form)
    shown.form.fields["trust"].label_from_instance = lambda trust: trust.name.upper()
    assert core_filters.cache_key(shown, shown.form) != plain
