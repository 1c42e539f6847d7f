import factory

from taxonomy.models import Audience, Language, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        skip_postgeneration_save = True
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name_fi = factory.Sequence(lambda n: f"Toimiala {n}")
    name_sv = factory.Sequence(lambda n: f"Bransch {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience
        skip_postgeneration_save = True
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"audience-{n}")
    name_fi = factory.Sequence(lambda n: f"Kohderyhmä {n}")
    name_sv = factory.Sequence(lambda n: f"Målgrupp {n}")
    name_en = factory.Sequence(lambda n: f"Audience {n}")


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        skip_postgeneration_save = True
        django_get_or_create = ["code"]

    code = "fi"
    name_fi = "suomi"
    name_sv = "finska"
    name_en = "Finnish"
