"""The OpenAPI document lists exactly the operations that exist, and no router without any."""

import re

from django.urls import resolve

from urls import api


def _operations():
    """``(path, method)`` of every operation of every router mounted on the API."""
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    yield f"/api/v1/{prefix}{path}".replace("//", "/"), method.lower()


def test_every_path_in_the_openapi_document_is_an_operation_that_exists(client):
    schema = client.get("/api/v1/openapi.json").json()
    documented = {(path, method) for path, methods in schema["paths"].items() for method in methods}

    assert documented == set(_operations())
    for path in schema["paths"]:
        match = resolve(re.sub(r"\{[^}]+\}", "1", path))
        assert match.namespace == "api"


def test_every_router_has_operations_and_every_tag_in_the_document_has_one(client):
    schema = client.get("/api/v1/openapi.json").json()
    tags = {
        tag
        for methods in schema["paths"].values()
        for operation in methods.values()
        for tag in operation["tags"]
    }
    routers = [router for _prefix, router in api._routers if router is not api.default_router]

    assert [router.tags for router in routers if not router.path_operations] == []
    assert tags == {tag for router in routers for tag in router.tags}
    assert tags == {"privacy", "registration", "checkin", "counting", "edubus", "feedback"}
    assert [tag["name"] for tag in schema.get("tags", []) if tag["name"] not in tags] == []
