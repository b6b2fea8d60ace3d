"""Stored full-text search document for opportunities, GIN-indexed on PostgreSQL.

The column is added on every database (on SQLite it stays empty, search there uses
icontains), but the GIN index and the backfill only make sense on PostgreSQL, so they
run in a vendor-conditional step that does nothing elsewhere.
"""

import django.contrib.postgres.search
from django.db import migrations

INDEX = "training_opp_search_doc_gin"


def index_and_backfill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from training.search import refresh_search_documents

    # Fill first, then build the index once, rather than updating it row by row.
    refresh_search_documents(using=schema_editor.connection.alias)
    schema_editor.execute(
        f"CREATE INDEX {INDEX} ON training_trainingopportunity "
        "USING gin (search_document)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0003_schedule_changed_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="trainingopportunity",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.RunPython(index_and_backfill, drop_index),
    ]
