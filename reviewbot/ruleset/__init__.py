"""The rule API: every rule shape (node, function, module, delta, pull request), the registry
that validates rules, team-rule loading, rule documentation and the rule reference generator.

May import change's records, metrics' records, config and the core records. The built-in rules
(``reviewbot.rules``) sit above it and are found by import name, as team rules are.
"""
