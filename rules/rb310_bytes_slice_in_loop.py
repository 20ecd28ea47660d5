"""RB310: ``buf = buf[n:]`` on bytes inside a loop."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.scopes import Binding
from reviewbot.engine.values import value_kind
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

from ._quote import quote
from ._subtrees import runs_fixed_times

_BYTES_VALUES = frozenset({"bytes", "bytearray"})
# Kinds a bytes buffer may also carry: an annotated parameter, the self-slices themselves
# (a slice's kind is "unknown" to the engine), and `buf += sock.recv(...)` ("call:...").
_ALSO_ALLOWED = frozenset({"param:bytes", "unknown"})


class BytesSliceInLoop(NodeRule):
    """Flags a bytes buffer consumed by re-slicing itself on every iteration."""

    code = "RB310"
    per_iteration = True
    name = "bytes-slice-in-loop"
    category = Category.PERFORMANCE
    severity = Severity.WARNING
    doc = RuleDoc(
        what=(
            "Checks for `buf = buf[...]` inside a loop, where `buf` is known to be `bytes` or a "
            "`bytearray`: bound to a bytes literal, `bytes(...)`, `bytearray(...)`, or a "
            "parameter annotated `bytes`, and otherwise only grown with `+=` or sliced. "
            "A `memoryview`, a `str` or a list is not reported, nor is a loop that runs a fixed "
            "number of times written in the source (`for _ in range(4):`)."
        ),
        why=(
            "Slicing `bytes` or a `bytearray` copies: `buf[n:]` allocates a new object holding "
            "everything after `n`. Consuming an N-byte buffer k bytes per iteration therefore "
            "copies about N²/2k bytes. A 2 MB buffer read 100 bytes at a time takes about "
            "0.5 s this way on CPython 3.11, against 2 ms with a `memoryview` (whose slices "
            "share the memory) or with `del buf[:n]` on a `bytearray` (which drops the front "
            "in place)."
        ),
        example=(
            "def frames(data: bytes):\n"
            "    while data:\n"
            "        size = data[0]\n"
            "        yield data[1 : size + 1]\n"
            "        data = data[size + 1 :]\n"
        ),
        use_instead=(
            "def frames(data: bytes):\n"
            "    view = memoryview(data)\n"
            "    while view:\n"
            "        size = view[0]\n"
            "        yield bytes(view[1 : size + 1])\n"
            "        view = view[size + 1 :]\n"
        ),
        fix_safety=(
            "No automatic fix: a memoryview's slices are views, not bytes (call `bytes()` on the "
            "pieces you keep), and a bytearray cannot be resized while a view of it exists, so "
            "a buffer that also grows with `+=` wants `del buf[:n]` or an offset instead."
        ),
    )
    valid = (
        Valid(
            "def frames(data: bytes):\n    view = memoryview(data)\n    while view:\n        size = view[0]\n        yield bytes(view[1 : size + 1])\n        view = view[size + 1 :]\n",
            "slicing a memoryview shares memory",
        ),
        Valid(
            "def words(text: str):\n    while text:\n        head, _, text = text.partition(' ')\n        yield head\n        text = text[1:]\n",
            "a `str`, not a bytes buffer",
        ),
        Valid(
            "def body(packet: bytes):\n    packet = packet[4:]\n    return [b for b in packet]\n",
            "one slice outside any loop",
        ),
        Valid(
            "def chunks(data: bytes, size: int):\n    for start in range(0, len(data), size):\n        chunk = data[start : start + size]\n        yield chunk\n",
            "slices into a new name: each byte is copied once",
        ),
        Valid(
            "def drain(jobs):\n    jobs = list(jobs)\n    while jobs:\n        yield jobs[0]\n        jobs = jobs[1:]\n",
            "a list, not bytes",
        ),
    )
    invalid = (
        Invalid(
            "def frames(data: bytes):\n    while data:\n        size = data[0]\n        yield data[1 : size + 1]\n        data = data[size + 1 :]\n",
            lines=(5,),
        ),
        Invalid(
            "def messages(sock):\n    buf = b''\n    while True:\n        buf += sock.recv(4096)\n        while len(buf) >= 4:\n            yield buf[:4]\n            buf = buf[4:]\n",
            lines=(7,),
        ),
        Invalid(
            "def split(payload, sizes):\n    buf = bytearray(payload)\n    out = []\n    for size in sizes:\n        out.append(bytes(buf[:size]))\n        buf = buf[size:]\n    return out\n",
            lines=(6,),
        ),
    )

    def visit_Assign(self, node: cst.Assign, ctx: RuleContext) -> None:
        """``buf = buf[<slice>]`` in a loop, ``buf`` a bytes buffer."""
        loop = ctx.loop
        if loop is None or len(node.targets) != 1 or runs_fixed_times(ctx):
            return
        target = node.targets[0].target
        if not isinstance(target, cst.Name) or not _is_slice_of(node.value, target.value):
            return
        name = target.value
        if name in loop.targets:
            return
        binding = ctx.binding(name)
        kind = _buffer_kind(binding, ctx) if binding is not None else None
        if kind is None:
            return
        advice = (
            f"slice a `memoryview({name})` instead (its slices share memory; call `bytes()` "
            f"on pieces you keep) or keep an offset"
        )
        if kind == "bytearray":
            advice = f"drop the front in place with `del {name}[:n]`, or {advice}"
        ctx.report(
            node,
            f"`{quote(ctx, node)}` inside `{loop.header}` copies the rest of the buffer on every "
            f"iteration",
            rationale=(
                f"Each slice of `{name}` allocates a new {kind} holding everything after the cut, "
                f"so consuming the buffer piece by piece copies O(n²) bytes. To walk it without "
                f"copying, {advice}."
            ),
        )


def _is_slice_of(value: cst.BaseExpression, name: str) -> bool:
    """``name[a:b]``: a single slice (not an index) of the same name."""
    return (
        isinstance(value, cst.Subscript)
        and isinstance(value.value, cst.Name)
        and value.value.value == name
        and len(value.slice) == 1
        and isinstance(value.slice[0].slice, cst.Slice)
    )


def _buffer_kind(binding: Binding, ctx: RuleContext) -> str | None:
    """``bytes`` or ``bytearray`` when everything bound to the name is that kind of buffer."""
    values = [v for v in binding.values if not _is_slice_of(v, binding.name)]
    kinds = {value_kind(value, ctx.quiet_kinds) for value in values}
    if "param:bytes" in binding.kinds:
        kinds.add("bytes")
    if not kinds or not kinds <= _BYTES_VALUES:
        return None
    extra = binding.kinds - _BYTES_VALUES - _ALSO_ALLOWED
    if any(not kind.startswith("call:") for kind in extra):
        return None
    return "bytearray" if kinds == {"bytearray"} else "bytes"
