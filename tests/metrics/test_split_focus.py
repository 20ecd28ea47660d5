"""Where to split a function whose score sits in one block: the blocks inside it."""

from __future__ import annotations

from reviewbot.metrics.cognitive import cognitive_complexity
from reviewbot.metrics.model import Branch
from reviewbot.metrics.split_focus import split_focus
from tests.metrics.helpers import parse_function


def focus(source: str) -> tuple[Branch, ...]:
    function = parse_function(source)
    score = cognitive_complexity(function)
    return split_focus(function, score.total, score.branches)


WRAPPED_MODES = """\
def handle(options, prompt):
    try:
        if options.interactive:
            for field in options.fields:
                if field.required:
                    while not field.value:
                        field.value = prompt(field)
        else:
            for field in options.fields:
                if field.value is None:
                    raise ValueError(field)
    except KeyboardInterrupt:
        return 1
    return 0
"""


def test_a_try_around_the_body_is_not_a_candidate_the_modes_inside_it_are() -> None:
    # if 1, for 2, if 3, while 4, else 1, for 2, if 3, except 1: 17
    within, *blocks = focus(WRAPPED_MODES)
    assert within == Branch(3, 11, "if", 16)
    assert blocks == [Branch(3, 7, "if branch", 9), Branch(9, 11, "else branch", 5)]


def test_no_focus_when_the_score_is_spread_over_blocks() -> None:
    source = """\
def spread(rows, flags):
    for row in rows:
        if row:
            print(row)
    for flag in flags:
        if flag:
            print(flag)
"""
    assert focus(source) == ()


def test_a_loop_holding_the_function_offers_the_blocks_of_its_body() -> None:
    source = """\
def walk(orders):
    for order in orders:
        if order.paid:
            for line in order.lines:
                if line.refund:
                    print(line)
        with order.lock():
            while order.pending:
                order.step()
"""
    # for 1, if 2, for 3, if 4, while 2: 12; the loop holds all of it
    assert focus(source) == (
        Branch(2, 9, "for", 12),
        Branch(3, 6, "if", 9),
        Branch(7, 9, "with", 2),
    )


def test_handlers_and_cases_are_candidates_and_definitions_are_not() -> None:
    source = """\
def dispatch(event):
    try:
        def helper():
            if event:
                return 1
        match event.kind:
            case "a":
                if event.x:
                    for item in event.items:
                        print(item)
            case _:
                pass
    except ValueError:
        if event.strict:
            raise
"""
    within, *blocks = focus(source)
    # match 1, if 2, for 3 and except 1, if 2; the helper's `if` (2) is its own function's
    assert within == Branch(2, 15, "try", 11)
    assert blocks == [Branch(6, 12, "match", 6), Branch(13, 15, "except", 3)]


def test_the_focus_descends_while_one_block_holds_nearly_everything() -> None:
    source = """\
def deep(rows):
    with open("log") as log:
        for row in rows:
            if row.kind == 1:
                if row.a:
                    log.write("a")
            elif row.kind == 2:
                if row.b:
                    log.write("b")
"""
    # for 1, if 2, if 3, elif 1, if 3: 10; the with and the for hold it all, then the chain
    within, *blocks = focus(source)
    assert within == Branch(4, 9, "if", 9)
    assert blocks == [Branch(4, 6, "if branch", 3), Branch(7, 9, "elif branch", 3)]
