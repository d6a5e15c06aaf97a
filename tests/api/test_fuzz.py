"""Property-based fuzzing of every route in the OpenAPI schema: no input gets a 5xx.

Requests are generated (hypothesis, derandomized) from the app's own schema: path, query and
header parameters and JSON bodies that follow their schemas, bodies of any JSON shape, raw bytes,
and both valid and invalid credentials (a live conversation's token, the admin key), so the
requests reach the routes' code and not only their validation. The app runs in-process over a
copy of the demo store; a server error is reported as a 500 response, never raised."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.api.app import create_app
from tests.api.conftest import ApiTemplate, api_settings, start
from tests.databases import Databases

REQUESTS = 1_100
# Starts a real re-ingestion into the shared test index: fuzzed without a valid key only.
NO_VALID_KEY = {("post", "/v1/admin/reingest")}
Json = Any


@pytest.fixture(scope="module")
def fuzzed(api_template: ApiTemplate, databases: Databases) -> Iterator[TestClient]:
    db = databases.copy(api_template.database)
    settings = api_settings(db, api_template.index_dir, chroma_url=api_template.chroma_url)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def schema_values(schema: dict[str, Any], components: dict[str, Any], depth: int = 0) -> Any:
    """A strategy for values that follow a (FastAPI-generated) JSON schema."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return schema_values(components[name], components, depth + 1)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return st.one_of([schema_values(s, components, depth + 1) for s in schema[key]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "const" in schema:
        return st.just(schema["const"])
    kind = schema.get("type")
    if kind == "string":
        return st.text(
            min_size=schema.get("minLength", 0), max_size=min(schema.get("maxLength", 80), 300)
        )
    if kind == "integer":
        return st.integers(schema.get("minimum"), schema.get("maximum"))
    if kind == "number":
        return st.floats(schema.get("minimum"), schema.get("maximum"), allow_nan=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array" and depth < 4:
        items = schema_values(schema.get("items", {}), components, depth + 1)
        return st.lists(items, max_size=min(schema.get("maxItems", 4), 4))
    if kind == "object" and depth < 4:
        properties = schema.get("properties", {})
        required = set(schema.get("required", ()))
        return st.fixed_dictionaries(
            {
                k: schema_values(v, components, depth + 1)
                for k, v in properties.items()
                if k in required
            },
            optional={
                k: schema_values(v, components, depth + 1)
                for k, v in properties.items()
                if k not in required
            },
        )
    return any_json()


def any_json() -> Any:
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
        max_leaves=8,
    )


header_text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=80)
path_text = st.one_of(
    st.text(max_size=40),
    st.text("ab./_-%\\", max_size=300),
    st.integers(1, 400).map(lambda n: "a" * n),
    st.sampled_from(["..", "../../etc/passwd", "%00", "_build/x.md", ".env", "policies"]),
)


def test_no_input_gets_a_5xx(fuzzed: TestClient) -> None:
    spec = fuzzed.app.openapi()  # type: ignore[attr-defined]
    components = spec.get("components", {}).get("schemas", {})
    admin_key = fuzzed.app.state.settings.admin_api_key.get_secret_value()  # type: ignore[attr-defined]
    chats = [start(fuzzed)]
    chats.append(start(fuzzed, customer="jordan.rivera@example.com"))
    chats.append(start(fuzzed, customer="alex.kim@example.com"))
    operations = [
        (method, path, op)
        for path, ops in sorted(spec["paths"].items())
        for method, op in sorted(ops.items())
    ]
    statuses: Counter[int] = Counter()
    failures: list[str] = []

    @st.composite
    def requests(draw: st.DrawFn) -> tuple[str, str, dict[str, str], dict[str, Any], Any]:
        method, template, op = draw(st.sampled_from(operations))
        path, headers, query = template, {}, {}
        chat = draw(st.sampled_from(chats))
        for param in op.get("parameters", []):
            name, where = param["name"], param["in"]
            if where == "path":
                value = chat.id if name == "conversation_id" and draw(st.booleans()) else None
                if value is None:
                    value = draw(path_text)
                path = path.replace(
                    "{" + name + "}", quote(value, safe="/" if name == "path" else "")
                )
            elif where == "header":
                if name == "X-Conversation-Token" and draw(st.booleans()):
                    headers[name] = chat.token
                elif draw(st.booleans()):
                    headers[name] = draw(header_text)
            elif draw(st.booleans()):
                query[name] = draw(schema_values(param.get("schema", {}), components) | st.text())
        if template.startswith("/v1/admin") and (method, template) not in NO_VALID_KEY:
            headers["X-Admin-Key"] = admin_key if draw(st.integers(0, 3)) else draw(header_text)
        body_schema = (
            op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
        )
        body: Any = None
        if body_schema is not None or method == "post":
            choices = [any_json().map(json.dumps), st.binary(max_size=64)]
            if body_schema is not None:
                choices.insert(0, schema_values(body_schema, components).map(json.dumps))
            body = draw(st.one_of(choices) | st.none())
        return method, path, headers, query, body

    @settings(
        max_examples=REQUESTS,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(requests())
    def one(request: tuple[str, str, dict[str, str], dict[str, Any], Any]) -> None:
        method, path, headers, query, body = request
        if body is not None:
            headers = {"Content-Type": "application/json", **headers}
        params = {k: v if isinstance(v, str) else json.dumps(v) for k, v in query.items()}
        response = fuzzed.request(method, path, headers=headers, params=params, content=body)
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            failures.append(f"{method.upper()} {path} {params} {body!r} -> {response.status_code}")

    one()
    print(f"fuzz: {sum(statuses.values())} requests, statuses {dict(sorted(statuses.items()))}")
    assert sum(statuses.values()) >= 1_000
    assert failures == []
    assert len(statuses) > 5  # the requests reach past validation: many outcomes
