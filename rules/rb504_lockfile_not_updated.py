"""RB504 (review only): dependency declarations changed but the lockfile was not updated."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath

from reviewbot.change.model import FileStatus
from reviewbot.config.review_settings import PrPolicySettings, lockfile_paths
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import PolicyRule, RuleDoc
from reviewbot.ruleset.review_records import (
    CheckOutcome,
    CheckStatus,
    DependencyEdit,
    PullRequestFacts,
    ScenarioInvalid,
    ScenarioValid,
)

LOCK_COMMANDS = {
    "poetry.lock": "poetry lock",
    "uv.lock": "uv lock",
    "pdm.lock": "pdm lock",
    "Pipfile.lock": "pipenv lock",
}
_STALE = (
    "M pyproject.toml +1\ndependencies: pyproject.toml [project] dependencies\nlockfile: uv.lock\n"
)


class LockfileNotUpdated(PolicyRule):
    """Flags a manifest whose dependencies changed while its lockfile stayed the same."""

    code = "RB504"
    name = "lockfile-not-updated"
    category = Category.POLICY
    severity = Severity.WARNING
    doc = RuleDoc(
        what=(
            "Checks, in `reviewbot review` only, that when a manifest's dependency declarations "
            "change, the lockfile next to it changes too. Each format is parsed, so only the "
            "dependency part counts (comments, order, spacing, the project's own version and "
            "tool settings do not): `pyproject.toml`'s `[project]` dependencies, optional "
            "dependencies and `requires-python`, `[dependency-groups]`, `[tool.poetry]` "
            "dependencies, dev-dependencies and groups, PDM and uv dev-dependencies and uv "
            "sources; `setup.cfg`'s `[options]` `install_requires` / `setup_requires` / "
            "`python_requires` and `[options.extras_require]`; `setup.py`'s `setup()` "
            "keywords of the same names (a literal is compared as data, a top-level name is "
            "looked up, anything else is compared as code); the requirement lines of "
            "`requirements*.txt` / `.in` files (and those in a `requirements/` folder); "
            "`Pipfile`'s `[packages]`, `[dev-packages]` and `[requires]`. The message names "
            "each manifest, the parts that changed and the lockfile expected. A manifest with "
            "no lockfile in the repository is not a finding (the project does not lock it: "
            "there is nothing to update), but the message says so; a requirements `.txt` "
            "compiled from an `.in` next to it is that `.in`'s lockfile, not a manifest."
        ),
        why=(
            "CI and production install from the lockfile: a dependency added only to the "
            "manifest is missing there (or `poetry install` / `uv sync --locked` refuses to "
            "run), and a version bump only in the manifest does not happen at all."
        ),
        example=_STALE,
        use_instead=(
            "M pyproject.toml +1\nM uv.lock +14 -2\n"
            "dependencies: pyproject.toml [project] dependencies\nlockfile: uv.lock\n"
        ),
        options=(
            "`lockfiles` in `[policy]`: a table manifest name -> lockfile name(s), merged over "
            "the defaults (`pyproject.toml` -> `poetry.lock`, `uv.lock`, `pdm.lock`; "
            "`requirements.in` -> `requirements.txt`, and any other requirements `.in` -> the "
            "`.txt` of its name; `Pipfile` -> `Pipfile.lock`; `setup.cfg` and `setup.py` have "
            "none: add `\"setup.cfg\" = \"requirements.txt\"` when pip-compile locks it); `[]` "
            "means a manifest has no lockfile and `lockfiles = false` turns the check off."
        ),
    )
    valid = (
        ScenarioValid(
            "M pyproject.toml +1\nM uv.lock +14 -2\ndependencies: pyproject.toml\nlockfile: uv.lock\n",
            "lockfile updated",
        ),
        ScenarioValid("M pyproject.toml +3\n", "only tool settings changed, not dependencies"),
        ScenarioValid(
            "M pyproject.toml +1\ndependencies: pyproject.toml\n", "no lockfile in the project"
        ),
        ScenarioValid(
            "M setup.cfg +1\ndependencies: setup.cfg [options] install_requires\n",
            "setup.cfg is not locked unless the config says so",
        ),
        ScenarioValid(_STALE, "turned off", settings={"lockfiles": ()}),
    )
    invalid = (
        ScenarioInvalid(_STALE),
        ScenarioInvalid(
            "M services/api/requirements.in +1\ndependencies: services/api/requirements.in\n"
            "lockfile: services/api/requirements.txt\n",
            note="pip-tools in a sub-folder",
        ),
        ScenarioInvalid(
            "M setup.cfg +1\nM requirements/dev.in +1\n"
            "dependencies: setup.cfg [options] install_requires\n"
            "dependencies: requirements/dev.in requirements\n"
            "lockfile: requirements/dev.txt\n",
            note="any requirements .in is locked by the .txt of its name",
        ),
        ScenarioInvalid(
            "M setup.cfg +1\ndependencies: setup.cfg [options] install_requires\n"
            "lockfile: requirements.txt\n",
            note="pip-compile of setup.cfg, as the config says",
            settings={"lockfiles": (("setup.cfg", ("requirements.txt",)),)},
        ),
    )

    def check_pull_request(
        self, facts: PullRequestFacts, settings: PrPolicySettings
    ) -> CheckOutcome:
        """Fail for each manifest whose dependencies changed without its existing lockfile."""
        if not settings.lockfiles:
            return CheckOutcome(CheckStatus.SKIPPED, "turned off (`[policy] lockfiles = false`)")
        if not facts.dependency_edits:
            return CheckOutcome(CheckStatus.PASS, _no_edit(facts))
        updated = {f.path for f in facts.files if f.status is not FileStatus.DELETED}
        stale: list[str] = []
        fine: list[str] = []
        for edit in facts.dependency_edits:
            is_stale, message = _judge(edit, facts, settings, updated)
            (stale if is_stale else fine).append(message)
        if not stale:
            return CheckOutcome(CheckStatus.PASS, "; ".join(fine))
        return CheckOutcome(
            CheckStatus.FAIL,
            "; ".join([*stale, *fine]),
            "Installs read the lockfile, so this change's dependency edit does not reach CI or "
            "production until the lockfile is regenerated and committed with it.",
        )


def _judge(
    edit: DependencyEdit, facts: PullRequestFacts, settings: PrPolicySettings, updated: set[str]
) -> tuple[bool, str]:
    """Whether ``edit`` left an existing lockfile stale, and what to say about it."""
    expected = lockfile_paths(edit.path, settings)
    existing = [lock for lock in expected if lock in facts.lockfiles]
    fresh = [lock for lock in existing if lock in updated]
    if existing and not fresh:
        return True, _stale_message(edit, existing[0])
    return False, _fine_message(edit, expected, fresh)


def _no_edit(facts: PullRequestFacts) -> str:
    if not facts.manifests:
        return "no dependency declarations changed"
    return f"{_names(facts.manifests)} changed, but not {_its(facts.manifests)} dependency declarations"


def _declared(edit: DependencyEdit) -> str:
    """```setup.cfg` ([options] install_requires)``."""
    return f"`{edit.path}` ({', '.join(edit.sections)})"


def _fine_message(edit: DependencyEdit, expected: Sequence[str], fresh: Sequence[str]) -> str:
    if fresh:
        return f"{_declared(edit)} changed with `{fresh[0]}`"
    if not expected:
        return f"{_declared(edit)} changed; nothing locks it, so no lockfile is expected"
    return (
        f"{_declared(edit)} changed; the project does not lock it "
        f"({_names(expected, 'or')} {'does' if len(expected) == 1 else 'do'} not exist)"
    )


def _stale_message(edit: DependencyEdit, lock: str) -> str:
    command = _lock_command(edit.path, lock)
    hint = f"; run `{command}` and commit it" if command else ""
    return f"{_declared(edit)} changed but `{lock}` was not updated{hint}"


def _lock_command(manifest: str, lock: str) -> str | None:
    name = PurePosixPath(lock).name
    if name.endswith(".txt"):
        output = "" if lock == f"{manifest[:-3]}.txt" else f"--output-file={lock} "
        return f"pip-compile {output}{manifest}"
    return LOCK_COMMANDS.get(name)


def _names(paths: Sequence[str], last: str = "and") -> str:
    quoted = [f"`{path}`" for path in paths]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {last} {quoted[-1]}"


def _its(paths: Sequence[str]) -> str:
    return "its" if len(paths) == 1 else "their"
