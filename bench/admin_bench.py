"""Latency of the editors' admin pages, this admin beside Django's defaults it replaced, same run.

    createdb -h 127.0.0.1 -U postgres ftz_admin_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ftz_admin_bench \\
        .venv/bin/python bench/admin_bench.py --load --claims 1000000 > admin-1m.txt
    DATABASE_URL=sqlite:////tmp/ftz_admin_bench.sqlite3 \\
        .venv/bin/python bench/admin_bench.py --load --claims 100000 > admin-sqlite-100k.txt

--load migrates and fills the database once (bench/public_bench.py's generated sources,
approved claims and citations, with COPY on PostgreSQL), then adds what an editors' desk has
beside published claims: 1% submitted, 1% drafts, 1% rejected, notes on 1% of claims and a
contradiction for every 50th claim (half of them open). Later runs without --load measure again.

Each page is requested through Django's test client as a superuser, DEBUG off, the whole
request (routing, queries, templates). "before" is the same admin with the defaults this work
replaced put back, mounted at /baseline-admin/: Django's Paginator with two COUNT(*)s, the full
result count, Django's search (LIKE over joined fields), the date hierarchy, counts as
GROUP BY over joins, the contradiction filter as two EXISTS per claim. The indexes added by
the initial migration stay for both (a database cannot have them for one and not the other), so
"before" is, if anything, faster than it was. A page that runs past --budget seconds in total
stops early (n shows how many requests it had); a query past --statement-timeout is cut and
shown as "timeout". The script prints a Markdown table; it measures, it does not assert.
"""

import argparse
import os
import random
import statistics
import sys
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ftzportal.settings")
os.environ["DEBUG"] = "0"
os.environ["PUBLIC_CACHE_SECONDS"] = "0"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib import admin  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import OperationalError, connection, transaction  # noqa: E402
from django.db.models import Count, Exists, OuterRef  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import include, path  # noqa: E402

from curation.admin.claims import CitationAdmin, ClaimAdmin, ContradictionStatusFilter  # noqa: E402
from curation.admin.contradictions import ContradictionAdmin  # noqa: E402
from curation.admin.places import MetricAdmin, PlaceAdmin  # noqa: E402
from curation.admin.sources import OutletAdmin, SourceAdmin  # noqa: E402
from curation.models import Citation, Claim, Contradiction, Metric, Outlet, Place, Source  # noqa: E402

SEED = 20260216


# ----------------------------------------------------------------------------------------------
# The admin as it was: Django's defaults put back on the same ModelAdmins
# ----------------------------------------------------------------------------------------------
class OldContradictionStatusFilter(ContradictionStatusFilter):
    def narrow(self, request, queryset, value):
        flags = Contradiction.objects.all()
        if value == "open":
            flags = flags.filter(status=Contradiction.Status.OPEN)
        return queryset.filter(
            Exists(flags.filter(claim_a=OuterRef("pk"))) | Exists(flags.filter(claim_b=OuterRef("pk")))
        )


class DefaultsMixin:
    paginator = Paginator
    show_full_result_count = True

    def get_search_results(self, request, queryset, search_term):
        return admin.ModelAdmin.get_search_results(self, request, queryset, search_term)


class BaselineClaimAdmin(DefaultsMixin, ClaimAdmin):
    ordering = None
    date_hierarchy = "period_end"
    list_filter = [
        "status",
        OldContradictionStatusFilter,
        "qualifier",
        "rank",
        "metric",
        "place__kind",
        "place",
    ]
    search_fields = [
        "place__name",
        "place__aliases__name",
        "metric__code",
        "metric__name",
        "citations__quote",
        "attribution",
        "notes",
    ]


class BaselineSourceAdmin(DefaultsMixin, SourceAdmin):
    def get_queryset(self, request):
        return admin.ModelAdmin.get_queryset(self, request).annotate(
            claim_count=Count("citations__claim", distinct=True)
        )


class BaselinePlaceAdmin(DefaultsMixin, PlaceAdmin):
    def get_queryset(self, request):
        return (
            admin.ModelAdmin.get_queryset(self, request)
            .prefetch_related("aliases")
            .annotate(claim_count=Count("claims", distinct=True))
        )


class BaselineContradictionAdmin(DefaultsMixin, ContradictionAdmin):
    ordering = None


class BaselineCitationAdmin(DefaultsMixin, CitationAdmin):
    pass


baseline_site = admin.AdminSite(name="baseline")
for model, model_admin in [
    (Claim, BaselineClaimAdmin),
    (Source, BaselineSourceAdmin),
    (Place, BaselinePlaceAdmin),
    (Contradiction, BaselineContradictionAdmin),
    (Citation, BaselineCitationAdmin),
    (Metric, MetricAdmin),
    (Outlet, OutletAdmin),
]:
    baseline_site.register(model, model_admin)
# Every other model as it is, so that the pages' links to other admin pages resolve.
for model, model_admin in admin.site._registry.items():
    if not baseline_site.is_registered(model):
        baseline_site.register(model, type(model_admin))

bench_urls = types.ModuleType("admin_bench_urls")
bench_urls.urlpatterns = [
    path("baseline-admin/", baseline_site.urls),
    path("", include(settings.ROOT_URLCONF)),
]
sys.modules["admin_bench_urls"] = bench_urls


# ----------------------------------------------------------------------------------------------
# Loading
# ----------------------------------------------------------------------------------------------
def load(claims: int) -> None:
    import public_bench

    call_command("migrate", verbosity=0)
    if not Claim.objects.exists():
        if connection.vendor == "postgresql":
            public_bench.load(claims, SEED)
        else:
            with transaction.atomic():
                public_bench.load(claims, SEED)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        # The desk's work in progress beside the published claims.
        for status, remainder in (("submitted", 0), ("draft", 1), ("rejected", 2)):
            cursor.execute(
                "UPDATE curation_claim SET status = %s, submitted_at = created_at WHERE id %% 100 = %s",
                [status, remainder],
            )
        cursor.execute(
            "UPDATE curation_claim SET notes = 'Checked against the customs bulletin by phone.' WHERE id % 100 = 3"
        )
        cursor.execute("DELETE FROM curation_contradiction")
        cursor.execute(
            """
            INSERT INTO curation_contradiction (claim_a_id, claim_b_id, kind, severity, explanation, status,
                resolution_note, detected_by, fingerprint, flagged_at, version)
            SELECT a.id, b.id, 'value_mismatch', 'medium', 'The two figures disagree.',
                CASE WHEN a.id % 100 = 0 THEN 'open' ELSE 'dismissed' END, '', 'bench', '', a.created_at, 0
            FROM curation_claim a JOIN curation_claim b ON b.id = a.id + 1
            WHERE a.id % 50 = 0
            """
        )
    with connection.cursor() as cursor:
        for table in ("curation_claim", "curation_contradiction"):
            cursor.execute(f"{'VACUUM ' if connection.vendor == 'postgresql' else ''}ANALYZE {table}")
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if not User.objects.filter(username="bench-admin").exists():
        User.objects.create_superuser("bench-admin", "bench@example.org", "bench-admin-password-1")
    print(f"editorial extras in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------------------------------
def pages(rng: random.Random):
    """(name, query path under the admin root, the same under the baseline root or None)."""
    first_claim = Claim.objects.order_by("pk").values_list("pk", flat=True).first()
    last_claim = Claim.objects.order_by("-pk").values_list("pk", flat=True).first()
    kashgar = Place.objects.get(slug="kashgar-prefecture")
    metric = Metric.objects.get(code="trade_value")
    busy_source = Citation.objects.values_list("source_id", flat=True).first()

    def claim_id():
        return rng.randint(first_claim, last_claim)

    def deep():
        return f"curation/claim/?p={rng.randint(400, 500)}"

    listed = [
        ("claim list, first page", "curation/claim/", None),
        ("claim list, page 400-500", deep, None),
        ("search: place name (Kashgar)", "curation/claim/?q=Kashgar", None),
        ("search: one word (cotton)", "curation/claim/?q=cotton", None),
        ("search: two words (walnuts railway)", "curation/claim/?q=walnuts+railway", None),
        ('search: quoted phrase ("bonded warehouse")', "curation/claim/?q=%22bonded+warehouse%22", None),
        ("search: source title", "curation/claim/?q=Generated+article+1234", None),
        ("search: attribution (Kashi Customs)", "curation/claim/?q=Kashi+Customs", None),
        ("search: notes (phone)", "curation/claim/?q=phone", None),
        ("filter: status submitted", "curation/claim/?status__exact=submitted", None),
        ("filter: status approved", "curation/claim/?status__exact=approved", None),
        ("filter: open contradictions", "curation/claim/?contradictions=open", None),
        ("filter: any contradiction", "curation/claim/?contradictions=any", None),
        ("filter: qualifier about", "curation/claim/?qualifier__exact=about", None),
        ("filter: rank deprecated", "curation/claim/?rank__exact=deprecated", None),
        ("filter: metric", f"curation/claim/?metric__id__exact={metric.pk}", None),
        ("filter: place kind prefecture", "curation/claim/?place__kind__exact=prefecture", None),
        ("filter: place", f"curation/claim/?place__id__exact={kashgar.pk}", None),
        ("filter: period year 2020", "curation/claim/?period_year=2020", "curation/claim/?period_end__year=2020"),
        ("review queue", "curation/claim/?review_queue=mine", None),
    ]
    model_admin = admin.site._registry[Claim]
    columns = model_admin.get_list_display(type("Request", (), {"GET": {}, "user": None})())
    fields = {field.name for field in Claim._meta.fields}
    # The changelist numbers its columns after the action checkbox, which is column 0.
    for index, name in enumerate(columns, start=1):
        attr = getattr(model_admin, name, None)
        if name in fields or getattr(attr, "admin_order_field", None):
            for prefix, direction in (("", "ascending"), ("-", "descending")):
                listed.append((f"sorted by {name}, {direction}", f"curation/claim/?o={prefix}{index}", None))
    listed += [
        ("contradiction list", "curation/contradiction/", None),
        ("contradiction queue (open)", "curation/contradiction/?status__exact=open", None),
        ("source list (with claim counts)", "curation/source/", None),
        ("source list sorted by claim count", "curation/source/?o=-6", None),
        ("place list (with claim counts)", "curation/place/", None),
        ("place list sorted by claim count", "curation/place/?o=-5", None),
        ("citation list", "curation/citation/", None),
        (
            "autocomplete: claim (conversion of)",
            "autocomplete/?app_label=curation&model_name=claim&field_name=conversion_of&term=Kashgar",
            None,
        ),
        ("autocomplete: place", "autocomplete/?app_label=curation&model_name=claim&field_name=place&term=Kash", None),
        (
            "autocomplete: source",
            "autocomplete/?app_label=curation&model_name=citation&field_name=source&term=Generated+article+12",
            None,
        ),
        (
            "autocomplete: contradiction claim",
            "autocomplete/?app_label=curation&model_name=contradiction&field_name=claim_a&term=cotton",
            None,
        ),
        ("claim change form (inlines)", lambda: f"curation/claim/{claim_id()}/change/", None),
        ("claim history", lambda: f"curation/claim/{claim_id()}/history/", None),
        ("source change form (~500 citing claims)", f"curation/source/{busy_source}/change/", None),
    ]
    return listed


def percentile(timings, share):
    ordered = sorted(timings)
    return ordered[max(0, int(round(share * len(ordered))) - 1)]


def time_page(client, url_maker, *, requests: int, budget: float, statement_timeout_ms: int):
    """Timings in ms, or None when a query ran past the statement timeout."""
    timings = []
    started = time.perf_counter()
    for round_number in range(requests + 1):
        url = url_maker()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('statement_timeout', %s, false)", [str(statement_timeout_ms)])
        before = time.perf_counter()
        try:
            response = client.get(url)
        except OperationalError:
            return None
        elapsed = (time.perf_counter() - before) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        if round_number:  # the first request warms caches and connections
            timings.append(elapsed)
        if time.perf_counter() - started > budget and len(timings) >= 3:
            break
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--load", action="store_true", help="migrate and generate the data first")
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds per page before stopping early")
    parser.add_argument("--statement-timeout", type=int, default=30_000, help="ms, PostgreSQL only")
    parser.add_argument("--no-baseline", action="store_true", help="time this admin only")
    parser.add_argument("--only", default="", help="time only pages whose name contains one of these (comma-separated)")
    args = parser.parse_args()
    if args.load:
        load(args.claims)
    settings.ROOT_URLCONF = "admin_bench_urls"
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-admin"))
    rng = random.Random(SEED)
    print(f"{connection.vendor}, {Claim.objects.count():,} claims, {Contradiction.objects.count():,} contradictions")
    print()
    print("| page | before p50 ms | before p95 ms | after p50 ms | after p95 ms | n before / after |")
    print("|---|---|---|---|---|---|")
    for name, path_now, path_before in pages(rng):
        if args.only and not any(part in name for part in args.only.split(",")):
            continue
        maker_now = path_now if callable(path_now) else (lambda fixed=path_now: fixed)
        maker_before = path_before or path_now
        maker_before = maker_before if callable(maker_before) else (lambda fixed=maker_before: fixed)
        cells = []
        counts = []
        for root, maker, skip in (
            ("/baseline-admin/", maker_before, args.no_baseline),
            ("/admin/", maker_now, False),
        ):
            if skip:
                cells += ["–", "–"]
                counts.append("–")
                continue
            timings = time_page(
                client,
                lambda maker=maker, root=root: root + maker(),
                requests=args.requests,
                budget=args.budget,
                statement_timeout_ms=args.statement_timeout,
            )
            if timings is None:
                cells += [f"> {args.statement_timeout / 1000:.0f} s (timeout)"] * 2
                counts.append("1")
            else:
                cells += [f"{statistics.median(timings):,.0f}", f"{percentile(timings, 0.95):,.0f}"]
                counts.append(str(len(timings)))
        print(f"| {name} | {' | '.join(cells)} | {' / '.join(counts)} |", flush=True)


if __name__ == "__main__":
    main()
