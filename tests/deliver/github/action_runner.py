"""Run a composite action's steps the way the Actions runner does, for tests.

Each ``run:`` step gets the runner's variables, its own ``GITHUB_OUTPUT`` file, and its ``env:``
mapping with ``${{ inputs.* }}``, ``${{ github.* }}`` and ``${{ steps.*.outputs.* }}`` expressions
evaluated (anything else is an error: the action must not need it). Scripts run as the runner
runs ``shell: bash`` (``bash --noprofile --norc -eo pipefail``). ``uses:`` steps are not run; the
test supplies their outputs. Outputs are read in both of the runner's formats.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


@dataclass
class ActionRun:
    """What running the action produced."""

    returncode: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    step_outputs: dict[str, dict[str, str]] = field(default_factory=dict)


def run_action(
    action_file: Path,
    *,
    inputs: Mapping[str, str],
    github: Mapping[str, str],
    environ: Mapping[str, str],
    workspace: Path,
    temp: Path,
    uses_outputs: Mapping[str, Mapping[str, str]],
    skip: frozenset[str] = frozenset(),
) -> ActionRun:
    """Run ``action_file``'s steps; ``uses_outputs`` (and ``skip``) stand in for steps not run."""
    action = yaml.safe_load(action_file.read_text(encoding="utf-8"))
    context: dict[str, Any] = {
        "inputs": {**_defaults(action, github), **inputs},
        "github": dict(github),
        "steps": {},
    }
    stdout, stderr, code = [], [], 0
    for index, step in enumerate(action["runs"]["steps"]):
        step_id = step.get("id", f"step{index}")
        if "uses" in step or step_id in skip:
            context["steps"][step_id] = {"outputs": dict(uses_outputs.get(step_id, {}))}
            continue
        done, outputs = _run_step(step, context, environ, workspace, temp / f"{step_id}.out")
        context["steps"][step_id] = {"outputs": outputs}
        stdout.append(done.stdout)
        stderr.append(done.stderr)
        if done.returncode != 0:
            code = done.returncode
            break
    mapped = {name: _evaluate(spec["value"], context) for name, spec in action.get("outputs", {}).items()}
    steps = {key: value["outputs"] for key, value in context["steps"].items()}
    return ActionRun(code, "".join(stdout), "".join(stderr), mapped, steps)


def read_outputs(path: Path) -> dict[str, str]:
    """A GITHUB_OUTPUT file: ``name=value`` lines and ``name<<DELIMITER`` blocks."""
    values: dict[str, str] = {}
    lines = iter(path.read_text(encoding="utf-8").splitlines() if path.exists() else [])
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            values[name] = "\n".join(iter(lambda: next(lines), delimiter))
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
    return values


def _run_step(
    step: Mapping[str, Any], context: Mapping[str, Any], environ: Mapping[str, str], workspace: Path, output: Path
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    assert step.get("shell") == "bash", f"step {step.get('name')} must say shell: bash"
    assert "${{" not in step["run"], f"step {step.get('name')} splices an expression into its script"
    env = {**environ, **{key: _evaluate(str(value), context) for key, value in step.get("env", {}).items()}}
    env["GITHUB_OUTPUT"] = str(output)
    script = output.with_suffix(".sh")
    script.write_text(step["run"], encoding="utf-8")
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=workspace, env=env, capture_output=True, text=True, check=False, timeout=600,
    )
    return done, read_outputs(output)


def _defaults(action: Mapping[str, Any], github: Mapping[str, str]) -> dict[str, str]:
    context = {"github": dict(github), "inputs": {}, "steps": {}}
    return {
        name: _evaluate(str(spec.get("default", "")), context)
        for name, spec in action.get("inputs", {}).items()
    }


def _evaluate(text: str, context: Mapping[str, Any]) -> str:
    """Replace each ``${{ a.b.c }}`` with the context's value ("" when a step set no such output)."""

    def value(match: re.Match[str]) -> str:
        parts = match.group(1).split(".")
        assert parts[0] in ("inputs", "github", "steps"), f"unsupported expression {match.group(0)}"
        found: Any = context
        for part in parts:
            found = found.get(part, "") if isinstance(found, dict) else ""
        return str(found)

    return _EXPRESSION.sub(value, text)


def runner_environment(workspace: Path, temp: Path, extra: Mapping[str, str]) -> dict[str, str]:
    """The variables every step gets from the runner, plus ``extra``."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(temp / "home"),
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "RUNNER_TEMP": str(temp),
        "RUNNER_OS": "Linux",
        **extra,
    }
