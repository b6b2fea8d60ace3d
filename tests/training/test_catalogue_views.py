"""The public catalogue: filters in the URL, search, sort, pagination, .ics."""

import random
from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateformat import format as format_date
from icalendar import Calendar

from accounts.models import User
from tests.training.conftest import make_opportunity
from training.models import (
    TrainingBooking,
    TrainingOpportunity,
    TrainingProvider,
    TrainingSession,
)
from training.search import refresh_search_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(provider):
    today = timezone.localdate()
    other = TrainingProvider.objects.create(
        name="Copeland Center", provider_type="wrap_copeland_licensed"
    )
    return {
        "ips": make_opportunity(provider),
        "wrap": make_opportunity(
            other,
            title="WRAP Facilitator Training",
            category="wrap_facilitator",
            description="Five-day co-facilitator certification.",
            delivery_mode="online",
            location="",
            town="",
            icb="",
            cost_type="paid",
            cost_gbp=950,
            start_date=today + timedelta(days=60),
            book_here=False,
            places_total=None,
            places_remaining=None,
            audience="|psw|senior_psw_lead|",
        ),
        "supervisors": make_opportunity(
            provider,
            title="Supervising Peer Support Workers",
            category="supervisor_training",
            audience="|supervisor_manager|",
            cost_type="funded",
            town="Preston",
            icb="lancashire_south_cumbria",
            start_date=today + timedelta(days=10),
            booking_deadline=today + timedelta(days=5),
            places_remaining=0,
            status="full",
        ),
        "draft": make_opportunity(provider, title="Secret draft", status="draft"),
    }


def titles(response):
    return [card["title"] for card in response.context["cards"]]


def test_catalogue_shows_published_training_not_drafts(client, catalogue):
    response = client.get("/training/")
    assert "Secret draft" not in titles(response)
    assert len(titles(response)) == 3


@pytest.mark.parametrize(
    "query, expected",
    [
        ("category=wrap_facilitator", ["WRAP Facilitator Training"]),
        ("audience=supervisor_manager", ["Supervising Peer Support Workers"]),
        (
            "audience=psw",
            ["Intentional Peer Support Core Training", "WRAP Facilitator Training"],
        ),
        ("delivery_mode=online", ["WRAP Facilitator Training"]),
        ("icb=lancashire_south_cumbria", ["Supervising Peer Support Workers"]),
        ("town=liverpool", ["Intentional Peer Support Core Training"]),
        ("cost=free", ["Intentional Peer Support Core Training"]),
        (
            "cost=no_cost",
            [
                "Supervising Peer Support Workers",
                "Intentional Peer Support Core Training",
            ],
        ),
        (
            "available=on",
            ["Intentional Peer Support Core Training", "WRAP Facilitator Training"],
        ),
        ("q=copeland", ["WRAP Facilitator Training"]),
        ("q=certification", ["WRAP Facilitator Training"]),
        ("q=supervising+peer", ["Supervising Peer Support Workers"]),
        (
            "sort=title",
            [
                "Intentional Peer Support Core Training",
                "Supervising Peer Support Workers",
                "WRAP Facilitator Training",
            ],
        ),
    ],
)
def test_filters_and_search(client, catalogue, query, expected):
    response = client.get(f"/training/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_date_range_filter(client, catalogue):
    today = timezone.localdate()
    start, end = today + timedelta(days=20), today + timedelta(days=40)
    response = client.get(f"/training/?date_from={start}&date_to={end}")
    assert titles(response) == ["Intentional Peer Support Core Training"]


def test_date_boxes_filter_like_an_iso_date_in_an_old_link(client, catalogue):
    today = timezone.localdate()
    start, end = today + timedelta(days=20), today + timedelta(days=40)
    boxes = {
        **{f"date_from_{k}": getattr(start, k) for k in ("day", "month", "year")},
        **{f"date_to_{k}": getattr(end, k) for k in ("day", "month", "year")},
    }
    response = client.get("/training/", boxes)
    assert titles(response) == ["Intentional Peer Support Core Training"]
    old_link = client.get(f"/training/?date_from={start}&date_to={end}")
    assert titles(old_link) == titles(response)
    html = old_link.content.decode()
    assert f'name="date_from_day" value="{start.day}"' in html
    assert 'type="date"' not in html


def test_a_backwards_date_range_is_explained(client, catalogue):
    today = timezone.localdate()
    response = client.get(
        f"/training/?date_from={today + timedelta(days=9)}&date_to={today}"
    )
    assert response.status_code == 200
    assert "must be after" in response.content.decode()
    assert response.context["form"].errors


def test_a_10kb_search_gets_a_clear_message_not_a_500(client, catalogue):
    response = client.get("/training/", {"q": "x" * 10_240})
    assert response.status_code == 200
    assert "200 characters or fewer" in response.content.decode()
    assert response.content.decode().count("<title>Error: ") == 1
    assert len(titles(response)) == 3  # the bad filter is not applied


@pytest.mark.parametrize(
    "text",
    [
        "'; DROP TABLE training_trainingopportunity; --",
        ".*(?:[",
        "a & | ! ( ) :* <->",
        '"unterminated',
        "%_%\\",
        "!!!",
    ],
)
def test_sql_and_regex_characters_in_search_are_just_text(client, catalogue, text):
    response = client.get("/training/", {"q": text})
    assert response.status_code == 200
    assert TrainingOpportunity.objects.count() == 4


def test_relevance_sort_puts_title_matches_first(client, catalogue, provider):
    make_opportunity(
        provider,
        title="Peer leadership day",
        description="Includes WRAP and more",
        start_date=timezone.localdate() + timedelta(days=2),
        booking_deadline=None,
    )
    response = client.get("/training/?q=wrap&sort=relevance")
    assert titles(response)[0] == "WRAP Facilitator Training"


def test_filter_state_is_kept_in_pagination_links(client, provider):
    for n in range(25):
        make_opportunity(provider, title=f"Course {n:02d}")
    response = client.get("/training/?category=ips_core&sort=title")
    html = response.content.decode()
    assert "?category=ips_core&amp;sort=title&amp;page=2" in html
    page2 = client.get("/training/?category=ips_core&sort=title&page=2")
    assert titles(page2) == [f"Course {n:02d}" for n in range(20, 25)]


@pytest.mark.parametrize(
    "page, shown",
    [("", 1), ("2", 2), ("9", 2), ("0", 2), ("abc", 1), ("-1", 2), ("2.5", 1)],
)
def test_a_page_number_is_read_as_the_paginator_reads_it(client, provider, page, shown):
    """The number of matches comes with the page's rows; a page past the end
    is the last page and a number that is not one is the first, as before."""
    for n in range(25):
        make_opportunity(provider, title=f"Course {n:02d}")
    response = client.get(f"/training/?sort=title&page={page}")
    page_obj = response.context["page_obj"]
    assert (page_obj.number, page_obj.paginator.count) == (shown, 25)
    first = 20 * (shown - 1)
    assert titles(response) == [f"Course {n:02d}" for n in range(first, 25)][:20]
    assert "25 training opportunities" in response.content.decode()


def test_no_matches_is_one_empty_page(client, provider):
    make_opportunity(provider)
    response = client.get("/training/?q=nothing-like-it")
    page_obj = response.context["page_obj"]
    assert (page_obj.number, page_obj.paginator.count, titles(response)) == (1, 0, [])
    assert "0 training opportunities match your search" in response.content.decode()


def test_htmx_request_gets_only_the_results(client, catalogue):
    response = client.get(
        "/training/?category=ips_core", headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert 'id="catalogue-results"' in html and "<html" not in html


def _bulk_catalogue(provider, tag, n_opps=500, n_sessions=2000, n_bookings=10_000):
    today = timezone.localdate()
    opps = TrainingOpportunity.objects.bulk_create(
        TrainingOpportunity(
            title=f"Course {n}",
            provider=provider,
            category="cpd_masterclass",
            audience="|psw|",
            description="Bulk",
            delivery_mode="online",
            start_date=today + timedelta(days=n % 90 + 1),
            cost_type="free",
            book_here=True,
            places_total=50,
            places_remaining=30,
            status="booking_open",
        )
        for n in range(n_opps)
    )
    # bulk_create skips save(), which fills the PostgreSQL search document.
    refresh_search_documents(opportunity_ids=[o.pk for o in opps])
    TrainingSession.objects.bulk_create(
        TrainingSession(
            opportunity=opps[n % n_opps],
            date=today + timedelta(days=n % 90 + 1),
            start_time=time(9),
            end_time=time(12),
        )
        for n in range(n_sessions)
    )
    users = User.objects.bulk_create(
        User(email=f"bulk{tag}{n}@example.test", full_name=f"Bulk {n}")
        for n in range(200)
    )
    rng = random.Random(6)
    pairs = set()
    while len(pairs) < n_bookings:
        pairs.add((rng.randrange(n_opps), rng.randrange(len(users))))
    TrainingBooking.objects.bulk_create(
        TrainingBooking(opportunity=opps[o], user=users[u], status="booked")
        for o, u in pairs
    )


def test_catalogue_query_count_is_fixed_at_scale(client, provider):
    _bulk_catalogue(provider, "s", n_opps=5, n_sessions=20, n_bookings=20)
    client.get("/training/?q=course&available=on")  # draws and caches the filters
    with CaptureQueriesContext(connection) as small:
        assert client.get("/training/?q=course&available=on").status_code == 200
    _bulk_catalogue(
        TrainingProvider.objects.create(name="P2", provider_type="other"), "l"
    )
    with CaptureQueriesContext(connection) as large:
        response = client.get("/training/?q=course&available=on")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 505
    assert len(large) == len(small) <= 6


def test_ics_has_every_session_in_london_time(client, opportunity):
    TrainingSession.objects.create(
        opportunity=opportunity,
        date=opportunity.start_date + timedelta(days=7),
        start_time=time(10),
        end_time=time(12),
    )
    response = client.get(f"/training/{opportunity.pk}/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 2
    assert {str(e["summary"]) for e in events} == {opportunity.title}
    assert events[0]["dtstart"].dt.tzinfo is not None
    assert str(events[0]["dtstart"].dt.tzinfo) == "Europe/London"


def test_ics_without_sessions_is_an_all_day_event(client, provider):
    opp = make_opportunity(provider)
    events = Calendar.from_ical(
        client.get(f"/training/{opp.pk}/calendar.ics").content
    ).walk("VEVENT")
    assert len(events) == 1 and events[0]["dtstart"].dt == opp.start_date


def test_detail_shows_places_left_sessions_and_cost(client, opportunity):
    html = client.get(opportunity.get_absolute_url()).content.decode()
    assert "2 of 2" in html and "9:30am to 4pm" in html and "Free" in html
    assert "Sign in" in html  # anonymous visitors are asked to sign in to book


def test_cancelled_training_shows_a_banner_for_30_days(client, opportunity):
    opportunity.status = "cancelled"
    opportunity.cancelled_at = timezone.now() - timedelta(days=29)
    opportunity.cancellation_reason = "Trainer unwell"
    opportunity.save()
    html = client.get(opportunity.get_absolute_url()).content.decode()
    assert "This training is cancelled" in html and "Trainer unwell" in html
    opportunity.cancelled_at = timezone.now() - timedelta(days=31)
    opportunity.save()
    assert client.get(opportunity.get_absolute_url()).status_code == 404


def test_filter_by_hee_competence_domain(client, catalogue, domains):
    from standards.models import CompetenceDomain

    domain = CompetenceDomain.objects.get(number=3)
    catalogue["ips"].hee_domains.add(domain)
    response = client.get("/training/?domain=3")
    assert titles(response) == ["Intentional Peer Support Core Training"]
    detail = client.get(catalogue["ips"].get_absolute_url()).content.decode()
    assert "HEE competence domains" in detail and domain.title[:30] in detail


def test_filter_form_is_a_plain_get_form_without_a_csrf_token(client, catalogue):
    html = client.get("/training/").content.decode()
    form = html.split('id="catalogue-filters"')[1].split("</form>")[0]
    assert "csrfmiddlewaretoken" not in form


def test_finished_training_is_hidden_unless_asked_for(client, catalogue):
    catalogue["ips"].status = "completed"
    catalogue["ips"].save()
    assert "Intentional Peer Support Core Training" not in titles(
        client.get("/training/")
    )
    shown = titles(client.get("/training/?past=on"))
    assert "Intentional Peer Support Core Training" in shown


def test_peer_worker_sees_training_from_their_trust_first(
    client, peer_worker, provider, trust_b
):
    ours = make_opportunity(provider, title="Greater Manchester peer forum", icb="")
    ours.proposed_by_trust = trust_b
    ours.save()
    make_opportunity(provider, title="Merseyside course")  # another ICB
    client.force_login(peer_worker)
    page = client.get("/training/").content.decode()
    assert "From your trust and near you" not in page  # no employer given
    peer_worker.employer_trust = trust_b
    peer_worker.save()
    page = client.get("/training/").content.decode()
    section = page.split("From your trust and near you", 1)[1].split("</section>")[0]
    assert ours.title in section and "Merseyside course" not in section
    # A filtered search is just the search.
    assert "From your trust" not in client.get("/training/?q=zzz").content.decode()


def test_cards_show_each_opportunity_with_its_status_tag(client, catalogue):
    """The cards are built in the view; the status tag comes from the one
    status → colour rule, on the card and on the opportunity's page alike."""
    html = client.get("/training/").content.decode()
    full = catalogue["supervisors"]
    tag = '<strong class="nhsuk-tag nhsuk-tag--orange">Full: waiting list</strong>'
    assert f"{tag} {full.provider.name}" in html
    assert tag in client.get(full.get_absolute_url()).content.decode()
    assert f'href="{catalogue["wrap"].get_absolute_url()}"' in html
    assert "Paid: £950" in html


def test_cards_show_dates_sessions_place_cost_and_places_left(client, provider):
    """The card's words are put together in the view from one row of values."""
    start = timezone.localdate().replace(day=1) + timedelta(days=400)
    opp = make_opportunity(
        provider, start_date=start, cost_type="paid", cost_gbp="120.50"
    )
    for day in range(3):
        TrainingSession.objects.create(
            opportunity=opp,
            date=start + timedelta(days=day),
            start_time=time(10),
            end_time=time(12),
        )
    make_opportunity(
        provider,
        title="One session online",
        delivery_mode="online",
        town="",
        book_here=False,
        status="completed",
        start_date=start,
    )
    card = client.get("/training/?past=on").content.decode()
    long = format_date(start, "j F Y")  # the words the template's filter gave
    assert f"{long} (3 sessions)</dd>" in card
    assert ">In person, Liverpool</dd>" in card and ">Paid: £120.50</dd>" in card
    assert ">2 of 2</dd>" in card and card.count("Places left") == 1
    assert f">{long}</dd>" in card and ">Online</dd>" in card and ">Free</dd>" in card
    assert '<strong class="nhsuk-tag nhsuk-tag--grey">Completed</strong>' in card


def test_a_status_without_its_own_words_is_a_grey_tag_with_its_label():
    running = TrainingOpportunity(status=TrainingOpportunity.Status.RUNNING)
    assert running.status_tag == ("nhsuk-tag nhsuk-tag--grey", "Running")
