"""The whole survey in Chromium without JavaScript: the coordinator builds a survey and
opens a round, an invited association answers (saving and continuing once), the round
closes and the results show the aggregates; axe-core over the answer form, the results
and the comparison in fi, sv and en."""

import datetime as dt
import re

import pytest
from django.core import mail

from core.tests.browser import (
    LANGUAGES,
    axe_violations,
    click_and_wait_for_the_next_page,
    describe_violations,
    localized_path,
)
from organizations.tests.factories import OrganizationFactory
from selfservice.tests.factories import coordinator
from selfservice.tests.test_browser import signed_in
from surveys import services
from surveys.models import QuestionKind, Round, Survey
from surveys.tasks import send_invitations_task

from .factories import QuestionFactory, RoundFactory, SectionFactory

pytestmark = pytest.mark.browser


def click(page, role, name):
    click_and_wait_for_the_next_page(page, page.get_by_role(role, name=name, exact=True))


def answer_directly(round_, question, choice, count):
    for _n in range(count):
        response = services.response_get_or_start(round_=round_, organization=OrganizationFactory())
        services.response_save(
            response=response, questions=[question], values={question.pk: choice.pk}, submit=True
        )


def test_a_survey_from_building_to_results(open_page, live_server, north_savo):
    boss = signed_in(open_page, live_server, coordinator(), java_script_enabled=False)
    boss.goto(live_server.url + localized_path("surveys:new", "en"))
    boss.get_by_label("Short name in addresses").fill("kysely")
    boss.get_by_label("Name in Finnish").fill("Järjestökysely")
    click(boss, "button", "Create the survey")
    for title in ("Tilanne", "Vapaaehtoiset"):
        boss.get_by_label("Section title in Finnish").fill(title)
        click(boss, "button", "Add the section")
    boss.get_by_label(re.compile(r"^Section \(required")).select_option(label="Tilanne")
    boss.get_by_label("Key").fill("premises")
    boss.get_by_label("Type").select_option("single")
    boss.get_by_label("Question in Finnish").fill("Onko teillä tilat?")
    boss.get_by_label("Choices").fill("yes | Kyllä | Ja | Yes\nno | Ei | Nej | No")
    click(boss, "button", "Add the question")
    boss.get_by_label(re.compile(r"^Section \(required")).select_option(label="Vapaaehtoiset")
    boss.get_by_label("Key").fill("volunteers")
    boss.get_by_label("Type").select_option("number")
    boss.get_by_label("Question in Finnish").fill("Montako vapaaehtoista?")
    click(boss, "button", "Add the question")
    click(boss, "link", "Open a round")
    boss.get_by_label("Name").fill("2026")
    boss.get_by_label("Closes on").fill((dt.date.today() + dt.timedelta(days=30)).isoformat())
    click(boss, "button", "Open the round")
    click(boss, "button", "Send the invitations")
    round_ = Round.objects.get(survey__slug="kysely")
    send_invitations_task(round_.pk)  # what the Celery worker does

    invited = north_savo.pensioners
    body = next(m.body for m in mail.outbox if invited.email in m.to)
    token = re.search(r"https?://\S+", body).group(0).rstrip("/").rsplit("/", 1)[1]
    path = localized_path("surveys:answer_invited", "en", token=token)
    page = open_page(java_script_enabled=False)
    page.goto(live_server.url + path)
    page.get_by_label("Yes").check()
    click(page, "button", "Save and continue later")
    assert page.get_by_text("Your answers are saved").is_visible()

    later = open_page(java_script_enabled=False)  # another day, another browser
    later.goto(live_server.url + path)
    assert later.get_by_label("Yes").is_checked()
    click(later, "button", "Next")
    later.get_by_label("Montako vapaaehtoista?").fill("12")
    click(later, "button", "Send the answers")
    assert later.get_by_text("The answers have been sent").is_visible()

    question = round_.versions.get(question__key="premises").question
    answer_directly(round_, question, question.choices.get(value="yes"), 4)
    answer_directly(round_, question, question.choices.get(value="no"), 5)
    boss.reload()
    click(boss, "button", "Close the round now")
    click(boss, "link", "Results")
    assert boss.get_by_role("heading", name="Onko teillä tilat?").is_visible()
    assert boss.get_by_text("10 answers").first.is_visible()
    totals = boss.get_by_role("table").first.locator("tfoot td")
    assert totals.all_inner_texts() == ["10", "5", "5"]


@pytest.fixture
def survey_with_results(north_savo):
    section = SectionFactory(title_fi="Tilanne", title_sv="Situation", title_en="Situation")
    question = QuestionFactory(section=section, key="premises", kind=QuestionKind.SINGLE)
    scale = QuestionFactory(section=section, key="future", kind=QuestionKind.SCALE)
    survey = section.survey
    for name in ("2016", "2018", "2020"):  # three, so the comparison offers a choice
        round_ = RoundFactory(survey=survey, name=name)
        for index in range(12):
            response = services.response_get_or_start(
                round_=round_, organization=OrganizationFactory()
            )
            choices = list(question.choices.all())
            services.response_save(
                response=response,
                questions=[question, scale],
                values={question.pk: choices[index % 2].pk, scale.pk: 1 + index % 5},
                submit=True,
            )
        Round.objects.filter(pk=round_.pk).update(closes_at=round_.opens_at + dt.timedelta(hours=1))
    open_round = RoundFactory(survey=survey, name="2026", open_link=True)
    return Survey.objects.get(pk=survey.pk), open_round


def test_the_survey_pages_have_no_accessibility_violations(
    open_page, live_server, survey_with_results
):
    survey, open_round = survey_with_results
    closed = survey.rounds.exclude(pk=open_round.pk).first()
    page = signed_in(open_page, live_server, coordinator())
    for lang in LANGUAGES:
        for path in (
            localized_path("surveys:answer_open", lang, slug=survey.slug, pk=open_round.pk),
            localized_path("surveys:results", lang, slug=survey.slug, pk=closed.pk),
            localized_path("surveys:comparison", lang, slug=survey.slug),
            localized_path("surveys:question", lang, slug=survey.slug, key="future"),
        ):
            response = page.goto(path)
            assert response.ok, f"GET {path} answered {response.status}"
            violations = axe_violations(page)
            assert not violations, describe_violations(violations, path)
