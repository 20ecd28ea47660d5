"""A file read inside a loop that nothing in the loop changes: the same bytes read again on
every iteration (``json.loads(settings_path.read_text())`` per row). Reading it once before the
loop gives every iteration the same answer.

A ``while`` loop is left alone (waiting for a file to change is what those do), and so is a loop
that writes files itself (``write_text``, ``write``, ``open(..., "w")``, ``dump``), which may
change what the next read sees.
"""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.names import dotted_name

from ._subtrees import descendants

#: Methods that read a whole file from a path or a handle.
_READ_METHODS = frozenset({"read_text", "read_bytes"})
#: Calls that read a file named by their first argument.
_READ_CALLS = frozenset({"open", "io.open", "codecs.open"})
#: Calls that write files, so a later read may differ.
_WRITES = frozenset({"write", "write_text", "write_bytes", "writelines", "dump", "touch"})
_WRITE_MODES = ("w", "a", "x", "+")


def reads_file(call: cst.Call) -> bool:
    """Whether ``call`` reads a file: ``settings_path.read_text()``, ``open(path)``."""
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value in _READ_METHODS:
        return True
    return dotted_name(func) in _READ_CALLS and bool(call.args) and not _writing_mode(call)


def writes_files(region: cst.CSTNode) -> bool:
    """Whether ``region`` calls anything that writes a file."""
    for node in descendants(region):
        if not isinstance(node, cst.Call):
            continue
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in _WRITES:
            return True
        if dotted_name(node.func) in _READ_CALLS and _writing_mode(node):
            return True
    return False


def _writing_mode(call: cst.Call) -> bool:
    """``open(path, "w")`` or ``open(path, mode="a")``: a mode that writes."""
    for index, arg in enumerate(call.args):
        is_mode = (index == 1 and arg.keyword is None) or (
            arg.keyword is not None and arg.keyword.value == "mode"
        )
        if is_mode and isinstance(arg.value, cst.SimpleString):
            text = arg.value.evaluated_value
            if isinstance(text, str) and any(flag in text for flag in _WRITE_MODES):
                return True
    return False
