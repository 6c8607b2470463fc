"""The command-line contract under any input: narrow terminals, random arguments, internal errors."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import legpress_cli.advisor as advisor
from conftest import Run

ALL = [
    ["--help"],
    ["muscles"],
    ["muscles", "--help"],
    ["muscle", "vmo"],
    ["muscle", "rectus femoris"],
    ["cues"],
    ["sources"],
    ["stance"],
    ["stance", "--high", "--wide", "--deep", "--toes-out"],
    ["stance", "--help"],
    ["target", "glutes"],
    ["target", "hamstrings"],
    ["map", "--low"],
]
ESCAPE = re.compile(r"\x1b\[")


@pytest.mark.parametrize("args", ALL, ids=" ".join)
def test_every_line_fits_forty_columns(run: Run, args: list[str]) -> None:
    result = run(*args, env={"COLUMNS": "40"})
    assert result.exit_code == 0
    too_long = [line for line in result.stdout.splitlines() if len(line) > 40]
    assert too_long == []


@pytest.mark.parametrize("args", ALL, ids=" ".join)
@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"NO_COLOR": None, "TERM": "dumb"}])
def test_plain_output_has_no_escape_codes(run: Run, args: list[str], env: dict[str, str | None]) -> None:
    result = run(*args, env=env)
    assert result.exit_code == 0
    assert not ESCAPE.search(result.stdout)


def test_force_color_colours(run: Run) -> None:
    result = run("stance", "--high", env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert ESCAPE.search(result.stdout)


def test_map_too_narrow_says_how_wide(run: Run) -> None:
    result = run("map", env={"COLUMNS": "20"})
    assert result.exit_code == 0
    assert " ".join(result.stdout.split()) == "The map needs at least 24 columns; this terminal has 20."


def test_internal_error_is_one_line(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object, **__: object) -> None:
        secret = "local-value-that-must-not-leak"
        raise RuntimeError(secret)

    monkeypatch.setattr(advisor, "list_cues", boom)
    result = run("cues")
    assert result.exit_code == 1
    assert result.stderr == (
        "legpress: internal error; this is a bug, please report it with the command you ran "
        "(set LEGPRESS_DEBUG=1 to see the traceback)\n"
    )
    debug = run("cues", env={"LEGPRESS_DEBUG": "1"})
    assert debug.exit_code == 1
    assert "Traceback (most recent call last)" in debug.stderr
    assert "RuntimeError: local-value-that-must-not-leak" in debug.stderr
    assert "secret = " not in debug.stderr  # the traceback shows code, never local variables' values


def test_keyboard_interrupt_exits_130(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(advisor, "list_muscles", interrupt)
    result = run("muscles")
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "")


NAMES = [
    ("vastus-lateralis", ("Vastus lateralis", "outer quad"), "Vastus lateralis"),
    ("gluteus-maximus", ("Gluteus maximus", "glute max"), "Gluteus maximus"),
    ("glutes", ("Glutes",), "Glutes"),
    ("adductors", ("Hip adductors", "inner thigh"), "Hip adductors"),
    ("gluteo-mayor", ("Glúteo mayor", "Gesäßmuskel"), "Glúteo mayor"),
]


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("glu", ["glute-max", "gluteo-mayor", "glutes", "gluteus-maximus"]),
        ("hip", ["hip-adductors"]),
        ("Vastus L", ["Vastus Lateralis"]),
        ("Vas", ["Vastus-lateralis"]),
        ("inner", ["inner-thigh"]),
        ("glú", ["glúteo-mayor"]),
        ("glu\u0301", ["glúteo-mayor"]),  # NFD, as macOS types it
        ("GESÄSS", ["GESÄSSmuskel"]),
        ("Gesäß", ["Gesäßmuskel"]),  # casefolding lengthens ß: the typed prefix is kept
        ("biceps", []),
    ],
)
def test_completion_offers_names_and_aliases(typed: str, offered: list[str]) -> None:
    from legpress_cli.names import complete

    assert [value for value, _ in complete(typed, NAMES)] == offered


WORDS = st.sampled_from(
    [
        "muscles",
        "muscle",
        "cues",
        "sources",
        "stance",
        "target",
        "map",
        "schema",
        "--json",
        "--role",
        "--group",
        "--phase",
        "--high",
        "--low",
        "--height",
        "--wide",
        "--narrow",
        "--width",
        "--deep",
        "--partial",
        "--depth",
        "--toes-out",
        "--toes",
        "--data",
        "--svg",
        "-h",
        "--version",
        "primary",
        "glutes",
        "vmo",
        "high",
        "low",
        "out",
        "setup",
        "biceps brachii",
        "quads",
        "",
        "-",
        "--",
        "\x00",
        "é",
        "/nonexistent",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=6))
def test_random_arguments_never_crash(run: Run, args: list[str]) -> None:
    if "--svg" in args:
        return  # writing files is covered elsewhere; never scribble in the working folder
    result = run(*args)
    assert result.exit_code in (0, 1, 2), (args, result.stderr)
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr, (args, result.stderr)
    if result.exit_code:
        assert len(result.stderr.strip().splitlines()) == 1, (args, result.stderr)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["muscles"], "muscles"),
        (["--data", "/x", "stance", "--high"], "stance"),
        (["--data=/x", "map"], "map"),
        (["--help"], None),
        (["--version", "muscles"], None),
        ([], None),
    ],
)
def test_the_console_script_builds_only_the_command_it_runs(args: list[str], expected: str | None) -> None:
    from legpress_cli.cli import _command_name, app, app_for

    assert _command_name(args) == expected
    chosen = app_for(args)
    if expected is None:
        assert chosen is app
    else:
        assert [c.name or c.callback.__name__ for c in chosen.registered_commands if c.callback] == [expected]
    assert app_for(["muscels"]) is app  # unknown: the full app, for "did you mean"
