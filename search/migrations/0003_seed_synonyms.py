"""The synonyms common in the field; the coordinator extends them in the admin."""

from django.db import migrations

SYNONYMS = [
    ("ikäihmiset, seniorit, eläkeläiset, vanhukset, ikääntyneet", "older people"),
    ("lapsiperheet, perheet, perhe", "families"),
    ("nuoret, nuoriso, nuorisotyö", "young people"),
    ("liikunta, urheilu, jumppa, kuntoilu", "exercise"),
    ("kuoro, laulu, yhteislaulu", "singing"),
    ("vertaistuki, vertaistukiryhmä, tukiryhmä", "peer support"),
    ("vapaaehtoinen, vapaaehtoistyö, vapaaehtoistoiminta", "volunteering"),
    ("maahanmuuttajat, maahanmuuttaja, kotoutuminen", "immigrants"),
    ("vammaiset, vammainen, erityistarpeet", "disability"),
    ("omaishoitaja, omaishoitajat, omaishoito", "family carers"),
    ("mielenterveys, jaksaminen, hyvinvointi", "mental health"),
    ("äldre, seniorer, pensionärer", "older people (sv)"),
    ("seniors, elderly, pensioners", "older people (en)"),
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.bulk_create([Synonym(words=w, note=n) for w, n in SYNONYMS])


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(words__in=[w for w, _ in SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_database_indexes")]

    operations = [migrations.RunPython(seed, unseed)]
