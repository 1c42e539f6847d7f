import pytest
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db

RESOURCES = [
    "municipality",
    "topic",
    "audience",
    "language",
    "organization",
    "place",
    "event",
    "activity",
]


def test_the_openapi_document_is_valid_openapi_3_with_every_path(client):
    response = client.get("/api/v1/openapi.json")

    schema = response.json()
    assert response.status_code == 200
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)
    for resource in RESOURCES:
        assert f"/api/v1/{resource}/" in schema["paths"]
        assert f"/api/v1/{resource}/{{id}}/" in schema["paths"]


def test_the_openapi_document_describes_the_envelope_and_the_filters(client):
    schema = client.get("/api/v1/openapi.json").json()

    event_list = schema["paths"]["/api/v1/event/"]["get"]
    envelope = schema["components"]["schemas"]["PaginatedEventList"]
    parameters = {p["name"] for p in event_list["parameters"]}
    assert {"meta", "data"} <= set(envelope["properties"])
    assert {"q", "municipality", "topic", "audience", "start", "end", "is_free", "language"} <= (
        parameters
    )
    assert {"page", "page_size"} <= parameters


def test_the_docs_page_serves_swagger_ui_without_a_cdn(client):
    response = client.get("/api/v1/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "swagger-ui" in html
    assert "cdn.jsdelivr.net" not in html
    # The start-up script is a file of its own (no inline script, so CSP stays strict);
    # it points Swagger UI at the document.
    assert '<script src="/api/v1/docs/?script=">' in html
    script = client.get("/api/v1/docs/?script=").content.decode()
    assert "/api/v1/openapi.json" in script


def test_the_api_root_lists_every_resource_with_a_working_link(client):
    root = client.get("/api/v1/")

    assert root.status_code == 200
    links = root.json()
    assert links["event"] == "http://testserver/api/v1/event/"
    assert links["openapi"] == "http://testserver/api/v1/openapi.json"
    for name in ("organization", "activity", "place", "programme_measure", "material"):
        assert client.get(links[name]).status_code == 200, name
