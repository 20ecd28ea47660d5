"""Properties over generated programs (issue 12): the per-file analysis never raises, and every
program comes out as findings; reviewbot's own fixes never break a program that compiles.

hypothesmith writes the programs: ``from_grammar()`` from CPython's grammar (often code CPython
then refuses, which must be one RB900), ``from_node()`` from libcst's nodes (code that parses).
Each is analysed through :func:`analyze_within_budget`, the function the scheduler calls for
one file, with every reviewbot rule on, in this process: no subprocess per example. The example
counts keep both tests well under a minute on two cores.
"""

from __future__ import annotations

import ast
import warnings

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reviewbot.config.cli_overrides import CliOverrides
from reviewbot.config.model import FilePolicy
from reviewbot.findings import Finding
from reviewbot.fix.run import FileFix, plan_file
from reviewbot.pipeline.file_analysis import FileResult
from reviewbot.pipeline.scheduler import FileTask, analyze_within_budget
from reviewbot.pipeline.session import open_session
from reviewbot.ruleset.internal_codes import ANALYSIS_SKIPPED, PARSE_ERROR, READ_ERROR
from reviewbot.ruleset.registry import Registry

pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")  # generated code draws them
NAME = "generated.py"
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
# programs that draw reviewbot's own fixes (RB309, RB314, RB315), appended to generated code
FIXABLE = (
    "\n\ndef total(prices):\n    amount = 0\n    for i in range(len(prices)):\n"
    "        amount += prices[i]\n    return amount\n",
    "\n\ndef ordered(players):\n    scores = [p.score for p in players]\n"
    "    scores = sorted(scores)\n    return scores\n",
    "\n\nimport re\nWORD = re.compile('w+')\n\n\ndef words(text):\n"
    "    return re.findall(WORD, text)\n",
)


@pytest.fixture(scope="module")
def every_rule(tmp_path_factory: pytest.TempPathFactory) -> tuple[FilePolicy, Registry]:
    """The strict preset with every reviewbot rule on, and the registry, as a run loads them."""
    root = tmp_path_factory.mktemp("generated")
    overrides = CliOverrides(preset="strict", extend_select=("RB",))
    session = open_session([root], None, isolated=True, overrides=overrides)
    return session.file_policy(root)(NAME), session.registry


def analyse(source: str, rules: tuple[FilePolicy, Registry]) -> FileResult:
    raw = source.encode("utf-8", "surrogatepass")
    return analyze_within_budget(FileTask(raw, NAME, rules[0]), rules[1])


def cpython_parses(source: str) -> bool:
    """CPython's verdict, as reviewbot asks for it (``ast.parse``)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def libcst_parses(source: str) -> bool:
    try:
        cst.parse_module(source)
    except (cst.ParserSyntaxError, RecursionError):
        return False
    return True


def assert_findings_for(source: str, result: FileResult) -> None:
    assert result.path == NAME
    assert all(isinstance(f, Finding) and f.path == NAME for f in result.findings)
    rules = [f.rule for f in result.findings]
    if ANALYSIS_SKIPPED in rules:
        return  # over the time budget on a slow machine: one finding, nothing else to judge
    verdict = unusable_as(source)
    if verdict:
        assert rules == [verdict]  # the one reason, and no rule ran on the file
    else:
        assert not {PARSE_ERROR, READ_ERROR} & set(rules)


def unusable_as(source: str) -> str:
    """RB901 for text that cannot be Python source bytes, RB900 for code CPython refuses (or
    libcst does not know yet), "" for a usable program."""
    if "\0" in source or _undecodable(source):
        return READ_ERROR
    return "" if cpython_parses(source) and libcst_parses(source) else PARSE_ERROR


def _undecodable(source: str) -> bool:
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=SLOW)
@given(source=hypothesmith.from_grammar())
@example(source="\n\\\r\n")  # CPython parses it, libcst does not: RB900 alone, no RB205
def test_programs_from_the_grammar_are_findings(
    source: str, every_rule: tuple[FilePolicy, Registry]
) -> None:
    assert_findings_for(source, analyse(source, every_rule))


@settings(max_examples=15, deadline=None, database=None, suppress_health_check=SLOW)
@given(source=hypothesmith.from_node())
def test_programs_from_libcst_nodes_are_findings(
    source: str, every_rule: tuple[FilePolicy, Registry]
) -> None:
    assert_findings_for(source, analyse(source, every_rule))


@settings(max_examples=15, deadline=None, database=None, suppress_health_check=SLOW)
@given(program=hypothesmith.from_node(), extra=st.sampled_from(FIXABLE))
def test_reviewbots_fixes_keep_a_generated_program_compiling(
    program: str,
    extra: str,
    every_rule: tuple[FilePolicy, Registry],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    source = program + extra
    if not cpython_parses(source):
        return  # from_node can write what CPython refuses; that is the tests above
    result = analyse(source, every_rule)
    fixable = [f for f in result.findings if f.fix is not None]
    root = tmp_path_factory.mktemp("fix")
    (root / NAME).write_text(source, encoding="utf-8", newline="")

    plan = plan_file(root, NAME, fixable)  # every fix, safe and unsafe, as `fix --unsafe` does

    assert isinstance(plan, FileFix)
    compile(plan.fixed, NAME, "exec")  # still compiles
    assert plan.dropped == ()  # and no fix of reviewbot's had to be left out to keep it so


def test_the_fixable_snippets_draw_reviewbots_fixes(every_rule: tuple[FilePolicy, Registry]) -> None:
    """The fix property is not vacuous: each snippet alone draws a fix of reviewbot's."""
    for extra in FIXABLE:
        fixed = {f.rule for f in analyse(extra, every_rule).findings if f.fix is not None}
        assert fixed & {"RB309", "RB314", "RB315"}, extra


def test_a_program_cpython_refuses_is_one_rb900(every_rule: tuple[FilePolicy, Registry]) -> None:
    """The grammar test's main branch, with a program known to take it."""
    result = analyse("x = " + "(" * 300 + ")" * 300 + "\n", every_rule)
    assert [f.rule for f in result.findings] == [PARSE_ERROR]

