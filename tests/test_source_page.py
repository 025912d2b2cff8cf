"""A source cited by many published claims lists them 50 a page, with their count; the text marks every passage."""

import pytest
from django.urls import reverse

from curation.models import Citation, Claim
from curation.public import views
from tests.builders import make_claim, make_metric, make_place, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def source_with_sixty_claims():
    sentences = [f"Port {number} handled {number + 1},000 tons." for number in range(60)]
    source = make_source(body=" ".join(sentences))
    place, metric = make_place(), make_metric()
    for sentence in sentences:
        make_claim(status=Claim.Status.APPROVED, place=place, metric=metric, source=source, quote=sentence)
    for citation in Citation.objects.filter(source=source):
        citation.locate_quote()
        citation.save()
    make_claim(status=Claim.Status.DRAFT, source=source, quote=sentences[0])  # not public: not counted
    return source


def test_the_claims_are_listed_fifty_a_page_with_their_count_and_every_passage_marked(client, source_with_sixty_claims):
    url = reverse("public:source_detail", args=[source_with_sixty_claims.pk])
    first = client.get(url)
    content = first.content.decode()
    assert len(first.context["citations"]) == views.CITATIONS_PER_SOURCE_PAGE
    assert "60 published claims; 1 to 50 listed here" in content
    assert content.count("<mark") == 60 and 'href="?page=2"' in content
    second = client.get(url, {"page": 2})
    assert len(second.context["citations"]) == 10
    assert "51 to 60 listed here" in second.content.decode() and second.content.decode().count("<mark") == 60
    listed = [c.pk for c in first.context["citations"]] + [c.pk for c in second.context["citations"]]
    assert len(set(listed)) == 60
    assert client.get(url, {"page": "x"}).status_code == 200  # a page that is not a number shows the first
