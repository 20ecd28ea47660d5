"""Parsing ``git diff -p`` text: statuses, paths and changed lines, edge cases included."""

from __future__ import annotations

from reviewbot.change.model import FileChange, FileStatus
from reviewbot.change.patch import parse_patch
from reviewbot.change.quoting import unquote_path


def test_modified_file_added_and_removed_lines_and_shown_hunk() -> None:
    patch = (
        "diff --git a/app.py b/app.py\n"
        "index 1111111..2222222 100644\n"
        "--- a/app.py\n"
        "+++ b/app.py\n"
        "@@ -1,4 +1,5 @@\n"
        " a\n"
        "-b\n"
        "+B\n"
        "+B2\n"
        " c\n"
        " d\n"
    )
    [change] = parse_patch(patch)
    assert (change.path, change.old_path, change.status) == (
        "app.py",
        "app.py",
        FileStatus.MODIFIED,
    )
    assert change.added_lines == {2, 3}
    assert change.removed_lines == {2}
    assert change.hunks == ((1, 5),)
    assert change.commentable(5) and not change.commentable(6)


def test_pure_rename_has_no_changed_lines() -> None:
    patch = (
        "diff --git a/old.py b/pkg/new.py\n"
        "similarity index 100%\n"
        "rename from old.py\n"
        "rename to pkg/new.py\n"
    )
    [change] = parse_patch(patch)
    assert (change.old_path, change.path, change.status) == (
        "old.py",
        "pkg/new.py",
        FileStatus.RENAMED,
    )
    assert not change.added_lines and not change.removed_lines


def test_file_moved_and_edited_keeps_both_paths_and_counts_head_lines() -> None:
    patch = (
        "diff --git a/move.py b/sub dir/moved.py\n"
        "similarity index 80%\n"
        "rename from move.py\n"
        "rename to sub dir/moved.py\n"
        "index 1111111..2222222 100644\n"
        "--- a/move.py\n"
        "+++ b/sub dir/moved.py\t\n"
        "@@ -3 +3 @@ y = 2\n"
        "-z = 3\n"
        "+z = 30\n"
    )
    [change] = parse_patch(patch)
    assert (change.old_path, change.path) == ("move.py", "sub dir/moved.py")
    assert change.status is FileStatus.RENAMED
    assert change.added_lines == {3} and change.removed_lines == {3}


def test_deleted_file_keeps_its_path_and_removed_lines() -> None:
    patch = (
        "diff --git a/gone.py b/gone.py\n"
        "deleted file mode 100644\n"
        "index 1111111..0000000\n"
        "--- a/gone.py\n"
        "+++ /dev/null\n"
        "@@ -1,2 +0,0 @@\n"
        "-x = 1\n"
        "-y = 2\n"
    )
    [change] = parse_patch(patch)
    assert (change.path, change.old_path, change.status) == (
        "gone.py",
        "gone.py",
        FileStatus.DELETED,
    )
    assert change.removed_lines == {1, 2} and not change.hunks


def test_binary_file_is_marked_and_named_from_the_header() -> None:
    patch = (
        "diff --git a/data.bin b/data.bin\n"
        "index 1111111..2222222 100644\n"
        "Binary files a/data.bin and b/data.bin differ\n"
        "diff --git a/logo.py b/logo.py\n"
        "new file mode 100644\n"
        "index 0000000..2222222\n"
        "Binary files /dev/null and b/logo.py differ\n"
    )
    first, second = parse_patch(patch)
    assert (first.path, first.binary) == ("data.bin", True)
    assert (second.path, second.status, second.binary) == ("logo.py", FileStatus.ADDED, True)
    assert second.is_python  # analysed, and reported unreadable (RB901) as check reports it
    assert second.touches(1, 1) and not first.is_python


def test_no_newline_markers_are_skipped() -> None:
    patch = (
        "diff --git a/nonl.py b/nonl.py\n"
        "--- a/nonl.py\n"
        "+++ b/nonl.py\n"
        "@@ -1 +1,2 @@\n"
        "-no newline\n"
        "\\ No newline at end of file\n"
        "+no newline\n"
        "+more\n"
        "\\ No newline at end of file\n"
        "diff --git a/next.py b/next.py\n"
        "--- a/next.py\n"
        "+++ b/next.py\n"
        "@@ -1 +1 @@\n"
        "-a\n"
        "+b\n"
    )
    first, second = parse_patch(patch)
    assert first.added_lines == {1, 2} and first.removed_lines == {1}
    assert second.path == "next.py" and second.added_lines == {1}


def test_crlf_form_feed_and_line_separator_do_not_split_lines() -> None:
    patch = (
        "diff --git a/crlf.py b/crlf.py\n"
        "--- a/crlf.py\n"
        "+++ b/crlf.py\n"
        "@@ -1,2 +1,3 @@\n"
        " l1\r\n"
        "-l2\r\n"
        "+l2 \x0c changed\u2028 still one line\r\n"
        "+l3\r\n"
    )
    [change] = parse_patch(patch)
    assert change.added_lines == {2, 3} and change.removed_lines == {2}
    assert change.hunks == ((1, 3),)


def test_added_line_that_looks_like_a_header_stays_in_its_hunk() -> None:
    patch = (
        "diff --git a/doc.py b/doc.py\n"
        "--- a/doc.py\n"
        "+++ b/doc.py\n"
        "@@ -0,0 +1,2 @@\n"
        "+diff --git a/x b/x\n"
        "+@@ -1 +1 @@\n"
    )
    [change] = parse_patch(patch)
    assert change.added_lines == {1, 2}


def test_empty_context_line_under_suppress_blank_empty() -> None:
    patch = "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,3 +1,3 @@\n x\n\n-y\n+z\n"
    [change] = parse_patch(patch)
    assert change.added_lines == {3} and change.removed_lines == {3}


def test_quoted_paths_are_unquoted() -> None:
    patch = (
        'diff --git "a/caf\\303\\251 \\"x\\".py" "b/caf\\303\\251 \\"x\\".py"\n'
        "new file mode 100755\n"
        "--- /dev/null\n"
        '+++ "b/caf\\303\\251 \\"x\\".py"\n'
        "@@ -0,0 +1 @@\n"
        "+x = 1\n"
    )
    [change] = parse_patch(patch)
    assert change.path == 'café "x".py'
    assert change.status is FileStatus.ADDED and change.mode == "100755"
    assert unquote_path('"tab\\there"') == "tab\there"


def test_mode_only_change_and_symlink() -> None:
    patch = (
        "diff --git a/run.py b/run.py\n"
        "old mode 100644\n"
        "new mode 100755\n"
        "diff --git a/link.py b/link.py\n"
        "new file mode 120000\n"
        "--- /dev/null\n"
        "+++ b/link.py\n"
        "@@ -0,0 +1 @@\n"
        "+target.py\n"
        "\\ No newline at end of file\n"
    )
    mode_change, link = parse_patch(patch)
    assert (mode_change.path, mode_change.mode, mode_change.is_python) == ("run.py", "100755", True)
    assert not mode_change.added_lines
    assert link.mode == "120000" and not link.is_python


def test_added_within_counts_the_added_lines_of_a_span_either_way_round() -> None:
    file = FileChange("a.py", "a.py", FileStatus.MODIFIED, added_lines=frozenset({2, 3, 9, 40}))
    assert file.added_within(2, 4) == 2  # a span shorter than the added lines: walk the span
    assert file.added_within(1, 100) == 4  # a longer one: walk the added lines
    assert file.added_within(4, 8) == 0 and not file.touches(4, 8)
    binary = FileChange("b.bin", "b.bin", FileStatus.MODIFIED, binary=True)
    assert binary.added_within(5, 14) == 10 and binary.touches(5, 14)

