from django import template

register = template.Library()


@register.simple_tag
def answer_for(total, municipality):
    """The municipality's answer in one row of the comparison, or None."""
    return total.answers.get(municipality.pk)
