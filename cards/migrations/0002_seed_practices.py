"""The checklist of cooperation practices every card answers; the coordinator may extend it."""

from django.db import migrations

PRACTICES = [
    (
        "contact-person",
        "Nimetty järjestöyhteyshenkilö",
        "Namngiven kontaktperson för föreningar",
        "A named NGO contact person",
    ),
    (
        "ngo-forum",
        "Järjestöfoorumi tai -neuvottelukunta",
        "Föreningsforum eller -delegation",
        "An NGO forum or council",
    ),
    (
        "cooperation-programme",
        "Kirjallinen järjestöyhteistyön ohjelma",
        "Skriftligt program för samarbetet med föreningar",
        "A written cooperation programme",
    ),
    (
        "premises",
        "Maksuttomat tai edulliset tilat yhdistyksille",
        "Avgiftsfria eller förmånliga lokaler för föreningar",
        "Free or reduced-price premises",
    ),
    (
        "grant-criteria",
        "Julkaistut avustusten myöntämisperusteet",
        "Publicerade kriterier för understöd",
        "Published grant criteria",
    ),
    (
        "hyte-planning",
        "Hyvinvoinnin ja terveyden edistämisen (HYTE) suunnittelu yhdessä järjestöjen kanssa",
        "Planering av hälsofrämjande arbete tillsammans med föreningar",
        "Joint health and wellbeing (HYTE) planning with associations",
    ),
    (
        "representatives",
        "Järjestöjen edustajat kunnan toimielimissä",
        "Föreningsrepresentanter i kommunens organ",
        "NGO representatives in municipal bodies",
    ),
    (
        "regular-meetings",
        "Säännölliset tapaamiset yhdistysten kanssa",
        "Regelbundna möten med föreningar",
        "Regular meetings with associations",
    ),
    (
        "website-info",
        "Yhdistysten tiedot kunnan verkkosivuilla",
        "Föreningarnas information på kommunens webbplats",
        "Associations' information on the municipality's website",
    ),
    (
        "volunteering",
        "Vapaaehtoistoiminnan koordinointi",
        "Koordinering av frivilligverksamhet",
        "Volunteering coordination",
    ),
]


def seed(apps, schema_editor):
    Practice = apps.get_model("cards", "Practice")
    for order, (key, fi, sv, en) in enumerate(PRACTICES, start=1):
        Practice.objects.update_or_create(
            key=key,
            defaults={"name": fi, "name_fi": fi, "name_sv": sv, "name_en": en, "order": order * 10},
        )


def unseed(apps, schema_editor):
    Practice = apps.get_model("cards", "Practice")
    Practice.objects.filter(key__in=[key for key, *_names in PRACTICES]).delete()


class Migration(migrations.Migration):
    dependencies = [("cards", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
