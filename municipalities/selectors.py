from .models import Municipality


def municipality_choices() -> list[tuple[str, str]]:
    """(code, name) of every municipality, for the municipality filter of a list page."""
    return [(m.code, m.name) for m in Municipality.objects.all()]
