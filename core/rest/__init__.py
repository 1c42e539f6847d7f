"""The building blocks of the API that every app's api.py uses: fields, serializers,
viewsets, pagination, the OpenAPI parameters and the exception handler.

They sit in core so that each app can describe its own resources; the `api` app only
assembles them (api/urls.py: the router, the OpenAPI document).
"""
