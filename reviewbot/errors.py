"""reviewbot's one error family: each error carries the exit code the CLI turns it into."""

from __future__ import annotations


class ReviewbotError(Exception):
    """An error the user can act on; its message is one line. Exit code 3 (internal) by default."""

    exit_code: int = 3


class UsageError(ReviewbotError):
    """A bad option, path or argument (exit 2)."""

    exit_code = 2


class ConfigError(ReviewbotError):
    """A bad config file or value, named by file and key (exit 2)."""

    exit_code = 2


class ToolError(ReviewbotError):
    """An external tool (ruff, git) is missing or broken (exit 3)."""

    exit_code = 3


class RegistryError(ReviewbotError):
    """A rule set that cannot be registered: duplicate or malformed codes (exit 3)."""

    exit_code = 3
