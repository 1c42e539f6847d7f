from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    """DRF's own handler, with "not found" in the request's language.

    Django's Http404 from get_object_or_404 carries an English sentence naming the model
    ("No Event matches the given query."); DRF's NotFound has a translated one.
    """
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    return exception_handler(exc, context)
