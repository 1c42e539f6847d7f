"""One response per association per round, when two sends race on PostgreSQL.

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakke_surveys; skipped on SQLite.
"""

import os
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from organizations.tests.factories import OrganizationFactory
from surveys import services
from surveys.models import Answer, QuestionKind, Response

from .factories import QuestionFactory, RoundFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="needs PostgreSQL (set DATABASE_URL)",
    ),
]


def test_two_concurrent_first_sends_of_one_association_make_one_response():
    question = QuestionFactory(kind=QuestionKind.SINGLE)
    round_ = RoundFactory(survey=question.survey)
    organization = OrganizationFactory()
    choices = list(question.choices.all())
    barrier = threading.Barrier(2)
    outcomes = []

    def send(choice):
        try:
            barrier.wait()
            # Each thread starts from nothing, as two browsers sending the form at once.
            response = services.response_get_or_start(round_=round_, organization=organization)
            services.response_save(
                response=response,
                questions=[question],
                values={question.pk: choice.pk},
                submit=True,
            )
            outcomes.append("sent")
        except ValidationError:
            outcomes.append("refused: already sent")
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(choice,)) for choice in choices[:2]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["refused: already sent", "sent"]
    assert Response.objects.filter(round=round_, organization=organization).count() == 1
    assert Answer.objects.filter(question=question).count() == 1
