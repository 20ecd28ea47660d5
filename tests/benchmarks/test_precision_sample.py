"""The precision benchmark's sample groups, its draw, its partial labels and its code views."""

from __future__ import annotations

from pathlib import Path

from tests.benchmarks.precision_recall import recall_rows, recall_table
from tests.benchmarks.precision_runs import Finding
from tests.benchmarks.precision_sample import (
    SAMPLE_GROUPS,
    Label,
    draw_samples,
    missing_labels,
    precision_rows,
)
from tests.benchmarks.precision_units import MODULE, code_view


def _finding(rule: str, line: int) -> Finding:
    return Finding("corpus", rule, "pkg/mod.py", line, 1, "message", "warning", f"fp{line}")


def test_groups_take_their_rules_from_their_preset() -> None:
    performance, style = SAMPLE_GROUPS
    assert performance.selects("RB304", ["query-in-loop", "warning", "strict"])
    assert not performance.selects("RB201", ["x", "warning", "recommended", "strict"])
    assert style.selects("RB103", ["unused-suppression", "info", "recommended", "strict"])
    assert style.selects("RB206", ["complexity-increase", "warning", "recommended", "strict"])
    assert not style.selects("RB199", ["strict-only", "warning", "strict"])
    assert not style.selects("RB304", ["query-in-loop", "warning", "recommended", "strict"])


def test_draw_depends_on_the_findings_not_their_order() -> None:
    findings = [_finding(rule, line) for rule in ("RB201", "RB204") for line in range(1, 41)]
    drawn = draw_samples(findings, ["RB201", "RB204", "RB205"], size=15)
    again = draw_samples(reversed(findings), ["RB205", "RB204", "RB201"], size=15)
    assert drawn == again
    assert [len(drawn[rule]) for rule in ("RB201", "RB204", "RB205")] == [15, 15, 0]
    # one rule's draw does not move when another rule gains findings
    more = draw_samples([*findings, _finding("RB204", 99)], ["RB201"], size=15)
    assert more["RB201"] == drawn["RB201"]


def test_partly_judged_sample_counts_only_judged_findings() -> None:
    samples = {"RB202": [_finding("RB202", line) for line in (3, 5, 8)]}
    first, second, _third = samples["RB202"]
    labels = {
        first.label_id: Label("post", "A real tangle."),
        second.label_id: Label("skip", "A flat dispatch table."),
    }
    (row,) = precision_rows({"RB202": 40}, samples, labels)
    assert (row.findings, row.sampled, row.judged, row.posted) == (40, 3, 2, 1)
    assert row.precision == 0.5
    assert missing_labels(samples, labels) == [samples["RB202"][2].label_id]


SOURCE = '''"""A module."""


class Shop:
    @property
    def name(self):
        return "shop"

    def total(self, rows):
        result = 0
        for row in rows:
            result += row
        return result
'''


def test_a_finding_on_a_def_shows_its_whole_function(tmp_path: Path) -> None:
    module = tmp_path / "shop.py"
    module.write_text(SOURCE)
    view = code_view(module, 6, module_level=False)
    assert view.name == "Shop.name"
    assert view.code.splitlines() == [
        "      5     @property",
        ">>    6     def name(self):",
        '      7         return "shop"',
    ]


def test_a_finding_on_a_line_shows_the_lines_around_it(tmp_path: Path) -> None:
    module = tmp_path / "shop.py"
    module.write_text(SOURCE + "\n" * 20 + "VALUE = 1\n")
    inside = code_view(module, 12, module_level=False)
    assert inside.name == "Shop.total"
    assert inside.code.splitlines()[0].split() == ["5", "@property"]
    assert inside.code.splitlines()[-1].split() == ["19"]
    assert ">>   12" in inside.code
    assert code_view(module, 34, module_level=False).name == MODULE


def test_a_long_unit_shows_its_head_and_tail(tmp_path: Path) -> None:
    module = tmp_path / "long.py"
    body = "".join(f"    x{number} = {number}\n" for number in range(100))
    module.write_text(f"def long():\n{body}")
    lines = code_view(module, 1, module_level=False).code.splitlines()
    assert len(lines) == 40 + 1 + 10
    assert lines[40].strip() == "..... [51 lines not shown: 41-91] ....."
    assert lines[-1].split() == ["101", "x99", "=", "99"]
    whole = code_view(module, 1, module_level=True)
    assert whole.name == MODULE
    assert whole.code.splitlines()[40] == lines[40]


def test_the_recall_reference_counts_each_post_finding_a_preset_still_reports() -> None:
    wanted, other, gone = _finding("RB304", 1), _finding("RB304", 2), _finding("RB202", 3)
    labels = {
        wanted.label_id: Label("post", "a query per order"),
        gone.label_id: Label("post", "too hard to follow"),
        other.label_id: Label("skip", "three rows"),
    }
    found = {"recommended": [], "strict": [wanted, other]}
    rows = recall_rows(found, labels)
    assert [(r.rule, r.posted, dict(r.found)) for r in rows] == [
        ("RB202", 1, {"recommended": 0, "strict": 0}),
        ("RB304", 1, {"recommended": 0, "strict": 1}),
    ]
    table = recall_table(rows, ["recommended", "strict"])
    assert table.splitlines()[-1] == "| all | 2 | 0 (0%) | 1 (50%) |"
