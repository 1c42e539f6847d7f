"""Swedish and English words for the Finnish ones the content uses, and a few more
Finnish synonyms: a maintained term map the coordinator extends in the admin
(Synonym groups). Multi-word entries ("family carer") match as phrases."""

from django.db import migrations

SYNONYMS = [
    ("lentopallo, volleyball, volleyboll", "volleyball (sv/en)"),
    ("salibandy, sähly, floorball, innebandy", "floorball"),
    ("jalkapallo, football, soccer, fotboll", "football (sv/en)"),
    ("kuoro, choir, choirs, kör", "choir (sv/en)"),
    (
        "omaishoitaja, family carer, family carers, family caregiver, närståendevårdare",
        "family carers (sv/en)",
    ),
    (
        "vertaistuki, vertaistukiryhmä, support group, peer support, stödgrupp, kamratstöd",
        "peer support (sv/en)",
    ),
    ("kielikahvila, language café, language cafe, språkcafé, språkkafé", "language café"),
    (
        "ikäihmiset, eläkeläiset, äldre, pensionärer, seniorer, seniors, elderly, pensioners, "
        "older people",
        "older people (fi/sv/en)",
    ),
    ("kirpputori, kirppis, flea market, loppis, loppmarknad", "flea market"),
    ("konsertti, concert, konsert", "concert"),
    ("näyttely, exhibition, utställning", "exhibition"),
    ("teatteri, theatre, theater, teater", "theatre"),
    ("tanssi, dance, dans", "dance"),
    ("kalastus, fishing, fiske", "fishing"),
    ("metsästys, hunting, jakt", "hunting"),
    ("kirjasto, library, bibliotek", "library"),
    ("muistisairaus, dementia, demens, memory disorder", "memory disorders"),
    ("uimakoulu, swimming school, swimming lessons, simskola", "swimming school"),
    ("uinti, swimming, simning", "swimming"),
    ("partio, scouts, scouting, scout", "scouting"),
    ("ensiapu, first aid, första hjälpen", "first aid"),
    ("luento, lecture, föreläsning", "lecture"),
    ("kurssi, course, kurs", "course"),
    ("retki, excursion, utflykt", "excursion"),
    ("opiskelija, student, students, studerande", "students"),
    ("lapsiperheet, families with children, barnfamiljer", "families (sv/en)"),
    ("maahanmuuttajat, immigrants, invandrare", "immigrants (sv/en)"),
    ("vapaaehtoinen, volunteer, volunteering, frivillig", "volunteering (sv/en)"),
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.bulk_create([Synonym(words=w, note=n) for w, n in SYNONYMS])


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(words__in=[w for w, _ in SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_weighted_fields")]

    operations = [migrations.RunPython(seed, unseed)]
