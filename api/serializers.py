"""The Linked Events conventions every resource follows: `id`, `@id` and `@type` first."""

from rest_framework import serializers

from .fields import DetailUrlField, TranslatedField


class LinkedDataSerializer(serializers.ModelSerializer):
    """A read-only serializer that starts each object with `id`, `@id` and `@type`.

    Subclasses set `view_name` (the detail route, e.g. "api:event-detail"),
    `type_name` ("Event") and `id_field` (the model field that is the public id).
    """

    view_name: str = ""
    type_name: str = ""
    id_field: str = "public_id"

    def get_fields(self):
        fields = super().get_fields()
        linked = {
            "id": serializers.CharField(source=self.id_field, read_only=True),
            "@id": DetailUrlField(self.view_name, lookup_field=self.id_field),
            "@type": serializers.SerializerMethodField(method_name="get_type_name"),
        }
        fields.pop("id", None)
        return linked | fields

    def get_type_name(self, obj) -> str:
        return self.type_name


def reference_serializer(model, *, view_name: str, type_name: str, id_field: str = "public_id"):
    """A short reference to a `model` object: id, @id, @type and its name."""
    meta = type("Meta", (), {"model": model, "fields": ["name"]})
    return type(
        f"{model.__name__}ReferenceSerializer",
        (LinkedDataSerializer,),
        {
            "Meta": meta,
            "name": TranslatedField(),
            "view_name": view_name,
            "type_name": type_name,
            "id_field": id_field,
            "__module__": model.__module__,
        },
    )
