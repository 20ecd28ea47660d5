"""Tests of the metrics (cognitive, nesting, length, raw counts, MI) and the RB1xx/RB2xx rules."""
