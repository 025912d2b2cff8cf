"""The listing's selects are written in Python (curation.public.filters.WrittenSelect): the same markup as Django's."""

import pytest
from django import forms
from django.http import QueryDict

from curation.public import selectors
from curation.public.filters import ClaimFilter, WrittenSelect
from tests.builders import make_metric, make_outlet, make_place

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["", "place=kashgar&metric=trade&qualifier=about&sort=-value&corroborated=yes", "place=nowhere&qualifier=zzz"],
)
def test_each_select_is_written_as_djangos_templates_write_it(query):
    make_place(name="Kashgar <Kashi> & “Kaxgar”", slug="kashgar")
    make_metric(code="trade", name="Trade's value", unit="CNY")
    make_outlet(name="People's Daily")
    claim_filter = ClaimFilter(QueryDict(query), queryset=selectors.public_claims())
    claim_filter.is_valid()
    selects = [field for field in claim_filter.form.visible_fields() if isinstance(field.field.widget, forms.Select)]
    assert {field.name for field in selects} == {"place", "metric", "outlet", "qualifier", "corroborated", "sort"}
    for field in selects:
        assert isinstance(field.field.widget, WrittenSelect)
        written = str(field)
        field.field.widget.render = forms.Select.render.__get__(field.field.widget)
        assert written == str(field), field.name
