from django.core.exceptions import ValidationError
from django.shortcuts import render

from core.forms import show_service_errors

SECTION = "cooperation"


def page(request, template: str, context: dict, *, status: int = 200):
    context = {"section": SECTION, "show_errors": request.method == "POST", **context}
    return render(request, template, context, status=status)


def form_errors(error: ValidationError, form, field_map=None) -> None:
    show_service_errors(error, form, field_map)
