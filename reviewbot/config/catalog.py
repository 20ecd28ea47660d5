"""The set of rule codes reviewbot knows, and ruff's selector language over them.

A selector is ``ALL``, a linter prefix (``E``, ``PERF``, ``PLR``, ``RB``) or a linter prefix
followed by the start of a code's number (``E5``, ``PERF4``, ``RB3``, ``E501``), exactly as in
ruff. A linter prefix that owns no codes of its own but heads one-letter sub-linters (ruff's
``PL`` over ``PLC``/``PLE``/``PLR``/``PLW``) selects all of them.

Only the codes handed to :meth:`RuleCatalog.build` are known. reviewbot's own families
(``RB1`` .. ``RB5`` and their two-digit ranges) are valid selectors even before any rule in them
is registered, so a preset can select ``RB3`` and pick up performance rules as they are added.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from reviewbot.findings import Category, Severity

ALL = "ALL"
RB_PREFIX = "RB"
_RB_FAMILY = re.compile(r"^RB[1-5]\d?$")
_RB_CODE = re.compile(r"^RB[1-5]\d\d$")


@dataclass(frozen=True)
class RuleCatalog:
    """Every known rule code and linter prefix; build it with :meth:`build`."""

    rb_rules: Mapping[str, tuple[Category, Severity]]
    ruff_codes: frozenset[str]
    prefixes: frozenset[str]
    linter_of: Mapping[str, str]
    groups: Mapping[str, frozenset[str]]
    by_linter: Mapping[str, frozenset[str]]
    unavailable: Mapping[str, str]
    _expanded: dict[str, frozenset[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def build(
        cls,
        *,
        rb_rules: Mapping[str, tuple[Category, Severity]],
        ruff_codes: Iterable[str],
        ruff_prefixes: Iterable[str],
        unavailable: Mapping[str, str] | None = None,
    ) -> RuleCatalog:
        """Build a catalog from reviewbot's rules, ruff's codes and ruff's linter prefixes.

        ``rb_rules`` holds reviewbot's own rules and any team rules (whose codes, such as
        ``ACME101``, make their letters a linter prefix).

        ``unavailable`` maps codes that exist but cannot be selected (ruff's preview-only or
        removed rules) to the reason, so that selecting one explains itself.
        """
        # Team rules (``ACME101``) bring their own linter prefix, as ruff's linters do.
        team = {code.rstrip("0123456789") for code in rb_rules}
        prefixes = frozenset(p for p in ruff_prefixes if p) | {RB_PREFIX} | team
        codes = frozenset(rb_rules) | frozenset(ruff_codes)
        linter_of = {code: _split_linter(code, prefixes) for code in codes}
        owners = frozenset(linter_of.values())
        groups = {
            prefix: frozenset(q for q in prefixes if _is_sub_linter(prefix, q))
            for prefix in prefixes
            if prefix not in owners
        }
        return cls(
            rb_rules=dict(rb_rules),
            ruff_codes=frozenset(ruff_codes),
            prefixes=prefixes,
            linter_of=linter_of,
            groups={p: g for p, g in groups.items() if g},
            by_linter=_index_by_linter(linter_of),
            unavailable=dict(unavailable or {}),
        )

    @property
    def codes(self) -> frozenset[str]:
        """Every known concrete code: reviewbot's and ruff's."""
        return frozenset(self.linter_of)

    def is_ruff(self, code: str) -> bool:
        """Whether ``code`` is one of ruff's rules."""
        return code in self.ruff_codes

    def is_valid(self, selector: str) -> bool:
        """Whether ``selector`` is a selector ruff (or reviewbot, for ``RB``) would accept."""
        if selector == ALL or selector in self.prefixes or _RB_FAMILY.match(selector):
            return True
        return bool(self.expand(selector))

    def expand(self, selector: str) -> frozenset[str]:
        """The known codes ``selector`` selects (empty for an unknown or empty selector)."""
        found = self._expanded.get(selector)
        if found is None:
            found = frozenset(
                code for code in self._candidates(selector) if self.matches(selector, code)
            )
            self._expanded[selector] = found
        return found

    def _candidates(self, selector: str) -> Iterable[str]:
        """The codes ``selector`` could select: those of its linter (or linter group)."""
        if selector == ALL:
            return self.linter_of
        linters = self.groups.get(selector) or {_split_linter(selector + "0", self.prefixes)}
        return (code for linter in linters for code in self.by_linter.get(linter, ()))

    def matches(self, selector: str, code: str) -> bool:
        """Whether ``selector`` selects ``code``."""
        if selector == ALL:
            return True
        linter = self.linter_of.get(code)
        if linter is None:
            return False
        if linter in self.groups.get(selector, ()):
            return True
        return code.startswith(selector) and len(selector) >= len(linter)

    def closest(self, text: str) -> str | None:
        """The known code, prefix or ``ALL`` nearest to ``text``, for "did you mean" hints."""
        if text.upper() != text and self.is_valid(text.upper()):
            return text.upper()
        words = sorted(self.codes | self.prefixes | {ALL})
        found = difflib.get_close_matches(text.upper(), words, n=1, cutoff=0.6)
        return found[0] if found else None


def is_reserved_code(text: str) -> bool:
    """Whether ``text`` is a code in one of reviewbot's families (``RB101`` .. ``RB599``)."""
    return bool(_RB_CODE.match(text))


def _split_linter(code: str, prefixes: frozenset[str]) -> str:
    """The longest prefix such that the rest of ``code`` is its number."""
    for end in range(len(code) - 1, 0, -1):
        head, number = code[:end], code[end:]
        if head in prefixes and number.isdigit():
            return head
    return code.rstrip("0123456789")


def _index_by_linter(linter_of: Mapping[str, str]) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for code, linter in linter_of.items():
        index.setdefault(linter, set()).add(code)
    return {linter: frozenset(codes) for linter, codes in index.items()}


def _is_sub_linter(parent: str, prefix: str) -> bool:
    """Whether ``prefix`` is ``parent`` plus one letter (ruff's ``PL`` -> ``PLR``)."""
    return len(prefix) == len(parent) + 1 and prefix.startswith(parent) and prefix[-1].isalpha()
