"""The stored full-text search document of training opportunities (PostgreSQL only).

Searching used to build the tsvector of every opportunity at query time, so each
catalogue search cost a to_tsvector per row, twice (count, then page), and grew with
the data. The document is now stored in `TrainingOpportunity.search_document` with a
GIN index, and this module is the one place that fills it. Every write path that
changes what the document is built from calls `refresh_search_documents`:
TrainingOpportunity.save(), TrainingProvider.save() (the provider's name is part of
the document), the bulk inserts of the load-data generator and the migration's
backfill. There is no signal and no trigger, on purpose: a write that bypasses these
(a queryset .update() of title or description) must call it too.

On SQLite the column exists but stays empty: searching there uses the icontains
fallback, so refreshing is a no-op.
"""

from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F

SEARCH_CONFIG = "english"
# Weights match the ranking the catalogue always had: title A, provider B, body C.
DOCUMENT_SQL = f"""
    setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, coalesce(o.title, '')), 'A')
    || setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, coalesce(p.name, '')), 'B')
    || setweight(
        to_tsvector('{SEARCH_CONFIG}'::regconfig, coalesce(o.description, '')), 'C'
    )
"""
# The fields of each model the document is built from; saves that touch none skip it.
OPPORTUNITY_FIELDS = frozenset({"title", "description", "provider", "provider_id"})
PROVIDER_FIELDS = frozenset({"name"})


def refresh_search_documents(
    *,
    opportunity_ids: Iterable[int] | None = None,
    provider_ids: Iterable[int] | None = None,
    using: str | None = None,
) -> None:
    """Rebuild the stored document of the given opportunities (all when no ids given).

    One UPDATE joined to the provider, so a bulk insert of thousands of rows costs one
    statement, not one per row.
    """
    db = connections[using or DEFAULT_DB_ALIAS]
    if db.vendor != "postgresql":
        return
    conditions, params = ["p.id = o.provider_id"], []
    if opportunity_ids is not None:
        conditions.append("o.id = ANY(%s)")
        params.append(list(opportunity_ids))
    if provider_ids is not None:
        conditions.append("o.provider_id = ANY(%s)")
        params.append(list(provider_ids))
    with db.cursor() as cursor:
        cursor.execute(
            "UPDATE training_trainingopportunity AS o"
            f" SET search_document = {DOCUMENT_SQL}"
            " FROM training_trainingprovider AS p"
            f" WHERE {' AND '.join(conditions)}",
            params,
        )


def ranked_search(queryset, text: str):
    """Opportunities whose stored document matches, annotated with `rank`.

    Same weights as the document, so ranking is what the per-row vector gave; the
    GIN index and the stored column mean no to_tsvector runs per row.
    """
    from django.contrib.postgres.search import SearchQuery, SearchRank

    # websearch syntax never raises on user input (quotes, operators, SQL).
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    return queryset.filter(search_document=query).annotate(
        rank=SearchRank(F("search_document"), query)
    )


def touches_document(update_fields, document_fields: frozenset) -> bool:
    """Whether a save(update_fields=…) can have changed the search document."""
    return update_fields is None or bool(document_fields & set(update_fields))
