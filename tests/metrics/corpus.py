"""The equivalence corpus: stdlib packages and radon's own source, plus hand-made edge cases."""

from __future__ import annotations

import asyncio
import email
import json
import unittest
from pathlib import Path

import radon

PACKAGES = {
    module.__name__: Path(module.__file__ or "").parent
    for module in (json, email, asyncio, unittest, radon)
}

EDGE_CASES = {
    "empty": "",
    "newline only": "\n",
    "whitespace lines": "   \n\t\n",
    "only comments": "# a\n# b\n\n#c",
    "module docstring": '"""Module doc."""\n',
    "multi-line docstring with blank line": '"""Module\n\ndoc.\n"""\nx = 1\n',
    "assigned multi-line string": 'x = """a\nb"""\n',
    "multi-line string argument": 'f("""a\n\nb""", 1)\n',
    "backslash continuation": "x = 1 + \\\n    2\n",
    "backslash inside a string": "x = 'abc\\\ndef'\n",
    "comment after code": "x = 1  # c\n",
    "semicolons": "x = 1; y = 2;\nif x: y; z\n",
    "colons radon counts twice": "d = {1: 2}\nx: int = 3\ny = d[1:2]\n",
    "crlf": "x = 1\r\n# c\r\n\r\ny = 2\r\n",
    "bare cr": "x = 1\r# c\ry = 2",
    "form feed line": "x = 1\n\x0c\ny = 2\n",
    "form feed after code": "x = 1 \x0c\n",
    "comment and blank inside brackets": "x = [\n    # c\n    1,\n\n    2,\n]\n",
    "f-strings": "x = f'{a!r:>10}'\ny = f'''\n{b}\n'''\n",
    "docstring then comment": '"""doc"""  # c\n',
    "implicit concatenation": '"a" "b"\n',
    "parenthesised strings": '("a"\n "b")\n',
    "one-line compound statements": "def f(): return 1\nclass A: pass\n",
    "function with everything": (
        "def f(x):\n    '''Doc\n    more'''\n    if x:  # c\n"
        "        return [i for i in x if i]\n    return lambda y: y\n"
    ),
    "no trailing newline": "x = 1",
    "comment without trailing newline": "x = 1\n# end",
    "tabs": "if x:\n\tif y:\n\t\tpass\n",
    "bytes strings": "b'abc'\nrb'''x\ny'''\n",
    "async": "async def f():\n    async with a as b:\n        await b\n",
    "match": "match x:\n    case 1: pass\n    case _:\n        pass\n",
    "walrus": "if (n := 10) > 5: pass\n",
    "consecutive strings": '"a"\n"b"\n',
    "blank line in brackets": "x = (\n\n1)\n",
    "decorator": "@d\ndef f(): pass\n",
    "try and else": (
        "if a:\n    pass\nelse:\n    pass\ntry:\n    pass\nexcept E:\n    pass\n"
        "finally:\n    pass\n"
    ),
}
