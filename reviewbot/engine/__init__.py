"""The libcst pass: one parse and one traversal per file for every node rule.

The walker keeps loop, scope and binding context once for all rules; positions are computed only
for reported statements; ``edits`` applies a finding's fix to source text.

May import the rule API (ruleset), metrics' records, config and the core records.
"""
