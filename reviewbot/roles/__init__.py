"""What kind of code a file holds: a test, an example, a script, a migration, generated or
vendored code, or ordinary source. One classifier, shared by the rules, the pipeline (which drops
findings by each role's stance) and the review."""

from reviewbot.roles.classify import RoleVerdict, classify

__all__ = ["RoleVerdict", "classify"]
