"""A local GitHub API stand-in: a real HTTP server on 127.0.0.1 that PyGithub talks to.

Every request is validated against GitHub's OpenAPI description (unknown operations, query
parameters or body fields, and invalid values, are recorded as errors and answered 400; the
fixture fails the test on any). Answers come from a PullState and are validated too. Faults
can be injected per operation: an error status with headers (``Retry-After``, rate-limit
headers), optionally after the operation took effect ("act, then 502"). A read-only mode
answers every write with 403, as GitHub does for a fork's token.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jsonschema

from tests.deliver.github.openapi import InvalidRequest, OpenApi, Operation
from tests.deliver.github.pull_state import ApiError, PullState

TOKEN = "ghs_standInSecretToken4242424242"
DEFAULT_PAGE_SIZE = 30


@dataclass
class Fault:
    """Answer the next ``times`` calls of ``operation_id`` with ``status`` (after acting, if asked)."""

    operation_id: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    act_first: bool = False
    times: int = 1
    message: str = "Server Error"


@dataclass(frozen=True)
class Logged:
    """One request as the stand-in saw it."""

    at: float
    method: str
    path: str
    operation_id: str
    status: int
    body: Any


Handler = Callable[[PullState, Operation, Any], Any]

_HANDLERS: dict[str, Handler] = {
    "pulls/list-files": lambda s, op, body: s.list_files(),
    "pulls/list-review-comments": lambda s, op, body: s.review_comments,
    "pulls/list-reviews": lambda s, op, body: s.reviews,
    "issues/list-comments": lambda s, op, body: s.issue_comments,
    "repos/get-commit": lambda s, op, body: s.get_commit(op.path_params["ref"]),
    "pulls/get-review": lambda s, op, body: s.get_review(op.path_params["review_id"]),
    "pulls/create-review": lambda s, op, body: s.create_review(body or {}),
    "pulls/update-review-comment": lambda s, op, body: s.edit_review_comment(op.path_params["comment_id"], body["body"]),
    "pulls/dismiss-review": lambda s, op, body: s.dismiss_review(op.path_params["review_id"], body["message"]),
    "issues/create-comment": lambda s, op, body: s.create_issue_comment(body["body"]),
    "issues/update-comment": lambda s, op, body: s.edit_issue_comment(op.path_params["comment_id"], body["body"]),
}
_CREATED = {"issues/create-comment"}


class StandIn:
    """The server, its state, injected faults and the log of requests."""

    def __init__(self, api: OpenApi) -> None:
        self.api = api
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _RequestHandler)
        self._server.stand_in = self  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.state = PullState(api, self.url)
        self.faults: list[Fault] = []
        self.read_only = False
        self.log: list[Logged] = []
        self.errors: list[str] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    def __enter__(self) -> StandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def calls(self, operation_id: str) -> list[Logged]:
        """The logged requests of one operation."""
        return [entry for entry in self.log if entry.operation_id == operation_id]

    def writes(self) -> list[Logged]:
        """Every logged request that was not a GET."""
        return [entry for entry in self.log if entry.method != "GET"]

    def answer(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> tuple[int, dict[str, str], Any]:
        """Validate, apply faults, dispatch, and log one request."""
        with self._lock:
            status, extra, payload, operation_id, body = self._answer(method, target, headers, raw)
            self.log.append(Logged(time.monotonic(), method, urlsplit(target).path, operation_id, status, body))
            return status, extra, payload

    def _answer(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> tuple[int, dict[str, str], Any, str, Any]:
        parts = urlsplit(target)
        query = parse_qs(parts.query, keep_blank_values=True)
        try:
            operation, body = self.api.validate_request(method, parts.path, query, raw)
        except InvalidRequest as error:
            self.errors.append(str(error))
            return 400, {}, {"message": str(error)}, "invalid", None
        if headers.get("authorization") not in (f"token {TOKEN}", f"Bearer {TOKEN}"):
            return 401, {}, {"message": "Bad credentials"}, operation.operation_id, body
        status, extra, payload = self._dispatch(operation, body, query, parts.path)
        return status, extra, payload, operation.operation_id, body

    def _dispatch(self, operation: Operation, body: Any, query: dict[str, list[str]], path: str) -> tuple[int, dict[str, str], Any]:
        fault = next((f for f in self.faults if f.operation_id == operation.operation_id and f.times), None)
        if fault is not None:
            fault.times -= 1
            if fault.act_first:
                self._run(operation, body, query, path)
            return fault.status, fault.headers, {"message": fault.message, "documentation_url": "https://docs.github.com/rest"}
        if self.read_only and operation.method != "GET":
            return 403, {}, {"message": "Resource not accessible by integration", "documentation_url": "https://docs.github.com/rest"}
        return self._run(operation, body, query, path)

    def _run(self, operation: Operation, body: Any, query: dict[str, list[str]], path: str) -> tuple[int, dict[str, str], Any]:
        try:
            payload = _HANDLERS[operation.operation_id](self.state, operation, body)
        except ApiError as error:
            return error.status, {}, error.payload
        status = 201 if operation.operation_id in _CREATED else 200
        extra: dict[str, str] = {}
        if isinstance(payload, list):
            payload, extra = _page(payload, query, f"{self.url}{path}")
        try:
            self.api.validate_response(operation, status, payload)
        except jsonschema.ValidationError as error:
            self.errors.append(f"{operation.operation_id}: invalid response: {error.message}")
        return status, extra, payload


def _page(items: list[Any], query: dict[str, list[str]], url: str) -> tuple[list[Any], dict[str, str]]:
    """One page of ``items`` and its ``Link`` header, as GitHub paginates."""
    per_page = int(query.get("per_page", [str(DEFAULT_PAGE_SIZE)])[0])
    page = int(query.get("page", ["1"])[0])
    last = max(1, -(-len(items) // per_page))
    links = []
    if page < last:
        links.append(f'<{url}?{urlencode({"per_page": per_page, "page": page + 1})}>; rel="next"')
        links.append(f'<{url}?{urlencode({"per_page": per_page, "page": last})}>; rel="last"')
    return items[(page - 1) * per_page : page * per_page], ({"Link": ", ".join(links)} if links else {})


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in one write, so delayed ACKs never stall a keep-alive connection.
    wbufsize = 1 << 16
    disable_nagle_algorithm = True

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        stand_in: StandIn = self.server.stand_in  # type: ignore[attr-defined]
        status, extra, payload = stand_in.answer(self.command, self.path, headers, raw)
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-RateLimit-Limit", "5000")
        self.send_header("X-RateLimit-Remaining", extra.pop("X-RateLimit-Remaining", "4999"))
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _handle

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the stand-in keeps its own log."""
