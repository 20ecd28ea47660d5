"""reviewbot: a code review policy linter and pull-request reviewer for Python teams."""

__version__ = "0.1.0"
