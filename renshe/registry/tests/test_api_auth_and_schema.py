"""The API's front door: the OpenAPI document, tokens, and refusal of anonymous callers."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from renshe import testing

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_schema_is_an_openapi_document(api):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.")
    assert "/api/v1/persons/" in doc["paths"]
    assert "/api/v1/persons/{id}/reveal/" in doc["paths"]
    assert "/api/v1/employers/" in doc["paths"]


def test_docs_page_is_served(client):
    assert client.get("/api/docs/").status_code == 200


def test_token_works_with_the_authorization_header(api, clerk_maonan, maonan_person):
    response = api.post("/api/v1/auth/token/", {"username": "clerk_maonan", "password": testing.PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    data = api.get("/api/v1/persons/").json()
    assert data["count"] == 1


def test_wrong_password_gives_no_token(api, clerk_maonan):
    response = api.post("/api/v1/auth/token/", {"username": "clerk_maonan", "password": "wrong"})
    assert response.status_code == 400
    assert "token" not in response.json()


def test_a_bad_token_is_refused(api, maonan_person):
    api.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert api.get("/api/v1/persons/").status_code in (401, 403)


@pytest.mark.parametrize(
    "url", ["/api/v1/persons/", "/api/v1/employers/", "/api/v1/employments/", "/api/v1/persons/1/"]
)
def test_unauthenticated_is_refused(api, url):
    assert api.get(url).status_code in (401, 403)


def test_a_citizen_token_reaches_nothing_in_the_registry(api, citizen):
    token = api.post("/api/v1/auth/token/", {"username": "citizen_zs", "password": testing.PASSWORD}).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/persons/").status_code == 403
    assert api.get(f"/api/v1/persons/{citizen.person_id}/").status_code in (403, 404)
