"""Form helpers of self-service: widgets tied to their help and error texts, an error summary."""

from django import template

register = template.Library()

GROUP_WIDGETS = {"checkboxselectmultiple", "radioselect"}


@register.filter
def is_group(field) -> bool:
    """Whether the field is a group of choices, shown as a <fieldset> with a <legend>."""
    return field.widget_type in GROUP_WIDGETS


@register.simple_tag
def widget(field, show_errors=True):
    """The field's widget, described by its help text and (when shown) its error."""
    described_by = []
    attrs = {}
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if show_errors and field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by and not is_group(field):
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.simple_tag
def error_summary(*forms):
    """[(link target, label, message)] of every error in the forms and formsets given."""
    entries = []
    for form in forms:
        if not hasattr(form, "errors"):  # a missing form, or an empty template variable
            continue
        if hasattr(form, "forms"):  # a formset
            entries += [("", "", error) for error in form.non_form_errors()]
            for row in form.forms:
                entries += _form_errors(row)
        else:
            entries += _form_errors(form)
    return entries


def _form_errors(form) -> list:
    entries = [("", "", error) for error in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == "__all__" or name not in form.fields:
            continue
        field = form[name]
        target = field.auto_id
        if is_group(field) and field.field.choices:
            target = f"{field.auto_id}_0"
        entries += [(target, field.label, error) for error in errors]
    return entries
