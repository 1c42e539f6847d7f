import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from surveys.importing import read_mapping, read_table, round_import_by_operator
from surveys.models import Survey


class Command(BaseCommand):
    help = (
        "Import a past round of a survey from a CSV/XLSX of answers and a CSV question "
        "mapping (see surveys/importing.py). One bad row rejects the whole file."
    )

    def add_arguments(self, parser):
        parser.add_argument("survey", help="the survey's slug")
        parser.add_argument("name", help="the round's name, e.g. 2018")
        parser.add_argument("answers", type=Path)
        parser.add_argument("mapping", type=Path)
        parser.add_argument("--closed-on", type=dt.date.fromisoformat, required=True)

    def handle(self, *args, **options):
        survey = Survey.objects.filter(slug=options["survey"]).first()
        if survey is None:
            raise CommandError(f"No survey {options['survey']!r}.")
        answers = options["answers"]
        try:
            mappings = read_mapping(survey, read_table(options["mapping"].read_bytes(), "m.csv"))
            round_ = round_import_by_operator(
                survey=survey,
                name=options["name"],
                closes_on=options["closed_on"],
                rows=read_table(answers.read_bytes(), answers.name),
                mappings=mappings,
            )
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from None
        count = round_.responses.count()
        self.stdout.write(f"Imported round {round_.name}: {count} responses.")
