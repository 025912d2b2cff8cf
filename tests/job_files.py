"""Large claim files for the job tests: one source, one place, one metric, a distinct period per row."""

import csv
import datetime
import io

from curation.models import Metric
from tests.builders import make_metric, make_place, make_source

QUOTE = "Trade reached 93.16 billion yuan"
SOURCE_URL = "https://example.org/bulk-trade"


def bulk_world():
    """What a bulk file names: saved (and committed, in a transactional test)."""
    return {
        "source": make_source(
            title="Bulk trade bulletin", url=SOURCE_URL, body=f"Kashgar bulletin. {QUOTE} in the period."
        ),
        "place": make_place(name="Bulk Kashgar", slug="bulk-kashgar"),
        "metric": make_metric(code="bulk_trade", name="Trade", unit="CNY", nature=Metric.Nature.FLOW),
    }


def claims_csv(rows: int) -> bytes:
    """`rows` valid claim rows; each natural key differs by its one-day period."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["source", "place", "metric", "qualifier", "value", "unit", "period_start", "period_end", "quote"])
    first = datetime.date(1950, 1, 1)
    for number in range(rows):
        day = (first + datetime.timedelta(days=number)).isoformat()
        writer.writerow(
            [SOURCE_URL, "Bulk Kashgar", "bulk_trade", "about", f"{number + 1} million", "CNY", day, day, QUOTE]
        )
    return buffer.getvalue().encode()
