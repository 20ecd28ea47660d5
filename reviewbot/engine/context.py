"""What a libcst rule sees during the traversal: loops, scope, bindings, and how to report."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import libcst as cst

from reviewbot.engine.scopes import Binding, Loop, LoopFact, Scope
from reviewbot.errors import RegistryError

if TYPE_CHECKING:
    from libcst.metadata.base_provider import ProviderT

    from reviewbot.config.model import Thresholds
    from reviewbot.ruleset.api import NodeRule


@dataclass(frozen=True)
class Replacement:
    """Replace ``target`` (a node of this module) with ``new`` (a node or plain source text)."""

    target: cst.CSTNode
    new: cst.CSTNode | str


@dataclass(frozen=True)
class Query:
    """A binding lookup a report depended on; re-checked once the whole file is known."""

    scope: Scope
    name: str
    kinds: frozenset[str] | None


@dataclass(frozen=True)
class PendingReport:
    """A rule's report before positions, fixes and fingerprints are computed."""

    rule: type[NodeRule]
    node: cst.CSTNode
    path: tuple[cst.CSTNode, ...]
    message: str
    rationale: str
    scope: str
    replacements: tuple[Replacement, ...] = ()
    fix_description: str = ""
    fix_safe: bool = True
    queries: tuple[Query, ...] = field(default=(), compare=False)
    #: What the loops around the report walk, for a rule that reports a cost per iteration.
    loop: LoopFact | None = None


#: Judges a per-iteration report from the context and the current node's ancestry.
LoopJudgeFn = Callable[["RuleContext", Sequence[cst.CSTNode]], "LoopFact | None"]


class RuleContext:
    """The per-file context handed to every rule callback.

    Rules read the loop stack, the enclosing scope and bindings, and call ``report``. The engine
    owns all mutation; rules hold no state of their own.
    """

    def __init__(
        self,
        module: cst.Module,
        path: str,
        thresholds: Thresholds,
        metadata: Any = None,
        facts: Mapping[str, object] | None = None,
        judge: LoopJudgeFn | None = None,
    ) -> None:
        self.module = module
        self.path = path
        self.thresholds = thresholds
        self._metadata = metadata
        self._facts: Mapping[str, object] = facts or {}
        self._judge = judge
        self._ancestors: list[cst.CSTNode] = []
        self._loops: list[list[Loop]] = [[]]
        self._scopes: list[Scope] = []
        self._queries: list[Query] = []
        self._current_rule: type[NodeRule] | None = None
        self.reports: list[PendingReport] = []

    # -- what rules read -------------------------------------------------------------------
    def fact(self, name: str) -> object:
        """A fact that spans files (JSON data), which the calling rule declares in ``uses_facts``.

        Reading one the rule did not declare is a RegistryError: the cache keys each file's
        result by the facts its rules declare, so an undeclared read could go stale.
        """
        rule = self._current_rule
        if rule is None or name not in rule.uses_facts or name not in self._facts:
            who = rule.code if rule is not None else "a rule"
            raise RegistryError(f"{who} reads fact {name!r} without declaring it in uses_facts")
        return self._facts[name]

    @property
    def loops(self) -> tuple[Loop, ...]:
        """Loops around the current node in the current function, outermost first."""
        return tuple(self._loops[-1])

    @property
    def loop(self) -> Loop | None:
        """The innermost loop around the current node in the current function, if any."""
        frame = self._loops[-1]
        return frame[-1] if frame else None

    @property
    def scope(self) -> Scope:
        """The innermost scope (module, class, function or comprehension)."""
        return self._scopes[-1]

    @property
    def function(self) -> Scope | None:
        """The innermost enclosing function scope, if any."""
        for scope in reversed(self._scopes):
            if scope.kind == "function":
                return scope
        return None

    @property
    def ancestors(self) -> tuple[cst.CSTNode, ...]:
        """The nodes from the module down to the current node's parent."""
        return tuple(self._ancestors[:-1])

    @property
    def parent(self) -> cst.CSTNode | None:
        """The current node's parent."""
        return self._ancestors[-2] if len(self._ancestors) > 1 else None

    def binding(self, name: str) -> Binding | None:
        """What ``name`` is bound to, resolved as Python would from the current scope.

        The answer is flow-insensitive over the owning scope; a report made after asking is
        dropped if the rest of the file binds the name to something else.
        """
        scope = self._resolve(name)
        if scope is None:
            self._queries.append(Query(self._scopes[0], name, None))
            return None
        found = scope.binding(name)
        self._queries.append(Query(scope, name, found.kinds if found else None))
        return found

    def kinds_of(self, name: str) -> frozenset[str]:
        """The kinds ``name`` is bound to, empty when unknown."""
        found = self.binding(name)
        return found.kinds if found else frozenset()

    def code(self, node: cst.CSTNode) -> str:
        """The source text of ``node`` as written."""
        return self.module.code_for_node(node)

    def metadata(self, provider: ProviderT, node: cst.CSTNode) -> Any:
        """libcst metadata for ``node``; the rule must list ``provider`` in its ``metadata``."""
        if self._metadata is None:
            raise LookupError(f"metadata {provider!r} was not requested by the rule")
        return self._metadata[provider][node]

    def report(
        self,
        node: cst.CSTNode,
        message: str,
        *,
        rationale: str = "",
        fix: Replacement | Sequence[Replacement] | None = None,
        fix_description: str = "",
        fix_safe: bool = True,
    ) -> None:
        """Report ``node``; ``fix`` replaces nodes with new code (a safe fix by default)."""
        if self._current_rule is None:
            raise RuntimeError("RuleContext.report() called outside a rule callback")
        replacements = (fix,) if isinstance(fix, Replacement) else tuple(fix or ())
        judged = self._current_rule.per_iteration and self._judge is not None
        loop = self._judge(self, tuple(self._ancestors)) if judged and self._judge else None
        self.reports.append(
            PendingReport(
                rule=self._current_rule,
                node=node,
                path=tuple(self._ancestors),
                message=message,
                rationale=rationale,
                scope=self.scope_name,
                replacements=replacements,
                fix_description=fix_description,
                fix_safe=fix_safe,
                queries=tuple(self._queries),
                loop=loop,
            )
        )

    @property
    def scope_name(self) -> str:
        """Qualified name of the innermost function or class (``<module>`` at top level)."""
        for scope in reversed(self._scopes):
            if scope.kind in ("function", "class"):
                return scope.qualname
        return "<module>"

    def _resolve(self, name: str) -> Scope | None:
        innermost = self._scopes[-1]
        skip_innermost = name in innermost.globals  # `global x` / `nonlocal x`
        for scope in reversed(self._scopes):
            if scope is innermost and skip_innermost:
                continue
            if scope.kind == "class" and scope is not innermost:
                continue  # class bodies are not visible from nested functions
            if name in scope.kinds:
                return scope
        return None

    def peek_binding(self, name: str) -> Binding | None:
        """``binding`` for the engine's own facts: not recorded as a dependency of a report
        (a loop fact is a judgement the pipeline shows, not a condition of the report)."""
        scope = self._resolve(name)
        return scope.binding(name) if scope is not None else None

    def quiet_kinds(self, name: str) -> frozenset[str]:
        """``kinds_of`` for the engine's own use: not recorded as a dependency of a report."""
        scope = self._resolve(name)
        return frozenset(scope.kinds[name]) if scope is not None else frozenset()
