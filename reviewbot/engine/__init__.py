"""The libcst engine: one traversal per file for every rule, with loop and binding context."""
