"""What a file is by its path: a translation (and when a ``.ts`` file is one), a requirements
file, the ``.in`` a compiled requirements file comes from, a manifest."""

from __future__ import annotations

import pytest

from reviewbot.change.file_kinds import (
    compiled_source,
    is_manifest_name,
    is_requirements_file,
    is_translation,
)

QT = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="de">\n'


@pytest.mark.parametrize(
    ("path", "head", "expected"),
    [
        ("locale/de/LC_MESSAGES/django.po", "", True),
        ("po/shop.pot", "", True),
        ("app/locale/fr/LC_MESSAGES/app.mo", "", True),
        ("web/locales/de.json", "", True),
        ("ios/de.xliff", "", True),
        ("i18n/shop_de.ts", QT, True),
        ("web/src/app.ts", "export const a = 1;\n", False),
        ("django/conf/locale/de/formats.py", "", False),
        ("shop/views.py", "", False),
    ],
)
def test_translations(path: str, head: str, expected: bool) -> None:
    assert is_translation(path, head) is expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("requirements.txt", True),
        ("requirements-dev.in", True),
        ("dev-requirements.txt", True),
        ("requirements/base.in", True),
        ("services/api/requirements/test.txt", True),
        ("MANIFEST.in", False),
        ("docs/notes.txt", False),
        ("requirements.py", False),
    ],
)
def test_requirements_files(path: str, expected: bool) -> None:
    assert is_requirements_file(path) is expected


def test_compiled_source_and_manifest_names() -> None:
    assert compiled_source("requirements/base.txt") == "requirements/base.in"
    assert compiled_source("requirements/base.in") is None
    assert compiled_source("notes.txt") is None
    assert [
        p
        for p in ("setup.cfg", "a/setup.py", "Pipfile", "pyproject.toml", "MANIFEST.in")
        if is_manifest_name(p)
    ] == [
        "setup.cfg",
        "a/setup.py",
        "Pipfile",
        "pyproject.toml",
    ]
