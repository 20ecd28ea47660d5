from __future__ import annotations

import ast
from pathlib import Path

import pytest

from reviewbot.metrics.cognitive import cognitive_complexity
from reviewbot.metrics.model import Branch
from tests.metrics.helpers import parse_function

PAPER = Path(__file__).parent / "data" / "paper_examples.txt"

# The white paper's totals for each worked example (translated in data/paper_examples.txt).
PAPER_TOTALS = {
    "sum_of_primes": 7,
    "get_words": 1,
    "my_method": 9,
    "my_method2": 2,
    "overridden_symbol_from": 19,
    "add_version": 35,
    "to_regexp": 20,
    "mixed_operators": 4,
    "negated_group": 3,
}


def paper_functions() -> dict[str, ast.FunctionDef]:
    tree = ast.parse(PAPER.read_text(encoding="utf-8"))
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}


def score(source: str) -> int:
    return cognitive_complexity(parse_function(source)).total


def test_every_paper_example_is_translated() -> None:
    assert set(paper_functions()) == set(PAPER_TOTALS)


@pytest.mark.parametrize(("name", "expected"), sorted(PAPER_TOTALS.items()))
def test_white_paper_examples(name: str, expected: int) -> None:
    assert cognitive_complexity(paper_functions()[name]).total == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f(a, b, c):\n    return a and b and c\n", 1),
        ("def f(a, b, c):\n    return a and b or c\n", 2),
        ("def f(a, b, c, d):\n    return a or b and c or d\n", 3),
        ("def f(a, b, c):\n    return a and (b and c)\n", 1),
        ("def f(a, b, c):\n    return a and not (b and c)\n", 2),
        ("def f(a, b):\n    return a if b else None\n", 1),
        ("def f(a, b, c):\n    return a if b else (c if a else b)\n", 3),
        ("def f(xs):\n    return [x for x in xs]\n", 1),
        ("def f(xs):\n    return [x for x in xs if x if x > 1]\n", 3),
        ("def f(xss):\n    return {x: 1 for xs in xss for x in xs}\n", 2),
        ("def f(n):\n    return f(n - 1)\n", 1),
        ("def f(n):\n    return g(n)\n", 0),
        ("def f(xs):\n    return lambda: xs if xs else None\n", 0),
        ("def f(xs):\n    return lambda y=(1 if xs else 2): y\n", 1),
        ("def f(xs):\n    return {'a': lambda o: o.a if o else '', 'b': lambda o: o.b or 0}\n", 0),
    ],
    ids=lambda value: str(value).split("\n")[-2].strip() if isinstance(value, str) else None,
)
def test_expressions(source: str, expected: int) -> None:
    assert score(source) == expected


def test_elif_and_else_add_one_without_nesting() -> None:
    source = """
    def f(x):
        for i in x:              # +1
            if i == 1:           # +2
                pass
            elif i == 2:         # +1
                pass
            else:                # +1
                pass
    """
    assert score(source) == 5


def test_if_inside_else_is_nested_not_elif() -> None:
    source = """
    def f(x):
        if x == 1:          # +1
            pass
        else:               # +1
            if x == 2:      # +2 (nesting 1)
                pass
    """
    assert score(source) == 4


def test_one_line_elif_is_still_an_elif() -> None:
    assert score("def f(x):\n    if x: a()\n    elif y: b()\n    else: c()\n") == 3


def test_try_finally_and_with_add_nothing_but_except_and_else_do() -> None:
    source = """
    def f():
        with lock:
            try:
                if a:            # +1 (with and try do not nest)
                    pass
            except E:            # +1
                if b:            # +2
                    pass
            else:                # +1
                if c:            # +2
                    pass
            finally:
                if d:            # +1
                    pass
    """
    assert score(source) == 8


def test_loops_async_and_while_else() -> None:
    source = """
    async def f():
        async for a in b:        # +1
            while c:             # +2
                pass
            else:                # +1
                pass
        async with d:
            pass
    """
    assert score(source) == 4


def test_match_counts_once_and_nests_its_cases() -> None:
    source = """
    def f(command):
        match command:           # +1
            case "go" if fast or far:   # or +1
                if x:            # +2
                    pass
            case _:
                pass
    """
    assert score(source) == 4


def test_nested_function_nests_its_body_and_counts_towards_the_outer() -> None:
    source = """
    def outer(items):
        total = 0
        def add(item):           # +0, nesting 1
            if item:             # +2
                return add(item.next)   # recursion of add: +1
        for item in items:       # +1
            add(item)
        return total
    """
    assert score(source) == 4


def test_call_to_a_nested_helper_is_not_recursion() -> None:
    source = """
    def outer():
        def helper():
            return 1
        return helper()
    """
    assert score(source) == 0


def test_method_recursion_through_self() -> None:
    source = """
    class Tree:
        def size(self):
            return 1 + sum(self.size() for _ in self.children)   # recursion +1, for +1
    """
    assert score(source) == 2


def test_decorator_wrapper_does_not_add_nesting() -> None:
    source = """
    def retry(func):
        def wrapper(*args):
            if args:             # +1: a wrapper's body is not nested
                return func(*args)
        return wrapper
    """
    assert score(source) == 1


def test_a_def_beside_other_statements_is_not_a_wrapper() -> None:
    source = """
    def make(func):
        calls = []
        def wrapper(*args):
            if args:             # +2
                return func(*args)
        return wrapper
    """
    assert score(source) == 2


def test_branches_are_the_top_level_blocks_that_add() -> None:
    function = parse_function(
        """
        def f(a, b):
            x = a and b              # adds 1 but is not a block
            if a:                    # +1
                if b and a:          # +2, and +1
                    pass
            with open(a):            # adds nothing: not a candidate
                pass
            for i in b:              # +1
                pass
        """
    )
    result = cognitive_complexity(function)
    assert result.total == 6
    assert result.branches == (Branch(4, 6, "if", 4), Branch(9, 10, "for", 1))


def test_deep_expression_does_not_overflow_the_stack() -> None:
    chain = " if c else ".join(["a"] * 2000)
    assert score(f"def f(a, c):\n    return {chain}\n") == sum(range(1, 2000))
