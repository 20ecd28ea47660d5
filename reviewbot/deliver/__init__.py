"""Delivery of a finished review to where a team reads it: today GitHub (``deliver.github``).

May import report, review, pipeline and everything below them; not cli, fix or init.
"""
