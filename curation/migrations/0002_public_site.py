"""Indexes for the public site: partial indexes for the listing orders, and (on PostgreSQL
only) GIN indexes for full-text search of quotes and attributions.

The GIN indexes are built from the same SearchVector expressions that
curation.selectors.search_claims filters on, so the planner can use them; SQLite has no
GIN indexes and searches with LIKE instead, so the operation does nothing there.
"""

from django.db import migrations, models

SEARCH_CONFIG = "english"


def _search_indexes():
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    return [
        ("Citation", GinIndex(SearchVector("quote", config=SEARCH_CONFIG), name="citation_quote_search_idx")),
        ("Claim", GinIndex(SearchVector("attribution", config=SEARCH_CONFIG), name="claim_attribution_search_idx")),
    ]


def add_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in _search_indexes():
        schema_editor.add_index(apps.get_model("curation", model_name), index)


def remove_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in _search_indexes():
        schema_editor.remove_index(apps.get_model("curation", model_name), index)


class Migration(migrations.Migration):

    dependencies = [
        ('curation', '0001_initial'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(condition=models.Q(('status', 'approved')), fields=['period_end', 'id'], name='claim_approved_period_idx'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(condition=models.Q(('status', 'approved')), fields=['value', 'id'], name='claim_approved_value_idx'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(condition=models.Q(('status', 'approved')), fields=['place', 'period_end', 'id'], name='claim_approved_place_idx'),
        ),
        migrations.RunPython(add_search_indexes, remove_search_indexes),
    ]
