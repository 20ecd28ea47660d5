from __future__ import annotations

import pytest

from reviewbot.metrics.length import logical_length
from reviewbot.metrics.nesting import NestingDepth, nesting_depth
from tests.metrics.helpers import parse_function


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f():\n    return 1\n", NestingDepth(0, 0)),
        ("def f(a):\n    if a:\n        return 1\n", NestingDepth(1, 2)),
        ("def f(a):\n    for x in a:\n        if x:\n            pass\n", NestingDepth(2, 3)),
        (
            (
                "def f(a):\n    if a:\n        pass\n    elif a > 1:\n        pass\n"
                "    elif a > 2:\n        pass\n    else:\n        pass\n"
            ),
            NestingDepth(1, 2),
        ),
        (
            "def f(a):\n    if a:\n        pass\n    else:\n        if a:\n            pass\n",
            NestingDepth(2, 5),
        ),
        (
            (
                "def f(a):\n    try:\n        pass\n    except E:\n        with a:\n            pass\n"
                "    finally:\n        pass\n"
            ),
            NestingDepth(2, 5),
        ),
        (
            "def f(a):\n    match a:\n        case 1:\n            if a:\n                pass\n",
            NestingDepth(2, 4),
        ),
        (
            "async def f(a):\n    async with a:\n        async for b in a:\n            pass\n",
            NestingDepth(2, 3),
        ),
        (
            "def f(a):\n    while a:\n        pass\n    else:\n        if a:\n            pass\n",
            NestingDepth(2, 5),
        ),
    ],
)
def test_nesting_depth(source: str, expected: NestingDepth) -> None:
    assert nesting_depth(parse_function(source)) == expected


def test_nested_functions_and_classes_are_measured_on_their_own() -> None:
    source = """
    def outer(a):
        if a:
            def inner():
                for x in a:
                    if x:
                        pass
            class Local:
                def method(self):
                    with a:
                        pass
    """
    assert nesting_depth(parse_function(source)) == NestingDepth(1, 3)


def test_first_of_equally_deep_blocks_is_reported() -> None:
    source = """
    def f(a):
        if a:
            if a:
                pass
        for x in a:
            for y in x:
                pass
    """
    assert nesting_depth(parse_function(source)) == NestingDepth(2, 4)


def test_length_counts_statements_not_physical_lines() -> None:
    source = '''
    def f(rows):
        """Docstrings do not count."""
        # comments do not count
        total = sum(
            row
            for row in rows
        )

        return total
    '''
    assert logical_length(parse_function(source)) == 2


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("    pass\n", 1),
        ("    if a:\n        x = 1\n    elif b:\n        x = 2\n    else:\n        x = 3\n", 5),
        (
            "    try:\n        x()\n    except E:\n        y()\n    else:\n        z()\n    finally:\n        w()\n",
            6,
        ),
        ("    match a:\n        case 1:\n            x()\n        case _:\n            y()\n", 5),
        ("    for a in b:\n        x(); y()\n", 3),
        (
            "    @decorator\n    def inner():\n        '''doc'''\n        return 1\n    return inner\n",
            3,
        ),
        ("    class Local:\n        '''doc'''\n        x = 1\n    return Local\n", 3),
        ("    with a as b, c as d:\n        return lambda: b\n", 2),
    ],
)
def test_length(body: str, expected: int) -> None:
    assert logical_length(parse_function("def f(a, b):\n" + body)) == expected
