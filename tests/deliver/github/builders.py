"""Hand-built findings, comments and reviews, and pull requests made from real git repositories."""

from __future__ import annotations

import subprocess
from pathlib import Path

from reviewbot.findings import Category, Finding, Location, Severity
from reviewbot.review.model import Review, ReviewComment, ReviewEvent, Verdict
from tests.deliver.github.pull_state import ChangedFile


def finding(
    fingerprint: str,
    line: int,
    *,
    path: str = "app.py",
    rule: str = "RB302",
    severity: Severity = Severity.WARNING,
    category: Category = Category.PERFORMANCE,
) -> Finding:
    """A finding at ``path:line`` with a given fingerprint."""
    return Finding(
        rule=rule, category=category, severity=severity, path=path,
        location=Location(line, 5, line, 20), message=f"{rule} smell ({fingerprint})",
        rationale="It costs time in a loop.", fingerprint=fingerprint,
    )


def comment(found: Finding, *, start_line: int | None = None, body: str | None = None) -> ReviewComment:
    """The inline comment about one finding."""
    text = body if body is not None else f"**{found.category.value} · {found.rule}** {found.message}"
    return ReviewComment(
        path=found.path, line=found.line, start_line=start_line, body=text,
        fingerprint=found.fingerprint, findings=(found,),
    )


def review(base: str, head: str, comments: list[ReviewComment], *, summary: str | None = None) -> Review:
    """A review of ``comments``' findings; it requests changes when one is an error."""
    new = tuple(f for c in comments for f in c.findings)
    blocking = any(f.severity is Severity.ERROR for f in new)
    verdict = Verdict.REQUEST_CHANGES if blocking else (Verdict.COMMENT if new else Verdict.APPROVE)
    event = ReviewEvent.REQUEST_CHANGES if blocking else ReviewEvent.COMMENT
    return Review(
        base=base, head=head, verdict=verdict, event=event, comments=tuple(comments),
        summary=summary if summary is not None else f"## reviewbot\n\n{len(new)} new findings at {head[:7]}.",
        new=new, existing=(), fixed=(), complexity=(), checks=(), overflow=(),
    )


def git(root: Path, *args: str) -> str:
    """git in ``root`` with a fixed identity."""
    done = subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.com",
         "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        capture_output=True, text=True, check=True,
    )
    return done.stdout


def commit_files(root: Path, files: dict[str, str], message: str) -> str:
    """Write ``files``, commit everything, return the SHA."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def changed_files(root: Path, base: str, head: str) -> list[ChangedFile]:
    """The pull request's files and patches as GitHub computes them (three-dot diff, 3 lines of context)."""
    names = git(root, "diff", "--name-only", f"{base}...{head}").split()
    return [
        ChangedFile(name, _patch(git(root, "diff", "--no-color", f"{base}...{head}", "--", name)))
        for name in names
    ]


def _patch(diff: str) -> str | None:
    start = diff.find("\n@@")
    return diff[start + 1 :] if start >= 0 else None
