"""Every list of commands agrees with the one registry in commands.py."""

from __future__ import annotations

import typing

import pytest

from conftest import Run
from legpress_cli import cli
from legpress_cli.commands import COMMANDS, NAMES, WITH_JSON
from legpress_cli.contract import ENVELOPES
from test_json import COMMANDS as JSON_RUNS


def test_the_app_has_exactly_the_registered_commands() -> None:
    registered = [c.name or (c.callback.__name__ if c.callback else "") for c in cli.app.registered_commands]
    assert [name.rstrip("_") for name in registered] == list(NAMES)


def test_every_json_command_has_an_envelope() -> None:
    assert list(ENVELOPES) == list(WITH_JSON)


def test_schema_offers_every_json_command(run: Run) -> None:
    result = run("schema", "bogus")
    assert result.exit_code == 2
    offered = ", ".join(f"'{name}'" for name in WITH_JSON)
    assert f"'bogus' is not one of {offered}." in result.stderr
    for name in WITH_JSON:
        assert run("schema", name).exit_code == 0


def test_json_tests_run_every_json_command() -> None:
    assert {args[0] for args in JSON_RUNS} == set(WITH_JSON)


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
def test_options_match_the_registry(run: Run, command: object) -> None:
    name, json, svg = typing.cast(tuple[str, bool, bool], command)
    text = run(name, "--help").stdout
    assert ("│ --json " in text) == json
    assert ("│ --svg " in text) == svg


def test_every_answering_command_has_one_result_json_builder_and_view() -> None:
    from legpress_cli.jsonview import BUILDERS
    from legpress_cli.render import VIEWS
    from legpress_cli.results import RESULTS

    # every command with an envelope answers through a result
    assert list(RESULTS) == list(WITH_JSON)
    assert set(BUILDERS) == set(RESULTS.values())
    assert set(VIEWS) == set(RESULTS.values())
