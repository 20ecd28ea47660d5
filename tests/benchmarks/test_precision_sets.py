"""The precision benchmark's corpus sets: which one a command line selects, and what it owns."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.benchmarks.precision import HERE, parse_settings, shown_path
from tests.benchmarks.precision_blind import blind_worksheet
from tests.benchmarks.precision_corpora import CORPORA
from tests.benchmarks.precision_sample import SAMPLE_GROUPS
from tests.benchmarks.precision_sets import CORPUS_SETS


def test_the_default_is_the_original_set_with_its_files() -> None:
    settings = parse_settings([])
    assert settings.corpus_set.name == "original"
    assert settings.corpus_set.corpora == CORPORA
    assert settings.corpus_set.groups == SAMPLE_GROUPS
    assert settings.labels == HERE / "precision_labels.json"
    assert settings.document == HERE / "PRECISION.md"
    assert settings.corpus_set.option == ()


def test_the_applications_set_brings_its_own_labels_document_and_draw() -> None:
    settings = parse_settings(["--corpora", "applications"])
    assert settings.labels == HERE / "precision_labels_applications.json"
    assert settings.document == HERE / "PRECISION_APPLICATIONS.md"
    assert settings.corpus_set.option == ("--corpora", "applications")
    (group,) = settings.corpus_set.groups
    assert (group.prefixes, group.preset, group.size) == (("RB3",), "strict", 10)
    assert {spec.name for spec in settings.corpus_set.corpora} == {
        "weblate",
        "label-studio",
        "misago",
        "superset",
        "open-webui",
    }


def test_an_explicit_file_wins_over_the_sets_default(tmp_path: Path) -> None:
    labels, document = tmp_path / "labels.json", tmp_path / "doc.md"
    argv = ["--corpora", "applications", "--labels", str(labels), "--document", str(document)]
    settings = parse_settings(argv)
    assert (settings.labels, settings.document) == (labels, document)


def test_an_unknown_set_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_settings(["--corpora", "libraries"])
    assert "invalid choice: 'libraries'" in capsys.readouterr().err


def test_the_sets_can_share_a_work_folder_and_never_share_a_file() -> None:
    """Reports are named by corpus and worksheets by group key: neither may repeat across sets;
    labels and documents are per set, so one set's run never rewrites the other's."""
    sets = list(CORPUS_SETS.values())
    corpora = [spec.name for each in sets for spec in each.corpora]
    trees = [spec.source.split("/")[0] for each in sets for spec in each.corpora]
    keys = [group.key for each in sets for group in each.groups]
    for names in (corpora, trees, keys, [s.labels for s in sets], [s.document for s in sets]):
        assert len(names) == len(set(names)), names
    pins = [spec.requirement for each in sets for spec in each.corpora]
    assert all(pin.count("==") == 1 for pin in pins)


def test_the_worksheet_names_the_sets_labels_file() -> None:
    (group,) = CORPUS_SETS["applications"].groups
    labels = shown_path(HERE / "precision_labels_applications.json")
    assert labels == "tests/benchmarks/precision_labels_applications.json"
    sheet = blind_worksheet(group, {}, {}, [], labels)
    assert f"in `{labels}`:" in sheet
    assert "up to 10 findings per rule of the `strict` preset" in sheet
    assert shown_path(Path("/elsewhere/labels.json")) == "/elsewhere/labels.json"
