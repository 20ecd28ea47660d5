"""Policy configuration: presets, config files, validation and the effective per-file policy."""
