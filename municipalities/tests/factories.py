import factory

from municipalities.models import Municipality, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        skip_postgeneration_save = True
        django_get_or_create = ["code"]

    code = "11"
    name_fi = "Pohjois-Savo"
    name_sv = "Norra Savolax"
    slug = "pohjois-savo"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        skip_postgeneration_save = True
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{900 + n % 99:03d}")
    name_fi = factory.Sequence(lambda n: f"Kunta {n}")
    name_sv = factory.LazyAttribute(lambda o: o.name_fi)
    slug = factory.Sequence(lambda n: f"kunta-{n}")
    region = factory.SubFactory(RegionFactory)
