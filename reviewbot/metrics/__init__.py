"""Per-function and per-module metrics: cyclomatic and cognitive complexity, nesting, length, MI."""
