"""RB207 (review only): a block of code the change copies, from code still there or from other
lines it adds.

The comment senior reviewers write most often that no linter writes: "this repeats X; share
it". It is a complexity rule (RB2xx): two copies of one piece of logic are more code to
understand and keep in step, and a fix made to one is missed in the other. Being an RB2 rule, the
preset's ``[role-ignores]`` drop it in tests (which repeat setup on purpose) and migrations
(written from templates), as they drop the other complexity rules there.
"""

from __future__ import annotations

from reviewbot.findings import Category, Severity
from reviewbot.metrics.copied_blocks import CopiedBlock
from reviewbot.ruleset.api import CopyRule, RuleDoc, Violation
from reviewbot.ruleset.review_records import CopyInvalid, CopyValid

_ORIGINAL = (
    "def invoice_total(order):\n"
    "    subtotal = sum(line.price * line.quantity for line in order.lines)\n"
    "    if order.coupon and order.coupon.valid_for(order.customer):\n"
    "        subtotal -= order.coupon.discount(subtotal)\n"
    "    tax_rate = TAX_RATES.get(order.country, DEFAULT_TAX_RATE)\n"
    "    tax = round(subtotal * tax_rate, 2)\n"
    "    shipping = 0 if subtotal >= FREE_SHIPPING_FROM else order.carrier.price(order.weight)\n"
    "    total = subtotal + tax + shipping\n"
    "    log.info('order %s totals %s', order.id, total)\n"
    "    return total\n"
)
# the same body under a new name, after one line of its own
_COPY = "def quote_total(quote):\n    order = quote.as_order()\n" + _ORIGINAL.split("\n", 1)[1]
_SHARED = (
    "from billing.invoice import invoice_total\n"
    "\n"
    "\n"
    "def quote_total(quote):\n"
    "    return invoice_total(quote.as_order())\n"
)
_TWICE = _ORIGINAL + "\n\n" + _ORIGINAL.replace("invoice_total", "receipt_total")
_ONE_SIGNATURE = (
    "class Client:\n"
    "    def get(\n"
    "        self,\n"
    "        url: str,\n"
    "        timeout: Annotated[\n"
    "            float | None,\n"
    "            Doc('Seconds to wait for the server to send data before giving up.'),\n"
    "        ] = None,\n"
    "        retries: Annotated[int, Doc('How many times a failed request is tried again.')] = 0,\n"
    "        follow: Annotated[bool, Doc('Whether redirects are followed.')] = True,\n"
    "        verify: Annotated[bool, Doc('Whether the TLS certificate is checked.')] = True,\n"
    "    ) -> Response:\n"
    "        return self.send('GET', url, timeout, retries, follow, verify)\n"
)
# the same documented parameters on a second method
_SIGNATURES = _ONE_SIGNATURE + _ONE_SIGNATURE.split("\n", 1)[1].replace("get(", "head(").replace(
    "'GET'", "'HEAD'"
)
_IMPORTS = "".join(f"from shop.models import {name}\n" for name in "ABCDEFGHIJKL")


class CopiedCode(CopyRule):
    """Flags a block of added lines that repeats code the project already has."""

    code = "RB207"
    name = "copied-block"
    category = Category.COMPLEXITY
    severity = Severity.WARNING
    doc = RuleDoc(
        what=(
            "Checks, in `reviewbot review` only, the lines a change adds for a block of at "
            "least `[review] copied-block-lines` (default 8) lines that repeats code still in "
            "the repository, or other lines the same change adds. Lines are compared with "
            "indentation, blank lines, comments, docstrings and functions' parameter lists "
            "left out (a documented parameter repeated on every method that takes it is not "
            "logic a call could share); a block made mostly of imports, `pass`, `return`, "
            "closing brackets or decorators, or one that says little (few distinct lines or "
            "names), is not a copy.\n\n"
            "One comment sits on the first line of the first copy of each original, names the "
            "original and the change's other copies of it. The "
            "originals looked at are the other lines of the changed files, the lines the change "
            "adds elsewhere, and a bounded sample of the files it leaves alone (those in the "
            "same folders first). Not flagged: moved code (the original is gone), files the "
            "change adds as copies of others (a copy, exact or near, is judged as one), and "
            "tests, migrations, generated and vendored code (their role's stance)."
        ),
        why=(
            "Two copies of one piece of logic drift apart: a fix made in one is missed in the "
            "other, and the next reader has to work out whether the differences matter. The "
            "pull request that makes the copy is the cheapest moment to share it instead."
        ),
        example=_COPY,
        use_instead=_SHARED,
        options=(
            "`copied-block-lines` (default 8) in `[review]`: the fewest normalised lines a "
            "copy must have; `false` turns the rule off."
        ),
    )
    valid = (
        CopyValid(_SIGNATURES, "a documented parameter repeated on each method", before=_ONE_SIGNATURE),
        CopyValid(_SHARED, "the logic is imported, not copied", before=_ORIGINAL),
        CopyValid(_IMPORTS, "the same imports are boilerplate", before=_IMPORTS),
        CopyValid(_COPY, "shorter than the configured 12 lines", before=_ORIGINAL, size=12),
    )
    invalid = (
        CopyInvalid(_COPY, lines=(3,), note="nine lines repeat invoice_total", before=_ORIGINAL),
        CopyInvalid(_TWICE, lines=(14,), note="the change writes the same body twice"),
        CopyInvalid(
            _COPY + "\n\n" + _COPY.replace("quote_total", "estimate_total"),
            lines=(3,),
            note="two copies of one original: one comment, naming the second",
            before=_ORIGINAL,
        ),
    )

    def check_copy(self, block: CopiedBlock) -> Violation | None:
        """Every block found is worth the comment; it names the original and what to do."""
        where = f"`{block.original}:{block.original_start}-{block.original_end}`"
        if block.also:
            return Violation(
                message=(
                    f"These {block.lines} lines repeat {where}, and so do "
                    f"{_places(block.also)}; a fix in one will be missed in the others: move "
                    "them into one function every place calls (or import the original)"
                ),
                rationale=_RATIONALE,
            )
        return Violation(
            message=(
                f"These {block.lines} lines repeat {where}; a fix in one will be missed in the "
                "other: move them into one function both call (or import the original)"
            ),
            rationale=_RATIONALE,
        )


_RATIONALE = (
    "Copied logic drifts apart. Share it while the copy is fresh: extract the block into a "
    "function (or reuse the one it came from) and call it from both places."
)
_NAMED = 3  # later copies named in the message; the rest are counted


def _places(also: tuple[tuple[str, int], ...]) -> str:
    """``a.py:12``, ``b.py:40`` and 3 more places."""
    named = [f"`{path}:{line}`" for path, line in also[:_NAMED]]
    if len(also) > _NAMED:
        return f"{', '.join(named)} and {len(also) - _NAMED} more places"
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
