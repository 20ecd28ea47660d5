"""Generate the rule reference (``rules/REFERENCE.md``) from the rules' own documentation.

``python -m reviewbot.ruleset.reference --write rules/REFERENCE.md`` regenerates it;
``--check`` exits 1 when the file on disk differs, which CI uses to catch drift.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reviewbot.ruleset.api import Rule
from reviewbot.ruleset.docs import rule_markdown
from reviewbot.ruleset.registry import Registry, builtin_registry

_HEADER = """\
# reviewbot rule reference

Generated from the rules' code by `python -m reviewbot.ruleset.reference --write rules/REFERENCE.md`;
CI fails when it is out of date. `reviewbot explain CODE` prints the same text for one rule.

"""


def reference(registry: Registry) -> str:
    """The whole reference page."""
    index = "\n".join(
        f"| [{rule.code}](#{_anchor(rule)}) | `{rule.name}` | {rule.category.value} | "
        f"{rule.severity.value} | {'yes' if rule.fixable else ''} |"
        for rule in registry
    )
    table = "| code | name | category | severity | fix |\n|---|---|---|---|---|\n" + index
    sections = "\n".join(_section(rule) for rule in registry)
    return f"{_HEADER}{table}\n\n{sections}"


def _anchor(rule: type[Rule]) -> str:
    return f"{rule.code}-{rule.name}".lower()


def _section(rule: type[Rule]) -> str:
    examples = _examples(rule)
    return f"{rule_markdown(rule, heading_level=2)}\n{examples}\n"


def _examples(rule: type[Rule]) -> str:
    parts = ["### Examples the test suite checks", ""]
    for label, cases in (("Flagged", rule.invalid), ("Not flagged", rule.valid)):
        for case in cases:
            note = f" — {case.note}" if case.note else ""
            parts.append(f"{label}{note}:\n\n```python\n{case.code.rstrip()}\n```\n")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Write or check the reference file."""
    parser = argparse.ArgumentParser(description=__doc__)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path)
    mode.add_argument("--check", type=Path)
    args = parser.parse_args(argv)
    text = reference(builtin_registry())
    if args.write is not None:
        args.write.write_text(text, encoding="utf-8")
        return 0
    current = args.check.read_text(encoding="utf-8") if args.check.exists() else ""
    if current != text:
        print(
            f"{args.check} is out of date: run python -m reviewbot.ruleset.reference --write {args.check}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
