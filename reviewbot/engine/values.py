"""Classify what a name is bound to: a list, a set, a compiled regex, a Django queryset, ...

Kinds are short strings so rules can test them cheaply: ``list``, ``tuple``, ``set``, ``dict``,
``str``, ``bytes``, ``int``, ``float``, ``bool``, ``none``, ``generator``, ``regex``, ``deque``,
``manager`` (a Django ``Model.objects``), ``queryset``, ``dataframe``, ``http_session`` (a
``requests.Session``), ``db_connection`` / ``db_cursor`` (a DB-API driver's connection and its
cursor), ``sa_session`` / ``sa_async_session`` and ``sa_sessionmaker`` /
``sa_async_sessionmaker`` (SQLAlchemy), ``call:<dotted name>``, and ``unknown``.

Library calls are recognised by their fully qualified name, resolved through the module's
imports: ``pd.read_csv`` after ``import pandas as pd`` and ``Session`` after
``from sqlalchemy.orm import Session`` are what they say, while a local class named ``Session``
is not.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from reviewbot.engine.names import call_name, method_chain

# Calls whose result kind is known from the callee's name alone.
_CALL_KINDS = {
    "list": "list",
    "sorted": "list",
    "tuple": "tuple",
    "set": "set",
    "frozenset": "set",
    "dict": "dict",
    "collections.OrderedDict": "dict",
    "collections.defaultdict": "dict",
    "defaultdict": "dict",
    "OrderedDict": "dict",
    "collections.Counter": "dict",
    "Counter": "dict",
    "str": "str",
    "repr": "str",
    "bytes": "bytes",
    "bytearray": "bytearray",
    "int": "int",
    "len": "int",
    "float": "float",
    "bool": "bool",
    "re.compile": "regex",
    "regex.compile": "regex",
    "deque": "deque",
    "collections.deque": "deque",
    "copy.deepcopy": "unknown",
    "pd.DataFrame": "dataframe",
    "pandas.DataFrame": "dataframe",
    "pd.read_csv": "dataframe",
    "pandas.read_csv": "dataframe",
}

# Library calls whose result kind is known, by fully qualified name (imports resolved).
_LIBRARY_KINDS = {
    "requests.Session": "http_session",
    "requests.session": "http_session",
    "requests.sessions.Session": "http_session",
    "urllib3.PoolManager": "http_session",
    "sqlite3.connect": "db_connection",
    "psycopg2.connect": "db_connection",
    "psycopg.connect": "db_connection",
    "psycopg.Connection.connect": "db_connection",
    "pymysql.connect": "db_connection",
    "MySQLdb.connect": "db_connection",
    "mysql.connector.connect": "db_connection",
    "sqlalchemy.orm.Session": "sa_session",
    "sqlalchemy.orm.session.Session": "sa_session",
    "sqlalchemy.orm.scoped_session": "sa_session",
    "sqlalchemy.ext.asyncio.AsyncSession": "sa_async_session",
    "sqlalchemy.ext.asyncio.async_scoped_session": "sa_async_session",
    "sqlalchemy.orm.sessionmaker": "sa_sessionmaker",
    "sqlalchemy.ext.asyncio.async_sessionmaker": "sa_async_sessionmaker",
    "pandas.DataFrame": "dataframe",
    "pandas.DataFrame.from_dict": "dataframe",
    "pandas.DataFrame.from_records": "dataframe",
    "pandas.json_normalize": "dataframe",
    "pandas.merge": "dataframe",
    "pandas.pivot_table": "dataframe",
    "pandas.crosstab": "dataframe",
    # every pandas reader that returns one DataFrame (read_html returns a list of them)
    **{
        f"pandas.read_{reader}": "dataframe"
        for reader in (
            "csv", "table", "fwf", "excel", "json", "parquet", "feather", "orc", "pickle",
            "sql", "sql_query", "sql_table", "sas", "spss", "stata", "xml", "clipboard", "hdf",
        )
    },
}

# What calling a name of a kind returns: ``SessionLocal()`` for ``SessionLocal = sessionmaker()``.
_CALLED_KINDS = {
    "sa_sessionmaker": "sa_session",
    "sa_async_sessionmaker": "sa_async_session",
}

# Methods whose result kind follows from the receiver's kind.
_METHOD_KINDS = {
    ("db_connection", "cursor"): "db_cursor",
    **{
        ("dataframe", method): "dataframe"
        for method in (
            "copy", "dropna", "fillna", "assign", "drop", "drop_duplicates", "sort_values",
            "sort_index", "reset_index", "set_index", "rename", "query", "astype", "merge",
            "join", "where", "mask", "replace", "round", "explode", "melt", "pivot",
            "pivot_table", "head", "tail", "sample", "nlargest", "nsmallest",
        )
    },
}

# SQLAlchemy's sessionmaker(class_=...) makes sessions of that class: only the default is known.
_SESSIONMAKERS = frozenset({"sa_sessionmaker", "sa_async_sessionmaker"})

_LITERAL_KINDS: dict[type[cst.CSTNode], str] = {
    cst.List: "list",
    cst.ListComp: "list",
    cst.Tuple: "tuple",
    cst.Set: "set",
    cst.SetComp: "set",
    cst.Dict: "dict",
    cst.DictComp: "dict",
    cst.FormattedString: "str",
    cst.Integer: "int",
    cst.Float: "float",
    cst.Imaginary: "complex",
    cst.GeneratorExp: "generator",
}

# Django QuerySet methods that return another QuerySet.
QUERYSET_METHODS = frozenset(
    {
        "all", "filter", "exclude", "order_by", "select_related", "prefetch_related",
        "annotate", "alias", "values", "values_list", "distinct", "only", "defer", "using",
        "reverse", "none", "union", "intersection", "difference", "select_for_update",
        "extra", "dates", "datetimes",
    }
)

KindOf = Callable[[str], frozenset[str]]

# Kinds that describe the value itself, so they carry over through `a = b`. Bindings such as
# loop targets, parameters and imports say how a name was bound, not what it holds.
VALUE_KINDS = frozenset(
    {
        "list", "tuple", "set", "dict", "str", "bytes", "bytearray", "int", "float", "bool",
        "complex", "none", "generator", "regex", "deque", "manager", "queryset", "dataframe",
        "http_session", "db_connection", "db_cursor", "sa_session", "sa_async_session",
        "sa_sessionmaker", "sa_async_sessionmaker",
    }
)


def value_kind(value: cst.BaseExpression, kind_of_name: KindOf) -> str:
    """The kind of object ``value`` evaluates to; ``kind_of_name`` resolves names it refers to."""
    literal = _LITERAL_KINDS.get(type(value))
    if literal is not None:
        return literal
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
        return _string_kind(value)
    if isinstance(value, cst.Name):
        return _name_kind(value.value, kind_of_name)
    if isinstance(value, cst.BinaryOperation):
        return _binary_kind(value, kind_of_name)
    if isinstance(value, (cst.Call, cst.Attribute)):
        return _call_or_attribute_kind(value, kind_of_name)
    return "unknown"


def _string_kind(value: cst.SimpleString | cst.ConcatenatedString) -> str:
    first = value.left if isinstance(value, cst.ConcatenatedString) else value
    if isinstance(first, cst.SimpleString) and "b" in first.prefix.lower():
        return "bytes"
    return "str"


def _name_kind(name: str, kind_of_name: KindOf) -> str:
    if name in ("True", "False"):
        return "bool"
    if name == "None":
        return "none"
    kinds = kind_of_name(name)
    if len(kinds) != 1:
        return "unknown"
    kind = next(iter(kinds))
    return kind if kind in VALUE_KINDS else "unknown"


def _binary_kind(value: cst.BinaryOperation, kind_of_name: KindOf) -> str:
    if not isinstance(value.operator, (cst.Add, cst.Modulo)):
        return "unknown"
    sides = {value_kind(value.left, kind_of_name), value_kind(value.right, kind_of_name)}
    for kind in ("str", "bytes", "list", "tuple"):
        if kind in sides and sides <= {kind, "unknown"}:
            return kind
    return "unknown"


def _call_or_attribute_kind(value: cst.Call | cst.Attribute, kind_of_name: KindOf) -> str:
    name = call_name(value)
    if name is not None and name in _CALL_KINDS:
        return _CALL_KINDS[name]
    if isinstance(value, cst.Call) and _is_str_join(value):
        return "str"
    orm = _orm_kind(value, kind_of_name)
    if orm is not None:
        return orm
    if isinstance(value, cst.Call):
        library = _library_kind(value, name, kind_of_name)
        if library is not None:
            return library
    if isinstance(value, cst.Call) and name is not None:
        return f"call:{name}"
    return "unknown"


def qualified_name(dotted: str, kind_of_name: KindOf) -> str:
    """``dotted`` with its head replaced by the module path an import bound it to.

    ``pd.read_csv`` is ``pandas.read_csv`` after ``import pandas as pd``; ``Session`` is
    ``sqlalchemy.orm.Session`` after ``from sqlalchemy.orm import Session``. A head that is not
    bound only by an import is left as written.
    """
    head, _, rest = dotted.partition(".")
    kinds = kind_of_name(head)
    if len(kinds) != 1:
        return dotted
    kind = next(iter(kinds))
    if not kind.startswith("import:"):
        return dotted
    target = kind[len("import:"):]
    return f"{target}.{rest}" if rest else target


def _library_kind(value: cst.Call, name: str | None, kind_of_name: KindOf) -> str | None:
    """Kinds of library objects (a ``requests.Session``, a DB connection, a DataFrame, ...), and
    the known calls of ``_CALL_KINDS`` spelled through an import (``rx.compile``)."""
    if name is not None:
        qualified = qualified_name(name, kind_of_name)
        kind = _LIBRARY_KINDS.get(qualified) or _CALL_KINDS.get(qualified)
        if kind in _SESSIONMAKERS and any(
            arg.keyword is not None and arg.keyword.value == "class_" for arg in value.args
        ):
            return None
        if kind is not None:
            return kind
    func = value.func
    if isinstance(func, cst.Attribute):
        receiver = value_kind(func.value, kind_of_name)
        return _METHOD_KINDS.get((receiver, func.attr.value))
    return _CALLED_KINDS.get(value_kind(func, kind_of_name))


def _is_str_join(value: cst.Call) -> bool:
    func = value.func
    return (
        isinstance(func, cst.Attribute)
        and func.attr.value in ("join", "format")
        and isinstance(func.value, (cst.SimpleString, cst.FormattedString))
    )


def _orm_kind(value: cst.Call | cst.Attribute, kind_of_name: KindOf) -> str | None:
    """``Model.objects`` is a manager; manager/queryset methods that return querysets."""
    root, names = method_chain(value)
    if not names:
        return None
    if isinstance(root, cst.Name) and names[0] == "objects" and root.value[:1].isupper():
        base, rest = "manager", names[1:]
    elif isinstance(root, cst.Name) and kind_of_name(root.value) & {"manager", "queryset"}:
        base, rest = "queryset", names
    else:
        return None
    if not rest:
        return base
    return "queryset" if all(name in QUERYSET_METHODS for name in rest) else None
