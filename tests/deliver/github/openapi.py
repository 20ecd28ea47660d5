"""GitHub's OpenAPI description (the vendored subset) as a request and response validator.

Every request the stand-in receives is resolved to an operation by method and path template,
and its path parameters, query parameters and JSON body are checked against the operation's
schemas; anything unknown or invalid is an error the test fails on. Responses the stand-in
builds are checked against the operation's response schema too, so PyGithub only ever parses
what GitHub could send. OpenAPI 3.0's ``nullable`` is turned into JSON Schema's ``null`` type.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schemas" / "github-rest-subset.json"
_METHODS = ("get", "post", "put", "patch", "delete")


class InvalidRequest(AssertionError):
    """A request GitHub's description does not allow."""


@dataclass(frozen=True)
class Operation:
    """One resolved request: which operation, and its path parameters (typed)."""

    operation_id: str
    method: str
    template: str
    path_params: Mapping[str, Any]
    spec: Mapping[str, Any]


def to_json_schema(schema: Any, *, strict: bool = False) -> Any:
    """An OpenAPI 3.0 schema as JSON Schema: ``nullable: true`` becomes a ``null`` alternative.

    ``strict`` (for request bodies) also rejects properties the description does not name:
    GitHub ignores them, but sending one is a bug in the client.
    """
    if isinstance(schema, list):
        return [to_json_schema(item, strict=strict) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted = {
        key: to_json_schema(value, strict=strict) for key, value in schema.items()
        if key not in ("nullable", "properties")
    }
    if isinstance(schema.get("properties"), dict):
        converted["properties"] = {
            name: to_json_schema(value, strict=strict) for name, value in schema["properties"].items()
        }
    if strict and "properties" in schema and "additionalProperties" not in schema:
        converted["additionalProperties"] = False
    if schema.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def minimal_instance(schema: Mapping[str, Any]) -> Any:
    """The smallest value a schema allows: required properties only, first enum value, null."""
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            merged.update(minimal_instance(part))
        return merged
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return minimal_instance(schema[key][0])
    if schema.get("nullable"):
        return None
    if "enum" in schema:
        return schema["enum"][0]
    return _minimal_of_type(schema)


def _minimal_of_type(schema: Mapping[str, Any]) -> Any:
    kind = schema.get("type", "object")
    if kind == "object":
        properties = schema.get("properties", {})
        return {name: minimal_instance(properties.get(name, {})) for name in schema.get("required", [])}
    if kind == "string":
        return {"date-time": "2026-01-01T00:00:00Z", "uri": "https://github.invalid/x"}.get(
            schema.get("format", ""), "x"
        )
    return {"array": [], "integer": 1, "number": 1.0, "boolean": False}[kind]


class OpenApi:
    """The vendored description, ready to resolve and validate requests."""

    def __init__(self, path: Path = SCHEMA_FILE) -> None:
        spec = json.loads(path.read_text(encoding="utf-8"))
        self._routes = [
            (method.upper(), template, _template_regex(template), operation)
            for template, item in spec["paths"].items()
            for method, operation in item.items()
            if method in _METHODS
        ]
        self._response_validators: dict[tuple[str, int], Any] = {}

    def resolve(self, method: str, path: str) -> Operation:
        """The operation ``method path`` calls; InvalidRequest when there is none."""
        candidates = []
        for verb, template, regex, spec in self._routes:
            matched = regex.fullmatch(path)
            if verb == method and matched:
                params = _typed_path_params(matched.groupdict(), spec)
                if params is not None:
                    candidates.append(Operation(spec["operationId"], verb, template, params, spec))
        if not candidates:
            raise InvalidRequest(f"no GitHub operation is {method} {path}")
        return min(candidates, key=lambda op: len(op.path_params))

    def validate_request(
        self, method: str, path: str, query: Mapping[str, list[str]], body: bytes
    ) -> tuple[Operation, Any]:
        """Resolve and check a request; returns the operation and the parsed JSON body."""
        operation = self.resolve(method, path)
        _check_query(operation, query)
        return operation, _check_body(operation, body)

    def validate_response(self, operation: Operation, status: int, payload: Any) -> None:
        """Check a response body against the operation's schema for ``status``, if it has one."""
        key = (operation.operation_id, status)
        if key not in self._response_validators:
            response = operation.spec.get("responses", {}).get(str(status), {})
            schema = response.get("content", {}).get("application/json", {}).get("schema")
            self._response_validators[key] = _validator(schema) if schema is not None else None
        validator = self._response_validators[key]
        if validator is not None:
            validator.validate(payload)


def _validator(schema: Mapping[str, Any]) -> Any:
    converted = to_json_schema(schema)
    return jsonschema.validators.validator_for(converted)(converted)


def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    pattern = "".join(
        f"(?P<{part[1:-1]}>[^/]+)" if part.startswith("{") else re.escape(part) for part in parts
    )
    return re.compile(pattern)


def _typed_path_params(raw: Mapping[str, str], spec: Mapping[str, Any]) -> dict[str, Any] | None:
    """Path parameters converted to their declared types; None when one does not fit."""
    declared = {p["name"]: p for p in spec.get("parameters", []) if p["in"] == "path"}
    typed: dict[str, Any] = {}
    for name, value in raw.items():
        schema = declared[name]["schema"]
        converted = _convert(value, schema)
        if converted is None:
            return None
        typed[name] = converted
    return typed


def _convert(value: str, schema: Mapping[str, Any]) -> Any:
    if schema.get("type") == "integer":
        return int(value) if value.isdigit() else None
    return value


def _check_query(operation: Operation, query: Mapping[str, list[str]]) -> None:
    declared = {p["name"]: p for p in operation.spec.get("parameters", []) if p["in"] == "query"}
    for name, values in query.items():
        if name not in declared:
            raise InvalidRequest(f"{operation.operation_id}: unknown query parameter {name!r}")
        if len(values) != 1:
            raise InvalidRequest(f"{operation.operation_id}: query parameter {name!r} repeated")
        schema = declared[name]["schema"]
        value = _convert(values[0], schema)
        try:
            jsonschema.validate(value, to_json_schema(schema))
        except jsonschema.ValidationError as error:
            raise InvalidRequest(f"{operation.operation_id}: query {name}: {error.message}") from error
    missing = [n for n, p in declared.items() if p.get("required") and n not in query]
    if missing:
        raise InvalidRequest(f"{operation.operation_id}: missing query parameters {missing}")


def _check_body(operation: Operation, body: bytes) -> Any:
    request_body = operation.spec.get("requestBody")
    if request_body is None:
        if body.strip():
            raise InvalidRequest(f"{operation.operation_id} takes no request body")
        return None
    if not body.strip():
        if request_body.get("required"):
            raise InvalidRequest(f"{operation.operation_id} requires a request body")
        return None
    try:
        payload = json.loads(body)
    except ValueError as error:
        raise InvalidRequest(f"{operation.operation_id}: body is not JSON: {error}") from error
    schema = request_body["content"]["application/json"]["schema"]
    try:
        jsonschema.validate(payload, to_json_schema(schema, strict=True))
    except jsonschema.ValidationError as error:
        raise InvalidRequest(f"{operation.operation_id}: body: {error.message} at {list(error.path)}") from error
    return payload
