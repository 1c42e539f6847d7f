import pytest
from django.core.management import call_command

from municipalities.models import Municipality, Region
from taxonomy.models import Audience, Language, Topic

pytestmark = pytest.mark.django_db


def _counts():
    return [m.objects.count() for m in (Region, Municipality, Topic, Audience, Language)]


def test_load_reference_data_loads_regions_municipalities_and_vocabularies():
    call_command("load_reference_data", verbosity=0)

    assert Region.objects.count() == 19
    pohjois_savo = Region.objects.get(code="11")
    assert (pohjois_savo.name_fi, pohjois_savo.name_sv) == ("Pohjois-Savo", "Norra Savolax")
    assert pohjois_savo.municipalities.count() == 19
    iisalmi = Municipality.objects.get(code="140")
    assert (iisalmi.name_fi, iisalmi.name_sv, iisalmi.slug) == ("Iisalmi", "Idensalmi", "iisalmi")
    assert Municipality.objects.get(code="297").slug == "kuopio"
    assert Topic.objects.get(slug="liikunta").yso == "yso:p916"
    assert Audience.objects.get(slug="seniorit").name_sv == "Äldre"
    assert Language.objects.get(code="fse").name_fi == "suomalainen viittomakieli"


def test_load_reference_data_twice_creates_no_duplicates_and_restores_names():
    call_command("load_reference_data", verbosity=0)
    before = _counts()
    Municipality.objects.filter(code="171").update(name_sv="Väärä")

    call_command("load_reference_data", verbosity=0)

    assert _counts() == before
    assert Municipality.objects.get(code="171").name_sv == "Jorois"
