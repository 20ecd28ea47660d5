"""``reviewbot init`` on repositories of different shapes; the config it writes loads back."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewbot.cli.main import main
from reviewbot.config.policy import CliOverrides
from reviewbot.pipeline.session import Session, open_session
from tests.gitrepo import make_repo
from tests.snapshot import assert_snapshot

PYPROJECT = """\
[project]
name = "billing"   # keep this comment
requires-python = ">=3.11"
dependencies = ["requests>=2"]

[tool.ruff]
line-length = 100
lint.select = ["E", "F", "I"]
"""

DJANGO_PYPROJECT = """\
[project]
name = "shop"
requires-python = ">=3.10"
dependencies = ["Django>=4.2,<5", "django-environ"]
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def loaded(root: Path) -> Session:
    """The config init wrote, loaded the way `check` loads it."""
    return open_session((root,), None, False, CliOverrides())


def test_plain_repository_gets_a_reviewbot_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "plain", {"app/main.py": "x = 1\n"})
    code, out, err = run(capsys, "init", str(repo))
    assert (code, err) == (0, "")
    assert_snapshot("init_plain.txt", out.replace(str(repo), "<repo>"))
    assert_snapshot("init_plain.toml", (repo / ".reviewbot.toml").read_text(encoding="utf-8"))
    session = loaded(repo)
    assert session.policy.config_path == repo / ".reviewbot.toml"
    assert session.policy.preset == "recommended"


def test_pyproject_with_ruff_config_is_appended_to(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "billing", {"pyproject.toml": PYPROJECT, "tests/test_app.py": "def test(): pass\n"})
    code, out, _ = run(capsys, "init", str(repo), "--preset", "strict")
    assert code == 0
    assert "preset: strict (--preset)" in out
    assert "python: 3.11 (requires-python '>=3.11' in pyproject.toml;" in out
    assert "ruff: keeping line-length 100 from pyproject.toml [tool.ruff]" in out
    assert "tests: tests/ with 1 test module(s)" in out
    assert "django: no" in out
    written = (repo / "pyproject.toml").read_text(encoding="utf-8")
    assert written.startswith(PYPROJECT + "\n[tool.reviewbot]\n")
    assert "# Your ruff config selects E, F, I." in written
    assert loaded(repo).policy.preset == "strict"


def test_django_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(
        tmp_path / "shop",
        {
            "pyproject.toml": DJANGO_PYPROJECT,
            "manage.py": "",
            "shop/settings.py": "",
            "orders/tests.py": "def test_total():\n    assert 1 + 1 == 2\n",
            "orders/migrations/0001_initial.py": "x = 1\n",
        },
    )
    code, out, _ = run(capsys, "init", str(repo))
    assert code == 0
    assert "django: yes: excluding migrations/ and selecting DJ (flake8-django) " in out
    assert "(django in pyproject.toml dependencies, manage.py, settings.py)" in out
    assert "tests: added an override for tests.py" in out
    session = loaded(repo)
    assert session.policy.exclude == ("migrations/",)
    assert session.excluded(repo / "orders" / "migrations" / "0001_initial.py")
    assert session.policy.for_path("shop/models.py").enabled("DJ001")
    assert not session.policy.for_path("orders/tests.py").enabled("S101")


SHOP_MODELS = '''\
from django.db import models


class Timestamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Country(models.Model):
    code = models.CharField(max_length=2)
    name = models.CharField(max_length=60)


class Customer(Timestamped):
    name = models.CharField(max_length=100)
    email = models.EmailField()
    phone = models.CharField(max_length=20)
    country = models.ForeignKey(Country, on_delete=models.PROTECT)


class Order(Timestamped):
    customer = models.ForeignKey("shop.Customer", on_delete=models.CASCADE)
    total = models.DecimalField(max_digits=10, decimal_places=2)
'''

CATALOG_MODELS = '''\
from django.db.models import CharField, Model, TextField, IntegerField, BooleanField


class Status(Model):
    label = CharField(max_length=20, choices=[("new", "New"), ("done", "Done")])
    rank = IntegerField()
    public = BooleanField()
    notes = TextField()


class Page(Model):
    title = CharField(max_length=100)
    body = TextField()
    slug = CharField(max_length=100)
    weight = IntegerField()


class Helper:
    pass
'''


def test_django_models_are_listed_commented_out_in_loops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(
        tmp_path / "shop",
        {
            "pyproject.toml": DJANGO_PYPROJECT,
            "manage.py": "",
            "shop/models.py": SHOP_MODELS,
            "catalog/models/__init__.py": CATALOG_MODELS,
            "catalog/models/broken.py": "class Broken(models.Model:\n",
            "shop/migrations/0001_initial.py": "class Order(models.Model):\n    pass\n",
        },
    )
    code, out, _ = run(capsys, "init", str(repo))
    assert code == 0
    assert "loops: 5 Django model(s) listed, commented out, in [loops] (2 guessed large, 2 small)" in out
    written = (repo / "pyproject.toml").read_text(encoding="utf-8")
    assert_snapshot("init_django_loops.toml", written[written.index("# Collections whose") :])
    policy = loaded(repo).policy
    assert (policy.loop_sizes.large, policy.loop_sizes.small) == ((), ())
    uncommented = written.replace('    # "Order",', '    "Order",').replace('    # "Status",', '    "Status",')
    (repo / "pyproject.toml").write_text(uncommented, encoding="utf-8")
    policy = loaded(repo).policy
    assert (policy.loop_sizes.large, policy.loop_sizes.small) == (("Order",), ("Status",))


def test_an_existing_config_is_not_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = '[project]\nname = "x"\n\n[tool.reviewbot]\npreset = "strict"\n'
    repo = make_repo(tmp_path / "configured", {"pyproject.toml": original})
    code, out, err = run(capsys, "init", str(repo))
    assert (code, out) == (2, "")
    assert err == (
        f"reviewbot: error: {repo / 'pyproject.toml'} already has a [tool.reviewbot] table; "
        "rerun with --force to replace it\n"
    )
    assert (repo / "pyproject.toml").read_text(encoding="utf-8") == original


def test_force_replaces_the_table_and_keeps_everything_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = '[project]\r\nname = "x"\r\n\r\n[tool.reviewbot]\r\npreset = "strict"\r\n\r\n'
    after = '# formatter\r\n[tool.black]\r\nline-length = 90\r\n'
    repo = make_repo(tmp_path / "configured", {"pyproject.toml": (before + after).encode()})
    for _ in range(2):  # twice: a second --force replaces init's own section cleanly
        code, _, _ = run(capsys, "init", str(repo), "--force")
        assert code == 0
    written = (repo / "pyproject.toml").read_bytes().decode("utf-8")
    assert written.startswith('[project]\r\nname = "x"\r\n\r\n[tool.reviewbot]\r\n')
    assert written.endswith("\r\n\r\n" + after)
    assert "\n" not in written.replace("\r\n", "")
    assert written.count("[tool.reviewbot]") == 1
    assert loaded(repo).policy.preset == "recommended"


def test_file_choice_and_existing_dotfile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "both", {"pyproject.toml": PYPROJECT})
    code, out, _ = run(capsys, "init", str(repo), "--file", "reviewbot-toml")
    assert code == 0
    assert out.startswith("config: .reviewbot.toml (--file reviewbot-toml)\n")
    assert (repo / "pyproject.toml").read_text(encoding="utf-8") == PYPROJECT
    code, _, err = run(capsys, "init", str(repo))
    assert code == 2
    assert err.endswith(".reviewbot.toml already exists; rerun with --force to replace it\n")


def test_unknown_preset_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "init", str(tmp_path), "--preset", "lenient")
    assert code == 2
    assert err == "reviewbot: error: --preset: unknown preset 'lenient' (expected one of recommended, strict)\n"
