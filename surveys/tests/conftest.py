import datetime as dt

import pytest
from django.utils import timezone

from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from surveys import services
from surveys.models import QuestionKind, Response
from taxonomy.tests.factories import TopicFactory

from .factories import QuestionFactory, RoundFactory, SectionFactory


@pytest.fixture
def closed_round(db):
    """A closed round of 14 associations in two municipalities (9 and 5) and two topics,
    answering a single choice, a scale and a number; Iisalmi's three "c" answers and the
    one association of the second topic there are small groups."""
    section = SectionFactory(title_fi="Tilanne")
    kind = QuestionFactory(
        section=section, key="situation", kind=QuestionKind.SINGLE, version="Tilanne?"
    )
    scale = QuestionFactory(section=section, key="premises", kind=QuestionKind.SCALE)
    members = QuestionFactory(section=section, key="members", kind=QuestionKind.NUMBER)
    survey = section.survey
    survey.size_question = members
    survey.save()
    round_ = RoundFactory(survey=survey, name="2024")
    kuopio = MunicipalityFactory(name_fi="Kuopio")
    iisalmi = MunicipalityFactory(name_fi="Iisalmi")
    sport, culture = TopicFactory(), TopicFactory()
    a, b, c = kind.choices.order_by("order")
    plan = [(kuopio, sport, a)] * 5 + [(kuopio, culture, b)] * 4
    plan += [(iisalmi, sport, c)] * 3 + [(iisalmi, sport, a)] + [(iisalmi, culture, b)]
    for index, (municipality, topic, choice) in enumerate(plan):
        organization = OrganizationFactory(municipalities=[municipality], topics=[topic])
        response = services.response_get_or_start(round_=round_, organization=organization)
        services.response_save(
            response=response,
            questions=[kind, scale, members],
            values={kind.pk: choice.pk, scale.pk: 1 + index % 5, members.pk: 10 * index},
            submit=True,
        )
    round_.closes_at = timezone.now() - dt.timedelta(minutes=1)
    round_.save()
    assert Response.objects.filter(round=round_, status="submitted").count() == 14
    return round_
