from __future__ import annotations

from pathlib import Path

import pytest

from tests.snapshot import UPDATE_ENV, assert_snapshot


def test_matching_snapshot_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(UPDATE_ENV, raising=False)
    (tmp_path / "out.txt").write_bytes("grüße\r\n".encode())
    assert_snapshot("out.txt", "grüße\r\n", directory=tmp_path)


def test_mismatch_fails_with_a_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(UPDATE_ENV, raising=False)
    (tmp_path / "out.txt").write_text("one\ntwo\n", encoding="utf-8")
    with pytest.raises(AssertionError, match=r"(?s)differs.*-two\n\+three"):
        assert_snapshot("out.txt", "one\nthree\n", directory=tmp_path)


def test_line_endings_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(UPDATE_ENV, raising=False)
    (tmp_path / "out.txt").write_bytes(b"one\n")
    with pytest.raises(AssertionError):
        assert_snapshot("out.txt", "one\r\n", directory=tmp_path)


def test_missing_snapshot_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(UPDATE_ENV, raising=False)
    with pytest.raises(AssertionError, match=f"missing; run with {UPDATE_ENV}=1"):
        assert_snapshot("absent.txt", "x", directory=tmp_path)


def test_update_mode_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(UPDATE_ENV, "1")
    assert_snapshot("new/out.md", "# hi\n", directory=tmp_path)
    assert (tmp_path / "new" / "out.md").read_bytes() == b"# hi\n"


def test_default_folder_is_beside_the_calling_test(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(UPDATE_ENV, raising=False)
    expected = (Path(__file__).parent / "snapshots" / "empty.txt").read_text(encoding="utf-8")
    assert_snapshot("empty.txt", expected)
