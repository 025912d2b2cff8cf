# The citations' search document as a stored column (PostgreSQL only), for phrase searches.
#
# The GIN index of 0001 is on the expression to_tsvector(quote): it finds the citations holding
# every word of a phrase, but checking that the words stand next to each other needs their
# positions, which a GIN index does not keep, so PostgreSQL recomputed to_tsvector for each such
# citation (about 0.9 s for "bonded warehouse" at a million claims). A column GENERATED ALWAYS ...
# STORED keeps the document with its positions, computed by the database on every insert and
# update, so no write path can leave it stale; the search reads it (curation.db.search). The
# expression is the one SearchVector("quote", config="english") writes, so matches are unchanged.
# SQLite searches with LIKE and has neither column nor index.

from django.db import migrations

FORWARD = [
    "ALTER TABLE curation_citation ADD COLUMN quote_document tsvector"
    " GENERATED ALWAYS AS (to_tsvector('english'::regconfig, COALESCE(quote, ''))) STORED",
    "CREATE INDEX citation_quote_document_idx ON curation_citation USING gin (quote_document)",
    "DROP INDEX IF EXISTS citation_quote_search_idx",
    "ANALYZE curation_citation",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS citation_quote_search_idx ON curation_citation"
    " USING gin (to_tsvector('english'::regconfig, COALESCE(quote, '')))",
    "DROP INDEX IF EXISTS citation_quote_document_idx",
    "ALTER TABLE curation_citation DROP COLUMN IF EXISTS quote_document",
]


def add_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement, params=None)


def remove_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("curation", "0002_claim_counts"),
    ]

    operations = [
        migrations.RunPython(add_document, remove_document),
    ]
