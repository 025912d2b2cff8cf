"""The extraction assistant in the admin and from the command line, on the seed articles."""

import datetime as dt
import json
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curation.models import Citation, Claim, Source
from curation.text.quotes import locate_quote
from tests.builders import make_source

pytestmark = pytest.mark.django_db

TIANSHANNET = "Kashi’s foreign trade partners numbers 118"


@pytest.fixture
def fresh_seed_article():
    """The seed data with the claims of the TIANSHANNET article removed, as if it had just been added."""
    call_command("loaddata", "seed", verbosity=0)
    source = Source.objects.get(title=TIANSHANNET)
    Claim.objects.filter(citations__source=source).delete()
    return source


def extract_url(source):
    return reverse("admin:curation_source_extract", args=[source.pk])


def post_data(response, *, accept=(), changes=None, accept_one=None):
    """What the browser sends back: every candidate's fields as shown, the chosen boxes checked."""
    formset = response.context["formset"]
    data = {f"{formset.prefix}-{name}": value for name, value in formset.management_form.initial.items()}
    for form in formset.forms:
        key = form.initial["key"]
        values = {**form.initial, **(changes or {}).get(key, {})}
        for name in form.fields:
            if name == "accept":
                if key in accept:
                    data[f"{form.prefix}-accept"] = "on"
                continue
            value = values.get(name)
            if isinstance(value, dt.date):
                value = value.isoformat()
            data[f"{form.prefix}-{name}"] = "" if value is None else str(value)
    if accept_one is not None:
        data["accept_one"] = str(accept_one)
    return data


def candidate_numbers(response):
    return {form.initial["key"]: form.initial["value"] for form in response.context["formset"].forms}


def test_editor_accepts_ten_candidates_with_two_corrections_without_typing_a_number(
    editor_client, editor, fresh_seed_article
):
    source = fresh_seed_article
    change_page = editor_client.get(reverse("admin:curation_source_change", args=[source.pk])).content.decode()
    assert extract_url(source) in change_page

    page = editor_client.get(extract_url(source))
    assert page.status_code == 200
    assert "<mark>" in page.content.decode()
    values = candidate_numbers(page)
    # Trade values with their dollar conversions, growth rates, and the trade partners of 2013 and 2023.
    chosen = [0, 1, 2, 5, 6, 7, 8, 9, 19, 20]
    # The two corrections: the text counts "trade partners", not countries.
    corrections = {19: {"unit": "partners"}, 20: {"unit": "partners"}}
    response = editor_client.post(extract_url(source), post_data(page, accept=chosen, changes=corrections))
    assert response.status_code == 302, response.context and response.context["formset"].errors

    claims = Claim.objects.filter(citations__source=source).order_by("pk")
    assert claims.count() == 10
    for claim in claims:
        citation = claim.citations.get()
        assert citation.is_primary and citation.is_quote_found
        assert locate_quote(citation.quote, source.body) is not None
        assert claim.status == Claim.Status.DRAFT
        assert claim.created_by == editor
    assert sorted(claims.values_list("value", flat=True)) == sorted(values[key] for key in chosen)
    assert set(claims.filter(value__in=[28, 118]).values_list("unit", flat=True)) == {"partners"}
    dollars = claims.get(value=Decimal("10750000000"))
    assert (dollars.unit, dollars.qualifier, dollars.conversion_of.value) == ("USD", "about", Decimal("77150000000"))
    yuan_2020 = claims.get(value=Decimal("690000000"))
    assert (yuan_2020.period_start, yuan_2020.period_end) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    partners_2013 = claims.get(value=28)
    assert (partners_2013.period_start, partners_2013.period_end) == (None, dt.date(2013, 12, 31))
    partners_2023 = claims.get(value=118)  # a level "in 2023" stated on 29 December 2023
    assert (partners_2023.period_start, partners_2023.period_end) == (None, dt.date(2023, 12, 29))


def test_accepted_candidates_are_marked_and_not_duplicated_on_a_second_run(editor_client, fresh_seed_article):
    source = fresh_seed_article
    page = editor_client.get(extract_url(source))
    editor_client.post(extract_url(source), post_data(page, accept=[0, 1]))
    assert Claim.objects.filter(citations__source=source).count() == 2

    again = editor_client.get(extract_url(source))
    content = again.content.decode()
    assert content.count("already curated as") == 2
    editor_client.post(extract_url(source), post_data(again, accept=[0, 1, 2]))
    assert Claim.objects.filter(citations__source=source).count() == 3


def test_seed_claims_already_curate_their_candidates(editor_client):
    call_command("loaddata", "seed", verbosity=0)
    source = Source.objects.get(title=TIANSHANNET)
    content = editor_client.get(extract_url(source)).content.decode()
    # Each of the article's curated claims marks the candidate it states, and no other.
    curated = Claim.objects.filter(citations__source=source).distinct().count()
    assert content.count("already curated as") == curated == 22


def test_one_click_creates_a_draft_claim_and_opens_it(editor_client, fresh_seed_article):
    source = fresh_seed_article
    page = editor_client.get(extract_url(source))
    response = editor_client.post(extract_url(source), post_data(page, accept_one=0))
    claim = Claim.objects.get(citations__source=source)
    assert response["Location"] == reverse("admin:curation_claim_change", args=[claim.pk])
    assert claim.value == Decimal("77150000000") and claim.citations.get().is_primary


def test_an_incomplete_candidate_is_refused_and_nothing_is_created(editor_client, fresh_seed_article):
    source = fresh_seed_article
    page = editor_client.get(extract_url(source))
    response = editor_client.post(
        extract_url(source), post_data(page, accept=[0, 1, 21])
    )  # 21, "Export categories have doubled", has no period
    assert response.status_code == 200
    assert "Needed to accept this candidate." in response.content.decode()
    assert not Claim.objects.filter(citations__source=source).exists()


def test_a_rule_broken_by_a_correction_is_reported_and_nothing_is_created(editor_client, fresh_seed_article):
    source = fresh_seed_article
    page = editor_client.get(extract_url(source))
    data = post_data(page, accept=[0, 2], changes={2: {"period_start": dt.date(2024, 1, 1)}})
    response = editor_client.post(extract_url(source), data)
    assert response.status_code == 200
    assert "Candidate 3" in response.content.decode()
    assert not Claim.objects.filter(citations__source=source).exists()


def test_quotes_and_text_are_escaped_on_the_page(editor_client):
    source = make_source(body="<script>alert(1)</script> Trade reached 93.16 billion yuan <b>in 2025</b>.")
    content = editor_client.get(extract_url(source)).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content
    assert "<strong>93.16 billion yuan</strong>" in content


def test_unparsed_numbers_are_listed(editor_client):
    source = make_source(body="双边贸易额达3.66亿元。Trade reached 68,100 tonnes.")
    content = editor_client.get(extract_url(source)).content.decode()
    assert "3.66亿元" in content and "Not read (1)" in content


def test_the_action_opens_the_page_for_one_source(editor_client):
    source = make_source()
    response = editor_client.post(
        reverse("admin:curation_source_changelist"),
        {"action": "extract_candidate_claims", "_selected_action": [source.pk]},
    )
    assert response["Location"] == extract_url(source)


def test_the_page_needs_no_query_per_candidate(editor_client):
    short = make_source(body="Trade reached 93.16 billion yuan in 2025.")
    long = make_source(body=" ".join(f"Region {n} counted {n + 10} enterprises in 2025." for n in range(40)))
    editor_client.get(extract_url(short))  # warm caches (content types, session)
    with CaptureQueriesContext(connection) as few:
        editor_client.get(extract_url(short))
    with CaptureQueriesContext(connection) as many:
        editor_client.get(extract_url(long))
    assert len(many) == len(few)


def test_command_reports_counts_and_writes_nothing_by_default(fresh_seed_article):
    output = StringIO()
    call_command("extract_claims", "--source", str(fresh_seed_article.pk), stdout=output)
    assert "22 candidates, 0 already curated, 22 new (21 complete)" in output.getvalue()
    assert "dry run" in output.getvalue()
    assert not Citation.objects.filter(source=fresh_seed_article).exists()


def test_command_with_accept_creates_the_complete_candidates_once(fresh_seed_article):
    output = StringIO()
    call_command("extract_claims", "--accept", stdout=output)
    created = Claim.objects.filter(citations__source=fresh_seed_article)
    assert created.count() == 21
    assert all(claim.status == Claim.Status.DRAFT for claim in created)
    call_command("extract_claims", "--accept", stdout=StringIO())
    assert Claim.objects.filter(citations__source=fresh_seed_article).count() == 21


def test_a_reader_without_add_permission_sees_candidates_but_cannot_accept(client, django_user_model):
    from django.contrib.auth.models import Permission

    reader = django_user_model.objects.create_user(username="reader", password="pw-reader-123", is_staff=True)
    reader.user_permissions.set(Permission.objects.filter(codename="view_source"))
    client.force_login(reader)
    source = make_source()
    page = client.get(extract_url(source))
    assert page.status_code == 200
    assert "Accept checked candidates" not in page.content.decode()
    assert client.post(extract_url(source), post_data(page, accept=[0])).status_code == 403
    assert not Claim.objects.exists()


def json_candidates(*arguments) -> list[dict]:
    output = StringIO()
    call_command("extract_claims", *arguments, "--format", "json", stdout=output)
    return json.loads(output.getvalue())


def test_command_prints_every_candidate_as_json_with_its_guesses_and_offsets(fresh_seed_article):
    source = fresh_seed_article
    records = json_candidates("--source", str(source.pk))
    assert len(records) == 22
    assert set(records[0]) >= {
        "value", "value_max", "unit", "qualifier", "place", "metric", "period_start", "period_end", "quote", "start",
        "end",
    }  # fmt: skip
    trade = records[0]
    assert (trade["value"], trade["unit"], trade["qualifier"]) == (77150000000, "CNY", "exact")
    assert (trade["place"], trade["metric"]) == ("Kashgar Prefecture", "trade_value")
    assert (trade["period_start"], trade["period_end"]) == ("2023-01-01", "2023-11-30")
    assert source.body[trade["start"] : trade["end"]] == "77.15 billion"
    assert trade["quote"] in source.body
    bound = next(record for record in records if record["value"] == 75000000000)
    assert bound["qualifier"] == "more_than"
    nationwide = next(record for record in records if record["unit"] == "zones" and record["value"] == 100)
    assert (nationwide["place"], nationwide["metric"]) == ("China", "comprehensive_bonded_zones")
    growth = next(record for record in records if record["value"] == 98.1)
    assert growth["unit"] == "%" and growth["value_max"] is None
    doubled = records[-1]  # "Export categories have doubled from 2013": +100 %, no period read
    assert (doubled["value"], doubled["unit"], doubled["metric"]) == (100, "%", "export_categories_growth")
    assert (doubled["period_start"], doubled["period_end"], doubled["forecast"]) == (None, None, False)
    assert not Citation.objects.filter(source=source).exists()


def test_json_output_of_a_text_without_figures_is_an_empty_array():
    source = make_source(body="Nothing is counted here.")
    assert json_candidates("--source", str(source.pk)) == []


def test_json_output_refuses_to_accept_at_the_same_time(fresh_seed_article):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--format json"):
        call_command("extract_claims", "--accept", "--format", "json", stdout=StringIO())
    assert not Claim.objects.filter(citations__source=fresh_seed_article).exists()


def test_json_output_of_an_unknown_source_is_a_clear_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No source with id 999999"):
        json_candidates("--source", "999999")


def asked_fields(content: str, row_number: int) -> str:
    """The part of a candidate's row that asks for input, before its 'Correct' fold."""
    row = re.search(rf'<tr class="[^"]*" id="candidate-{row_number}">(.*?)</tr>', content, re.S).group(1)
    return row.split('<td class="asked">', 1)[1].split("<details", 1)[0]


def test_all_complete_candidates_are_accepted_with_one_click(editor_client, fresh_seed_article):
    source = fresh_seed_article
    page = editor_client.get(extract_url(source))
    complete = [row for row in page.context["rows"] if row["row"].is_complete]
    assert len(complete) == 21
    assert "Accept all 21 complete candidates" in page.content.decode()
    response = editor_client.post(extract_url(source), {**post_data(page), "accept_complete": "1"})
    assert response.status_code == 302 and response["Location"] == extract_url(source)
    claims = Claim.objects.filter(citations__source=source)
    assert claims.count() == 21
    assert sorted(claims.values_list("value", flat=True)) == sorted(row["row"].candidate.value for row in complete)
    # the incomplete ones are left for the editor
    again = editor_client.get(extract_url(source)).content.decode()
    assert again.count("already curated as") == 21
    assert "complete candidates as draft claims" not in again


def test_a_complete_candidate_is_accepted_by_its_own_button_and_the_page_stays(editor_client, fresh_seed_article):
    source = fresh_seed_article
    page = editor_client.get(extract_url(source))
    response = editor_client.post(extract_url(source), {**post_data(page), "accept_now": "0"})
    assert response["Location"] == extract_url(source)
    claim = Claim.objects.get(citations__source=source)
    assert (claim.value, claim.place.name, claim.metric.code) == (
        Decimal("77150000000"),
        "Kashgar Prefecture",
        "trade_value",
    )
    assert (claim.period_start, claim.period_end) == (dt.date(2023, 1, 1), dt.date(2023, 11, 30))


def test_a_complete_candidate_asks_for_nothing_and_an_incomplete_one_only_for_its_empty_fields(
    editor_client, fresh_seed_article
):
    page = editor_client.get(extract_url(fresh_seed_article))
    content = page.content.decode()
    complete = asked_fields(content, 1)  # 77.15 billion yuan, all read
    assert "nothing" in complete and "<input" not in complete and "<select" not in complete
    # "has exceeded 75 billion yuan" takes the period of its paragraph, so it too asks for nothing
    assert "nothing" in asked_fields(content, 4)
    undated_rate = asked_fields(content, 22)  # "Export categories have doubled": a rate, only its end is needed
    assert 'name="form-21-period_end"' in undated_rate
    assert "form-21-period_start" not in undated_rate and "form-21-metric" not in undated_rate
    assert 'id="candidate-1"' in content and "Correct" in content  # the other fields stay correctable


def test_an_incomplete_candidate_is_accepted_once_its_missing_fields_are_given(editor_client, fresh_seed_article):
    source = fresh_seed_article
    page = editor_client.get(extract_url(source))
    # "Export categories have doubled from 2013": a rate whose period end the text does not give
    refused = editor_client.post(extract_url(source), {**post_data(page), "accept_one": "21"})
    assert refused.status_code == 200
    assert asked_fields(refused.content.decode(), 22).count("Needed to accept this candidate") == 1
    assert not Claim.objects.filter(citations__source=source).exists()
    period = {21: {"period_end": dt.date(2023, 12, 29)}}
    response = editor_client.post(extract_url(source), {**post_data(page, changes=period), "accept_one": "21"})
    claim = Claim.objects.get(citations__source=source)
    assert response["Location"] == reverse("admin:curation_claim_change", args=[claim.pk])
    assert (claim.value, claim.unit, claim.period_end) == (Decimal("100"), "%", dt.date(2023, 12, 29))


def test_a_flow_metric_chosen_for_a_candidate_needs_a_period_start(editor_client, fresh_seed_article):
    source = fresh_seed_article
    page = editor_client.get(extract_url(source))
    partners = next(row["row"] for row in page.context["rows"] if row["row"].candidate.value == 118)
    trade_value = Claim.objects.values_list("metric_id", flat=True).filter(metric__code="trade_value").first()
    changes = {partners.key: {"metric": trade_value}}
    response = editor_client.post(
        extract_url(source), {**post_data(page, changes=changes), "accept_now": str(partners.key)}
    )
    assert response.status_code == 200
    assert "the metric counts over a period" in response.content.decode()
    assert not Claim.objects.filter(citations__source=source).exists()


def test_a_forecast_candidate_is_drafted_with_a_label_that_says_so(editor_client):
    from curation.models import Metric, Place

    Place.objects.create(name="Kashgar area", slug="kashgar-area", kind=Place.Kind.FTZ_AREA)
    Metric.objects.create(code="trade_value", name="Import and export value", unit="CNY", nature=Metric.Nature.FLOW)
    source = make_source(
        body="The Kashgar area expects its import and export value to exceed 100 billion yuan in 2027."
    )
    page = editor_client.get(extract_url(source))
    (row,) = [item["row"] for item in page.context["rows"]]
    assert row.candidate.is_forecast and row.period_label == "forecast: in 2027"
    editor_client.post(extract_url(source), {**post_data(page), "accept_now": "0"})
    claim = Claim.objects.get(citations__source=source)
    assert (claim.period_label, claim.period_start, claim.period_end) == (
        "forecast: in 2027",
        dt.date(2027, 1, 1),
        dt.date(2027, 12, 31),
    )
