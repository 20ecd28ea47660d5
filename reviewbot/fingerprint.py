"""Fingerprints: a finding's identity that survives unrelated lines moving.

Never built from line numbers. Node findings: rule + path + enclosing scope's qualified name +
normalised source of the flagged node + an occurrence index when that text repeats in the scope.
Function-level findings: rule + path + qualified function name. File-level: rule + path (+ a
part naming which, for a second file-level finding of one rule on one file).
"""

from __future__ import annotations

import hashlib

_LENGTH = 20


def _digest(*parts: str) -> str:
    joined = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(joined, digest_size=_LENGTH // 2).hexdigest()


def normalise_source(text: str) -> str:
    """Source text with all whitespace runs collapsed, so re-indented code keeps its identity."""
    return " ".join(text.split())


def node_fingerprint(rule: str, path: str, scope: str, source: str, occurrence: int) -> str:
    """Identity of a finding on a node (occurrence counts repeats of the same text in the scope)."""
    return _digest("node", rule, path, scope, normalise_source(source), str(occurrence))


def function_fingerprint(rule: str, path: str, qualname: str) -> str:
    """Identity of a function-level finding (complexity, length, nesting)."""
    return _digest("function", rule, path, qualname)


def file_fingerprint(rule: str, path: str) -> str:
    """Identity of a file-level finding (module length, maintainability, parse errors)."""
    return _digest("file", rule, path)


def file_part_fingerprint(rule: str, path: str, part: str) -> str:
    """Identity of a further file-level finding of ``rule`` on ``path``, told apart by ``part``
    (RB903 from ruff beside reviewbot's own RB903); the first keeps :func:`file_fingerprint`."""
    return _digest("file", rule, path, part)


def pr_fingerprint(rule: str) -> str:
    """Identity of a PR-level policy finding."""
    return _digest("pr", rule)
