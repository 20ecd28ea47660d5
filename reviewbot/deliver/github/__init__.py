"""GitHub delivery: read the Actions runner, post the review through PyGithub, or fall back.

The pieces, each a module with one job: ``environment`` (the runner and the pull request
event), ``diff_lines`` (which lines GitHub accepts comments on), ``bodies`` (the text and hidden
markers reviewbot writes), ``retry`` (retries, rate limits, pacing and look-before-write),
``thread`` (the PyGithub calls), ``prior`` (what earlier runs posted), ``plan`` (what this run
must write), ``poster`` (writing it), ``fallback`` (annotations and the step summary when writing
is forbidden), ``outputs`` ($GITHUB_OUTPUT), ``delivery`` (before and after the review) and
``actions_review`` (what the CLI calls, with a typed ``GithubOptions`` record).
The commits a shallow checkout lacks are fetched by ``reviewbot.change.fetch``.

May import report, review, pipeline and everything below them; not cli, fix or init.
"""
