from django import forms
from django.core.exceptions import ValidationError

from core.forms import formset_rows, show_service_errors


class NameForm(forms.Form):
    name = forms.CharField(required=False)
    start_date = forms.DateField(required=False)


def test_a_service_error_on_a_field_of_the_form_is_shown_at_that_field():
    form = NameForm({})
    form.is_valid()

    show_service_errors(ValidationError({"name": "Liian lyhyt."}), form)

    assert form.errors["name"] == ["Liian lyhyt."]


def test_a_service_error_on_a_field_the_form_lacks_is_shown_above_the_form():
    form = NameForm({})
    form.is_valid()

    show_service_errors(ValidationError({"location": "Ei löydy."}), form)

    assert form.non_field_errors() == ["Ei löydy."]


def test_a_model_field_is_shown_at_the_form_field_the_map_names():
    form = NameForm({})
    form.is_valid()

    show_service_errors(
        ValidationError({"start_time": "Liian aikaisin."}), form, {"start_time": "start_date"}
    )

    assert form.errors["start_date"] == ["Liian aikaisin."]


def test_formset_rows_leave_out_empty_rows_and_rows_ticked_for_removal():
    NameFormSet = forms.formset_factory(NameForm, extra=1, can_delete=True)
    formset = NameFormSet(
        {
            "form-TOTAL_FORMS": "3",
            "form-INITIAL_FORMS": "0",
            "form-0-name": "Pidetään",
            "form-1-name": "Poistetaan",
            "form-1-DELETE": "on",
        }
    )
    assert formset.is_valid()

    assert formset_rows(formset) == [{"name": "Pidetään", "start_date": None}]
