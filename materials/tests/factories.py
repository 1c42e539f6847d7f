import factory

from core.models import LOCAL_DATA_SOURCE
from materials.models import Document, Kind


class DocumentFactory(factory.django.DjangoModelFactory):
    """A document without a file (services.document_add gives real ones theirs)."""

    class Meta:
        model = Document

    public_id = factory.Sequence(lambda n: f"{LOCAL_DATA_SOURCE}:doc-{n}")
    title_fi = factory.Sequence(lambda n: f"Aineisto {n}")
    kind = Kind.WORKSHOP_SUMMARY
    year = 2018
