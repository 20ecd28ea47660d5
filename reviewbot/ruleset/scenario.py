"""A small text format describing a pull request, for the PR-level rules' examples.

One line per changed file, ``STATUS PATH [+ADDED] [-REMOVED]`` (status ``A``, ``M``, ``D``, or
``R OLD -> NEW``), then optional facts:

```
M orders/pricing.py +12 -3
A tests/test_pricing.py +20
description: Refunds for partially shipped orders.
todo: orders/refunds.py:14 TODO: handle store credit
dependencies: pyproject.toml [project] dependencies
lockfile: uv.lock
```

A ``dependencies:`` line names a manifest whose declarations changed, then (optionally) which
part; changed files that reviewbot reads as manifests are listed among ``manifests``.
"""

from __future__ import annotations

from reviewbot.change.file_kinds import is_manifest_name
from reviewbot.change.model import FileChange, FileStatus
from reviewbot.findings import Category, Finding, Location, Severity
from reviewbot.ruleset.review_records import DependencyEdit, PullRequestFacts

_STATUSES = {
    "A": FileStatus.ADDED,
    "M": FileStatus.MODIFIED,
    "D": FileStatus.DELETED,
    "R": FileStatus.RENAMED,
}


def scenario_facts(text: str) -> PullRequestFacts:
    """The facts a scenario describes."""
    files: list[FileChange] = []
    facts: dict[str, list[str]] = {
        "description": [],
        "todo": [],
        "dependencies": [],
        "lockfile": [],
    }
    for line in text.strip().splitlines():
        key, colon, value = line.partition(": ")
        if colon and key in facts:
            facts[key].append(value.strip())
        else:
            files.append(_file(line.split()))
    return PullRequestFacts(
        files=tuple(files),
        description="\n".join(facts["description"]) if facts["description"] else None,
        new_todos=tuple(_todo(value) for value in facts["todo"]),
        manifests=tuple(
            f.path
            for f in files
            if f.status is not FileStatus.DELETED and is_manifest_name(f.path)
        ),
        dependency_edits=tuple(_edit(value) for value in facts["dependencies"]),
        lockfiles=frozenset(facts["lockfile"]),
    )


def _edit(value: str) -> DependencyEdit:
    path, _, section = value.partition(" ")
    return DependencyEdit(path, (section.strip() or "dependencies",))


def _file(words: list[str]) -> FileChange:
    status = _STATUSES[words[0]]
    old_path = words[1] if status is not FileStatus.ADDED else None
    path = words[3] if status is FileStatus.RENAMED else words[1]
    counts = {
        word[0]: int(word[1:]) for word in words[2:] if word[:1] in "+-" and word[1:].isdigit()
    }
    return FileChange(
        path=path,
        old_path=old_path,
        status=status,
        added_lines=frozenset(range(1, counts.get("+", 0) + 1)),
        removed_lines=frozenset(range(1, counts.get("-", 0) + 1)),
    )


def _todo(value: str) -> Finding:
    where, _, text = value.partition(" ")
    path, _, line = where.rpartition(":")
    number = int(line)
    return Finding(
        rule="TD003",
        category=Category.CONVENTION,
        severity=Severity.INFO,
        path=path,
        location=Location(number, 1, number, len(text) + 1),
        message=text or "Missing issue link for this TODO",
    )
