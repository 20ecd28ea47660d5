"""Delivery of a finished review to where a team reads it: today GitHub (``deliver.github``).

May import report, review, pipeline, change, ruleset, config and the core records; not cli.
"""
