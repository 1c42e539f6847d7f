from .models import Audience, Language, Topic


def topic_choices() -> list[tuple[str, str]]:
    """(slug, name) of every topic, for the topic filter of a list page."""
    return [(t.slug, t.name) for t in Topic.objects.all()]


def audience_choices() -> list[tuple[str, str]]:
    """(slug, name) of every audience, for the audience filter of a list page."""
    return [(a.slug, a.name) for a in Audience.objects.all()]


def language_choices() -> list[tuple[str, str]]:
    """(code, name) of every language, for the language filter of a list page."""
    return [(lang.code, lang.name) for lang in Language.objects.all()]
