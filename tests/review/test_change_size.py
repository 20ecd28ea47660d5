"""The size record: what counts, what is left out, and the phrase that reconciles the two."""

from __future__ import annotations

from reviewbot.change.model import FileChange, FileStatus
from reviewbot.ruleset.change_size import LeftOut, LeftOutKind, measure, measure_by_path


def changed(path: str, added: int, removed: int = 0, **kwargs: object) -> FileChange:
    status = FileStatus.ADDED if not removed else FileStatus.MODIFIED
    return FileChange(
        path=path,
        old_path=None if status is FileStatus.ADDED else path,
        status=status,
        added_lines=frozenset(range(1, added + 1)),
        removed_lines=frozenset(range(1, removed + 1)),
        **kwargs,  # type: ignore[arg-type]
    )


def test_left_out_lines_reconcile_with_the_whole_diff() -> None:
    files = [
        changed("shop/app.py", 10, 2),
        changed("poetry.lock", 300, 100),
        changed("yarn.lock", 5, 5),
        changed("locale/de/LC_MESSAGES/django.po", 40),
        changed("shop/logo.png", 0, binary=True),
    ]
    size = measure_by_path(files, frozenset())
    assert (size.added, size.removed, size.files) == (10, 2, 1)
    assert (size.total_added, size.total_removed) == (355, 107)
    assert size.left_out_phrase() == (
        "2 lockfiles (+305 -105), 1 translation file (+40), 1 binary file"
    )
    left = sum(i.added for i in size.left_out), sum(i.removed for i in size.left_out)
    assert (size.added + left[0], size.removed + left[1]) == (355, 107)


def test_a_copy_keeps_its_edits_and_a_rename_without_edits_is_still_a_file() -> None:
    rename = FileChange("b.py", "a.py", FileStatus.RENAMED)
    copy = changed("c.py", 50)
    size = measure(
        [rename, copy, changed("d.py", 4)],
        {"c.py": LeftOut("c.py", LeftOutKind.COPY, 47, 0, kept_added=3)},
    )
    assert (size.added, size.removed, size.files) == (7, 0, 3)
    assert size.left_out_phrase() == "1 copy (+47)"
    assert size.counted_by_path([rename, copy]) == {"b.py": 0, "c.py": 3}


def test_a_requirements_file_the_config_names_is_a_lockfile_only_when_compiled() -> None:
    files = [changed("requirements.txt", 3), changed("constraints.txt", 2)]
    names = frozenset({"requirements.txt", "constraints.txt"})
    assert measure_by_path(files, names).left_out_phrase() == "1 lockfile (+2)"
    assert [f.kind for f in measure_by_path(files, names).left_out] == [LeftOutKind.LOCKFILE]
