"""RB504 (review only): dependency declarations changed but the lockfile was not updated."""

from __future__ import annotations

from pathlib import PurePosixPath

from reviewbot.change.model import FileStatus
from reviewbot.config.review_settings import PrPolicySettings, lockfile_paths
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import PolicyRule, RuleDoc
from reviewbot.ruleset.review_records import (
    CheckOutcome,
    CheckStatus,
    PullRequestFacts,
    ScenarioInvalid,
    ScenarioValid,
)

LOCK_COMMANDS = {
    "poetry.lock": "poetry lock",
    "uv.lock": "uv lock",
    "pdm.lock": "pdm lock",
    "Pipfile.lock": "pipenv lock",
    "requirements.txt": "pip-compile",
}
_STALE = "M pyproject.toml +1\ndependencies: pyproject.toml\nlockfile: uv.lock\n"


class LockfileNotUpdated(PolicyRule):
    """Flags a manifest whose dependencies changed while its lockfile stayed the same."""

    code = "RB504"
    name = "lockfile-not-updated"
    category = Category.POLICY
    severity = Severity.WARNING
    doc = RuleDoc(
        what=(
            "Checks, in `reviewbot review` only, that when a manifest's dependency declarations "
            "change (`pyproject.toml`'s `[project] dependencies`, optional dependencies, "
            "dependency groups and Poetry / PDM / uv tables; any change to `requirements.in` or "
            "`Pipfile`) the lockfile next to it changes too. Projects without a lockfile are "
            "not checked."
        ),
        why=(
            "CI and production install from the lockfile: a dependency added only to the "
            "manifest is missing there (or `poetry install` / `uv sync --locked` refuses to "
            "run), and a version bump only in the manifest does not happen at all."
        ),
        example=_STALE,
        use_instead="M pyproject.toml +1\nM uv.lock +14 -2\ndependencies: pyproject.toml\nlockfile: uv.lock\n",
        options=(
            "`lockfiles` in `[policy]`: a table manifest name -> lockfile name(s), merged over "
            "the defaults (`pyproject.toml` -> `poetry.lock`, `uv.lock`, `pdm.lock`; "
            "`requirements.in` -> `requirements.txt`; `Pipfile` -> `Pipfile.lock`); `[]` drops "
            "a manifest and `lockfiles = false` turns the check off."
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
        ScenarioValid(_STALE, "turned off", settings={"lockfiles": ()}),
    )
    invalid = (
        ScenarioInvalid(_STALE),
        ScenarioInvalid(
            "M services/api/requirements.in +1\ndependencies: services/api/requirements.in\n"
            "lockfile: services/api/requirements.txt\n",
            note="pip-tools in a sub-folder",
        ),
    )

    def check_pull_request(
        self, facts: PullRequestFacts, settings: PrPolicySettings
    ) -> CheckOutcome:
        """Fail for each manifest whose dependencies changed without its existing lockfile."""
        if not settings.lockfiles:
            return CheckOutcome(CheckStatus.SKIPPED, "turned off (`[policy] lockfiles = false`)")
        if not facts.dependency_manifests:
            return CheckOutcome(CheckStatus.PASS, "no dependency declarations changed")
        stale = _stale(facts, settings)
        if not stale:
            return CheckOutcome(CheckStatus.PASS, "dependency changes come with their lockfiles")
        return CheckOutcome(
            CheckStatus.FAIL,
            "; ".join(_stale_message(manifest, lock) for manifest, lock in stale),
            "Installs read the lockfile, so this change's dependency edit does not reach CI or "
            "production until the lockfile is regenerated and committed with it.",
        )


def _stale(facts: PullRequestFacts, settings: PrPolicySettings) -> list[tuple[str, str]]:
    """(manifest, its lockfile) for each edited manifest whose existing lockfiles all stayed."""
    changed = {f.path for f in facts.files if f.status is not FileStatus.DELETED}
    stale = []
    for manifest in facts.dependency_manifests:
        existing = [lock for lock in lockfile_paths(manifest, settings) if lock in facts.lockfiles]
        if existing and not changed.intersection(existing):
            stale.append((manifest, existing[0]))
    return stale


def _stale_message(manifest: str, lock: str) -> str:
    command = LOCK_COMMANDS.get(PurePosixPath(lock).name)
    hint = f"; run `{command}` and commit it" if command else ""
    return f"`{manifest}` changed its dependencies but `{lock}` was not updated{hint}"
