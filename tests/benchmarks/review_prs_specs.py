"""The pinned "pull requests" of the real-PR benchmark: two consecutive releases of a project.

Each pair was chosen so its diff touches between 5 and 80 Python files (measured on the unpacked
sdists with ``git diff --no-index --numstat``, or in the built repository). There are four
groups, kept apart:

- ``PULL_REQUESTS`` (the group ``first``): six applications or command-line tools and six
  libraries, twelve projects. reviewbot's rules were tuned after seeing these judged, so their
  precision flatters it.
- ``HELD_OUT`` (the group ``held-out``): ten more, from projects not in the first group, chosen
  after the rules were tuned on the first twelve, picked without looking at how reviewbot judges
  them, and never to be used to tune the rules. Seven are applications (Django apps, a web
  service, command-line tools), three libraries. Their precision is the honest figure; once a
  rule is changed because of a held-out comment, the group is no longer held out.
- ``FRESH`` (the group ``fresh``): ten more, chosen on 2026-12-03 after all tuning, from projects
  in neither group above, picked by their diff size alone before reviewbot saw them, and never to
  be used to tune the rules. Six are applications (two Django apps, a task queue, a load tester,
  two command-line tools), four libraries.
- ``UNSEEN`` (the group ``unseen``): ten more, chosen on 2026-12-03 by their diff size alone, after
  the ``fresh`` group's judgements had been used to tune reviewbot, from projects in no group
  above, picked before reviewbot saw them, and never to be used to tune the rules. Six are
  applications (two Django apps, a task queue, a web server, two command-line tools), four
  libraries.
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
    kind: str  # "application", "library", or either with a note in brackets
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

# Chosen after the rules were tuned on PULL_REQUESTS; never used to tune them.
HELD_OUT = (
    # Applications, Django apps and services.
    PullRequestSpec("django-cms", "django-cms", "5.1.2", "5.1.3", "application (Django app)"),
    PullRequestSpec("oscar", "django-oscar", "4.2", "4.2.1", "application (Django app)"),
    PullRequestSpec("flower", "flower", "2.1.0", "2.2.0", "application (web service)"),
    PullRequestSpec("nox", "nox", "2026.8.17", "2026.10.20", "application (CLI)"),
    PullRequestSpec("pip-tools", "pip-tools", "7.6.1", "7.6.2", "application (CLI)"),
    PullRequestSpec("tox", "tox", "4.66.0", "4.67.0", "application (CLI)"),
    PullRequestSpec("twine", "twine", "6.2.0", "7.0.0", "application (CLI)"),
    # Libraries.
    PullRequestSpec("starlette", "starlette", "1.9.0", "1.10.0", "library"),
    PullRequestSpec("urllib3", "urllib3", "2.7.0", "2.8.0", "library"),
    PullRequestSpec("werkzeug", "werkzeug", "3.1.8", "3.1.9", "library"),
)

# Chosen on 2026-12-03, after all tuning, by diff size alone; never to be used for tuning.
FRESH = (
    # Applications: Django apps, a task queue, a load tester, command-line tools.
    PullRequestSpec(
        "debug-toolbar", "django-debug-toolbar", "7.1.1", "8.0.0", "application (Django app)"
    ),
    PullRequestSpec(
        "django-extensions", "django-extensions", "4.0", "4.1", "application (Django app)"
    ),
    PullRequestSpec("huey", "huey", "3.5.3", "3.5.4", "application (task queue)"),
    PullRequestSpec("locust", "locust", "2.46.7", "2.47.0", "application (load tester)"),
    PullRequestSpec("streamlink", "streamlink", "8.6.2", "8.6.3", "application (CLI)"),
    PullRequestSpec("hatch", "hatch", "1.18.1", "1.18.2", "application (CLI)"),
    # Libraries.
    PullRequestSpec("alembic", "alembic", "1.20.0", "1.20.1", "library"),
    PullRequestSpec("fastapi", "fastapi", "0.164.0", "0.165.0", "library"),
    PullRequestSpec("pydantic", "pydantic", "2.14.3", "2.14.4", "library"),
    PullRequestSpec("sentry-sdk", "sentry-sdk", "2.74.0", "2.75.0", "library"),
)

# Chosen on 2026-12-03 by diff size alone, after the fresh group's judgements had been used to
# tune reviewbot; never to be used for tuning.
UNSEEN = (
    # Applications: Django apps, a task queue, a web server, command-line tools.
    PullRequestSpec(
        "celery-beat", "django-celery-beat", "2.8.1", "2.9.0", "application (Django app)"
    ),
    PullRequestSpec("guardian", "django-guardian", "3.5.1", "3.5.2", "application (Django app)"),
    PullRequestSpec("dramatiq", "dramatiq", "2.2.0", "2.2.1", "application (task queue)"),
    PullRequestSpec("uvicorn", "uvicorn", "0.54.0", "0.55.0", "application (web server)"),
    PullRequestSpec("mkdocs", "mkdocs", "1.6.0", "1.6.1", "application (CLI)"),
    PullRequestSpec("pelican", "pelican", "4.11.0.post0", "4.12.0", "application (CLI)"),
    # Libraries.
    PullRequestSpec("litestar", "litestar", "2.24.0", "2.25.0", "library"),
    PullRequestSpec("marshmallow", "marshmallow", "4.3.1", "4.4.0", "library"),
    PullRequestSpec("textual", "textual", "8.2.7", "8.2.8", "library"),
    PullRequestSpec("typer", "typer", "0.29.1", "0.29.2", "library"),
)

GROUPS = {"first": PULL_REQUESTS, "held-out": HELD_OUT, "fresh": FRESH, "unseen": UNSEEN}
"""The groups by the name ``--group`` takes; ``all`` is every group, in this order."""


def selected(group: str) -> tuple[PullRequestSpec, ...]:
    """The pull requests of ``group``: ``first``, ``held-out``, ``fresh``, ``unseen`` or ``all``."""
    if group == "all":
        return PULL_REQUESTS + HELD_OUT + FRESH + UNSEEN
    return GROUPS[group]


def group_of(name: str) -> str:
    """The group a pull request belongs to, by its name; ``other`` for a name no longer pinned."""
    for group, specs in GROUPS.items():
        if any(spec.name == name for spec in specs):
            return group
    return "other"
