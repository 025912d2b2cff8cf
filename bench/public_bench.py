"""Latency of the public site's pages with a million approved claims on PostgreSQL.

    createdb -h 127.0.0.1 -U postgres ftz_public_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ftz_public_bench \\
        .venv/bin/python bench/public_bench.py --load --claims 1000000
    DATABASE_URL=... .venv/bin/python bench/public_bench.py          # measure again, no reload
    dropdb -h 127.0.0.1 -U postgres ftz_public_bench

--load migrates, loads the seed fixtures (places, metrics, outlets) and adds generated
sources, approved claims and their primary citations with COPY. The pages are then requested
through Django's test client (the whole request: URL routing, views, queries, templates)
with DEBUG off; the script prints the median and 95th percentile per page. It measures, it
does not assert.
"""

import argparse
import contextlib
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ftzportal.settings")
os.environ["DEBUG"] = "0"
# Measure the pages themselves, not the page cache (bench/load_test.py measures both).
os.environ["PUBLIC_CACHE_SECONDS"] = "0"

import django  # noqa: E402

django.setup()

from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from curation.models import Claim, Metric, Outlet, Place, body_content_hash  # noqa: E402
from curation.public import chart_store  # noqa: E402

SOURCES = 2000
SENTENCES_PER_SOURCE = 40
WORDS = (
    "cotton walnuts jujubes logistics railway customs bonded warehouse exports imports machinery textiles "
    "tomatoes apricots electronics vehicles solar steel fertilizer grain timber tea silk carpets pipelines "
    "gas oil coal wind photovoltaic cables batteries clothing shoes furniture cement glass paper medicine "
    "livestock dairy honey grapes melons raisins spices cashmere wool leather ceramics plastics chemicals"
).split()
ATTRIBUTIONS = [
    "Kashi Customs",
    "Urumqi Customs",
    "the regional department of commerce",
    "the FTZ administrative committee",
    "Xinjiang Daily",
    "People's Daily Online",
    "the prefecture commerce bureau",
    "the port authority",
    "",
]
QUALIFIERS = ["exact"] * 6 + ["about", "more_than", "at_least", "nearly", "up_to", "less_than", "between"]


def sentence(rng: random.Random, place: str, metric: str) -> str:
    words = rng.sample(WORDS, 3)
    return (
        f"Officials said {place} handled {words[0]} and {words[1]} worth {rng.randint(1, 999)}.{rng.randint(0, 9)} "
        f"million yuan, with {metric.lower()} rising on {words[2]} trade."
    )


class _SqliteCopy:
    """COPY's write_row for SQLite: rows are collected and inserted in batches."""

    def __init__(self, cursor, statement: str):
        table, columns = statement.removeprefix("COPY ").split(" FROM STDIN")[0].split(" ", 1)
        names = [name.strip() for name in columns.strip("()").split(",")]
        self.cursor = cursor
        self.sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        self.rows = []

    def write_row(self, row):
        self.rows.append(tuple(str(value) if isinstance(value, datetime.datetime) else value for value in row))
        if len(self.rows) >= 20_000:
            self.flush()

    def flush(self):
        self.cursor.executemany(self.sql, self.rows)
        self.rows = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if not exc[0]:
            self.flush()


def _copy(cursor, statement: str):
    """COPY ... FROM STDIN on PostgreSQL; batched INSERTs on SQLite (for bench/admin_bench.py)."""
    if connection.vendor == "postgresql":
        return cursor.cursor.copy(statement)
    return _SqliteCopy(cursor.cursor, statement)


def _after_load(cursor, tables) -> None:
    for table in tables:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table}")
            cursor.execute(f"VACUUM ANALYZE {table}")
        else:
            cursor.execute(f"ANALYZE {table}")


def load(claims: int, seed: int) -> None:
    """Generated sources and approved claims with their primary citations (PostgreSQL or SQLite)."""
    rng = random.Random(seed)
    call_command("migrate", verbosity=0)
    if not Place.objects.exists():
        call_command("loaddata", "seed", verbosity=0)
    places = list(Place.objects.values_list("pk", "name"))
    metrics = list(Metric.objects.values_list("pk", "name", "unit", "nature"))
    outlets = list(Outlet.objects.values_list("pk", flat=True))
    today = timezone.localdate()
    now = timezone.now()

    started = time.perf_counter()
    sources = []  # (id, [(start, end, quote)])
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM curation_source")
        next_source = cursor.fetchone()[0] + 1
        with _copy(
            cursor,
            "COPY curation_source (id, title, outlet_id, url, published_on, body, content_hash, retrieved_on, "
            "reliability, is_ai_assisted, notes, created_at, version) FROM STDIN",
        ) as copy:
            for number in range(SOURCES):
                source_id = next_source + number
                parts, spans, offset = [], [], 0
                for _ in range(SENTENCES_PER_SOURCE):
                    _, place_name = rng.choice(places)
                    _, metric_name, _, _ = rng.choice(metrics)
                    text = sentence(rng, place_name, metric_name)
                    spans.append((offset, offset + len(text), text))
                    parts.append(text)
                    offset += len(text) + 1
                body = f"Generated article {source_id}.\n" + " ".join(parts)
                head = len(f"Generated article {source_id}.\n")
                spans = [(start + head, end + head, text) for start, end, text in spans]
                sources.append((source_id, spans))
                published = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randint(0, 4000))
                copy.write_row(
                    (
                        source_id,
                        f"Generated article {source_id}",
                        rng.choice(outlets),
                        None,
                        published,
                        body,
                        body_content_hash(body),
                        today,
                        rng.choice("ABCDU"),
                        rng.random() < 0.1,
                        "",
                        now,
                        1,
                    )
                )
        print(f"sources: {SOURCES} in {time.perf_counter() - started:.1f} s", flush=True)

        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM curation_claim")
        first_claim = cursor.fetchone()[0] + 1
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM curation_citation")
        first_citation = cursor.fetchone()[0] + 1
        started = time.perf_counter()
        citations = []
        with _copy(
            cursor,
            "COPY curation_claim (id, place_id, metric_id, value, value_max, unit, qualifier, period_start, "
            "period_end, period_label, attribution, notes, status, rank, rank_reason, created_at, updated_at, "
            "review_note, version) FROM STDIN",
        ) as copy:
            for number in range(claims):
                claim_id = first_claim + number
                place_id, _ = rng.choice(places)
                metric_id, _, unit, nature = rng.choice(metrics)
                end = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randint(0, 4200))
                start = (
                    None if nature == Metric.Nature.STOCK else end - datetime.timedelta(days=rng.choice([30, 90, 364]))
                )
                qualifier = rng.choice(QUALIFIERS)
                value = round(rng.uniform(0.5, 10 ** rng.randint(1, 11)), 2)
                value_max = round(value * 1.5, 2) if qualifier == "between" else None
                deprecated = rng.random() < 0.01
                copy.write_row(
                    (
                        claim_id,
                        place_id,
                        metric_id,
                        f"{value:.2f}",
                        None if value_max is None else f"{value_max:.2f}",
                        unit,
                        qualifier,
                        start,
                        end,
                        "",
                        rng.choice(ATTRIBUTIONS),
                        "",
                        Claim.Status.APPROVED,
                        Claim.Rank.DEPRECATED if deprecated else Claim.Rank.NORMAL,
                        "Superseded by a later figure." if deprecated else "",
                        now,
                        now,
                        "",
                        1,
                    )
                )
                source_id, spans = rng.choice(sources)
                citations.append((first_citation + number, claim_id, source_id, rng.choice(spans)))
        print(f"claims: {claims} in {time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        with _copy(
            cursor,
            "COPY curation_citation (id, claim_id, source_id, quote, is_primary, quote_start, quote_end, note, "
            "version) FROM STDIN",
        ) as copy:
            for citation_id, claim_id, source_id, (start, end, text) in citations:
                copy.write_row((citation_id, claim_id, source_id, text, True, start, end, "", 1))
        print(f"citations: {claims} in {time.perf_counter() - started:.1f} s", flush=True)
        _after_load(cursor, ("curation_source", "curation_claim", "curation_citation"))


class _SqlTimer:
    """Counts the queries of a request and the time spent in them (connection.execute_wrapper)."""

    def __init__(self):
        self.queries = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def measure(requests: int, seed: int, breakdown: bool = False, only: str = "") -> None:
    rng = random.Random(seed)
    client = Client()
    approved = Claim.objects.approved()
    last_id = approved.order_by("-pk").values_list("pk", flat=True).first()
    first_id = approved.order_by("pk").values_list("pk", flat=True).first()
    total = approved.count()
    print(f"approved claims: {total:,}")

    def claim_page():
        # A random approved claim (not a random id: unpublished ids answer 404, which is faster);
        # chosen before the clock starts.
        from_id = rng.randint(first_id, last_id)
        claim_id = approved.filter(pk__gte=from_id).order_by("pk").values_list("pk", flat=True)[0]
        return f"/claims/{claim_id}/"

    def place_page_cold():
        # As after a change to every one of its series: no chart is kept (curation/public/chart_store.py).
        caches[chart_store.CACHE_ALIAS].clear()
        return "/places/kashgar-area-ftz/"

    def deep_page():
        return f"/?page={rng.randint(150, 200)}"

    pages = [
        ("listing, first page", lambda: "/"),
        ("listing, deep page (150-200)", deep_page),
        ("filtered: place incl. parts + metric", lambda: "/?place=kashgar-prefecture&metric=trade_value"),
        ("filtered: year + qualifier, by value", lambda: "/?year=2021&qualifier=about&sort=-value"),
        ("search: one word", lambda: "/?q=cotton"),
        ("search: two words + place filter", lambda: "/?q=walnuts+railway&place=xinjiang-ftz"),
        ("sorted by value", lambda: "/?sort=-value&page=3"),
        ("sorted by place", lambda: "/?sort=place"),
        ("claim page", claim_page),
        # Beyond the targets: pages whose size grows with the data.
        ("source page (about 500 claims)", lambda: f"/sources/{rng.randint(6, 2005)}/"),
        ("place page (29 charts of 100 points)", lambda: "/places/kashgar-area-ftz/"),
        ("place page, every chart drawn anew", place_page_cold),
        ("search: quoted phrase", lambda: '/?q="bonded+warehouse"'),
    ]
    # Drawing 29 charts takes seconds at this size: fewer rounds keep the run short.
    rounds = {"place page, every chart drawn anew": max(3, requests // 10)}
    if only:
        pages = [(name, make_url) for name, make_url in pages if only in name]
    extra = f" {'queries':>8} {'SQL ms':>8} {'rest ms':>8}" if breakdown else ""
    print(f"{'page':40} {'median ms':>10} {'p95 ms':>10} {'max ms':>10}{extra}  (n={requests} unless shown)")
    for name, make_url in pages:
        for _ in range(3 if name not in rounds else 1):  # warm the caches and the connection
            client.get(make_url())
        timings, sql_timings, queries = [], [], []
        for _ in range(rounds.get(name, requests)):
            url = make_url()
            timer = _SqlTimer()
            with connection.execute_wrapper(timer) if breakdown else contextlib.nullcontext():
                started = time.perf_counter()
                response = client.get(url)
                if response.streaming:
                    b"".join(response.streaming_content)
                timings.append((time.perf_counter() - started) * 1000)
            sql_timings.append(timer.seconds * 1000)
            queries.append(timer.queries)
            if response.status_code not in (200, 404):
                raise SystemExit(f"{url} answered {response.status_code}")
        shown = f"  (n={len(timings)})" if len(timings) != requests else ""
        if breakdown:
            # Medians of the request's SQL time and of the rest (Python: views, forms, templates).
            sql_ms = statistics.median(sql_timings)
            rest_ms = statistics.median(total - sql for total, sql in zip(timings, sql_timings, strict=True))
            shown = f" {statistics.median(queries):8.0f} {sql_ms:8.1f} {rest_ms:8.1f}" + shown
        timings.sort()
        p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
        print(f"{name:40} {statistics.median(timings):10.1f} {p95:10.1f} {timings[-1]:10.1f}{shown}", flush=True)


def _timed(function, rounds: int) -> list[float]:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return sorted(timings)


def _row(name: str, timings: list[float]) -> None:
    p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
    print(
        f"{name:40} {statistics.median(timings):10.1f} {p95:10.1f} {timings[-1]:10.1f}  (n={len(timings)})", flush=True
    )


def measure_data_paths(
    requests: int, whole_stream: bool, whole_set: bool = True, chart_data: bool = True, download_rounds: int = 5
) -> None:
    """The place page's chart data and the downloads, each beside what it replaced."""
    from django.conf import settings
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    from curation.public import selectors

    place = Place.objects.get(slug="kashgar-area-ftz")

    def window_chart_data():  # before: a window over every one of the place's claims
        latest_first = Window(
            RowNumber(), partition_by=[F("metric_id"), F("unit")], order_by=[F("period_end").desc(), F("pk").desc()]
        )
        return list(
            selectors.public_claims()
            .filter(place=place)
            .select_related("metric")
            .annotate(recency=latest_first)
            .filter(recency__lte=selectors.MAX_CHART_POINTS)
            .order_by("metric__name", "unit", "period_end", "pk")
        )

    print()
    print(f"{'data path':40} {'median ms':>10} {'p95 ms':>10} {'max ms':>10}")
    if chart_data:
        window_chart_data()
        _row("place chart data: window (before)", _timed(window_chart_data, requests))
        selectors.place_chart_claims(place=place)
        _row(
            "place chart data: series by index (after)",
            _timed(lambda: selectors.place_chart_claims(place=place), requests),
        )

    client = Client(REMOTE_ADDR="198.51.100.7")
    settings.DOWNLOAD_RATE_LIMIT = ""  # the rate limit is tested, not timed

    def download(url):
        def get():
            response = client.get(url)
            size = (
                sum(len(chunk) for chunk in response.streaming_content) if response.streaming else len(response.content)
            )
            if response.status_code != 200 or size < 100:
                raise SystemExit(f"{url} answered {response.status_code} with {size} bytes")

        return get

    from curation.public import views

    approved = Claim.objects.approved()
    downloads = [
        ("CSV", "/claims.csv?metric=trade_value", approved.filter(metric__code="trade_value")),
        (
            "JSON",
            "/claims.json?place=kashgar-city&period_from=2019-01-01",
            approved.filter(place__slug="kashgar-city", period_end__gte=datetime.date(2019, 1, 1)),
        ),
    ]
    # The case: a filtered download of up to 50,000 rows (claims ending in seven months).
    fifty_thousand = approved.filter(period_end__range=(datetime.date(2020, 1, 1), datetime.date(2020, 7, 27)))
    for kind in ("CSV", "JSON"):
        downloads.append((kind, f"/claims.{kind.lower()}?period_from=2020-01-01&period_to=2020-07-27", fifty_thousand))
    written_by_postgresql = views._written_by_postgresql
    # Each filtered download twice: cells written by PostgreSQL (curation/public/download_sql.py),
    # then by the Python writer that SQLite keeps (the path before), in the same machine state.
    for label, writer in (("", written_by_postgresql), (", Python writer (before)", lambda: False)):
        views._written_by_postgresql = writer
        for kind, url, rows in downloads:
            _row(f"filtered download {kind} ({rows.count():,} rows){label}", _timed(download(url), download_rounds))
    views._written_by_postgresql = written_by_postgresql
    if not whole_set:
        return
    settings.WHOLE_SET_DOWNLOAD_FILES = True
    first = _timed(download("/claims.csv"), 1)
    _row("whole set CSV: first request (builds file)", first)
    _row("whole set CSV: from the generation's file", _timed(download("/claims.csv"), 5))
    if whole_stream:
        settings.WHOLE_SET_DOWNLOAD_FILES = False
        _row("whole set CSV: streamed per request (before)", _timed(download("/claims.csv"), 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--load", action="store_true", help="migrate and generate the claims first")
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page")
    parser.add_argument("--seed", type=int, default=20260216)
    parser.add_argument("--skip-pages", action="store_true", help="time only the chart data and the downloads")
    parser.add_argument(
        "--no-whole-set", action="store_true", help="leave out the whole-set download (its first request takes minutes)"
    )
    parser.add_argument(
        "--whole-stream", action="store_true", help="also stream the whole set once as before (minutes at 1M)"
    )
    parser.add_argument(
        "--breakdown", action="store_true", help="also print each page's queries, SQL time and the rest (medians)"
    )
    parser.add_argument("--no-chart-data", action="store_true", help="leave out the place chart data paths")
    parser.add_argument("--download-rounds", type=int, default=5, help="timed requests per filtered download")
    parser.add_argument(
        "--only", default="", help="time only the pages whose name contains this text (no chart data, no downloads)"
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database made for the benchmark (it adds a million rows).")
    if args.load:
        load(args.claims, args.seed)
    if not args.skip_pages:
        measure(args.requests, args.seed, breakdown=args.breakdown, only=args.only)
    if args.only:
        return
    measure_data_paths(
        args.requests,
        args.whole_stream,
        whole_set=not args.no_whole_set,
        chart_data=not args.no_chart_data,
        download_rounds=args.download_rounds,
    )


if __name__ == "__main__":
    main()
