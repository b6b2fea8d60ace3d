"""Catalogue search reads a stored, indexed document that every write keeps current.

PostgreSQL only: on SQLite the catalogue searches with icontains and the stored
document is never filled (tests/training/test_catalogue_views.py covers that path).
"""

from datetime import date, timedelta

import pytest
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchmarks import loaddata
from tests.training.conftest import make_opportunity
from tests.training.test_catalogue_views import titles
from training.models import TrainingOpportunity, TrainingProvider

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="stored full-text search document is PostgreSQL only; "
        "run with DATABASE_URL=postgres://…",
    ),
]


def form_data(provider, **extra):
    start = timezone.localdate() + timedelta(days=40)
    data = {
        "title": "Peer leadership programme",
        "provider": provider.pk,
        "category": "peer_leadership",
        "audiences": ["psw"],
        "description": "Six sessions on leading teams through reorganisation.",
        "delivery_mode": "online",
        "start_date": start.isoformat(),
        "cost_type": "free",
    }
    data.update(extra)
    return data


def search(client, text):
    return titles(client.get("/training/", {"q": text}))


def test_training_added_through_the_form_is_found_by_its_words(
    login, coordinator, provider, client
):
    staff = login(coordinator)
    assert staff.post("/training/new/", form_data(provider)).status_code == 302
    opportunity = TrainingOpportunity.objects.get()
    staff.post(f"/training/{opportunity.pk}/publish/")

    assert search(client, "leadership") == ["Peer leadership programme"]
    assert search(client, "reorganisation") == ["Peer leadership programme"]
    assert search(client, "Mersey Recovery") == ["Peer leadership programme"]


def test_edited_title_is_found_by_its_new_words_and_not_its_old(
    login, coordinator, provider, client
):
    opportunity = make_opportunity(provider, delivery_mode="online", location="")
    data = form_data(
        provider,
        title="Lived experience storytelling",
        description=opportunity.description,
        start_date=opportunity.start_date.isoformat(),
        booking_deadline=opportunity.booking_deadline.isoformat(),
        book_here="on",
        places_total="2",
    )
    response = login(coordinator).post(f"/training/{opportunity.pk}/edit/", data)
    assert response.status_code == 302

    assert search(client, "storytelling") == ["Lived experience storytelling"]
    assert search(client, "intentional") == []


def test_renamed_provider_is_found_by_its_new_name(client, provider):
    make_opportunity(provider)
    provider.name = "Wirral Peer Academy"
    provider.save()

    assert search(client, "Wirral academy") == [
        "Intentional Peer Support Core Training"
    ]
    assert search(client, "Mersey") == []


def test_generated_load_data_is_searchable():
    """bulk_create skips save(); the generator fills the documents itself."""
    loaddata.generate(scale=0.02, seed=3, anchor=date(2026, 11, 26), log=print)
    opportunities = TrainingOpportunity.objects.all()
    assert opportunities.exists()
    assert not opportunities.filter(search_document__isnull=True).exists()
    assert opportunities.search("load provider").count() == opportunities.count()


def test_stored_document_is_what_search_used_to_compute_per_row(provider):
    """Same weights and text as before, so results and ranking order are unchanged."""
    other = TrainingProvider.objects.create(name="Copeland Center", provider_type="ips")
    make_opportunity(provider)
    make_opportunity(other, title="WRAP Facilitator", description="")
    computed = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("provider__name", weight="B", config="english")
        + SearchVector("description", weight="C", config="english")
    )
    rows = TrainingOpportunity.objects.annotate(computed=computed).values_list(
        "search_document", "computed"
    )
    assert len(rows) == 2
    assert all(stored == computed for stored, computed in rows)


def test_status_only_save_does_not_rewrite_the_document(provider):
    opportunity = make_opportunity(provider)
    with CaptureQueriesContext(connection) as queries:
        opportunity.status = "booking_closed"
        opportunity.save(update_fields=["status", "updated_at"])
    assert not any("search_document" in q["sql"] for q in queries.captured_queries)


def test_search_does_not_build_a_document_per_row(client, provider):
    make_opportunity(provider)
    with CaptureQueriesContext(connection) as queries:
        assert search(client, "peer support") == [
            "Intentional Peer Support Core Training"
        ]
    searches = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]
    assert len(searches) == 1, "expected the page, counting the matches as it goes"
    assert not any("to_tsvector" in sql for sql in searches)


def test_search_can_use_the_gin_index(provider):
    make_opportunity(provider)
    queryset = TrainingOpportunity.objects.search("peer")
    with connection.cursor() as cursor:
        # A handful of rows would be scanned sequentially; ask whether the index fits.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "training_opp_search_doc_gin" in plan
