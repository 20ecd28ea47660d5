"""``reviewbot fix``: apply safe (and, asked, unsafe) fixes to files, re-check, say what is left.

May import report, review, pipeline and everything below them; not cli, deliver or init.
"""
