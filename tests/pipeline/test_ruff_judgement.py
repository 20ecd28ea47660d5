"""B006 blocks only where the function changes its mutable default: a near-certain bug."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from tests.gitrepo import make_repo


@pytest.mark.parametrize(
    ("source", "severity", "said"),
    [
        ("def f(x, seen=[]):\n    return x in seen\n", "warning", ""),
        ("def f(x, seen=[]):\n    seen.append(x)\n    return seen\n", "error", "(line 2)"),
        ("def f(x, *, cache={}):\n    cache[x] = 1\n", "error", "changes `cache` in place"),
        ("def f(x, acc=[]):\n    acc += [x]\n", "error", "(line 2)"),
        ("def f(x, seen=[]):\n    seen = list(seen)\n    seen.append(x)\n", "warning", ""),
        ("def f(x, seen=set()):\n    other = set()\n    other.add(x)\n", "warning", ""),
        (
            "def f(x, seen=[]):\n    def g():\n        seen.append(x)\n    g()\n",
            "error",
            "(line 3)",
        ),
    ],
)
def test_b006_is_an_error_only_when_the_default_is_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str, severity: str, said: str
) -> None:
    repo = make_repo(tmp_path / "repo", {"shop/mod.py": source})
    main(["check", str(repo), "--format", "json", "--no-cache", "--quiet", "--select", "B006"])
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert finding["severity"] == severity
    assert said in finding["message"]
    if severity == "warning":
        assert finding["message"] == "Do not use mutable data structures for argument defaults"


@pytest.mark.parametrize(
    ("handler", "severity"),
    [
        ("    except:\n        return None\n", "error"),
        ("    except:\n        if retry:\n            raise\n        return None\n", "warning"),
        ("    except:\n        def later():\n            raise\n        return later\n", "error"),
    ],
)
def test_a_bare_except_is_an_error_only_when_it_swallows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], handler: str, severity: str
) -> None:
    source = "def f(retry):\n    try:\n        return work()\n" + handler
    repo = make_repo(tmp_path / "repo", {"shop/mod.py": source})
    main(["check", str(repo), "--format", "json", "--no-cache", "--quiet", "--select", "E722"])
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert finding["severity"] == severity
    assert ("swallows KeyboardInterrupt" in finding["message"]) is (severity == "error")


@pytest.mark.parametrize(
    ("handler", "reported"),
    [
        # raises a plain Exception in the error's place: what failed is lost
        ("    except Exception as error:\n        raise Exception(error)\n", True),
        ("    except Exception:\n        log('bad file')\n        raise BaseException\n", True),
        # a deliberate boundary: logs and falls back, exits, translates, or ignores
        ("    except Exception as error:\n        log(error)\n        return None\n", False),
        ("    except Exception:\n        sys.exit(1)\n", False),
        ("    except Exception:\n        pass\n", False),
        # (one that raises another type `from` the error, ruff leaves alone itself)
        # a plain Exception raised by a function the handler defines is not the handler's
        ("    except Exception:\n        def later():\n            raise Exception\n", False),
    ],
)
def test_a_blind_except_is_reported_only_when_it_raises_a_plain_exception_instead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], handler: str, reported: bool
) -> None:
    source = "import sys\n\n\ndef f(path):\n    try:\n        return load(path)\n" + handler
    repo = make_repo(tmp_path / "repo", {"shop/mod.py": source})
    args = ["check", str(repo), "--format", "json", "--no-cache", "--quiet", "--select", "BLE001"]
    main([*args, "--show-dropped"])
    data = json.loads(capsys.readouterr().out)
    messages = [finding["message"] for finding in data["findings"]]
    dropped = [item["dropped"]["reason"] for item in data.get("dropped", [])]
    if reported:
        (message,) = messages
        assert "raises a plain `" in message and "callers can no longer tell what failed" in message
        assert dropped == []
    else:
        assert messages == []
        assert dropped == ["handler:catch-all"]


@pytest.mark.parametrize(
    ("config", "reported", "dropped"),
    [
        ("", [], ["handler:catch-all"]),
        ('preset = "strict"\n', ["BLE001"], []),
        ('[handlers]\nreport = ["plain-raise", "catch-all"]\n', ["BLE001"], []),
    ],
)
def test_handlers_report_names_the_broad_handlers_reported(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    config: str,
    reported: list[str],
    dropped: list[str],
) -> None:
    source = (
        "def f(path):\n    try:\n        return load(path)\n    except Exception:\n"
        "        return None\n"
    )
    files = {"shop/mod.py": source, ".reviewbot.toml": config}
    repo = make_repo(tmp_path / "repo", files)
    args = ["check", str(repo), "--format", "json", "--no-cache", "--quiet", "--show-dropped"]
    main([*args, "--select", "BLE001"])
    data = json.loads(capsys.readouterr().out)
    assert [finding["rule"] for finding in data["findings"]] == reported
    assert [item["dropped"]["reason"] for item in data.get("dropped", [])] == dropped


def test_an_unknown_handler_kind_is_a_config_error_naming_the_key_and_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {"shop/mod.py": "x = 1\n", ".reviewbot.toml": '[handlers]\nreport = ["silent"]\n'}
    repo = make_repo(tmp_path / "repo", files)
    code = main(["check", str(repo), "--quiet", "--no-cache"])
    err = capsys.readouterr().err
    assert code == 2
    assert ".reviewbot.toml" in err and "handlers.report[0]" in err and "silent" in err



def test_a_directive_on_a_catch_all_silences_it_and_is_not_reported_unused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (
        "def f(path):\n    try:\n        return load(path)\n"
        "    except Exception:  # reviewbot: ignore[BLE001]\n        return None\n"
    )
    repo = make_repo(tmp_path / "repo", {"shop/mod.py": source})
    args = ["check", str(repo), "--format", "json", "--no-cache", "--quiet", "--show-dropped"]
    main([*args, "--select", "BLE001,RB103"])
    data = json.loads(capsys.readouterr().out)
    assert data["findings"] == []
    assert data.get("dropped", []) == []
    assert data["summary"]["suppressed"] == 1
