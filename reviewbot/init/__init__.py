"""``reviewbot init``: learn what a repository looks like and write a commented starter config.

May import report, review, pipeline and everything below them; not cli, deliver or fix.
"""
