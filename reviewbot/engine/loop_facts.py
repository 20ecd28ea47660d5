"""The loop facts the engine attaches to a per-iteration finding: what the loops around it walk
and whether it runs on every iteration.

A rule that reports a cost per iteration (``NodeRule.per_iteration``) leaves the judgement to
the policy: the engine records, for each report, the largest walk among the loops the statement
runs on every iteration of (``loop:data``, ``loop:fixed``, ...), or ``loop:once`` when it runs at
most once per loop. The pipeline then reports or drops the finding by the preset's
``[loops] report`` list, so every drop is counted with its reason.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from reviewbot.config.model import LoopSizes
from reviewbot.engine.context import RuleContext
from reviewbot.engine.declared import Declarations
from reviewbot.engine.loops import error_handler, first_time_guard, leaves_after_path
from reviewbot.engine.scopes import Loop, LoopFact
from reviewbot.engine.walks import Walk, classify_loop


#: The fact of a statement that runs only when an exception is caught inside the loop.
ON_ERROR = "loop:on-error"


class LoopJudge:
    """Classifies each loop of one file once, and judges each per-iteration report with it.

    ``sizes`` are the team's declared collections (``[loops] large`` / ``small``)."""

    def __init__(self, sizes: LoopSizes | None = None) -> None:
        self._declared = Declarations(sizes or LoopSizes())
        self._walks: dict[int, tuple[cst.CSTNode, Walk]] = {}

    def walk(self, loop: Loop, ctx: RuleContext) -> Walk:
        """What ``loop`` walks, computed the first time a report inside it asks."""
        found = self._walks.get(id(loop.node))
        if found is None or found[0] is not loop.node:
            found = self._walks[id(loop.node)] = (loop.node, classify_loop(loop, ctx, self._declared))
        return found[1]

    def __call__(self, ctx: RuleContext, chain: Sequence[cst.CSTNode]) -> LoopFact | None:
        """The fact for a report whose current node's ancestry is ``chain`` (module first)."""
        loops = ctx.loops
        if not loops:
            return None
        handler = error_handler(chain, loops[0])
        if handler is not None:
            return LoopFact(ON_ERROR, _on_error_because(handler))
        every = [loop for loop in loops if not _runs_once(chain, loop)]
        if not every:
            return LoopFact("loop:once", _once_because(chain, loops[-1]))
        walk = max((self.walk(loop, ctx) for loop in every), key=lambda w: w.size)
        return LoopFact(f"loop:{walk.kind}", walk.because)


def _runs_once(chain: Sequence[cst.CSTNode], loop: Loop) -> bool:
    return leaves_after_path(chain, loop) or first_time_guard(chain, loop) is not None


def _on_error_because(handler: cst.ExceptHandler) -> str:
    caught = "" if handler.type is None else " " + cst.Module(body=[]).code_for_node(handler.type)
    return f"it runs only on the iterations whose `try` fails, in `except{caught}:`"


def _once_because(chain: Sequence[cst.CSTNode], loop: Loop) -> str:
    guard = first_time_guard(chain, loop)
    if guard is not None:
        test = cst.Module(body=[]).code_for_node(guard.test)
        return f"it runs at most once per loop, under the first-time guard `if {test}:`"
    return "it runs at most once per loop: the loop ends right after it"
