"""Tests of the policy configuration: presets, config files, validation, effective policy."""
