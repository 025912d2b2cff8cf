"""Claim counts per place and per source, kept by database triggers so that no write path can miss them.

The place list and the source list show (and sort by) how many claims each place has and how
many distinct claims cite each source. Counting them per page read a million index entries at
a million claims; here the counts are kept in `PlaceClaimCount` and `SourceClaimCount`, moved by
triggers on the claim and citation tables in the statement that changes them: a form, an import,
`bulk_create`, `QuerySet.update(place=...)`, a cascade delete or raw SQL all count alike.

- PostgreSQL: statement-level AFTER triggers with transition tables, so an import of 100,000
  claims updates each place's row once. A source counts a claim once however many of its
  quotes cite it: the trigger locks the affected sources' rows first (in id order, so two
  writers cannot deadlock), then compares each touched (source, claim) pair's citations now
  with the statement's own additions and removals, so a concurrent writer of the same pair
  is seen (READ COMMITTED: each statement of the trigger reads what was committed before it).
- SQLite: row-level triggers (SQLite has no other kind), with the same rules per row.

Not counted: TRUNCATE (fires no row triggers; Django's test flush empties these tables with
the others). On SQLite, a migration that rebuilds the claim or citation table (Django does that
for most column changes there) drops its triggers: such a migration calls `install` again
(`recount` too if it changed rows).
"""

from django.db.backends.base.schema import BaseDatabaseSchemaEditor

_POSTGRESQL = [
    """
    CREATE OR REPLACE FUNCTION curation_count_place_claims() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO curation_placeclaimcount AS kept (place_id, claims)
            SELECT place_id, count(*) FROM new_rows GROUP BY place_id ORDER BY place_id
            ON CONFLICT (place_id) DO UPDATE SET claims = kept.claims + excluded.claims;
        ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO curation_placeclaimcount AS kept (place_id, claims)
            SELECT place_id, -count(*) FROM old_rows GROUP BY place_id ORDER BY place_id
            ON CONFLICT (place_id) DO UPDATE SET claims = kept.claims + excluded.claims;
        ELSE
            INSERT INTO curation_placeclaimcount AS kept (place_id, claims)
            SELECT place_id, sum(change) FROM (
                SELECT place_id, 1 AS change FROM new_rows
                UNION ALL SELECT place_id, -1 FROM old_rows
            ) AS changes GROUP BY place_id HAVING sum(change) <> 0 ORDER BY place_id
            ON CONFLICT (place_id) DO UPDATE SET claims = kept.claims + excluded.claims;
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION curation_count_source_claims() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        sources bigint[];
        claims bigint[];
        added bigint[];
        removed bigint[];
    BEGIN
        -- The (source, claim) pairs the statement touched, with its own citations added and removed.
        IF TG_OP = 'INSERT' THEN
            SELECT array_agg(source_id), array_agg(claim_id), array_agg(n), array_agg(0::bigint)
            INTO sources, claims, added, removed
            FROM (SELECT source_id, claim_id, count(*) AS n FROM new_rows GROUP BY 1, 2) AS pairs;
        ELSIF TG_OP = 'DELETE' THEN
            SELECT array_agg(source_id), array_agg(claim_id), array_agg(0::bigint), array_agg(n)
            INTO sources, claims, added, removed
            FROM (SELECT source_id, claim_id, count(*) AS n FROM old_rows GROUP BY 1, 2) AS pairs;
        ELSE
            SELECT array_agg(source_id), array_agg(claim_id), array_agg(plus), array_agg(minus)
            INTO sources, claims, added, removed
            FROM (
                SELECT source_id, claim_id, sum(plus) AS plus, sum(minus) AS minus FROM (
                    SELECT source_id, claim_id, 1 AS plus, 0 AS minus FROM new_rows
                    UNION ALL SELECT source_id, claim_id, 0, 1 FROM old_rows
                ) AS changes GROUP BY 1, 2 HAVING sum(plus) <> sum(minus)
            ) AS pairs;
        END IF;
        IF sources IS NULL THEN
            RETURN NULL;
        END IF;
        -- Lock the sources' counts in id order: a concurrent writer of the same sources waits
        -- here until it commits, and what it wrote is then visible to the count below.
        INSERT INTO curation_sourceclaimcount (source_id, claims)
        SELECT DISTINCT source_id, 0 FROM unnest(sources) AS source_id ORDER BY source_id
        ON CONFLICT (source_id) DO NOTHING;
        PERFORM 1 FROM curation_sourceclaimcount
        WHERE source_id = ANY (sources) ORDER BY source_id FOR UPDATE;
        -- A pair is new when it has citations now and had none before the statement, and gone
        -- in the opposite case.
        UPDATE curation_sourceclaimcount AS kept SET claims = kept.claims + moved.change
        FROM (
            SELECT source_id, sum((now_n > 0)::int - (now_n - plus + minus > 0)::int) AS change
            FROM (
                SELECT pair.source_id, pair.plus, pair.minus, (
                    SELECT count(*) FROM curation_citation AS citation
                    WHERE citation.claim_id = pair.claim_id AND citation.source_id = pair.source_id
                ) AS now_n
                FROM unnest(sources, claims, added, removed) AS pair (source_id, claim_id, plus, minus)
            ) AS pairs
            GROUP BY source_id
        ) AS moved
        WHERE kept.source_id = moved.source_id AND moved.change <> 0;
        RETURN NULL;
    END $$
    """,
    *[
        f"""
        CREATE TRIGGER curation_{table}_count_{op.lower()} AFTER {op} ON curation_{table}
        REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION curation_count_{counted}_claims()
        """
        for table, counted in (("claim", "place"), ("citation", "source"))
        for op, referencing in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        )
    ],
]

_SAME_PAIR = "source_id = {row}.source_id AND claim_id = {row}.claim_id"
_SQLITE = [
    """
    CREATE TRIGGER curation_claim_count_insert AFTER INSERT ON curation_claim BEGIN
        INSERT INTO curation_placeclaimcount (place_id, claims) VALUES (NEW.place_id, 1)
        ON CONFLICT (place_id) DO UPDATE SET claims = claims + 1;
    END
    """,
    """
    CREATE TRIGGER curation_claim_count_delete AFTER DELETE ON curation_claim BEGIN
        UPDATE curation_placeclaimcount SET claims = claims - 1 WHERE place_id = OLD.place_id;
    END
    """,
    """
    CREATE TRIGGER curation_claim_count_update AFTER UPDATE OF place_id ON curation_claim
    WHEN OLD.place_id IS NOT NEW.place_id BEGIN
        UPDATE curation_placeclaimcount SET claims = claims - 1 WHERE place_id = OLD.place_id;
        INSERT INTO curation_placeclaimcount (place_id, claims) VALUES (NEW.place_id, 1)
        ON CONFLICT (place_id) DO UPDATE SET claims = claims + 1;
    END
    """,
    f"""
    CREATE TRIGGER curation_citation_count_insert AFTER INSERT ON curation_citation
    WHEN (SELECT count(*) FROM curation_citation WHERE {_SAME_PAIR.format(row="NEW")}) = 1 BEGIN
        INSERT INTO curation_sourceclaimcount (source_id, claims) VALUES (NEW.source_id, 1)
        ON CONFLICT (source_id) DO UPDATE SET claims = claims + 1;
    END
    """,
    f"""
    CREATE TRIGGER curation_citation_count_delete AFTER DELETE ON curation_citation
    WHEN NOT EXISTS (SELECT 1 FROM curation_citation WHERE {_SAME_PAIR.format(row="OLD")}) BEGIN
        UPDATE curation_sourceclaimcount SET claims = claims - 1 WHERE source_id = OLD.source_id;
    END
    """,
    f"""
    CREATE TRIGGER curation_citation_count_update AFTER UPDATE OF source_id, claim_id ON curation_citation
    WHEN OLD.source_id IS NOT NEW.source_id OR OLD.claim_id IS NOT NEW.claim_id BEGIN
        UPDATE curation_sourceclaimcount SET claims = claims - 1 WHERE source_id = OLD.source_id
        AND NOT EXISTS (SELECT 1 FROM curation_citation WHERE {_SAME_PAIR.format(row="OLD")});
        INSERT INTO curation_sourceclaimcount (source_id, claims)
        SELECT NEW.source_id, 1 WHERE (SELECT count(*) FROM curation_citation WHERE {_SAME_PAIR.format(row="NEW")}) = 1
        ON CONFLICT (source_id) DO UPDATE SET claims = claims + 1;
    END
    """,
]

_TRIGGERS = [
    f"curation_{table}_count_{op}" for table in ("claim", "citation") for op in ("insert", "update", "delete")
]

_RECOUNT = [
    "DELETE FROM curation_placeclaimcount",
    """
    INSERT INTO curation_placeclaimcount (place_id, claims)
    SELECT place_id, count(*) FROM curation_claim GROUP BY place_id
    """,
    "DELETE FROM curation_sourceclaimcount",
    """
    INSERT INTO curation_sourceclaimcount (source_id, claims)
    SELECT source_id, count(DISTINCT claim_id) FROM curation_citation GROUP BY source_id
    """,
]


def install(schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Create (or re-create) the counting triggers for the schema editor's database."""
    uninstall(schema_editor)
    for statement in _POSTGRESQL if schema_editor.connection.vendor == "postgresql" else _SQLITE:
        schema_editor.execute(statement, params=None)


def uninstall(schema_editor: BaseDatabaseSchemaEditor) -> None:
    postgresql = schema_editor.connection.vendor == "postgresql"
    for name in _TRIGGERS:
        table = "curation_claim" if "_claim_" in name else "curation_citation"
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}{f' ON {table}' if postgresql else ''}", params=None)
    if postgresql:
        for counted in ("place", "source"):
            schema_editor.execute(f"DROP FUNCTION IF EXISTS curation_count_{counted}_claims()", params=None)


def recount(schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Count every place's and source's claims afresh (after the triggers were off)."""
    for statement in _RECOUNT:
        schema_editor.execute(statement, params=None)
