"""Configuration: the only reader of config files and of the settings environment.

Presets, ``[tool.reviewbot]`` / ``.reviewbot.toml``, command-line overrides and per-path
overrides are validated into frozen records (Policy, FilePolicy, review and PR-check settings)
before anything runs. ``ruff_binary`` finds ruff (``$REVIEWBOT_RUFF``) and ``ruff_rules`` asks it
which rules it has.

May import the core records only.
"""
