"""RB207 in ``reviewbot review``: a block the change copies gets one comment naming the original.

Real repositories, the real CLI (``review --format json``): copies from a file that stays, copies
within the change, and what is not a copy (moved code, whole-file copies, boilerplate, short
blocks, tests, the rule turned off).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reviewbot.metrics.copied_blocks import Lines, copied_blocks, substantial
from tests.gitrepo import git, make_repo
from tests.review.test_classification import feature, review
from tests.snapshot import assert_snapshot

INVOICE = """\
import logging

log = logging.getLogger(__name__)


def invoice_total(order):
    \"\"\"The amount due for ``order``.\"\"\"
    subtotal = sum(line.price * line.quantity for line in order.lines)
    if order.coupon and order.coupon.valid_for(order.customer):
        subtotal -= order.coupon.discount(subtotal)
    # taxes by country
    tax_rate = TAX_RATES.get(order.country, DEFAULT_TAX_RATE)
    tax = round(subtotal * tax_rate, 2)
    shipping = 0 if subtotal >= FREE_SHIPPING_FROM else order.carrier.price(order.weight)
    handling = order.carrier.handling_fee(order.weight, order.country)
    insurance = max(order.declared_value * INSURANCE_RATE, MIN_INSURANCE)
    total = subtotal + tax + shipping + handling + insurance

    log.info("order %s totals %s", order.id, total)
    audit.record(order.id, "total", total)
    return total


TAX_RATES = {"NL": 0.21}
DEFAULT_TAX_RATE = 0.2
FREE_SHIPPING_FROM = 100
INSURANCE_RATE = 0.01
MIN_INSURANCE = 1
"""

#: Lines 8-21 of INVOICE: twelve normalised lines (its comment and blank line left out).
BODY = INVOICE.split("\n")[7:21]

QUOTE = "def quote_total(quote):\n    order = quote.as_order()\n" + "\n".join(BODY) + "\n"

OTHER = 'def other():\n    return "other"\n'


def _new(data: dict[str, Any], rule: str = "RB207") -> list[dict[str, Any]]:
    return [f for f in data["findings"]["new"] if f["rule"] == rule]


def _repo(tmp_path: Path, config: str = "", extra: dict[str, str] | None = None) -> Path:
    files = {"billing/invoice.py": INVOICE, "billing/other.py": OTHER, **(extra or {})}
    if config:
        files[".reviewbot.toml"] = config
    return make_repo(tmp_path / "repo", files)


def test_a_block_copied_from_a_file_that_stays_gets_one_comment_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path)
    feature(root, {"billing/quotes.py": QUOTE})
    _, data = review(root, capsys)
    [finding] = _new(data)
    assert (finding["path"], finding["line"]) == ("billing/quotes.py", 3)
    assert finding["message"].startswith(
        "These 12 lines repeat `billing/invoice.py:8-21`; a fix in one will be missed"
    )
    [comment] = [c for c in data["comments"] if c["finding"]["rule"] == "RB207"]
    assert (comment["path"], comment["line"]) == ("billing/quotes.py", 3)
    assert_snapshot("copied-block-comment.md", comment["body"])


def test_a_block_from_an_untouched_file_elsewhere_is_found_in_the_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path)
    feature(root, {"shop/quotes.py": QUOTE})
    _, data = review(root, capsys)
    [finding] = _new(data)
    assert "`billing/invoice.py:8-21`" in finding["message"]


def test_a_block_written_twice_in_the_change_gets_one_comment_on_the_second(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path)
    receipts = QUOTE.replace("quote_total(quote)", "receipt_total(receipt)").replace(
        "quote.as_order()", "receipt.order"
    )
    feature(
        root, {"shop/quotes.py": QUOTE, "shop/receipts.py": receipts, "billing/invoice.py": OTHER}
    )
    _, data = review(root, capsys)
    [finding] = _new(data)
    assert (finding["path"], finding["line"]) == ("shop/receipts.py", 3)
    assert "`shop/quotes.py:3-16`" in finding["message"]


def test_a_new_module_that_copies_another_new_one_is_named_in_the_first_ones_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path)
    feature(root, {"shop/a.py": QUOTE, "shop/b.py": QUOTE})
    _, data = review(root, capsys)
    # b.py repeats all of a.py, which repeats invoice.py: one comment, on the first copy,
    # naming the second
    assert [(f["path"], f["line"], f["message"].split(";")[0]) for f in _new(data)] == [
        ("shop/a.py", 3, "These 12 lines repeat `billing/invoice.py:8-21`, and so do `shop/b.py:1`"),
    ]


def test_a_moved_function_is_not_a_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _repo(tmp_path)
    feature(root, {"billing/invoice.py": OTHER, "billing/totals.py": INVOICE})
    _, data = review(root, capsys)
    assert _new(data) == []


def test_a_file_added_as_a_copy_is_judged_as_a_copy_not_here(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path)
    feature(root, {"billing/invoice_v2.py": INVOICE})
    _, data = review(root, capsys)
    assert _new(data) == []


def test_a_file_added_as_a_near_copy_is_judged_as_a_copy_not_here(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path)
    feature(
        root, {"billing/invoice_v2.py": INVOICE.replace("MIN_INSURANCE = 1", "MIN_INSURANCE = 2")}
    )
    _, data = review(root, capsys)
    assert _new(data) == []


def test_boilerplate_and_short_blocks_are_not_copies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    imports = "".join(f"from shop.models import {name}\n" for name in "ABCDEFGHIJKL")
    closing = "".join(f"    {name} = None\n" for name in "abcdefghijkl")
    root = _repo(tmp_path, extra={"shop/a.py": imports + "\n\ndef a():\n" + closing})
    short = "def short(order):\n" + "\n".join(BODY[:7]) + "\n"
    feature(root, {"shop/b.py": imports + "\n\ndef b():\n" + closing, "shop/short.py": short})
    _, data = review(root, capsys)
    assert _new(data) == []


def test_tests_drop_it_by_role_and_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path)
    feature(root, {"tests/test_quotes.py": QUOTE})
    _, data = review(root, capsys)
    assert _new(data) == []
    dropped = [d for d in data["dropped"] if d["rule"] == "RB207"]
    assert [(d["path"], d["line"], d["dropped"]["reason"]) for d in dropped] == [
        ("tests/test_quotes.py", 3, "role:test")
    ]


def test_false_turns_it_off_and_a_larger_size_raises_the_bar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path, "[review]\ncopied-block-lines = false\n")
    feature(root, {"billing/quotes.py": QUOTE})
    _, data = review(root, capsys)
    assert _new(data) == []
    (root / ".reviewbot.toml").write_text("[review]\ncopied-block-lines = 13\n", encoding="utf-8")
    git(root, "commit", "-qam", "thirteen")
    _, data = review(root, capsys)
    assert _new(data) == []


def test_a_suppression_comment_on_the_first_line_silences_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path)
    lines = QUOTE.split("\n")
    lines[2] += "  # reviewbot: ignore[RB207]"
    feature(root, {"billing/quotes.py": "\n".join(lines)})
    _, data = review(root, capsys)
    assert _new(data) == []


def test_windows_that_say_little_are_not_substantial() -> None:
    assert not substantial(["x = 1"] * 8, 8)
    assert not substantial([")", "pass", "return", "@property", "else:", "try:", "]", "a = b"], 8)
    fields = [f"field_{n} = models.CharField(max_length=100)" for n in range(8)]
    assert not substantial(fields, 8)
    assert substantial([f"total_{n} = price_{n} * rate" for n in range(8)], 8)


def test_a_small_function_copied_whole_is_a_copy() -> None:
    text = (
        "def f(a, b):\n    x = compute(a, b)\n    y = transform(x, a)\n    z = y + x * b\n"
        "    w = finish(z, y)\n    log(w, z)\n    save(w, x)\n    check(a, y)\n    return w\n"
    )
    [block] = copied_blocks({"new.py": Lines(text, frozenset(range(1, 10)))}, {"old.py": text}, 8)
    assert (block.start, block.end, block.original, block.lines) == (1, 9, "old.py", 9)


def test_docstrings_comments_and_overlaps_are_left_out() -> None:
    body = ["    value = compute(alpha, beta)", *[f"    step_{n}(value, {n})" for n in range(9)]]
    text = '"""Module\n\nlong docstring\n"""\n# note\n' + "\n".join(body * 2) + "\n"
    added = frozenset(range(1, 30))
    [block] = copied_blocks({"m.py": Lines(text, added)}, {}, 8)
    assert (block.start, block.original_start, block.lines) == (16, 6, 10)


def test_a_copy_placed_above_its_original_in_the_same_file_is_found_and_the_scan_ends() -> None:
    """The original lies later in the same file: the scan once stalled there, yielding forever."""
    text = QUOTE + "\n\n" + INVOICE
    added = frozenset(range(1, QUOTE.count("\n") + 1))
    blocks = copied_blocks({"billing.py": Lines(text, added)}, {}, 8)
    assert len(blocks) == 1
    (block,) = blocks
    assert (block.path, block.original) == ("billing.py", "billing.py")
    assert block.original_start > block.start


def test_a_signature_repeated_on_many_methods_is_not_a_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parameter = (
        "        limits: Annotated[\n"
        "            Limits | None,\n"
        "            Doc(\n"
        "                'How many fields and files a form may carry, and how large '\n"
        "                'a text field may be; each omitted setting keeps its default.'\n"
        "            ),\n"
        "        ] = None,\n"
        "        timeout: Annotated[float, Doc('Seconds before the request is abandoned.')] = 5,\n"
        "        retries: Annotated[int, Doc('How often a failed request is retried.')] = 0,\n"
    )
    methods = "".join(
        f"    def {name}(\n        self,\n        path: str,\n{parameter}"
        f"    ) -> Route:\n        return self.route('{name.upper()}', path, limits)\n\n"
        for name in ("get", "put", "post", "delete")
    )
    root = _repo(tmp_path)
    feature(root, {"shop/routes.py": f'"""Routes."""\n\n\nclass Router:\n{methods}'})
    _, data = review(root, capsys)
    assert _new(data) == []
