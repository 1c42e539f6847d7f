"""Factory base classes shared by the apps' tests."""

import factory

from search.signals import index_once


class IndexedOnceFactory(factory.django.DjangoModelFactory):
    """A factory of a searchable model whose object is indexed once, relations and all.

    Setting organizers, topics and audiences after the save would each index the object
    again (search.signals); as in the self-service forms, it is indexed once at the end.
    """

    class Meta:
        abstract = True

    @classmethod
    def _generate(cls, strategy, params):
        with index_once():
            return super()._generate(strategy, params)
