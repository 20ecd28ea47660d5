"""``fix`` writes only inside the tree it checks (issue 12, item 2): a file that is a symlink to
outside the root (or into its ``.git`` folder) is refused, naming where it leads; one to a file
inside the root is fixed by writing that file, and the link stays a link. A symlink named on the
command line is refused outright (the check would take the tree it leads to as the root)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewbot.cli.main import main
from tests.gitrepo import make_repo

UNSORTED = "import sys\nimport os\n\nprint(sys.argv, os.sep)\n"
SORTED = "import os\nimport sys\n\nprint(sys.argv, os.sep)\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def linked_outside(tmp_path: Path) -> tuple[Path, Path]:
    """A file outside a repository, and the repository whose shared.py is a symlink to it."""
    outside = tmp_path / "elsewhere" / "shared.py"
    outside.parent.mkdir()
    outside.write_text(UNSORTED, encoding="utf-8")
    repo = make_repo(tmp_path / "repo", {"app.py": UNSORTED})
    (repo / "shared.py").symlink_to(outside)
    return outside, repo


@pytest.mark.parametrize("preview", [False, True])
def test_a_symlink_to_a_file_outside_the_root_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], *, preview: bool
) -> None:
    outside, repo = linked_outside(tmp_path)
    flags = ["--diff"] if preview else []
    code, out, err = run(capsys, "fix", str(repo), "--preset", "strict", "--no-cache", *flags)
    assert outside.read_text(encoding="utf-8") == UNSORTED
    assert (repo / "shared.py").is_symlink()
    refusal = f"reviewbot: refused to fix shared.py: it leads (through a symlink) to {outside.resolve()}, "
    assert [line for line in err.splitlines() if "refused" in line] == [
        f"{refusal}outside {repo.resolve()}; fix never writes outside the tree it checks, file left unchanged"
    ]
    assert code == 1
    assert (repo / "app.py").read_text(encoding="utf-8") == (UNSORTED if preview else SORTED)
    assert ("app.py: fixed 1 (I001)" in out) is not preview  # the rest is still fixed


def test_a_symlink_to_a_file_inside_the_root_is_fixed_through_its_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo", {"real/mod.py": UNSORTED})
    (repo / "link.py").symlink_to(repo / "real" / "mod.py")
    code, out, err = run(capsys, "fix", str(repo), "--preset", "strict", "--no-cache")
    assert (code, err) == (0, "")
    assert "fixed 1 (I001)" in out
    assert (repo / "link.py").is_symlink()
    assert (repo / "real" / "mod.py").read_text(encoding="utf-8") == SORTED
    assert sorted(p.name for p in (repo / "real").iterdir()) == ["mod.py"]  # no temporary left


def test_a_symlink_into_the_git_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "repo", {"ok.py": "VALUE = 1\n"})
    hook = repo / ".git" / "hooks" / "post-checkout"
    hook.write_text(UNSORTED, encoding="utf-8")
    (repo / "hook.py").symlink_to(hook)
    code, _, err = run(capsys, "fix", str(repo), "--preset", "strict", "--no-cache")
    assert hook.read_text(encoding="utf-8") == UNSORTED
    assert f"it leads (through a symlink) into {repo.resolve() / '.git'}; file left unchanged" in err
    assert code == 1


@pytest.mark.parametrize("preview", [False, True])
def test_a_symlink_named_on_the_command_line_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], *, preview: bool
) -> None:
    outside, repo = linked_outside(tmp_path)
    flags = ["--diff"] if preview else []
    code, out, err = run(capsys, "fix", str(repo / "shared.py"), "--no-cache", "--preset", "strict", *flags)
    assert outside.read_text(encoding="utf-8") == UNSORTED
    assert err.startswith(
        f"reviewbot: refused to fix {repo / 'shared.py'}: it is a symlink (to {outside.resolve()}); "
        "fix does not follow a symlink named on the command line"
    )
    assert code == 1
    code, out, err = run(capsys, "fix", str(repo / "shared.py"), str(repo / "app.py"), "--no-cache", "--preset", "strict")
    assert outside.read_text(encoding="utf-8") == UNSORTED
    assert (repo / "app.py").read_text(encoding="utf-8") == SORTED
    assert "it is a symlink" in err and code == 1
