"""Corroboration counts in a narrow table of their own (issue 18), moved out of the claim table.

The full run writes tens of thousands of counts. As a claim column in the predicate of a partial
index, every count UPDATE rewrote all two dozen claim indexes (EXPLAIN ANALYZE at a million
claims: 11.7 s for 5,000 rows cold, 1.4 s warm). `ClaimCorroboration` holds a row only for a
claim that two or more outlets report, so the counts are moved in one INSERT … SELECT, and the
partial index goes with the column (the listing's filter joins the narrow table by its key).
"""

import django.db.models.deletion
from django.db import migrations, models

from curation.db import claim_counts

MOVE_IN = """
INSERT INTO curation_claimcorroboration (claim_id, outlets)
SELECT id, corroboration_count FROM curation_claim WHERE corroboration_count >= 2
"""
MOVE_BACK = """
UPDATE curation_claim SET corroboration_count = (
    SELECT outlets FROM curation_claimcorroboration kept WHERE kept.claim_id = curation_claim.id
) WHERE id IN (SELECT claim_id FROM curation_claimcorroboration)
"""


def move_in(apps, schema_editor):
    schema_editor.execute(MOVE_IN, params=None)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE curation_claimcorroboration", params=None)


def move_back(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        # SQLite rebuilt the claim table to add the column back, which dropped the triggers that
        # count its claims (curation.db.claim_counts). Dropping it (forward) is an ALTER TABLE.
        claim_counts.install(schema_editor)
    schema_editor.execute(MOVE_BACK, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("curation", "0004_place_name_key"),
    ]

    operations = [
        migrations.CreateModel(
            name="ClaimCorroboration",
            fields=[
                (
                    "claim",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="corroboration",
                        serialize=False,
                        to="curation.claim",
                    ),
                ),
                (
                    "outlets",
                    models.PositiveSmallIntegerField(
                        help_text="Independent outlets reporting this figure (same place, metric, period; values "
                        "within their qualifiers), counting this claim's own sources and those of approved agreeing "
                        "claims; syndicated copies count once.",
                        verbose_name="independent outlets",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("outlets__gte", 2)), name="claimcorroboration_two_or_more_outlets"
                    )
                ],
            },
        ),
        migrations.RunPython(move_in, move_back),
        migrations.RemoveIndex(
            model_name="claim",
            name="claim_corroborated_idx",
        ),
        migrations.RemoveField(
            model_name="claim",
            name="corroboration_count",
        ),
    ]
