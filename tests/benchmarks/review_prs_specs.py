"""The pinned "pull requests" of the real-PR benchmark: two consecutive releases of a project.

Each pair was chosen so its diff touches between 5 and 80 Python files (measured on the unpacked
sdists with ``git diff --no-index --numstat``); six are applications or command-line tools, six
are libraries, twelve projects in all.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PullRequestSpec:
    """One benchmark pull request: ``project`` moving from release ``base`` to release ``head``."""

    name: str  # short and unique: the prefix of every comment id
    project: str  # the name pip installs
    base: str
    head: str
    kind: str  # "application" or "library"
    wheel: bool = False  # the sdist is unusable here: take both releases as wheels

    def requirement(self, version: str) -> str:
        """``project==version``, as pip takes it."""
        return f"{self.project}=={version}"


PULL_REQUESTS = (
    # Applications and command-line tools: code that is run rather than imported.
    PullRequestSpec("ansible-lint", "ansible-lint", "26.9.0", "26.10.0", "application"),
    PullRequestSpec("datasette", "datasette", "0.65.1", "0.65.2", "application"),
    PullRequestSpec("glances", "glances", "4.5.7", "4.5.8", "application"),
    PullRequestSpec("httpie", "httpie", "3.2.2", "3.2.3", "application"),
    PullRequestSpec("pgcli", "pgcli", "4.6.0", "4.7.0", "application"),
    PullRequestSpec("sqlfluff", "sqlfluff", "4.2.1", "4.2.2", "application"),
    # Libraries.
    PullRequestSpec("attrs", "attrs", "25.4.0", "26.1.0", "library"),
    PullRequestSpec("click", "click", "8.3.0", "8.3.1", "library"),
    PullRequestSpec("allauth", "django-allauth", "65.21.0", "65.21.1", "library"),
    PullRequestSpec("flask", "flask", "3.1.1", "3.1.2", "library"),
    PullRequestSpec("httpx", "httpx", "0.28.1", "0.29.0", "library"),
    PullRequestSpec("rich", "rich", "14.3.3", "14.3.4", "library"),
)
