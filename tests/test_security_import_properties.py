"""Property-based tests of the claims import (the resource the admin and `import_claims` use).

Random files (random text, numbers, dates, unicode, empty cells, missing and unknown columns,
a status column) never crash the importer: a file is either refused with a reason or read
into rows that are all imported or, when any row has an error, none are. No import creates
or changes an approved claim. Each example runs in a rolled-back savepoint, so examples do
not see each other's rows. Examples are bounded so the suite stays fast.
"""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from curation.io.resources import ClaimResource, row_error_lines
from curation.io.tabular import ImportFileError, read_dataset
from curation.models import Citation, Claim
from tests.test_resources import HEADER, row, world, world_claim  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

BOUNDED = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Cells that the world knows (so some rows are valid) mixed with anything at all.
KNOWN_CELLS = [
    "https://example.org/kashgar",
    "Kashgar news",
    "Kashi",
    "Kashgar",
    "trade_value",
    "registered_enterprises",
    "exact",
    "about",
    "between",
    "93.16 billion",
    "3,100",
    "CNY",
    "2025",
    "2025-01-01",
    "2025-12-31",
    "Trade reached 93.16 billion yuan ($13.36 billion) in 2025",
    "approved",
]
cells = st.one_of(
    st.sampled_from(KNOWN_CELLS),
    st.just(""),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(repr),
    st.dates().map(lambda day: day.isoformat()),
    st.sampled_from(["=1+1", "-", "1e309", "NaN", "12/31/2025", "２０２５", "٣", "\u202e", "\x00", "0x10"]),
)
columns = st.one_of(
    st.sampled_from([*HEADER, "status", "id", "value_max", "attribution", "rank"]), st.text(max_size=12)
)
headers = st.one_of(
    st.just(HEADER),
    st.just([*HEADER, "status"]),
    st.lists(columns, min_size=1, max_size=12),
)


@st.composite
def claim_files(draw) -> bytes:
    header = draw(headers)
    rows = draw(
        st.lists(
            st.one_of(
                st.just(row()),
                st.lists(cells, min_size=len(header), max_size=len(header)),
                st.lists(cells, max_size=len(header) + 2),
            ),
            min_size=1,
            max_size=5,
        )
    )
    return csv_of(header, rows)


def state():
    return {
        "claims": Claim.objects.count(),
        "citations": Citation.objects.count(),
        "approved": sorted(Claim.objects.approved().values_list("pk", "value", "updated_at")),
    }


@pytest.fixture
def approved_claim(world):  # noqa: F811
    return world_claim(
        world,
        value=Decimal("93160000000"),
        quote="Trade reached 93.16 billion yuan ($13.36 billion) in 2025",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        status=Claim.Status.APPROVED,
    )


def csv_of(header, rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue().encode("utf-8")


@BOUNDED
@given(data=claim_files())
# Always tried: a valid new row, a valid row beside an invalid one, and a row that would
# change the approved claim (same source, place, metric, period, unit and quote).
@example(data=csv_of(HEADER, [row(value="5", quote="Growth was -2.5 percent")]))
@example(data=csv_of(HEADER, [row(value="5", quote="Growth was -2.5 percent"), row(place="Nowhere")]))
@example(data=csv_of(HEADER, [row(value="5")]))
def test_random_files_import_all_or_nothing_and_never_approve(editor, approved_claim, data):
    with transaction.atomic():
        before = state()
        try:
            dataset = read_dataset(data, file_name="claims.csv")
        except ImportFileError as error:
            assert str(error), "a refused file is refused with a reason"
            assert state() == before
            transaction.set_rollback(True)
            return
        result = ClaimResource().import_data(dataset, dry_run=False, user=editor)
        after = state()
        if result.has_errors() or result.has_validation_errors():
            assert row_error_lines(result) or result.base_errors, "an error without a message"
            assert after == before, "a failed import wrote rows"
        else:
            created = Claim.objects.exclude(pk__in=[pk for pk, *_ in before["approved"]]).filter(
                pk__gt=approved_claim.pk
            )
            assert after["claims"] - before["claims"] == result.totals["new"]
            assert all(claim.status == Claim.Status.DRAFT for claim in created)
        assert after["approved"] == before["approved"], "an import created or changed an approved claim"
        transaction.set_rollback(True)


@BOUNDED
@given(data=st.binary(max_size=300), name=st.sampled_from(["claims.csv", "claims.xlsx", "claims.json", "claims.txt"]))
def test_random_bytes_are_read_or_refused_with_a_reason(data, name):
    try:
        read_dataset(data, file_name=name)
    except ImportFileError as error:
        assert str(error)


def test_a_status_column_saying_approved_imports_a_draft(editor, world):  # noqa: F811
    data = csv_of([*HEADER, "status"], [[*row(), "approved"]])
    result = ClaimResource().import_data(read_dataset(data, file_name="c.csv"), user=editor)
    assert not result.has_errors() and not result.has_validation_errors()
    assert list(Claim.objects.values_list("status", flat=True)) == [Claim.Status.DRAFT]


@pytest.mark.parametrize("model_name", ["claim", "source", "place", "metric"])
def test_an_oversized_upload_is_refused_naming_the_limit(editor_client, settings, model_name):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1000
    upload = SimpleUploadedFile(f"{model_name}s.csv", b"a,b\n" + b"x,y\n" * 1000)
    response = editor_client.post(
        reverse(f"admin:curation_{model_name}_import"), {"format": 0, "resource": 0, "import_file": upload}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert (
        "The file is 3.9 KB (4004 bytes); uploads are limited to 1000 bytes, "
        "setting IMPORT_MAX_UPLOAD_BYTES. Import larger files with &#x27;python manage.py import_claims FILE&#x27;."
    ) in content
    assert "Confirm import" not in content
