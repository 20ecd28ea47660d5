"""The hostile inputs of issue 12 and what ``reviewbot`` must make of each.

A case whose bytes git stores as they are lives in ``corpus/<name>/`` (copied into a fresh
repository); what git cannot hold (symlinks, FIFOs, permissions, huge files, names that are not
UTF-8 or hold control characters) is built at test time by the case's ``build``. ``README.md``
in the corpus folder lists every case; a test keeps the three in step.
"""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"
STRICT = ("--preset", "strict")
CLEAN = b'"""A module with nothing to say."""\n'  # strict reports nothing on it
EVIL_NAME = "a\n::error file=evil.py::x\n.py"
NOT_UTF8_NAME = os.fsdecode(b"s\xff.py")


@dataclass(frozen=True)
class Case:
    """One hostile input: how to run ``reviewbot check`` on it and what must come out."""

    name: str
    item: str  # the issue-12 item it reproduces ("extra": a hostile input beyond the list)
    expected: tuple[tuple[str, str], ...] = ()  # (path, rule) pairs that must be reported
    exit_codes: frozenset[int] = frozenset({0, 1})
    args: tuple[str, ...] = STRICT
    target: str = "."
    error: str = ""  # for an exit-2 case: a fragment of its one line on stderr
    absent: tuple[str, ...] = ()  # rule codes that must not be reported
    only: bool = False  # the expected findings are all the findings
    message: str = ""  # a fragment of the first expected finding's message
    build: Callable[[Path], None] | None = None  # makes what git cannot hold, in the repo
    in_git: bool = True  # False: the tree is a plain folder, discovered by walking it
    skip: Callable[[], str] | None = None  # why the case cannot run here, or ""


ERROR_EXIT = frozenset({2})  # a config or usage error


# -- builders: what git cannot hold -------------------------------------------------------------


def _with_clean(build: Callable[[Path], None]) -> Callable[[Path], None]:
    """``build`` plus a clean ``a.py``, which proves the run went on to the other files."""

    def both(root: Path) -> None:
        (root / "a.py").write_bytes(CLEAN)
        (root / "b.py").write_bytes(b"import os\n")
        build(root)

    return both


def _symlink_loop(root: Path) -> None:
    (root / "loop.py").symlink_to("loop.py")


def _fifo(root: Path) -> None:
    os.mkfifo(root / "fifo.py")


def _fifo_config(root: Path) -> None:
    (root / "a.py").write_bytes(CLEAN)
    os.mkfifo(root / "c.toml")


def _device_link(root: Path) -> None:
    (root / "zero.py").symlink_to("/dev/zero")  # read whole, it never ends


def _dangling_link(root: Path) -> None:
    (root / "gone.py").symlink_to(root / "nowhere.py")


def _unreadable(root: Path) -> None:
    locked = root / "locked.py"
    locked.write_bytes(b"import os\n")
    locked.chmod(0)


def _random_bytes(root: Path) -> None:
    noise = random.Random(12).randbytes(4096).replace(b"\0", b"\xff")
    (root / "noise.py").write_bytes(noise)


def _huge_list(root: Path) -> None:
    """One list of 200,000 ints (over 1 MB): over the size budget, skipped before parsing."""
    text = "DATA = [" + ", ".join(str(i) for i in range(200_000)) + "]\n"
    (root / "data.py").write_text(text, encoding="utf-8")


def _many_lines(root: Path) -> None:
    """50,000 lines, under the size budget: the time budget (1 s here, to stay quick) stops it."""
    (root / "lines.py").write_text("".join(f"x{i} = {i}\n" for i in range(50_000)), "utf-8")
    (root / ".reviewbot.toml").write_text("[limits]\nfile-seconds = 1\n", encoding="utf-8")


def _long_line(root: Path) -> None:
    """A single line of 1 MB, just under the size budget: analysed in full."""
    (root / "long.py").write_text('X = "' + "a" * 1_000_000 + '"\n', encoding="utf-8")


def _control_name(root: Path) -> None:
    (root / EVIL_NAME).write_bytes(b"import os\n")


def _not_utf8_name(root: Path) -> None:
    (root / NOT_UTF8_NAME).write_bytes(b"import os\n")


def _as_root() -> str:
    return "root reads a file whatever its mode" if os.geteuid() == 0 else ""


def _no_such_names() -> str:
    """Why names that are not UTF-8 cannot be made here (macOS's APFS refuses them), or ""."""
    with tempfile.TemporaryDirectory() as folder:
        try:
            (Path(folder) / NOT_UTF8_NAME).write_bytes(b"")
        except OSError:
            return "the file system refuses names that are not UTF-8"
    return ""


# -- the cases ----------------------------------------------------------------------------------

STATIC: tuple[Case, ...] = (
    Case("lone_cr_fix", "1", (("m.py", "F401"),)),
    Case("unsafe_fix_empties_block", "3", (("report.py", "T201"), ("report.py", "F401"))),
    Case("binary_nul", "5", (("blob.py", "RB901"),), only=True, message="contains NUL bytes"),
    Case("nul_in_string", "extra", (("s.py", "RB901"),), only=True),
    Case(
        "invalid_utf8_no_declaration", "10", (("bad.py", "RB901"),), only=True,
        message="is not valid UTF-8 at byte 15",
    ),
    Case(
        "latin1_declared", "10", (("latin.py", "RB903"),), only=True,
        message="ruff could not read",
    ),
    Case(
        "bom_cookie_mismatch", "extra", (("b.py", "RB901"),), only=True,
        message="byte-order mark but declares another encoding",
    ),
    Case(
        "nested_parens_500", "11", (("deep.py", "RB900"),), only=True,
        message="too many nested parentheses", args=(*STRICT, "--extend-select", "D100"),
    ),
    Case("nested_ifs_100", "extra", (("ifs.py", "RB900"),), only=True),
    Case(
        "nested_parens_5000", "extra", (("models.py", "RB900"),), only=True,
        message="too many nested parentheses",
    ),
    Case(
        "unary_chain_100000", "extra", (("chain.py", "RB900"),), only=True,
        message="CPython cannot compile this module (nested too deeply)",
    ),
    Case(
        "ruff_crashes_on_80_nested_ifs", "extra",
        (("ifs.py", "SIM102"), ("ifs.py", "RB203"), ("b.py", "F401")),
        args=(*STRICT, "--extend-select", "SIM102"),
    ),
    Case("empty_file", "extra", (("empty.py", "D100"),)),
    Case("bom_only", "extra", (("bom.py", "D100"),)),
    Case("form_feeds", "extra", (("ff.py", "D103"),), absent=("RB900", "D100")),
    Case(
        "tabs_and_spaces", "extra", (("t.py", "RB900"),), only=True,
        message="inconsistent use of tabs and spaces",
    ),
    Case("directory_named_py", "extra", (("x.py/inner.py", "F401"),)),
    Case(
        "config_is_a_folder", "12", exit_codes=ERROR_EXIT,
        error=".reviewbot.toml: is a directory",
    ),
    Case(
        "baseline_is_a_folder", "12", exit_codes=ERROR_EXIT,
        error="baseline: 'sub' is a folder",
    ),
    Case(
        "duplicate_toml_key", "12", exit_codes=ERROR_EXIT,
        error="key 'preset' is defined twice",
    ),
    Case(
        "plugin_exits_on_import", "6", exit_codes=ERROR_EXIT,
        error="exiting.py: cannot load team rules: it called sys.exit(0) on import",
    ),
)

OTHERS = (("b.py", "F401"),)  # the finding in _with_clean's files: the run went on

GENERATED: tuple[Case, ...] = (
    Case("random_bytes", "5", (("noise.py", "RB901"),), only=True, build=_random_bytes),
    Case("symlink_loop_in_tree", "6", OTHERS, build=_with_clean(_symlink_loop)),
    Case(
        "symlink_loop_named", "6", exit_codes=ERROR_EXIT, error="loop.py: symlink loop",
        target="loop.py", build=_symlink_loop,
    ),
    Case("fifo_outside_git", "extra", OTHERS, build=_with_clean(_fifo), in_git=False),
    Case("fifo_untracked_in_git", "extra", OTHERS, build=_with_clean(_fifo)),
    Case(
        "fifo_named", "extra", exit_codes=ERROR_EXIT, error="no Python file to check",
        target="fifo.py", build=_fifo,
    ),
    Case(
        "fifo_as_config", "extra", exit_codes=ERROR_EXIT,
        error="c.toml: is not a regular file", args=("--config", "c.toml"), build=_fifo_config,
    ),
    Case(
        "device_link_outside_git", "extra", OTHERS, build=_with_clean(_device_link),
        in_git=False,
    ),
    Case(
        "dangling_link_outside_git", "extra", OTHERS, build=_with_clean(_dangling_link),
        in_git=False,
    ),
    Case(
        "unreadable_file", "extra", (("locked.py", "RB901"), *OTHERS),
        message="could not be read", build=_with_clean(_unreadable), skip=_as_root,
    ),
    Case(
        "huge_list_200k_ints", "7", (("data.py", "RB903"), *OTHERS),
        message="limits.file-bytes", build=_with_clean(_huge_list),
    ),
    Case(
        "lines_50k", "7", (("lines.py", "RB903"), *OTHERS), message="limits.file-seconds",
        build=_with_clean(_many_lines),
    ),
    Case("long_line_1mb", "extra", (("long.py", "D100"),), build=_long_line),
    Case("control_characters_in_name", "8", ((EVIL_NAME, "F401"),), build=_control_name),
    Case(
        "name_not_utf8", "extra", ((NOT_UTF8_NAME, "F401"),), build=_not_utf8_name,
        skip=_no_such_names,
    ),
)
