"""Analyse one file: decode, parse once, run libcst rules and metric rules, find directives.

Everything that goes wrong with one file becomes a finding on that file; nothing here stops
the run.
"""

from __future__ import annotations

import ast
import codecs
import gc
import io
import tokenize
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar, cast

import libcst as cst

from reviewbot.config.model import FilePolicy
from reviewbot.config.roles import Role
from reviewbot.engine.runner import run_node_rules
from reviewbot.findings import Category, Finding, Location, Severity
from reviewbot.fingerprint import file_fingerprint
from reviewbot.metrics.model import ModuleMetrics
from reviewbot.pipeline.metric_findings import metric_findings, module_metrics_or_none
from reviewbot.pipeline.project import NO_FACTS, ProjectFacts
from reviewbot.pipeline.suppression import Directive, find_directives
from reviewbot.ruleset.api import FunctionRule, ModuleRule, NodeRule, Rule
from reviewbot.ruleset.internal_codes import PARSE_ERROR, READ_ERROR
from reviewbot.ruleset.registry import Registry

RuleT = TypeVar("RuleT", bound=Rule)


@dataclass(frozen=True)
class FileResult:
    """Everything reviewbot learned about one file (cached by content and policy)."""

    path: str
    findings: tuple[Finding, ...]
    directives: tuple[Directive, ...] = ()
    metrics: ModuleMetrics | None = None
    #: (name, digest) of the facts that span files which the file's enabled rules declared.
    facts: tuple[tuple[str, str], ...] = ()


def analyze_bytes(
    raw: bytes,
    path: str,
    policy: FilePolicy,
    registry: Registry,
    facts: ProjectFacts = NO_FACTS,
    role: Role = Role.SOURCE,
) -> FileResult:
    """Analyse a file's bytes; ``path`` is repo-relative POSIX; ``facts`` are those its
    enabled rules declare; ``role`` is the file's (a test's asserts are not branches)."""
    source_or_error = decode_source(raw, path)
    if isinstance(source_or_error, Finding):
        return FileResult(path, (source_or_error,), facts=facts.used)
    return analyze_source(source_or_error, path, policy, registry, facts, role)


def analyze_source(
    source: str,
    path: str,
    policy: FilePolicy,
    registry: Registry,
    facts: ProjectFacts = NO_FACTS,
    role: Role = Role.SOURCE,
) -> FileResult:
    """Analyse decoded source text."""
    with _no_gc():
        tree_or_error = _ast_tree(source)
        # CPython's verdict is the one that counts: a module it refuses gets its parse error and
        # no other rule. libcst is not asked then: its native parser overflows its stack (and
        # takes the process down) on nesting far past CPython's limits.
        module_or_error = (
            _parse(source, path)
            if isinstance(tree_or_error, ast.Module)
            else _compiler_refuses(path, tree_or_error)
        )
    tree = tree_or_error if isinstance(tree_or_error, ast.Module) else None
    findings: list[Finding] = []
    if isinstance(module_or_error, Finding):
        findings.append(module_or_error)
    else:
        node_rules = _enabled(registry, policy, NodeRule)
        findings += run_node_rules(
            module_or_error,
            source,
            path,
            node_rules,
            policy.rules,
            policy.thresholds,
            tree,
            facts.values,
            policy.loop_sizes,
        )
    metrics = module_metrics_or_none(source, tree, count_asserts=role is not Role.TEST)
    # A file that carries a parse error gets that one finding: no rule checks it, the metric
    # rules included (CPython may parse what libcst cannot, e.g. a continuation before \r\n).
    if metrics is not None and not isinstance(module_or_error, Finding):
        function_rules = _enabled(registry, policy, FunctionRule)
        module_rules = _enabled(registry, policy, ModuleRule)
        findings += metric_findings(metrics, path, function_rules, module_rules, policy, source)
    directives = find_directives(source, tree)
    ordered = tuple(sorted(findings, key=lambda f: f.sort_key))
    return FileResult(path, ordered, directives, metrics, facts.used)


def decode_source(raw: bytes, path: str) -> str | Finding:
    """The text of a file per its PEP 263 encoding, or a READ_ERROR finding saying why not."""
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return read_error(path, "contains NUL bytes; it is not a Python source file", line)
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        text = raw.decode(encoding)
    except SyntaxError as error:
        return _undecodable(raw, path, error)
    except LookupError as error:
        return read_error(path, f"has an unusable encoding declaration: {error}", 1)
    except UnicodeDecodeError as error:
        return _decode_error(raw, path, error)
    return text[1:] if text.startswith("\ufeff") else text


def _undecodable(raw: bytes, path: str, error: SyntaxError) -> Finding:
    """The true reason ``tokenize`` refused the first lines: bad UTF-8 or a bad declaration.

    ``detect_encoding`` says "invalid or missing encoding declaration" both for a declaration
    it cannot use and for UTF-8 (the default) that is not valid, and says "encoding problem:
    utf-8" for a byte-order mark that contradicts the declaration; tell them apart.
    """
    declared_on = _declaration_line(raw)
    if raw.startswith(codecs.BOM_UTF8) and declared_on:
        problem = "starts with a UTF-8 byte-order mark but declares another encoding"
        return read_error(path, problem, declared_on)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as decode_error:
        if not declared_on:
            return _decode_error(raw, path, decode_error)
    return read_error(path, f"has an unusable encoding declaration: {error}", declared_on or 1)


def _declaration_line(raw: bytes) -> int:
    """The line (1 or 2) that may hold a PEP 263 declaration, or 0 when neither mentions one."""
    for number, line in enumerate(raw.splitlines()[:2], start=1):
        if b"coding" in line:
            return number
    return 0


def _decode_error(raw: bytes, path: str, error: UnicodeDecodeError) -> Finding:
    line = raw[: error.start].count(b"\n") + 1
    name = "UTF-8" if error.encoding.replace("-", "").lower() == "utf8" else error.encoding
    problem = f"is not valid {name} at byte {error.start} ({error.reason})"
    return read_error(path, problem, line)


def read_error(path: str, problem: str, line: int = 1) -> Finding:
    """An error finding for a file that could not be read or decoded."""
    return Finding(
        rule=READ_ERROR,
        category=Category.ERROR,
        severity=Severity.ERROR,
        path=path,
        location=Location(line, 1, line, 1),
        message=f"{path} {problem}",
        rationale="Nothing in this file was checked.",
        fingerprint=file_fingerprint(READ_ERROR, path),
    )


def _parse(source: str, path: str) -> cst.Module | Finding:
    """The libcst module of a module CPython parsed, or a PARSE_ERROR where only libcst refuses
    it (syntax newer than the libcst release knows)."""
    try:
        return cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        message = " ".join(error.message.split())
        return _parse_error(path, error.raw_line, error.raw_column + 1, message)
    except RecursionError:
        return read_error(path, "is nested too deeply to parse")


def _parse_error(path: str, line: int, column: int, message: str) -> Finding:
    return Finding(
        rule=PARSE_ERROR,
        category=Category.ERROR,
        severity=Severity.ERROR,
        path=path,
        location=Location(line, column, line, column),
        message=f"syntax error: {message}",
        rationale="The file does not parse, so no other reviewbot rule checked it.",
        fingerprint=file_fingerprint(PARSE_ERROR, path),
    )


def _ast_tree(source: str) -> ast.Module | SyntaxError | None:
    """CPython's tree of the module, its SyntaxError, or None when it cannot be built."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings belong to ruff, not to us
            return ast.parse(source)
    except SyntaxError as error:
        return error
    except (ValueError, RecursionError, MemoryError):
        return None


def _compiler_refuses(path: str, error: SyntaxError | None) -> Finding:
    """The PARSE_ERROR for a module libcst parsed but CPython's compiler refused."""
    if error is None:
        return _parse_error(path, 1, 1, "CPython cannot compile this module (nested too deeply)")
    line, column = error.lineno or 1, max(error.offset or 1, 1)
    return _parse_error(path, line, column, " ".join(error.msg.split()))


@contextmanager
def _no_gc() -> Iterator[None]:
    """Parsing allocates millions of acyclic nodes; the cycle collector only slows it down."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_INSTANCES: dict[type[Rule], Rule] = {}


def _enabled(registry: Registry, policy: FilePolicy, shape: type[RuleT]) -> list[RuleT]:
    """One shared instance of each enabled rule of the given shape (rules hold no state)."""
    found: list[RuleT] = []
    for code, rule_class in registry.rules.items():
        if policy.enabled(code) and issubclass(rule_class, shape) and not rule_class.review_only:
            instance = _INSTANCES.get(rule_class)
            if instance is None:
                instance = _INSTANCES[rule_class] = rule_class()
            found.append(cast(RuleT, instance))
    return found
