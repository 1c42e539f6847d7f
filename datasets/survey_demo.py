"""The demo's NGO survey: the questionnaire of the 2016 and 2018 North Savo surveys'
themes (situation and resources; premises and cooperation with municipalities;
volunteers and their future), its two past rounds imported from the files in
datasets/demo/ (through the same importer a coordinator uses), and an open round that
the demo associations have partly answered.

Loaded after the demo dataset, whose associations and municipalities it uses. Loading
again changes nothing: the survey is found by its slug and left as it is.
"""

import datetime as dt
import random
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from organizations.models import Organization
from surveys.importing import read_mapping, read_table, round_import_by_operator
from surveys.models import Choice, Question, QuestionVersion, Round, Section, Survey
from surveys.services import response_get_or_start, response_save

DEMO_DIR = Path(__file__).parent / "demo"
SLUG = "jarjestokysely"
SEED = 2026

SECTIONS = [
    ("Tilanne ja resurssit", "Situationen och resurserna", "Situation and resources"),
    (
        "Tilat ja yhteistyö kunnan kanssa",
        "Lokaler och samarbete med kommunen",
        "Premises and cooperation with the municipality",
    ),
    ("Vapaaehtoiset ja tulevaisuus", "Frivilliga och framtiden", "Volunteers and the future"),
]
# key, section, kind, (fi, sv, en), choices [(value, fi, sv, en)], required
QUESTIONS = [
    (
        "members",
        0,
        "number",
        (
            "Kuinka monta jäsentä yhdistyksellänne on?",
            "Hur många medlemmar har er förening?",
            "How many members does your association have?",
        ),
        [],
        True,
    ),
    (
        "finances",
        0,
        "single",
        (
            "Millainen on yhdistyksenne taloudellinen tilanne?",
            "Hur är er förenings ekonomiska situation?",
            "How is your association's financial situation?",
        ),
        [
            ("good", "Hyvä", "God", "Good"),
            ("fair", "Kohtalainen", "Måttlig", "Fair"),
            ("poor", "Heikko", "Svag", "Poor"),
        ],
        True,
    ),
    (
        "funding",
        0,
        "multiple",
        (
            "Mistä yhdistyksenne saa rahoitusta?",
            "Varifrån får er förening finansiering?",
            "Where does your association get its funding?",
        ),
        [
            ("fees", "Jäsenmaksut", "Medlemsavgifter", "Membership fees"),
            ("municipal", "Kunnan avustukset", "Kommunala bidrag", "Municipal grants"),
            ("stea", "STEA", "STEA", "STEA"),
            ("sales", "Tapahtumat ja myynti", "Evenemang och försäljning", "Events and sales"),
            ("donations", "Lahjoitukset", "Donationer", "Donations"),
        ],
        False,
    ),
    (
        "premises",
        1,
        "single",
        (
            "Onko yhdistyksellänne käytössä sopivat toimitilat?",
            "Har er förening lämpliga lokaler?",
            "Does your association have suitable premises?",
        ),
        [
            ("yes", "Kyllä", "Ja", "Yes"),
            ("partly", "Osittain", "Delvis", "Partly"),
            ("no", "Ei", "Nej", "No"),
        ],
        True,
    ),
    (
        "cooperation",
        1,
        "scale",
        (
            "Miten hyvin yhteistyö kunnan kanssa toimii? (1 = huonosti, 5 = erinomaisesti)",
            "Hur väl fungerar samarbetet med kommunen? (1 = dåligt, 5 = utmärkt)",
            "How well does cooperation with the municipality work? (1 = poorly, 5 = excellently)",
        ),
        [],
        False,
    ),
    (
        "volunteers",
        2,
        "number",
        (
            "Kuinka monta vapaaehtoista toimii yhdistyksessänne vuoden aikana?",
            "Hur många frivilliga är verksamma i er förening under ett år?",
            "How many volunteers work in your association in a year?",
        ),
        [],
        False,
    ),
    (
        "volunteer-trend",
        2,
        "single",
        (
            "Miten vapaaehtoisten määrä on muuttunut kahden viime vuoden aikana?",
            "Hur har antalet frivilliga förändrats under de två senaste åren?",
            "How has the number of volunteers changed in the last two years?",
        ),
        [
            ("grown", "Kasvanut", "Ökat", "Grown"),
            ("same", "Pysynyt ennallaan", "Oförändrat", "Stayed the same"),
            ("declined", "Vähentynyt", "Minskat", "Declined"),
        ],
        False,
    ),
    (
        "new-volunteers",
        2,
        "text",
        (
            "Mikä auttaisi saamaan uusia vapaaehtoisia?",
            "Vad skulle hjälpa att få nya frivilliga?",
            "What would help to find new volunteers?",
        ),
        [],
        False,
    ),
    (
        "future",
        2,
        "scale",
        (
            "Kuinka luottavaisin mielin katsotte yhdistyksenne tulevaisuuteen? (1–5)",
            "Hur tryggt ser ni på er förenings framtid? (1–5)",
            "How confident are you about your association's future? (1–5)",
        ),
        [],
        False,
    ),
]
# A wording changed for 2026: still comparable with the earlier rounds.
REWORDED = {
    "future": (
        "Kuinka luottavaisena näette yhdistyksenne tulevaisuuden viiden vuoden päähän? (1–5)",
        "Hur tryggt ser ni på er förenings framtid om fem år? (1–5)",
        "How confident are you about your association's future five years from now? (1–5)",
    )
}
PAST_ROUNDS = [("2016", dt.date(2016, 10, 31)), ("2018", dt.date(2018, 10, 31))]


def _questionnaire() -> Survey:
    survey = Survey.objects.create(
        slug=SLUG,
        name_fi="Pohjois-Savon järjestökysely",
        name_sv="Föreningsenkäten i Norra Savolax",
        name_en="North Savo NGO survey",
        description_fi="Kysely alueen yhdistyksille niiden tilanteesta, tiloista, yhteistyöstä "
        "kuntien kanssa ja vapaaehtoisista. Tulokset julkaistaan vain useamman vastauksen "
        "yhteenvetoina.",
        description_en="A survey of the region's associations on their situation, premises, "
        "cooperation with the municipalities and volunteers. The results are published only "
        "as totals of several answers.",
    )
    sections = [
        Section.objects.create(survey=survey, order=n, title_fi=fi, title_sv=sv, title_en=en)
        for n, (fi, sv, en) in enumerate(SECTIONS, start=1)
    ]
    for order, (key, section, kind, texts, choices, required) in enumerate(QUESTIONS, start=1):
        question = Question.objects.create(
            survey=survey,
            section=sections[section],
            key=key,
            kind=kind,
            order=order,
            required=required,
        )
        QuestionVersion.objects.create(
            question=question, number=1, text_fi=texts[0], text_sv=texts[1], text_en=texts[2]
        )
        for n, (value, fi, sv, en) in enumerate(choices, start=1):
            Choice.objects.create(
                question=question, value=value, order=n, label_fi=fi, label_sv=sv, label_en=en
            )
    declined = Choice.objects.get(question__survey=survey, value="declined")
    Question.objects.filter(survey=survey, key="new-volunteers").update(show_if_choice=declined)
    survey.size_question = Question.objects.get(survey=survey, key="members")
    survey.save()
    return survey


def _import_past_rounds(survey: Survey) -> None:
    for name, closed_on in PAST_ROUNDS:
        path = DEMO_DIR / f"survey-{name}.csv"
        mapping_path = DEMO_DIR / f"survey-{name}-mapping.csv"
        mapping = read_table(mapping_path.read_bytes(), mapping_path.name)
        round_import_by_operator(
            survey=survey,
            name=name,
            closes_on=closed_on,
            rows=read_table(path.read_bytes(), path.name),
            mappings=read_mapping(survey, mapping),
        )


def _open_round(survey: Survey) -> Round:
    for key, (fi, sv, en) in REWORDED.items():
        QuestionVersion.objects.create(
            question=Question.objects.get(survey=survey, key=key),
            number=2,
            text_fi=fi,
            text_sv=sv,
            text_en=en,
            comparable_with_previous=True,
        )
    now = timezone.now()
    round_ = Round.objects.create(
        survey=survey,
        name=str(now.year),
        opens_at=now - dt.timedelta(days=10),
        closes_at=now + dt.timedelta(days=20),
        open_link=True,
    )
    latest = {
        v.question_id: v
        for v in QuestionVersion.objects.filter(question__survey=survey).order_by("number")
    }
    round_.versions.set(latest.values())
    return round_


def _answer(round_: Round, rng: random.Random) -> None:
    """Two thirds of the demo associations have sent their answers, a few saved a draft."""
    questions = list(Question.objects.filter(survey=round_.survey).prefetch_related("choices"))
    organizations = list(Organization.objects.filter(data_source="demo").order_by("pk"))
    for index, organization in enumerate(organizations):
        if index % 3 == 2:
            continue
        values = {}
        for question in questions:
            choices = [c.pk for c in question.choices.all()]
            if question.kind == "single":
                values[question.pk] = rng.choice(choices)
            elif question.kind == "multiple":
                values[question.pk] = rng.sample(choices, rng.randint(1, 3))
            elif question.kind == "scale":
                values[question.pk] = rng.choice([2, 3, 3, 4, 4, 5])
            elif question.kind == "number":
                values[question.pk] = (
                    rng.randint(5, 60)
                    if question.key == "volunteers"
                    else int(rng.lognormvariate(4, 1))
                )
            elif question.kind == "text":
                values[question.pk] = rng.choice(
                    [
                        "Lyhyet, kertaluonteiset tehtävät.",
                        "Yhteistyö oppilaitosten kanssa.",
                        "Parempi näkyvyys somessa.",
                    ]
                )
        response = response_get_or_start(round_=round_, organization=organization)
        response_save(
            response=response,
            questions=questions,
            values=values,
            submit=index % 3 == 0,
            consent_to_be_named=index % 2 == 0,
        )


def survey_demo_load() -> None:
    """The demo survey, once: its questionnaire, two imported rounds and an open one."""
    if Survey.objects.filter(slug=SLUG).exists():
        return
    with transaction.atomic():
        survey = _questionnaire()
        _import_past_rounds(survey)
        round_ = _open_round(survey)
        _answer(round_, random.Random(SEED))
