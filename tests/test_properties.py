"""Property-based tests (Hypothesis) of the pure rules and of import and export (issue 13).

Pure rules, without the database: qualifier tolerances, number reading, formula escaping and
quote location. Import and export, each example in a rolled-back savepoint: export then import
is "no change" in CSV, XLSX and JSON for claims whose text holds unicode, quote marks, commas,
LF and CRLF line breaks, leading = + - @, tabs and long cells; a file with any one broken row
writes nothing; the row count reported equals the rows in the file. (No import creates or
changes an approved claim: tests/test_security_import_properties.py.) About 1,300 examples in
all, bounded so the suite stays fast.
"""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from curation.contradictions.rules import QUALIFIER_TOLERANCE, ClaimFacts, Interval, value_interval
from curation.io import parsing
from curation.io.resources import ClaimResource, row_error_lines
from curation.io.tabular import ImportFileError, read_dataset
from curation.models import Citation, Claim
from curation.text.quotes import locate_quote, normalise
from tests.builders import make_claim
from tests.test_resources import HEADER, row, world  # noqa: F401  (fixture)

PURE = settings(max_examples=250, deadline=None)
WITH_DATABASE = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- pure rules ------------------------------------------------------------------------------

values = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, places=3)


def facts(value: Decimal, qualifier: str, value_max: Decimal | None = None, unit: str = "CNY") -> ClaimFacts:
    """An amount (a currency unit) unless `unit` says otherwise: counts have rules of their own."""
    return ClaimFacts(
        id=1,
        place_id=1,
        metric_id=1,
        metric_code="m",
        metric_name="M",
        nature="flow",
        is_additive=True,
        value=value,
        unit=unit,
        period_end=dt.date(2025, 12, 31),
        qualifier=qualifier,
        value_max=value_max,
    )


@PURE
@given(value=values, qualifier=st.sampled_from(sorted(QUALIFIER_TOLERANCE)))
def test_a_value_lies_in_its_own_interval_unless_its_qualifier_excludes_it(value, qualifier):
    interval = value_interval(facts(value, qualifier, value_max=abs(value) + 1 if qualifier == "between" else None))
    excluded = qualifier in {"more_than", "less_than", "nearly"}
    assert interval.contains(value) != excluded
    if interval.low is not None and interval.high is not None:
        assert interval.low <= interval.high


@PURE
@given(value=values.filter(lambda number: number != 0), shift=st.decimals(min_value=0, max_value=1, places=4))
def test_about_allows_everything_exact_allows_and_tolerances_grow_with_the_value(value, shift):
    exact, about = value_interval(facts(value, "exact")), value_interval(facts(value, "about"))
    assert about.low <= exact.low and exact.high <= about.high
    candidate = value + abs(value) * shift * Decimal("0.005")
    assert exact.contains(candidate)
    assert about.contains(value * Decimal("1.04")) and not exact.contains(value * Decimal("1.04"))


@PURE
@given(count=st.integers(min_value=1, max_value=10**9).filter(lambda number: number % 10 != 0))
def test_an_exact_count_stated_to_the_unit_allows_only_itself(count):
    interval = value_interval(facts(Decimal(count), "exact", unit="enterprises"))
    assert interval.contains(Decimal(count))
    assert not interval.contains(Decimal(count + 1)) and not interval.contains(Decimal(count - 1))


@PURE
@given(
    low=values,
    width=st.decimals(min_value=0, max_value=Decimal("1e6"), places=2),
    gap=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e6"), places=2),
)
def test_intervals_apart_never_overlap_and_overlap_is_symmetric(low, width, gap):
    first = Interval(low, low + width)
    second = Interval(low + width + gap, low + width + gap + width)
    assert not first.overlaps(second) and not second.overlaps(first)
    touching = Interval(low + width, low + width + gap)
    assert first.overlaps(touching) and touching.overlaps(first)


@PURE
@given(number=st.decimals(min_value=Decimal("-1e14"), max_value=Decimal("1e14"), allow_nan=False, places=6))
def test_a_number_written_plainly_or_with_thousands_commas_reads_back_exactly(number):
    assert parsing.parse_number(format(number, "f")) == number
    assert parsing.parse_number(f"{number:,f}") == number
    assert parsing.parse_number(parsing.escape_formula(format(number, "f"))) == number


@PURE
@given(
    mantissa=st.decimals(min_value=0, max_value=Decimal("999.99"), places=2),
    scale=st.sampled_from(sorted(parsing.SCALE_WORDS)),
    space=st.sampled_from(["", " "]),
)
def test_a_number_with_a_scale_word_is_multiplied_by_it(mantissa, scale, space):
    assert parsing.parse_number(f"{mantissa}{space}{scale}") == mantissa * parsing.SCALE_WORDS[scale]


@PURE
@given(text=st.text(max_size=60))
def test_number_reading_never_fails_with_anything_but_a_cell_error(text):
    try:
        parsing.parse_number(text)
    except parsing.CellError as error:
        assert str(error)


@PURE
@given(text=st.text(max_size=80))
def test_escaping_a_formula_is_undone_on_import(text):
    escaped = parsing.escape_formula(text)
    assert not (escaped[:1] in {"=", "+", "@"} and escaped != text)
    assert parsing.text(escaped) == text.strip() or escaped == text


typographic = st.sampled_from(["“", "”", "‘", "’", "—", "–", " ", "  ", "\n"])
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=12)


@PURE
@given(before=st.text(max_size=80), quote=st.lists(words, min_size=1, max_size=6), after=st.text(max_size=80))
def test_a_quote_taken_from_a_text_is_found_where_it_stands(before, quote, after):
    wanted = " ".join(quote)
    assume(normalise(wanted))
    body = before + " " + wanted + " " + after
    span = locate_quote(wanted, body)
    assert span is not None
    assert normalise(body[span.start : span.end]) == normalise(wanted)


@PURE
@given(
    quote=st.lists(st.text(alphabet="abcdefghij0123456789,.$", min_size=1, max_size=8), min_size=2, max_size=6),
    mark=typographic,
)
def test_a_quote_is_found_whatever_its_spacing_and_quote_marks(quote, mark):
    body = "Before. " + mark.join(quote) + " after."
    span = locate_quote(" ".join(quote), body)
    if mark in {" ", "  ", "\n"}:
        assert span is not None and normalise(body[span.start : span.end]) == normalise(" ".join(quote))
    elif span is not None:
        assert normalise(body[span.start : span.end]) == normalise(" ".join(quote))


# --- import and export -------------------------------------------------------------------------

awkward_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            'He said "3,100, roughly"',
            "line one\r\nline two",
            "line one\nline two\n\nthree",
            '=HYPERLINK("http://evil")',
            "+1 (555) 0100",
            "-not a number",
            "@SUM(A1)",
            "\tindented",
            "comma, semicolon; tab\tend",
            "中文 العربية émoji 🎉",
            "x" * 3000,
        ]
    ),
).map(lambda text: text.replace("\x00", ""))
FORMATS = ["csv", "xlsx", "json"]


def _stored_text(text: str) -> str:
    """Text as a form or an import stores it: stripped, without control characters XLSX cannot hold."""
    kept = "".join(char for char in text if char in "\t\n\r" or (ord(char) >= 32 and not 0xD800 <= ord(char) <= 0xDFFF))
    return kept.strip()


@WITH_DATABASE
@given(
    texts=st.lists(st.tuples(awkward_text, awkward_text, awkward_text), min_size=1, max_size=3),
    file_format=st.sampled_from(FORMATS),
)
@pytest.mark.django_db
def test_export_then_import_is_no_change_in_every_format(world, editor, texts, file_format):  # noqa: F811
    with transaction.atomic():
        for number, (notes, attribution, label) in enumerate(texts, start=1):
            make_claim(
                place=world["place"],
                metric=world["trade"],
                source=world["source"],
                value=Decimal(number),
                unit=f"u{number}",
                quote="Trade reached 93.16 billion yuan ($13.36 billion) in 2025",
                notes=_stored_text(notes),
                attribution=_stored_text(attribution)[:300],
                period_label=_stored_text(label)[:100],
                status=Claim.Status.APPROVED,
            )
        exported = ClaimResource().export(ClaimResource.export_queryset(Claim.objects.all()))
        data = exported.xlsx if file_format == "xlsx" else getattr(exported, file_format).encode()
        result = ClaimResource().import_data(read_dataset(data, file_name=f"claims.{file_format}"), user=editor)
        assert row_error_lines(result) == []
        assert result.totals["skip"] == len(texts) and result.totals["new"] == result.totals["update"] == 0
        transaction.set_rollback(True)


def csv_of(rows, header=HEADER) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue().encode("utf-8")


def valid_rows(notes: list[str]) -> list[list[str]]:
    return [row(value=str(number), unit=f"u{number}", notes=text) for number, text in enumerate(notes, start=1)]


BREAKAGES = {
    "place": {"place": "Atlantis"},
    "value": {"value": "1.234,5"},
    "period_end": {"period_end": "Sept 2025"},
    "quote": {"quote": "A sentence that is not in the article"},
    "metric": {"metric": "no_such_metric"},
}


@WITH_DATABASE
@given(
    notes=st.lists(awkward_text, min_size=1, max_size=6),
    broken_at=st.integers(min_value=0, max_value=5),
    breakage=st.sampled_from(sorted(BREAKAGES)),
)
@pytest.mark.django_db
def test_a_file_with_any_one_broken_row_writes_nothing(world, editor, notes, broken_at, breakage):  # noqa: F811
    rows = valid_rows([_stored_text(text) for text in notes])
    position = broken_at % len(rows)
    number = position + 1
    rows[position] = row(**{"value": str(number), "unit": f"u{number}", **BREAKAGES[breakage]})
    with transaction.atomic():
        before = (Claim.objects.count(), Citation.objects.count())
        result = ClaimResource().import_data(read_dataset(csv_of(rows), file_name="c.csv"), user=editor)
        lines = row_error_lines(result)
        assert lines and all(line.startswith(f"row {number}, {breakage}:") for line in lines), lines
        assert (Claim.objects.count(), Citation.objects.count()) == before
        transaction.set_rollback(True)


@WITH_DATABASE
@given(notes=st.lists(awkward_text, min_size=1, max_size=8), file_format=st.sampled_from(FORMATS))
@pytest.mark.django_db
def test_the_row_count_reported_equals_the_rows_in_the_file(world, editor, tmp_path, notes, file_format):  # noqa: F811
    import tablib

    # Text cells escaped as an export writes them: a spreadsheet cell starting with "=" is a formula.
    rows = valid_rows([parsing.escape_formula(_stored_text(text)) for text in notes])
    dataset = tablib.Dataset(*rows, headers=HEADER)
    data = dataset.export(file_format)
    path = tmp_path / f"claims.{file_format}"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    out = io.StringIO()
    with transaction.atomic():
        try:
            call_command("import_claims", str(path), "--dry-run", stdout=out)
        except (CommandError, ImportFileError) as error:
            raise AssertionError(f"a valid file was refused: {error}") from error
        assert out.getvalue().startswith(f"Dry run, nothing written. {len(rows)} rows in ")
        assert f": {len(rows)} new," in out.getvalue()
        transaction.set_rollback(True)
