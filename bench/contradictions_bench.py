"""Benchmark of the contradiction engine: N synthetic claims, a full run and per-claim save-time checks.

Run from the project folder (prints figures; asserts nothing):

    .venv/bin/python bench/contradictions_bench.py --sizes 10000 100000
    .venv/bin/python bench/contradictions_bench.py --sizes 10000 100000 \
        --database postgres://postgres@127.0.0.1:5432/ftz_engine_bench

Without --database it uses a throw-away SQLite file in the temp folder. The PostgreSQL database
must exist; every table the bench writes is emptied before each size.

The synthetic data has the shape of the real thing: a part-of graph (regions, prefectures,
FTZ areas that also belong to a zone, so some places have two parents), a few place names
that read alike across kinds, articles with several claims about one place, converted
currency figures, level/growth/increase triples, and a small share of planted conflicts
(duplicates with other values, parts larger than their whole, sub-periods larger than the
year, off-band exchange rates).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

PERIODS = [  # (start month, end month) within a year: full year, halves, quarters, Jan-Aug
    (1, 12), (1, 6), (7, 12), (1, 3), (4, 6), (7, 9), (10, 12), (1, 8),
]  # fmt: skip
YEARS = range(2019, 2026)
FLOW_METRICS = ["trade_value", "cargo_throughput", "vehicle_exports", "contracted_investment"]


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


def generate(n: int, *, seed: int = 4) -> dict[str, int]:
    """Create about `n` claims (with places, metrics, sources and primary citations) in the current database.

    Rows are built as tuples and written with COPY on PostgreSQL (a million claims in a couple
    of minutes) or bulk_create on SQLite.
    """
    from curation.contradictions.rules import DEFAULT_RATE_BANDS
    from curation.models import Metric, Outlet, Place, PlaceAlias, PlaceLink

    rng = random.Random(seed)
    metrics = {
        code: Metric.objects.create(code=code, name=code.replace("_", " "), unit=unit, nature=nature, is_additive=add)
        for code, unit, nature, add in [
            ("trade_value", "CNY", "flow", True),
            ("new_enterprises", "enterprises", "flow", True),
            ("cargo_throughput", "t", "flow", True),
            ("vehicle_exports", "vehicles", "flow", True),
            ("contracted_investment", "CNY", "flow", True),
            ("registered_enterprises", "enterprises", "stock", True),
            ("registered_growth", "%", "rate", False),
            ("trade_growth_yoy", "%", "rate", False),
            ("vehicle_growth_yoy", "%", "rate", False),
            ("area", "km2", "stock", True),
            ("share_of_trade", "%", "rate", False),
        ]
    }
    Metric.objects.filter(code="registered_growth").update(growth_of=metrics["registered_enterprises"])
    Metric.objects.filter(code="trade_growth_yoy").update(growth_of=metrics["trade_value"])
    Metric.objects.filter(code="vehicle_growth_yoy").update(growth_of=metrics["vehicle_exports"])
    Metric.objects.filter(code="new_enterprises").update(increment_of=metrics["registered_enterprises"])
    growth_metric = {"trade_value": "trade_growth_yoy", "vehicle_exports": "vehicle_growth_yoy"}
    outlets = [Outlet.objects.create(name=f"Outlet {number}").pk for number in range(40)]

    # Places: regions > prefectures > areas; every area also lies in its region's zone (two parents).
    leaves_wanted = max(20, n // 40)
    regions = max(2, leaves_wanted // 200)
    prefectures_per_region = 10
    leaves_per_prefecture = max(1, leaves_wanted // (regions * prefectures_per_region))
    places, links, aliases = [], [], []
    level = {}  # place pk -> scale of its figures
    pk = 0

    def add_place(name, kind, scale):
        nonlocal pk
        pk += 1
        places.append(Place(pk=pk, name=name, slug=f"p{pk}", kind=kind))
        level[pk] = scale
        return pk

    leaf_ids, pref_ids, top_ids = [], [], []
    for r in range(regions):
        region = add_place(f"Region {r}", Place.Kind.REGION, 100)
        zone = add_place(f"Zone {r} FTZ", Place.Kind.ZONE, 20)
        links.append(PlaceLink(part_id=zone, whole_id=region))
        top_ids += [region, zone]
        for p in range(prefectures_per_region):
            prefecture = add_place(f"Town{r}x{p} Prefecture", Place.Kind.PREFECTURE, 10)
            trap = p % 5 == 0  # one prefecture in five has an FTZ area of the same name
            links.append(PlaceLink(part_id=prefecture, whole_id=region))
            pref_ids.append(prefecture)
            for a in range(leaves_per_prefecture):
                # The scope trap: the area is called like the prefecture it lies in.
                name = f"Town{r}x{p} Area (FTZ)" if a == 0 and trap else f"Site{r}x{p}x{a} Area (FTZ)"
                leaf = add_place(name, Place.Kind.FTZ_AREA, 1)
                links += [PlaceLink(part_id=leaf, whole_id=prefecture), PlaceLink(part_id=leaf, whole_id=zone)]
                if a == 0 and trap:
                    aliases.append(PlaceAlias(place_id=leaf, name=f"Town{r}x{p} FTZ area"))
                leaf_ids.append(leaf)
    Place.objects.bulk_create(places, batch_size=2000)
    PlaceLink.objects.bulk_create(links, batch_size=2000)
    PlaceAlias.objects.bulk_create(aliases, batch_size=2000)

    claims: list[tuple] = []  # (pk, place, metric code, value, unit, qualifier, start, end, conversion_of, source)
    sources: list[tuple] = []  # (pk, outlet, published_on, reliability, is_ai_assisted, body)
    next_claim = 0

    def claim(source_pk, place, metric, value, *, start=None, end, qualifier="exact", unit=None, conversion_of=None):
        nonlocal next_claim
        next_claim += 1
        value = Decimal(value).quantize(Decimal("0.1") if metrics[metric].nature == "rate" else Decimal(1))
        claims.append(
            (next_claim, place, metric, value, unit or metrics[metric].unit, qualifier, start, end, conversion_of,
             source_pk)
        )  # fmt: skip
        return next_claim

    def article_body(source_pk):
        words = [rng.choice(BODY_WORDS) for _ in range(70)]
        return f"Synthetic article {source_pk}. " + " ".join(words) + "."

    while next_claim < n:
        source_pk = len(sources) + 1
        roll = rng.random()
        place = rng.choice(leaf_ids if roll < 0.7 else pref_ids if roll < 0.93 else top_ids)
        scale = level[place]
        year = rng.choice(YEARS)
        published = dt.date(year, 12, 31) + dt.timedelta(days=rng.randint(1, 60)) if rng.random() < 0.7 else None
        body = article_body(source_pk)
        sources.append((source_pk, rng.choice(outlets), published, rng.choice("ABBCCDU"), rng.random() < 0.05, body))
        for _ in range(rng.randint(3, 7)):
            metric = rng.choice(FLOW_METRICS)
            first, last = rng.choice(PERIODS)
            months = last - first + 1
            # Articles that state the same figure agree: the value depends only on what it measures.
            cell = random.Random(f"{place}-{metric}-{year}-{first}-{last}")
            value = scale * 1_000_000 * months * cell.uniform(0.9, 1.1)
            if rng.random() < 0.001:
                value *= 300  # planted: a part or sub-period far larger than its whole
            start, end = dt.date(year, first, 1), _month_end(year, last)
            qualifier = rng.choice(["exact", "exact", "about", "more_than"])
            made = claim(source_pk, place, metric, value, start=start, end=end, qualifier=qualifier)
            if rng.random() < 0.02:  # planted: a second, different figure for the same place, metric and period
                claim(source_pk, place, metric, value * 1.4, start=start, end=end)
            if metric in growth_metric and last < 12 and rng.random() < 0.3:
                # A part-year figure with its growth rate: 0-20% a year; 1 in 100 implausible (a base-period spike).
                growth = cell.uniform(0, 20) if rng.random() < 0.99 else 150
                claim(source_pk, place, growth_metric[metric], growth, start=start, end=end)
                if rng.random() < 0.3 and year > min(YEARS) + 1:
                    # A running total since November two years before: 1 in 50 far too large (pace).
                    total_months = 14 + last
                    total = scale * 1_000_000 * total_months * (1 if rng.random() < 0.98 else 2.5)
                    claim(source_pk, place, metric, total, start=dt.date(year - 2, 11, 1), end=end, qualifier="about")
            if metric == "trade_value" and rng.random() < 0.1:
                band_year = (published or end).year
                low, high = (Decimal(bound) for bound in DEFAULT_RATE_BANDS["CNY/USD"][band_year])
                rate = (low + high) / 2 if rng.random() < 0.9 else high * 2  # 1 in 10 off the band
                claim(source_pk, place, metric, Decimal(value) / rate, start=start, end=end, unit="USD",
                      conversion_of=made)  # fmt: skip
        if rng.random() < 0.3:  # level, growth and increase in one article
            as_of = dt.date(year, 12, 31)
            cell = random.Random(f"{place}-registered-{year}")
            registered = scale * 30_000_000 * cell.uniform(0.9, 1.1)
            growth = cell.uniform(20, 150)
            increase = registered * growth / (100 + growth) * (1 if rng.random() < 0.95 else 0.5)  # 1 in 20 wrong
            claim(source_pk, place, "registered_enterprises", registered, end=as_of)
            claim(source_pk, place, "registered_growth", growth, start=dt.date(year, 1, 1), end=as_of)
            claim(source_pk, place, "new_enterprises", increase, start=dt.date(year, 1, 1), end=as_of,
                  qualifier="about")  # fmt: skip
        if rng.random() < 0.01 and len(sources) > 1:
            # A syndicated copy of this article under another outlet: same text, another dateline.
            copy_pk = len(sources) + 1
            copied = [row for row in claims if row[9] == source_pk and row[8] is None]
            sources.append((copy_pk, rng.choice(outlets), published, "B", False, f"Reprint. {body}"))
            for row in copied:
                claim(copy_pk, row[1], row[2], row[3], start=row[6], end=row[7], qualifier=row[5], unit=row[4])

    _write(sources, claims, metrics)
    return {"claims": len(claims), "places": len(places), "sources": len(sources)}


BODY_WORDS = (
    "trade exports imports customs logistics railway port enterprises zone area investment growth cotton "
    "textiles vehicles electronics walnuts warehouse bonded clearance freight cargo officials percent billion"
).split()


def _write(sources, claims, metrics) -> None:
    """Sources, approved claims and their primary citations: COPY on PostgreSQL, bulk_create on SQLite."""
    from django.db import connection
    from django.utils import timezone

    from curation.models import Citation, Claim, Source, body_content_hash

    now, today = timezone.now(), timezone.localdate()

    def version(model) -> tuple[str, tuple]:
        """The optimistic-concurrency version column (0) in the COPY, when the model has one."""
        return (", version", (0,)) if any(field.name == "version" for field in model._meta.fields) else ("", ())

    (source_column, source_value), (claim_column, claim_value), (citation_column, citation_value) = (
        version(Source),
        version(Claim),
        version(Citation),
    )

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            with cursor.cursor.copy(
                "COPY curation_source (id, title, outlet_id, url, published_on, body, content_hash, retrieved_on, "
                f"reliability, is_ai_assisted, notes, created_at{source_column}) FROM STDIN"
            ) as copy:
                for pk, outlet, published, grade, ai, body in sources:
                    copy.write_row((pk, f"Synthetic article {pk}", outlet, None, published, body,
                                    body_content_hash(body), today, grade, ai, "", now, *source_value))  # fmt: skip
            with cursor.cursor.copy(
                "COPY curation_claim (id, place_id, metric_id, value, value_max, unit, qualifier, period_start, "
                "period_end, period_label, attribution, notes, conversion_of_id, status, rank, rank_reason, "
                f"created_at, updated_at, review_note{claim_column}) FROM STDIN"
            ) as copy:
                for pk, place, metric, value, unit, qualifier, start, end, conversion_of, _ in claims:
                    row = (pk, place, metrics[metric].pk, value, None, unit, qualifier, start, end, "", "", "",
                           conversion_of, "approved", "normal", "", now, now, "", *claim_value)  # fmt: skip
                    copy.write_row(row)
            with cursor.cursor.copy(
                "COPY curation_citation (id, claim_id, source_id, quote, is_primary, quote_start, quote_end, note"
                f"{citation_column}) FROM STDIN"
            ) as copy:
                for row in claims:
                    copy.write_row((row[0], row[0], row[9], f"figure {row[0]}", True, None, None, "", *citation_value))
            for table in ("curation_source", "curation_claim", "curation_citation"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table}")
            # A live database has planner statistics; a freshly loaded one has none until autovacuum runs.
            cursor.execute("ANALYZE")
        return
    Source.objects.bulk_create(
        [
            Source(
                pk=pk,
                title=f"Synthetic article {pk}",
                outlet_id=outlet,
                published_on=published,
                body=body,
                content_hash=body_content_hash(body),
                reliability=grade,
                is_ai_assisted=ai,
            )  # fmt: skip
            for pk, outlet, published, grade, ai, body in sources
        ],
        batch_size=2000,
    )
    Claim.objects.bulk_create(
        [
            Claim(
                pk=pk,
                place_id=place,
                metric=metrics[metric],
                value=value,
                unit=unit,
                qualifier=qualifier,
                period_start=start,
                period_end=end,
                conversion_of_id=conversion_of,
                status=Claim.Status.APPROVED,
            )
            for pk, place, metric, value, unit, qualifier, start, end, conversion_of, _ in claims
        ],  # fmt: skip
        batch_size=2000,
    )
    Citation.objects.bulk_create(
        [Citation(claim_id=row[0], source_id=row[9], quote=f"figure {row[0]}", is_primary=True) for row in claims],
        batch_size=2000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def clear() -> None:
    """Empty every table the bench writes, history included; row-by-row deletes would take minutes."""
    from django.db import connection

    from curation.models import (
        Citation,
        Claim,
        ClaimCorroboration,
        Contradiction,
        Metric,
        Outlet,
        Place,
        PlaceAlias,
        PlaceLink,
        Source,
    )

    models = [Contradiction, ClaimCorroboration, Citation, Claim, Source, Outlet, PlaceAlias, PlaceLink, Place, Metric]
    tables = [model._meta.db_table for model in models]
    tables += [model.history.model._meta.db_table for model in models if hasattr(model, "history")]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(connection.ops.quote_name(table) for table in tables)} CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


def time_per_claim_checks(*, samples: int, seed: int = 4) -> dict:
    """Time the save-time check of `samples` random claims; returns median, p95 and max in ms.

    Also the check's CPU time in this process (median; the rest of the wall time is the database
    and waiting for a core) and its statements (BEGIN and COMMIT not counted; at most, and mean).
    """
    from django.db import connection

    from curation.contradictions import detection
    from curation.models import Claim

    rng = random.Random(seed)
    pks = list(Claim.objects.values_list("pk", flat=True))
    for pk in rng.sample(pks, min(5, len(pks))):  # warm up, as a running web worker is
        detection.detect_for_claim(claim=Claim.objects.get(pk=pk))
    timings, cpu, statements = [], [], []

    def count(execute, sql, params, many, context):
        statements[-1] += 1
        return execute(sql, params, many, context)

    for pk in rng.sample(pks, min(samples, len(pks))):
        claim = Claim.objects.get(pk=pk)
        statements.append(0)
        with connection.execute_wrapper(count):
            started, cpu_started = time.perf_counter(), time.process_time()
            detection.detect_for_claim(claim=claim)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
    timings.sort()
    return {
        "per_claim_median_ms": statistics.median(timings),
        "per_claim_p95_ms": timings[max(0, int(len(timings) * 0.95) - 1)],
        "per_claim_max_ms": timings[-1],
        "per_claim_cpu_median_ms": statistics.median(cpu),
        "per_claim_queries_max": max(statements),
        "per_claim_queries_mean": statistics.mean(statements),
    }


# The rules as they were before issue 18 (six rules, conversions judged by the data's year), timed
# side by side with the current ones on the same loaded claims.
OLD_RULES_REV = "ae7c30a"


MOVED_MODULES = {
    "curation.formatting": "curation.text.formatting",
    "curation.versions": "curation.review.versions",
    **{f"curation.{name}": f"curation.db.{name}" for name in ("counting", "generation", "search", "lookups")},
}


def load_old_rules(rev: str = OLD_RULES_REV):
    """The rules module of an earlier commit, imported under another name (None when git cannot give it)."""
    import importlib.util

    try:
        text = subprocess.run(
            ["git", "-C", str(BASE_DIR), "show", f"{rev}:curation/contradictions/rules.py"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    # Modules the old rules import have since moved into subpackages (curation/db/, curation/text/).
    for old_path, new_path in MOVED_MODULES.items():
        text = text.replace(old_path, new_path)
    path = Path(tempfile.gettempdir()) / f"ftz_old_rules_{rev}_{os.getpid()}.py"
    path.write_text(text)
    spec = importlib.util.spec_from_file_location(f"ftz_old_rules_{rev}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    path.unlink()
    return module


def _progress(text: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {text}", flush=True)


def time_rules_side_by_side() -> dict:
    """Load the claims once; time the current rules and the old ones over them (pure rule time, no I/O)."""
    import dataclasses

    from curation.contradictions import detection, rules

    started = time.perf_counter()
    facts = detection.load_claim_facts()
    graph = detection.load_place_graph()
    result = {"load_s": time.perf_counter() - started}
    _progress(f"loaded {len(facts)} claims in {result['load_s']:.1f} s")
    # CPU time beside wall time: on a shared machine the wall clock mostly measures the neighbours.
    started, cpu = time.perf_counter(), time.process_time()
    found = rules.find(rules.ClaimIndex.build(facts), graph, rules=detection.configured_rules())
    result.update(
        rules_s=time.perf_counter() - started, rules_cpu_s=time.process_time() - cpu, rules_findings=len(found)
    )
    _progress(f"current rules: {result['rules_s']:.1f} s wall, {result['rules_cpu_s']:.1f} s CPU, {len(found)} found")
    old = load_old_rules()
    if old is not None:
        names = {item.name for item in dataclasses.fields(old.ClaimFacts)}
        old_facts = [old.ClaimFacts(**{name: getattr(item, name) for name in names}) for item in facts]
        old_graph = old.PlaceGraph(
            [old.PlaceFacts(p.id, p.name, p.kind, p.aliases) for p in graph.places.values()],
            [(part, whole) for part, wholes in graph._parents.items() for whole in wholes],
        )
        started, cpu = time.perf_counter(), time.process_time()
        old_found = old.find(old.ClaimIndex.build(old_facts), old_graph)
        result.update(
            old_rules_s=time.perf_counter() - started,
            old_rules_cpu_s=time.process_time() - cpu,
            old_rules_findings=len(old_found),
        )
        _progress(
            f"old six rules: {result['old_rules_s']:.1f} s wall, {result['old_rules_cpu_s']:.1f} s CPU, "
            f"{len(old_found)} found"
        )
    return result


def compare_findings_with(rev: str) -> dict:
    """The findings of the rules at git revision `rev` and of the current ones on the loaded claims, compared.

    Every field of every finding (key, words, fingerprint, verdict, severity) of a full run (the
    current rules applied as `detect_all` applies them, in two processes at scale), and of a full
    run asking for the consistent readings too, must be identical: a speed-up of the rules must
    not change what they say.
    """
    import dataclasses

    from curation.contradictions import detection, rules

    old = load_old_rules(rev)
    if old is None:
        raise SystemExit(f"git cannot give curation/contradictions/rules.py at {rev}")
    facts = detection.load_claim_facts()
    graph = detection.load_place_graph()
    names = {item.name for item in dataclasses.fields(old.ClaimFacts)}
    old_graph = old.PlaceGraph(
        [old.PlaceFacts(p.id, p.name, p.kind, p.aliases) for p in graph.places.values()],
        [(part, whole) for part, wholes in graph._parents.items() for whole in wholes],
    )
    result = {"claims": len(facts)}
    for consistent in (False, True):
        old_facts = [old.ClaimFacts(**{name: getattr(item, name) for name in names}) for item in facts]
        before = old.find(old_facts, old_graph, rules=old.default_rules(rate_bands=detection.rate_bands()),
                          consistent=consistent)  # fmt: skip
        if consistent:
            after = rules.find(facts, graph, rules=detection.configured_rules(), consistent=True)
        else:  # as the full run applies them: in two processes from PARALLEL_FROM_CLAIMS claims on
            after = detection._find_in_two_processes(rules.ClaimIndex.build(facts), graph, detection.configured_rules())
        label = "with_consistent" if consistent else "conflicts"
        result[label] = len(after)
        result[f"{label}_identical"] = [dataclasses.astuple(item) for item in before] == [
            dataclasses.astuple(item) for item in after
        ]
    return result


def measure(
    n: int, *, samples: int = 50, seed: int = 4, per_claim: bool = True, existing: bool = False, quick: bool = False
) -> dict:
    """Generate n claims (or take the loaded ones), run the full detection twice and time per-claim checks.

    `quick`: the full run once, without the rules-alone side-by-side timing or the second run.
    """
    from curation.contradictions import detection
    from curation.models import Claim, ClaimCorroboration, Contradiction, Place, Source

    started = time.perf_counter()
    if existing:
        # Measure again on data loaded by an earlier run: its findings are removed first, so the
        # full run creates them all as the first run on fresh data does. TRUNCATE on PostgreSQL:
        # deleting 68,493 findings one collector batch at a time took minutes under the bench lock.
        from django.db import connection

        if connection.vendor == "postgresql":
            tables = [Contradiction._meta.db_table, Contradiction.history.model._meta.db_table]
            tables.append(ClaimCorroboration._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {', '.join(connection.ops.quote_name(table) for table in tables)}")
        else:
            Contradiction.objects.all().delete()
            ClaimCorroboration.objects.all().delete()
        sizes = {"claims": Claim.objects.count(), "places": Place.objects.count(), "sources": Source.objects.count()}
    else:
        sizes = generate(n, seed=seed)
    generated = time.perf_counter() - started
    side_by_side = {} if quick else time_rules_side_by_side()

    started, cpu = time.perf_counter(), time.process_time()
    first = detection.detect_all()
    full, full_cpu = time.perf_counter() - started, time.process_time() - cpu
    _progress(f"full run: {full:.1f} s wall, {full_cpu:.1f} s CPU in this process, {first.total_found} found")

    started = time.perf_counter()
    second = first if quick else detection.detect_all()
    again = time.perf_counter() - started
    if not quick:
        _progress(f"second run: {again:.1f} s, {second.created} created")

    result = {
        **sizes,
        "generate_s": generated,
        "full_s": full,
        "findings": first.total_found,
        "by_rule": dict(first.found),
        "created": first.created,
        "second_run_s": again,
        "second_run_created": None if quick else second.created,
        "full_cpu_s": full_cpu,
        "corroborated": first.corroborated,
        **side_by_side,
    }
    if per_claim:
        result.update(time_per_claim_checks(samples=samples, seed=seed))
    return result


def _setup_django(database: str) -> None:
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ftzportal.settings")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--database", help="a DATABASE_URL; default: a temporary SQLite file")
    parser.add_argument("--samples", type=int, default=50, help="per-claim checks to time")
    parser.add_argument(
        "--per-claim-only",
        action="store_true",
        help="only time the per-claim checks on the claims in --database (no full run; findings as the last run "
        "left them), printing one JSON line",
    )
    parser.add_argument(
        "--load-only",
        action="store_true",
        help="only generate the claims into --database and keep them (measure later with --existing)",
    )
    parser.add_argument(
        "--existing", action="store_true", help="measure the claims already in --database (loaded by an earlier run)"
    )
    parser.add_argument(
        "--compare-with",
        metavar="REV",
        help="only compare the findings of the rules at git revision REV with the current ones on the claims in "
        "--database (loaded with --load-only)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="one full run only: no rules-alone side-by-side timing, no second run"
    )
    args = parser.parse_args()
    if args.per_claim_only:
        _setup_django(args.database)
        print(json.dumps(time_per_claim_checks(samples=args.samples)))
        return

    sqlite_file = None
    database = args.database
    if not database:
        sqlite_file = Path(tempfile.gettempdir()) / f"ftz_contradictions_bench_{os.getpid()}.sqlite3"
        database = f"sqlite:///{sqlite_file}"
    _setup_django(database)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    if args.compare_with:
        print(json.dumps(compare_findings_with(args.compare_with)), flush=True)
        return
    if args.load_only:
        clear()
        started = time.perf_counter()
        sizes = generate(args.sizes[0])
        print(f"loaded {sizes} in {time.perf_counter() - started:.1f} s", flush=True)
        return
    try:
        for n in args.sizes:
            if not args.existing:
                clear()
            result = measure(n, samples=args.samples, per_claim=False, existing=args.existing, quick=args.quick)
            connection.close()
            # Timed in a fresh process, as a web worker saving one claim runs it: the bench process
            # carries the generator's and the full runs' heap, which slows it for reasons of its own.
            command = [sys.executable, __file__, "--per-claim-only", "--samples", str(args.samples)]
            timed = subprocess.run([*command, "--database", database], capture_output=True, text=True, check=True)
            result.update(json.loads(timed.stdout.strip().splitlines()[-1]))
            print(
                f"N={result['claims']:>7} claims ({result['places']} places, {result['sources']} sources): "
                f"full run {result['full_s']:.2f} s, {result['findings']} findings {result['by_rule']}; "
                f"second run {result['second_run_s']:.2f} s, {result['second_run_created']} created; "
                f"corroborated {result['corroborated']}; "
                f"full run CPU in this process {result['full_cpu_s']:.1f} s; "
                f"rules alone on loaded claims {result.get('rules_s', float('nan')):.2f} s vs old six rules "
                f"{result.get('old_rules_s', float('nan')):.2f} s ({result.get('old_rules_findings')} findings), "
                f"loading {result.get('load_s', float('nan')):.2f} s; "
                f"per-claim check median {result['per_claim_median_ms']:.1f} ms, "
                f"p95 {result['per_claim_p95_ms']:.1f} ms, max {result['per_claim_max_ms']:.1f} ms, "
                f"CPU median {result['per_claim_cpu_median_ms']:.1f} ms, "
                f"queries at most {result['per_claim_queries_max']} (mean {result['per_claim_queries_mean']:.1f}) "
                f"(data generated in {result['generate_s']:.1f} s)",
                flush=True,
            )
        if not args.existing:
            clear()
    finally:
        if sqlite_file is not None:
            connection.close()
            sqlite_file.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
