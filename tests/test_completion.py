"""TAB completion answered before Typer loads (fastcomplete.py) says exactly what Typer says.

Each request goes through both paths: the fast path, from the generated index, and Typer's own
completion through the app. Their bytes and exit codes must match for bash, zsh and fish."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from legpress_cli import fastcomplete
from legpress_cli.catalog import builtin_data_dir
from legpress_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]

# (words before the cursor, the word being completed); completed as each shell asks.
REQUESTS = [
    (["muscle"], "vas"),
    (["muscle"], "Vas"),
    (["muscle"], ""),
    (["muscle"], "zzz"),
    (["muscle"], "glú"),
    (["target"], "glu"),
    (["target"], "inner"),
    (["evidence"], "v"),
    (["compare"], ""),
    (["compare"], "kn"),
    (["muscles", "--group"], "ham"),
]


def shell_env(shell: str, words: list[str], incomplete: str, fish_action: str = "get-args") -> dict[str, str]:
    line = " ".join(["legpress", *words, incomplete])
    if shell == "bash":
        return {"_LEGPRESS_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) + 1)}
    env = {"_LEGPRESS_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line}
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = fish_action
    return env


def through_typer(env: dict[str, str]) -> tuple[str, int]:
    result = CliRunner().invoke(app, [], env=env, prog_name="legpress")
    return result.stdout, result.exit_code


CASES = [
    (shell, action, words, incomplete)
    for shell, action in (("bash", ""), ("zsh", ""), ("fish", "get-args"), ("fish", "is-args"))
    for words, incomplete in REQUESTS
]


@pytest.mark.parametrize(
    ("shell", "action", "words", "incomplete"),
    CASES,
    ids=[f"{s}{'-' + a if a else ''}: {' '.join(w)} {i!r}" for s, a, w, i in CASES],
)
def test_fast_path_says_what_typer_says(shell: str, action: str, words: list[str], incomplete: str) -> None:
    env = shell_env(shell, words, incomplete, action)
    fast = fastcomplete.answer(env, fastcomplete.builtin_data())
    assert fast is not None, "the fast path should answer a name request"
    assert (fast.text, fast.code) == through_typer(env)


@pytest.mark.parametrize(
    "env",
    [
        shell_env("bash", [], "mus"),  # a command word
        shell_env("bash", ["muscles"], "--r"),  # an option
        shell_env("bash", ["stance", "--height"], ""),  # an option's choices
        {**shell_env("bash", ["muscle"], "vas"), "LEGPRESS_DATA": "/elsewhere"},
        {**shell_env("bash", ["muscle"], "vas"), "COMP_WORDS": "legpress muscle 'vas"},  # a quote
        {"_LEGPRESS_COMPLETE": "complete_powershell", "_TYPER_COMPLETE_ARGS": "legpress muscle vas"},
    ],
    ids=["command", "option", "choices", "--data", "quote", "powershell"],
)
def test_what_the_fast_path_does_not_know_goes_to_typer(env: dict[str, str]) -> None:
    assert fastcomplete.answer(env, fastcomplete.builtin_data()) is None


def test_a_stale_index_goes_to_typer(tmp_path: Path) -> None:
    for name in fastcomplete.INDEXED_FILES:
        (tmp_path / name).write_bytes((builtin_data_dir() / name).read_bytes() + b"\n# edited\n")
    assert fastcomplete.answer(shell_env("bash", ["muscle"], "vas"), str(tmp_path)) is None


def test_the_fast_path_finds_the_built_in_data() -> None:
    assert Path(fastcomplete.builtin_data()) == builtin_data_dir()


def test_the_index_is_current() -> None:
    """LEGPRESS_UPDATE_GOLDEN=1 rewrites it, as it does the goldens (or run scripts/make_docs.py)."""
    path = ROOT / "src" / "legpress_cli" / "completion_index.py"
    fresh = fastcomplete.render_index(str(builtin_data_dir()))
    if os.environ.get("LEGPRESS_UPDATE_GOLDEN") == "1":
        path.write_text(fresh, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == fresh, "stale: run python scripts/make_docs.py"
