"""The README documents every command, shows real output, and its commands are what CI runs."""

from __future__ import annotations

import re
import shlex

import pytest

from conftest import ROOT, Run
from legpress_cli.commands import NAMES

README = (ROOT / "README.md").read_text(encoding="utf-8")
INSTALL = "python3 -m venv .venv && . .venv/bin/activate && pip install . && legpress muscles"
PIPX = "pipx install . && legpress muscles"
TEST = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest"
EXAMPLES = re.findall(r"`(legpress [^`]+)`:\n\n```text\n(.*?)\n```", README, re.DOTALL)


def test_the_two_commands_are_in_the_readme_and_ci_runs_the_second() -> None:
    assert f"```sh\n{INSTALL}\n```" in README
    assert f"```sh\n{TEST}\n```" in README
    assert f"```sh\n{PIPX}\n```" in README
    assert TEST in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_every_command_is_documented(run: Run) -> None:
    help_text = run("--help").stdout
    commands = re.findall(r"│ (\w+)\s{2,}", help_text.split("Commands")[1])
    assert len(commands) >= 8
    for command in commands:
        assert f"`legpress {command}" in README, command


def test_every_option_is_documented(run: Run) -> None:
    for command in NAMES:
        for option in re.findall(r"(--[a-z][a-z-]+)", run(command, "--help").stdout):
            assert option in README, f"{command} {option}"


def test_readme_has_real_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_output_is_current(run: Run, command: str, shown: str) -> None:
    """`python scripts/make_docs.py` rewrites the README's example blocks from real output."""
    result = run(*shlex.split(command)[1:])
    assert result.exit_code == 0
    fresh = "\n".join(line.rstrip() for line in result.stdout.rstrip().splitlines())
    assert fresh.splitlines() == [line.rstrip() for line in shown.splitlines()], (
        "stale: run python scripts/make_docs.py"
    )
