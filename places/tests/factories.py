import factory

from municipalities.tests.factories import MunicipalityFactory
from places.models import Place


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        skip_postgeneration_save = True

    public_id = factory.Sequence(lambda n: f"test:place-{n}")
    data_source = "test"
    name_fi = factory.Sequence(lambda n: f"Seurantalo {n}")
    street_address_fi = factory.Sequence(lambda n: f"Kyläntie {n}")
    postal_code = "70100"
    municipality = factory.SubFactory(MunicipalityFactory)
    latitude = 62.89
    longitude = 27.68
