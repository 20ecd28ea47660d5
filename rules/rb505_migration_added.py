"""RB505 (review only): a database migration added; it deserves a careful look."""

from __future__ import annotations

from pathlib import PurePosixPath

from reviewbot.change.model import FileChange, FileStatus
from reviewbot.config.globs import any_glob_match
from reviewbot.config.review_settings import PrPolicySettings
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import PolicyRule, RuleDoc
from reviewbot.ruleset.review_records import (
    CheckOutcome,
    CheckStatus,
    PullRequestFacts,
    ScenarioInvalid,
    ScenarioValid,
)

_ADDED = "A shop/migrations/0007_refund_reason.py +24\nM shop/models.py +3\n"


class MigrationAdded(PolicyRule):
    """Points out new migrations so they get a reviewer's full attention."""

    code = "RB505"
    name = "migration-added"
    category = Category.POLICY
    severity = Severity.INFO
    doc = RuleDoc(
        what=(
            "Notes, in `reviewbot review` only, every added file matching `[policy] "
            "migration-patterns` (default `**/migrations/*.py`, `__init__.py` aside). "
            "It is information, not a defect: the migration needs a careful human review."
        ),
        why=(
            "A migration runs once against production data, often while the old code still "
            "serves traffic. Table rewrites and locks, a `NOT NULL` column without a default, "
            "a backfill in one transaction or a missing reverse step cause outages no test "
            "run shows."
        ),
        example=_ADDED,
        use_instead=(
            "A shop/migrations/0007_refund_reason.py +24\nM shop/models.py +3\n"
            "description: Adds Refund.reason (nullable, no default: no table rewrite). "
            "Reversible; backfill runs separately in batches.\n"
        ),
        options="`migrations` (default true) and `migration-patterns` (globs) in `[policy]`.",
    )
    valid = (
        ScenarioValid("M shop/models.py +3\n", "no migration"),
        ScenarioValid(
            "M shop/migrations/0006_order_status.py +1 -1\n",
            "an edited migration is an ordinary change",
        ),
        ScenarioValid(_ADDED, "turned off", settings={"migrations": False}),
        ScenarioValid("A shop/migrations/__init__.py\n", "the package marker"),
    )
    invalid = (
        ScenarioInvalid(_ADDED),
        ScenarioInvalid(
            "A db/versions/5f1c_add_refunds.py +30\n",
            note="Alembic, with custom patterns",
            settings={"migration_patterns": ("db/versions/*.py",)},
        ),
    )

    def check_pull_request(
        self, facts: PullRequestFacts, settings: PrPolicySettings
    ) -> CheckOutcome:
        """Fail (at info severity) when the change adds migrations."""
        if not settings.migrations:
            return CheckOutcome(CheckStatus.SKIPPED, "turned off (`[policy] migrations = false`)")
        added = [f.path for f in facts.files if _is_new_migration(f, settings)]
        if not added:
            return CheckOutcome(CheckStatus.PASS, "no migrations added")
        listed = ", ".join(f"`{path}`" for path in added)
        noun = "migration" if len(added) == 1 else "migrations"
        return CheckOutcome(
            CheckStatus.FAIL,
            f"{len(added)} {noun} added ({listed}): review locking, backfills and reversibility",
            "Migrations run against production data while old code still serves traffic; check "
            "for table rewrites, long locks, NOT NULL columns without defaults and a reverse step.",
        )


def _is_new_migration(change: FileChange, settings: PrPolicySettings) -> bool:
    return (
        change.status is FileStatus.ADDED
        and PurePosixPath(change.path).name != "__init__.py"
        and any_glob_match(settings.migration_patterns, change.path)
    )
