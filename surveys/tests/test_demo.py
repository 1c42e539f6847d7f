"""The demo's survey: two imported past rounds and an open one, the same when loaded twice."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from surveys.models import Answer, Response, Round, Survey
from surveys.selectors import comparisons

pytestmark = pytest.mark.django_db


def test_the_demo_survey_has_two_imported_rounds_and_an_open_one_and_loads_once(client):
    call_command("load_demo", verbosity=0)
    counts = (Round.objects.count(), Response.objects.count(), Answer.objects.count())
    survey = Survey.objects.get(slug="jarjestokysely")
    rounds = list(survey.rounds.order_by("opens_at"))
    assert [r.name for r in rounds[:2]] == ["2016", "2018"]
    assert all(r.imported and r.is_closed() for r in rounds[:2])
    assert rounds[2].is_open()
    assert rounds[0].responses.count() == 163
    assert rounds[2].responses.filter(status="submitted", organization__isnull=False).exists()
    assert {c.question.key for c in comparisons(survey)} >= {"finances", "future", "members"}
    page = client.get(reverse("surveys:comparison", args=[survey.slug]))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    call_command("load_demo", verbosity=0)
    assert (Round.objects.count(), Response.objects.count(), Answer.objects.count()) == counts
