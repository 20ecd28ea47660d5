"""Infer a file's role from its path (anchored at the project root, like ``exclude``) and its
first lines, after the roles the config assigns by path.

Evidence, strongest first: a ``[roles]`` glob; a migrations folder or a migration class; a
generated-code header; a vendoring folder; a test module's name or a tests folder; an examples
or docs folder; a scripts folder, a command-line entry point or a ``#!`` line. A folder is only
evidence where it cannot be a library's own package: ``tests/`` and ``testing/`` anywhere names
a suite, but ``test/`` only at the top (``django/test/`` is Django's test framework, shipped
code), and ``tools/`` only at the top.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from reviewbot.config.globs import glob_match
from reviewbot.config.roles import Role

#: How much of the file's start is read for headers and markers.
HEAD_CHARS = 4096
_GENERATED_NAMES = ("*_pb2.py", "*_pb2_grpc.py")


@dataclass(frozen=True)
class RoleVerdict:
    """A file's role and the evidence for it, as a clause: ``in a tests/ folder``."""

    role: Role
    reason: str


SOURCE = RoleVerdict(Role.SOURCE, "ordinary source")

_GENERATED = re.compile(
    r"@generated|do not edit|auto-?generated|automatically generated|"
    r"generated (?:by|from|with|using)|code generated",
    re.IGNORECASE,
)
_MIGRATION_CLASS = re.compile(r"^class Migration\([\w.]*Migration\)", re.MULTILINE)
_ALEMBIC = re.compile(r"^down_revision\b.*=", re.MULTILINE)
_TEST_NAMES = ("test_*.py", "*_test.py", "*_tests.py", "tests.py", "conftest.py")
_SCRIPT_NAMES = ("__main__.py", "manage.py", "setup.py", "noxfile.py", "fabfile.py")
_VENDOR_FOLDERS = frozenset(
    {"vendor", "vendored", "_vendor", "third_party", "thirdparty", "third-party", "externals"}
)
_EXAMPLE_FOLDERS = frozenset({"examples", "example", "docs", "doc", "docs_src", "samples"})
_SCRIPT_FOLDERS = frozenset({"scripts", "script", "bin"})


def classify(path: str, text: str, assigned: Mapping[Role, tuple[str, ...]]) -> RoleVerdict:
    """The role of the file at ``path`` (POSIX, relative to the project root) holding ``text``."""
    for role, globs in assigned.items():
        for pattern in globs:
            if glob_match(pattern, path):
                return RoleVerdict(role, f"the config's [roles] {role.value} = {pattern!r}")
    folders = tuple(path.split("/")[:-1])
    name = path.rsplit("/", 1)[-1]
    head = text[:HEAD_CHARS]
    for infer in (_migration, _generated, _vendored, _test, _example, _script):
        found = infer(folders, name, head)
        if found is not None:
            return found
    return SOURCE


def _migration(folders: tuple[str, ...], name: str, head: str) -> RoleVerdict | None:
    """A numbered module in a ``migrations/`` folder, a Django ``Migration`` class, an Alembic
    revision. Not every file under ``migrations/``: ``django/db/migrations/`` is Django's
    migration framework, and ``tests/migrations/test_*.py`` are its tests."""
    if folders[-1:] == ("migrations",) and name[:1].isdigit():
        return RoleVerdict(Role.MIGRATION, "a numbered module in a migrations/ folder")
    if _MIGRATION_CLASS.search(head):
        return RoleVerdict(Role.MIGRATION, "it defines a Django migration")
    if folders[-2:] == ("alembic", "versions") or (_ALEMBIC.search(head) and "def upgrade(" in head):
        return RoleVerdict(Role.MIGRATION, "an Alembic revision")
    return None


def _generated(_folders: tuple[str, ...], name: str, head: str) -> RoleVerdict | None:
    """A generator's mark in the comments that open the file (after any licence text), or a
    protobuf/gRPC module name."""
    if any(glob_match(pattern, name) for pattern in _GENERATED_NAMES):
        return RoleVerdict(Role.GENERATED, "named like protobuf output")
    for line in head.splitlines():
        comment = line.strip()
        if comment and not comment.startswith("#"):
            break
        if _GENERATED.search(comment):
            return RoleVerdict(Role.GENERATED, f"its header says so ({_shorten(comment)})")
    return None


def _vendored(folders: tuple[str, ...], _name: str, _head: str) -> RoleVerdict | None:
    for folder in folders:
        if folder in _VENDOR_FOLDERS or folder == "site-packages":
            return RoleVerdict(Role.VENDORED, f"in a {folder}/ folder")
    return None


def _test(folders: tuple[str, ...], name: str, _head: str) -> RoleVerdict | None:
    if any(glob_match(pattern, name) for pattern in _TEST_NAMES):
        return RoleVerdict(Role.TEST, "named like a test module")
    for folder in folders:
        if folder in ("tests", "testing"):
            return RoleVerdict(Role.TEST, f"in a {folder}/ folder")
    if folders[:1] == ("test",):
        return RoleVerdict(Role.TEST, "in the top-level test/ folder")
    return None


def _example(folders: tuple[str, ...], _name: str, _head: str) -> RoleVerdict | None:
    for folder in folders:
        if folder in _EXAMPLE_FOLDERS:
            return RoleVerdict(Role.EXAMPLE, f"in a {folder}/ folder")
    return None


def _script(folders: tuple[str, ...], name: str, head: str) -> RoleVerdict | None:
    if name in _SCRIPT_NAMES:
        return RoleVerdict(Role.SCRIPT, f"a {name} entry point")
    if folders[-2:] == ("management", "commands"):
        return RoleVerdict(Role.SCRIPT, "a Django management command")
    for folder in folders:
        if folder in _SCRIPT_FOLDERS:
            return RoleVerdict(Role.SCRIPT, f"in a {folder}/ folder")
    if folders[:1] == ("tools",):
        return RoleVerdict(Role.SCRIPT, "in the top-level tools/ folder")
    if head.startswith("#!"):
        return RoleVerdict(Role.SCRIPT, "it starts with a #! line")
    return None


def _shorten(comment: str, limit: int = 60) -> str:
    return comment if len(comment) <= limit else comment[: limit - 1] + "…"
