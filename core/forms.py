"""Form pieces every app's edit pages share: service errors on the form, rows of formsets,
the publish-or-draft choice and labels of the translated fields."""

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

LANGUAGE_NAMES = {"fi": _("in Finnish"), "sv": _("in Swedish"), "en": _("in English")}
PUBLISH, DRAFT = "publish", "draft"


def translated_label(label, lang: str):
    """ "Name (in Swedish)": the label of one language's copy of a translated field."""
    return format_lazy("{} ({})", label, LANGUAGE_NAMES[lang])


def label_by_language(form: forms.ModelForm) -> None:
    """Label a model form's translated fields "Name (in Finnish)", not "Name [fi]".

    modeltranslation names each language's copy of a field with a [fi] marker; the form
    takes the field's own name and says the language in words.
    """
    model = form._meta.model
    for name, field in form.fields.items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        original = getattr(model_field, "translated_field", None)
        if original is not None and getattr(model_field, "language", None) in LANGUAGE_NAMES:
            field.label = capfirst(translated_label(original.verbose_name, model_field.language))


class VisibilityMixin(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Who can see this?"),
        choices=[
            (PUBLISH, _("Everyone: publish it on the service")),
            (DRAFT, _("Only our association's editors: keep it as a draft")),
        ],
        initial=PUBLISH,
        widget=forms.RadioSelect,
        help_text=_(
            "A draft is not shown to the public. You can publish it later. "
            "Until the coordinator has approved your association, nothing is public yet."
        ),
    )

    @property
    def publish(self) -> bool:
        return self.cleaned_data.get("visibility") == PUBLISH


def show_service_errors(
    error: ValidationError, form: forms.BaseForm, field_map: dict | None = None
) -> None:
    """Put a service's ValidationError next to the form fields it names, the rest at the top.

    Services name model fields; `field_map` names the form field that shows one where the
    two differ.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    field_map = field_map or {}
    for name, errors in error.error_dict.items():
        name = field_map.get(name, name)
        form.add_error(name if name in form.fields else None, errors)


# Formsets with an "Add another …" button: the page posts back with one more row.


def adding_row(request) -> str | None:
    """The formset a person asked for one more row of ("Add another …"), if any."""
    return request.POST.get("add_row") if request.method == "POST" else None


def with_extra_row(data, prefix: str):
    """A copy of the posted data in which the formset `prefix` has one more (empty) row."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    data[key] = str(int(data.get(key, 0) or 0) + 1)
    return data


def all_valid(*forms_) -> bool:
    return all([form.is_valid() for form in forms_])  # a list: every form gets its errors


def formset_rows(formset) -> list[dict]:
    """The rows a person kept, as plain data for a service: empty extra rows and rows ticked
    for removal are left out; a row of a saved object carries its "id"."""
    fk = getattr(formset, "fk", None)  # an inline formset's link to its parent
    skip = {"DELETE", "id", fk.name if fk else None}
    rows = []
    for form in formset.forms:
        if not form.cleaned_data or form.cleaned_data.get("DELETE"):
            continue
        row = {key: value for key, value in form.cleaned_data.items() if key not in skip}
        instance = getattr(form, "instance", None)
        if instance is not None and instance.pk is not None:
            row["id"] = instance.pk
        rows.append(row)
    return rows


def date_input() -> forms.DateInput:
    """A browser date picker. Its value must be ISO (2027-03-01): under the Finnish locale
    Django would write 1.3.2027, which the picker cannot read, so the field came up empty."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
