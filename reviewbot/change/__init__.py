"""The change under review, read from git: files, statuses and changed lines per file."""
