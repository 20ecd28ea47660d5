"""The one batched traversal: walk a module once, keep loop and scope context, call every rule."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst

from reviewbot.engine.binder import bind_parameters, record_binding, target_names
from reviewbot.engine.children import iter_children
from reviewbot.engine.context import RuleContext
from reviewbot.engine.scopes import Loop, Scope
from reviewbot.errors import RegistryError
from reviewbot.ruleset.api import NodeRule

Handler = tuple[NodeRule, Callable[[cst.CSTNode, RuleContext], None]]
OnCrash = Callable[[NodeRule, cst.CSTNode, Exception], None]
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)


def rule_handlers(rule: NodeRule, prefix: str) -> dict[type[cst.CSTNode], Callable[..., None]]:
    """The ``visit_<Node>``/``leave_<Node>`` methods of ``rule`` keyed by libcst node class.

    A method naming a class libcst does not have is an error, never silently ignored.
    """
    found: dict[type[cst.CSTNode], Callable[..., None]] = {}
    for attribute in dir(type(rule)):
        if not attribute.startswith(prefix):
            continue
        node_type = getattr(cst, attribute[len(prefix):], None)
        if not (isinstance(node_type, type) and issubclass(node_type, cst.CSTNode)):
            raise RegistryError(
                f"{rule.code}: {type(rule).__name__}.{attribute} names no libcst node class"
            )
        found[node_type] = getattr(rule, attribute)
    return found


# Dispatch tables per (rule instances, node type), shared by every file a process analyses.
_HANDLER_CACHE: dict[tuple[int, ...], dict[type[cst.CSTNode], tuple[tuple[Handler, ...], tuple[Handler, ...]]]] = {}


class Walker:
    """Walks one module, maintaining the RuleContext and dispatching to rules."""

    def __init__(self, ctx: RuleContext, rules: Sequence[NodeRule], on_crash: OnCrash) -> None:
        self.ctx = ctx
        self._on_crash = on_crash
        self._visits = [rule_handlers(rule, "visit_") for rule in rules]
        self._leaves = [rule_handlers(rule, "leave_") for rule in rules]
        self._rules = list(rules)
        self._crashed: set[str] = set()
        self._cache = _HANDLER_CACHE.setdefault(tuple(id(rule) for rule in rules), {})
        self._seeded: set[int] = set()
        # Each handler takes the node type it is registered under.
        self._special: dict[type[cst.CSTNode], Callable[..., None]] = {
            cst.For: self._walk_for,
            cst.While: self._walk_while,
            cst.FunctionDef: self._walk_function,
            cst.Lambda: self._walk_lambda,
            cst.ClassDef: self._walk_class,
            **{kind: self._walk_comprehension for kind in _COMPREHENSIONS},
        }

    # -- entry -------------------------------------------------------------------------------
    def run(self, module: cst.Module) -> None:
        """Walk ``module`` from the top with a fresh module scope."""
        scope = Scope("module", "<module>", module)
        self.ctx._scopes.append(scope)
        self._seed_module_bindings(module, scope)
        self.walk(module)

    def walk(self, node: cst.CSTNode) -> None:
        """Visit ``node``, its subtree, then leave it."""
        ancestors = self.ctx._ancestors
        ancestors.append(node)
        visits, leaves = self._handlers(type(node))
        if id(node) not in self._seeded:
            record_binding(node, self.ctx.scope, self.ctx.quiet_kinds)
        self._dispatch(visits, node)
        special = self._special.get(type(node))
        if special is not None:
            special(node)
        else:
            for child in iter_children(node):
                self.walk(child)
        self._dispatch(leaves, node)
        ancestors.pop()

    # -- dispatch ----------------------------------------------------------------------------
    def _handlers(self, node_type: type[cst.CSTNode]) -> tuple[tuple[Handler, ...], tuple[Handler, ...]]:
        cached = self._cache.get(node_type)
        if cached is None:
            cached = (self._matching(self._visits, node_type), self._matching(self._leaves, node_type))
            self._cache[node_type] = cached
        return cached

    def _matching(
        self, tables: list[dict[type[cst.CSTNode], Callable[..., None]]], node_type: type[cst.CSTNode]
    ) -> tuple[Handler, ...]:
        handlers: list[Handler] = []
        for rule, table in zip(self._rules, tables, strict=True):
            for handled, method in table.items():
                if issubclass(node_type, handled):
                    handlers.append((rule, method))
        return tuple(handlers)

    def _dispatch(self, handlers: tuple[Handler, ...], node: cst.CSTNode) -> None:
        ctx = self.ctx
        for rule, method in handlers:
            if rule.code in self._crashed:
                continue
            ctx._queries = []
            ctx._current_rule = type(rule)
            try:
                method(node, ctx)
            except Exception as error:  # noqa: BLE001 - rules are plugin code: contain a crash
                self._crashed.add(rule.code)
                self._on_crash(rule, node, error)
            finally:
                ctx._current_rule = None

    # -- context-changing nodes -----------------------------------------------------------------
    def _walk_for(self, node: cst.For) -> None:
        self.walk(node.target)
        self.walk(node.iter)
        names = frozenset(target_names(node.target))
        for name in names:
            self.ctx.scope.bind(name, "loop-target")
        is_async = node.asynchronous is not None
        self._in_loop(Loop(node, "for", names, node.iter, is_async), node.body)
        if node.orelse is not None:
            self.walk(node.orelse)

    def _walk_while(self, node: cst.While) -> None:
        loop = Loop(node, "while", frozenset(), None)
        self.ctx._loops[-1].append(loop)
        self.walk(node.test)
        self.walk(node.body)
        self.ctx._loops[-1].pop()
        if node.orelse is not None:
            self.walk(node.orelse)

    def _in_loop(self, loop: Loop, body: cst.CSTNode) -> None:
        self.ctx._loops[-1].append(loop)
        self.walk(body)
        self.ctx._loops[-1].pop()

    def _walk_comprehension(self, node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp) -> None:
        scope = Scope("comprehension", self.ctx.scope.qualname, node, self.ctx.scope.is_async)
        self.ctx._scopes.append(scope)
        pushed = self._walk_comp_for(node.for_in, scope, outermost=True)
        if isinstance(node, cst.DictComp):
            self.walk(node.key)
            self.walk(node.value)
        else:
            self.walk(node.elt)
        del self.ctx._loops[-1][len(self.ctx._loops[-1]) - pushed:]
        self.ctx._scopes.pop()

    def _walk_comp_for(self, comp: cst.CompFor, scope: Scope, outermost: bool) -> int:
        """Walk a comprehension's ``for`` clauses; returns how many loops it pushed."""
        self.ctx._ancestors.append(comp)
        visits, leaves = self._handlers(cst.CompFor)
        self._dispatch(visits, comp)
        if outermost:  # the first iterable is evaluated once, outside the comprehension
            self.ctx._scopes.pop()
            self.walk(comp.iter)
            self.ctx._scopes.append(scope)
        else:
            self.walk(comp.iter)
        names = frozenset(target_names(comp.target))
        for name in names:
            scope.bind(name, "loop-target")
        loop = Loop(comp, "comprehension", names, comp.iter, comp.asynchronous is not None)
        self.ctx._loops[-1].append(loop)
        self.walk(comp.target)
        for condition in comp.ifs:
            self.walk(condition)
        pushed = 1
        if comp.inner_for_in is not None:
            pushed += self._walk_comp_for(comp.inner_for_in, scope, outermost=False)
        self._dispatch(leaves, comp)
        self.ctx._ancestors.pop()
        return pushed

    def _walk_function(self, node: cst.FunctionDef) -> None:
        for decorator in node.decorators:
            self.walk(decorator)
        self.walk(node.params)
        if node.returns is not None:
            self.walk(node.returns)
        if id(node) not in self._seeded:
            self.ctx.scope.bind(node.name.value, "function")
        scope = Scope("function", self._qualname(node.name.value), node, node.asynchronous is not None)
        bind_parameters(node.params, scope)
        self._in_new_frame(scope, node.body)

    def _walk_lambda(self, node: cst.Lambda) -> None:
        self.walk(node.params)
        scope = Scope("function", self._qualname("<lambda>"), node)
        bind_parameters(node.params, scope)
        self._in_new_frame(scope, node.body)

    def _walk_class(self, node: cst.ClassDef) -> None:
        for decorator in node.decorators:
            self.walk(decorator)
        for argument in (*node.bases, *node.keywords):
            self.walk(argument)
        if id(node) not in self._seeded:
            self.ctx.scope.bind(node.name.value, "class")
        scope = Scope("class", self._qualname(node.name.value), node)
        self.ctx._scopes.append(scope)
        self.walk(node.body)
        self.ctx._scopes.pop()

    def _in_new_frame(self, scope: Scope, body: cst.CSTNode) -> None:
        """A function body runs when called, not where it is defined: loops do not carry in."""
        self.ctx._scopes.append(scope)
        self.ctx._loops.append([])
        self.walk(body)
        self.ctx._loops.pop()
        self.ctx._scopes.pop()

    # -- helpers -----------------------------------------------------------------------------
    def _qualname(self, name: str) -> str:
        for scope in reversed(self.ctx._scopes):
            if scope.kind in ("function", "class"):
                return f"{scope.qualname}.{name}"
        return name

    def _seed_module_bindings(self, module: cst.Module, scope: Scope) -> None:
        """Module-level names are visible to functions defined above their assignment."""
        for statement in module.body:
            if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
                kind = "function" if isinstance(statement, cst.FunctionDef) else "class"
                scope.bind(statement.name.value, kind)
                self._seeded.add(id(statement))
            elif isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    record_binding(small, scope, self.ctx.quiet_kinds)
                    self._seeded.add(id(small))
