"""Which dependency declarations of a manifest a change touched (not its other settings).

Each format is read as its tool reads it and compared section by section, after normalising
what does not change the dependencies: comments, blank lines, order, spacing, the case and
``-``/``_``/``.`` spelling of a package name. So a comment, the project's own version or a
``[tool.ruff]`` edit is not a dependency change; a requirement added, removed or re-pinned is.

* ``pyproject.toml``: ``[project]`` ``dependencies`` / ``optional-dependencies`` /
  ``requires-python``, ``[dependency-groups]``, ``[tool.poetry]`` ``dependencies`` /
  ``dev-dependencies`` / ``group.*.dependencies``, ``[tool.pdm] dev-dependencies``,
  ``[tool.uv]`` ``dev-dependencies`` / ``sources``.
* ``setup.cfg``: ``[options]`` ``install_requires`` / ``setup_requires`` / ``python_requires``
  and each ``[options.extras_require]`` extra.
* ``setup.py``: the ``setup()`` keywords ``install_requires``, ``extras_require``,
  ``setup_requires``, ``python_requires`` (and ``**`` keyword dicts). A literal is compared as
  data; a name is looked up among the module's top-level assignments; anything else is compared
  as code, so any edit of the expression counts.
* Requirements files (``requirements*.txt`` / ``.in``): their requirement and option lines.
* ``Pipfile``: ``[packages]``, ``[dev-packages]``, ``[requires]``.

A manifest that does not parse counts as changed: better one question too many than a missed
lockfile.
"""

from __future__ import annotations

import ast
import configparser
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import PurePosixPath

from reviewbot import toml as tomllib
from reviewbot.change.file_kinds import is_requirements_file

#: The label of a manifest that does not parse (on either side).
UNREADABLE = "the whole file (it does not parse)"

Declarations = dict[str, object]
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_SEPARATORS = re.compile(r"[-_.]+")
_COMMENT = re.compile(r"(^|\s)#.*$")
_SETUP_KEYWORDS = (
    "install_requires",
    "extras_require",
    "setup_requires",
    "python_requires",
)


def changed_sections(path: str, before: bytes | None, after: bytes | None) -> tuple[str, ...]:
    """The dependency sections of the manifest at ``path`` that differ between ``before``
    (None: the change adds it) and ``after``; empty when its dependencies are the same."""
    if before == after or after is None:
        return ()
    reader = _reader(path)
    if reader is None:
        return ("the file",)
    return _differences(_read(reader, before), _read(reader, after))


def _differences(old: Declarations | None, new: Declarations | None) -> tuple[str, ...]:
    """The labels whose declarations differ, in the order the head names them."""
    if old is None or new is None:
        return (UNREADABLE,)
    labels = dict.fromkeys([*new, *old])
    return tuple(label for label in labels if old.get(label) != new.get(label))


def _read(reader: Callable[[str], Declarations], raw: bytes | None) -> Declarations | None:
    """The non-empty declarations of ``raw`` (none for a file not there), None if unreadable."""
    if raw is None:
        return {}
    try:
        return {key: value for key, value in reader(raw.decode("utf-8")).items() if value}
    except (UnicodeDecodeError, ValueError, SyntaxError, configparser.Error):
        return None


def _reader(path: str) -> Callable[[str], Declarations] | None:
    name = PurePosixPath(path).name
    if is_requirements_file(path):
        return _requirements
    return _READERS.get(name)


def requirement(text: str) -> str:
    """One requirement, spelled canonically: ``Django >= 4.2`` and ``django>=4.2`` are equal."""
    match = _NAME.match(text)
    if match is None:
        return "".join(text.split())
    name = _SEPARATORS.sub("-", match[1]).lower()
    return name + "".join(text[match.end() :].split())


def _requirement_list(value: object) -> object:
    """A list of requirement strings as a sorted tuple; anything else as it is."""
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return tuple(sorted(requirement(item) for item in value))
    return value


def _name_table(value: object) -> object:
    """A table package name -> spec (Poetry, Pipfile) with canonical names."""
    if not isinstance(value, dict):
        return value
    return {_SEPARATORS.sub("-", str(key)).lower(): spec for key, spec in value.items()}


def _lookup(document: object, *keys: str) -> object:
    value = document
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _pyproject(text: str) -> Declarations:
    document = tomllib.loads(text)
    found: Declarations = {
        "[project] dependencies": _requirement_list(_lookup(document, "project", "dependencies")),
        "[project] requires-python": _lookup(document, "project", "requires-python"),
        "[tool.poetry.dependencies]": _name_table(
            _lookup(document, "tool", "poetry", "dependencies")
        ),
        "[tool.poetry.dev-dependencies]": _name_table(
            _lookup(document, "tool", "poetry", "dev-dependencies")
        ),
        "[tool.pdm] dev-dependencies": _lookup(document, "tool", "pdm", "dev-dependencies"),
        "[tool.uv] dev-dependencies": _requirement_list(
            _lookup(document, "tool", "uv", "dev-dependencies")
        ),
        "[tool.uv.sources]": _lookup(document, "tool", "uv", "sources"),
    }
    found.update(
        _each("[project.optional-dependencies]", document, "project", "optional-dependencies")
    )
    found.update(_each("[dependency-groups]", document, "dependency-groups"))
    groups = _lookup(document, "tool", "poetry", "group")
    for group, table in groups.items() if isinstance(groups, dict) else ():
        found[f"[tool.poetry.group.{group}.dependencies]"] = _name_table(
            _lookup(table, "dependencies")
        )
    return found


def _each(label: str, document: object, *keys: str) -> Iterator[tuple[str, object]]:
    """Each entry of a table of requirement lists (extras, groups), labelled by its key."""
    table = _lookup(document, *keys)
    for key, value in table.items() if isinstance(table, dict) else ():
        yield f"{label} {key}", _requirement_list(value)


def _pipfile(text: str) -> Declarations:
    document = tomllib.loads(text)
    return {
        f"[{table}]": _name_table(document.get(table))
        for table in ("packages", "dev-packages", "requires")
    }


def _setup_cfg(text: str) -> Declarations:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read_string(text)
    found: Declarations = {}
    for key in ("install_requires", "setup_requires", "python_requires"):
        found[f"[options] {key}"] = _cfg_list(parser.get("options", key, fallback=""))
    if parser.has_section("options.extras_require"):
        for extra, value in parser.items("options.extras_require", raw=True):
            found[f"[options.extras_require] {extra}"] = _cfg_list(value)
    return found


def _cfg_list(value: str) -> tuple[str, ...]:
    """A setup.cfg list, one item a line (comment lines dropped), in canonical order."""
    lines = (line.strip() for line in value.splitlines())
    return tuple(sorted(requirement(line) for line in lines if line and line[0] not in "#;"))


def _requirements(text: str) -> Declarations:
    joined = re.sub(r"\\\r?\n", " ", text)
    lines = (_COMMENT.sub("", line).strip() for line in joined.splitlines())
    return {"requirements": tuple(sorted(requirement(line) for line in lines if line))}


def _setup_py(text: str) -> Declarations:
    module = ast.parse(text)
    names = _top_level_assignments(module)
    found: Declarations = {}
    for call in ast.walk(module):
        if not (isinstance(call, ast.Call) and _called_name(call.func) == "setup"):
            continue
        for keyword in call.keywords:
            if keyword.arg is None:
                found["setup(**...)"] = _dependency_keys(_setup_value(keyword.value, names))
            elif keyword.arg in _SETUP_KEYWORDS:
                found[f"setup({keyword.arg}=...)"] = _setup_value(keyword.value, names)
    return found


def _called_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _top_level_assignments(module: ast.Module) -> dict[str, ast.expr]:
    """``NAME = value`` at the top of the module (the last one wins), for keyword values that
    name a list defined above the ``setup()`` call."""
    return {name: value for statement in module.body for name, value in _assigned(statement)}


def _assigned(statement: ast.stmt) -> Iterator[tuple[str, ast.expr]]:
    """The names ``statement`` binds to a value: ``A = B = value``, ``A: list = value``."""
    if isinstance(statement, ast.Assign):
        targets, value = statement.targets, statement.value
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        targets, value = [statement.target], statement.value
    else:
        return
    yield from ((target.id, value) for target in targets if isinstance(target, ast.Name))


class _Inline(ast.NodeTransformer):
    """Replace names of top-level assignments by their values (one level deep)."""

    def __init__(self, names: Mapping[str, ast.expr]) -> None:
        self.names = names

    def visit_Name(self, node: ast.Name) -> ast.expr:
        return self.names.get(node.id, node)


def _setup_value(value: ast.expr, names: Mapping[str, ast.expr]) -> object:
    """The keyword's value as data when it is a literal (after inlining names), else its code."""
    inlined = _Inline(names).visit(ast.parse(ast.unparse(value), mode="eval").body)
    try:
        data = ast.literal_eval(inlined)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return ast.dump(inlined)
    if isinstance(data, dict):
        return {key: _requirement_list(item) for key, item in data.items()}
    return _requirement_list(data)


def _dependency_keys(value: object) -> object:
    """Of a ``**`` keyword dict, only the dependency keywords (its ``version`` is not one)."""
    if isinstance(value, dict):
        return {key: item for key, item in value.items() if key in _SETUP_KEYWORDS}
    return value


_READERS: Mapping[str, Callable[[str], Declarations]] = {
    "pyproject.toml": _pyproject,
    "Pipfile": _pipfile,
    "setup.cfg": _setup_cfg,
    "setup.py": _setup_py,
}
