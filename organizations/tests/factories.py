import factory

from core.tests.factories import IndexedOnceFactory
from organizations.models import Organization


class OrganizationFactory(IndexedOnceFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    public_id = factory.Sequence(lambda n: f"test:org-{n}")
    data_source = "test"
    name_fi = factory.Sequence(lambda n: f"Testiyhdistys {n} ry")
    description_fi = "Yhdistys järjestää kerhoja ja tapahtumia."
    email = factory.Sequence(lambda n: f"info{n}@example.org")

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set(extracted)
