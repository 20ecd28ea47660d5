"""Which dependency declarations a manifest edit touched, format by format: a dependency added
is a change; a comment, the project's version, order or spacing is not."""

from __future__ import annotations

import pytest

from reviewbot.review.dependencies import UNREADABLE, changed_sections, requirement

PYPROJECT = """\
[project]
name = "shop"
version = "1.0"
requires-python = ">=3.10"
dependencies = ["requests>=2", "click"]

[project.optional-dependencies]
postgres = ["psycopg>=3"]

[dependency-groups]
test = ["pytest"]

[tool.ruff]
line-length = 88
"""
POETRY = """\
[tool.poetry]
name = "shop"
version = "1.0"

[tool.poetry.dependencies]
python = "^3.10"
requests = "^2"

[tool.poetry.group.dev.dependencies]
pytest = "*"
"""
SETUP_CFG = """\
[metadata]
name = shop
version = 1.0

[options]
install_requires =
    requests>=2
    click

[options.extras_require]
postgres =
    psycopg>=3
"""
SETUP_PY = """\
from setuptools import setup

REQUIRES = ["requests>=2", "click"]

setup(
    name="shop",
    version="1.0",
    install_requires=REQUIRES,
    extras_require={"postgres": ["psycopg>=3"]},
)
"""
PIPFILE = '[[source]]\nurl = "https://pypi.org/simple"\n\n[packages]\nrequests = "*"\n'


def changed(path: str, before: str, after: str) -> tuple[str, ...]:
    return changed_sections(path, before.encode(), after.encode())


@pytest.mark.parametrize(
    ("path", "before", "after"),
    [
        ("pyproject.toml", PYPROJECT, PYPROJECT.replace('"1.0"', '"1.1"')),
        ("pyproject.toml", PYPROJECT, PYPROJECT.replace("88", "100")),
        ("pyproject.toml", PYPROJECT, "# pinned loosely on purpose\n" + PYPROJECT),
        (
            "pyproject.toml",
            PYPROJECT,
            PYPROJECT.replace('"requests>=2", "click"', '"Click", "requests >= 2"'),
        ),
        ("pyproject.toml", POETRY, POETRY.replace('version = "1.0"', 'version = "2.0"')),
        ("setup.cfg", SETUP_CFG, SETUP_CFG.replace("version = 1.0", "version = 1.1")),
        (
            "setup.cfg",
            SETUP_CFG,
            SETUP_CFG.replace("    click\n", "    # for the CLI\n    click\n"),
        ),
        ("setup.py", SETUP_PY, SETUP_PY.replace('version="1.0"', 'version="1.1"')),
        ("setup.py", SETUP_PY, "# build script\n" + SETUP_PY),
        ("requirements.txt", "requests>=2\nclick\n", "# web\nclick\n\nrequests >= 2  # http\n"),
        ("requirements/dev.in", "pytest\n", "pytest\n# mypy later\n"),
        ("Pipfile", PIPFILE, PIPFILE.replace("pypi.org/simple", "mirror.example/simple")),
        ("Pipfile", PIPFILE, PIPFILE + '\n[scripts]\nserve = "python -m shop"\n'),
    ],
    ids=[
        "pyproject-version",
        "pyproject-tool-settings",
        "pyproject-comment",
        "pyproject-order-and-spelling",
        "poetry-version",
        "setup-cfg-version",
        "setup-cfg-comment",
        "setup-py-version",
        "setup-py-comment",
        "requirements-comments-and-spacing",
        "requirements-in-comment",
        "pipfile-source",
        "pipfile-scripts",
    ],
)
def test_edits_outside_the_dependencies_are_not_dependency_changes(
    path: str, before: str, after: str
) -> None:
    assert before != after
    assert changed(path, before, after) == ()


@pytest.mark.parametrize(
    ("path", "before", "after", "sections"),
    [
        (
            "pyproject.toml",
            PYPROJECT,
            PYPROJECT.replace('"click"]', '"click", "attrs"]'),
            ("[project] dependencies",),
        ),
        (
            "pyproject.toml",
            PYPROJECT,
            PYPROJECT.replace('["psycopg>=3"]', '["psycopg>=3.1"]'),
            ("[project.optional-dependencies] postgres",),
        ),
        (
            "pyproject.toml",
            PYPROJECT,
            PYPROJECT.replace('test = ["pytest"]', 'test = ["pytest", "hypothesis"]'),
            ("[dependency-groups] test",),
        ),
        (
            "pyproject.toml",
            PYPROJECT,
            PYPROJECT.replace(">=3.10", ">=3.11"),
            ("[project] requires-python",),
        ),
        (
            "pyproject.toml",
            POETRY,
            POETRY.replace('requests = "^2"', 'requests = "^2"\nattrs = "*"'),
            ("[tool.poetry.dependencies]",),
        ),
        (
            "pyproject.toml",
            POETRY,
            POETRY + 'mypy = "*"\n',
            ("[tool.poetry.group.dev.dependencies]",),
        ),
        (
            "setup.cfg",
            SETUP_CFG,
            SETUP_CFG.replace("    click\n", "    click\n    attrs\n"),
            ("[options] install_requires",),
        ),
        (
            "setup.cfg",
            SETUP_CFG,
            SETUP_CFG + "redis =\n    redis>=5\n",
            ("[options.extras_require] redis",),
        ),
        (
            "setup.py",
            SETUP_PY,
            SETUP_PY.replace('"click"]', '"click", "attrs"]'),
            ("setup(install_requires=...)",),
        ),
        (
            "setup.py",
            SETUP_PY,
            SETUP_PY.replace('["psycopg>=3"]', '["psycopg>=3", "sqlalchemy"]'),
            ("setup(extras_require=...)",),
        ),
        (
            "setup.py",
            SETUP_PY.replace("install_requires=REQUIRES", "install_requires=read('a.txt')"),
            SETUP_PY.replace("install_requires=REQUIRES", "install_requires=read('b.txt')"),
            ("setup(install_requires=...)",),
        ),
        ("requirements.txt", "requests>=2\n", "requests>=2\nclick\n", ("requirements",)),
        ("requirements/dev.in", "pytest\n", "pytest==8.0\n", ("requirements",)),
        ("Pipfile", PIPFILE, PIPFILE + 'attrs = "*"\n', ("[packages]",)),
        ("pyproject.toml", PYPROJECT, "[project\n", (UNREADABLE,)),
    ],
    ids=[
        "pyproject-dependency",
        "pyproject-extra",
        "pyproject-group",
        "pyproject-requires-python",
        "poetry-dependency",
        "poetry-group",
        "setup-cfg-install-requires",
        "setup-cfg-extra",
        "setup-py-named-list",
        "setup-py-extras",
        "setup-py-expression",
        "requirements-txt",
        "requirements-in",
        "pipfile-packages",
        "unparseable",
    ],
)
def test_dependency_edits_name_the_sections_that_changed(
    path: str, before: str, after: str, sections: tuple[str, ...]
) -> None:
    assert changed(path, before, after) == sections


def test_an_added_manifest_declares_what_it_holds_and_an_empty_one_nothing() -> None:
    assert changed_sections("setup.cfg", None, SETUP_CFG.encode()) == (
        "[options] install_requires",
        "[options.extras_require] postgres",
    )
    assert changed_sections("pyproject.toml", None, b"[tool.ruff]\nline-length = 88\n") == ()


def test_a_manifest_format_reviewbot_does_not_read_counts_on_any_change() -> None:
    assert changed_sections("environment.yml", b"a\n", b"b\n") == ("the file",)
    assert changed_sections("environment.yml", b"a\n", b"a\n") == ()


def test_requirements_are_compared_in_canonical_spelling() -> None:
    assert requirement("Django_REST.framework >= 3.14 ; python_version<'3.12'") == (
        "django-rest-framework>=3.14;python_version<'3.12'"
    )
    assert requirement("-r base.in") == "-rbase.in"


def test_setup_py_keyword_dicts_and_annotated_lists_are_read_as_data() -> None:
    config = (
        "from setuptools import setup\n\n"
        'CONFIG = {"name": "shop", "version": "1.0", "install_requires": ["click"]}\n'
        "setup(**CONFIG)\n"
    )
    assert changed("setup.py", config, config.replace('"1.0"', '"1.1"')) == ()
    assert changed("setup.py", config, config.replace('["click"]', '["click", "attrs"]')) == (
        "setup(**...)",
    )
    annotated = 'from setuptools import setup\nREQUIRES: list = ["click"]\nsetup(install_requires=REQUIRES)\n'
    assert changed("setup.py", annotated, annotated.replace('["click"]', '["Click"]')) == ()
    assert changed("setup.py", annotated, annotated.replace('["click"]', '["attrs"]')) == (
        "setup(install_requires=...)",
    )
