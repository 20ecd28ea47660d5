"""The pull-request review: new / existing / fixed findings, complexity deltas, PR facts and
checks, the ranked comments within budget, and the verdict.

It decides what a review says; ``report`` words the summary, ``deliver`` posts it.
May import pipeline and everything below it; not report, deliver, fix, init or cli.
"""
