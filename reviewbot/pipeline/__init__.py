"""The stages every command runs: discover → analyse (libcst, metrics, ruff) → suppress →
baseline → result, with the process pool and the result cache.

``chain`` is the one stage chain; ``audit`` runs it for ``check`` (whole tree, ``--base``,
``--staged``), ``baseline`` and ``fix``; ``sides`` runs it on both sides of a change for the
review. ``session`` loads what a run needs once (rules, ruff, the policy).

May import the built-in rules, engine, ruleset, metrics, change, config and the core records;
not review, report or anything above.
"""
