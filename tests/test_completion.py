"""TAB completion answered before Typer loads (fastcomplete.py) says exactly what Typer says.

Each request goes through both paths: the fast path, from the generated index, and Typer's own
completion through the app. Their bytes and exit codes must match for bash, zsh and fish."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from legpress_cli import fastcomplete
from legpress_cli.catalog import builtin_data_dir
from legpress_cli.cli import app, complete_exercise, complete_group, name_slots

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


@pytest.fixture(autouse=True)
def _fresh_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path answers from an index made now, so a data edit fails only
    test_the_index_is_current (which names the command that regenerates it), not every test here."""
    from legpress_cli import completion_index

    made: dict[str, object] = {}
    exec(fastcomplete.render_index(str(builtin_data_dir()), name_slots()), made)
    for name in ("HASHES", "SLOTS", "NAMES"):
        monkeypatch.setattr(completion_index, name, made[name])


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
    fresh = fastcomplete.render_index(str(builtin_data_dir()), name_slots())
    if os.environ.get("LEGPRESS_UPDATE_GOLDEN") == "1":
        path.write_text(fresh, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == fresh, "stale: run python scripts/make_docs.py"


def test_a_new_name_argument_is_answered_by_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # A command added with the app's name completers gets its slots in the index, and its TAB
    # answered before Typer loads, with nothing in fastcomplete.py changed.
    from legpress_cli import completion_index

    def rival(
        exercise: Annotated[str, typer.Argument(autocompletion=complete_exercise)],
        group: Annotated[str | None, typer.Option("--group", autocompletion=complete_group)] = None,
    ) -> None:
        """A command made up for this test."""

    commands = [*app.registered_commands, typer.models.CommandInfo(name="rival", callback=rival)]
    monkeypatch.setattr(app, "registered_commands", commands)
    slots = name_slots()
    assert (slots[("rival",)], slots[("rival", "--group")]) == (("exercise",), ("group",))
    made: dict[str, object] = {}
    exec(fastcomplete.render_index(str(builtin_data_dir()), slots), made)
    monkeypatch.setattr(completion_index, "SLOTS", made["SLOTS"])
    for words, incomplete in ((["rival"], "sq"), (["rival"], ""), (["rival", "--group"], "qu")):
        env = shell_env("bash", words, incomplete)
        fast = fastcomplete.answer(env, fastcomplete.builtin_data())
        assert fast is not None, (words, incomplete)
        assert fast.text  # it offers names
        assert (fast.text, fast.code) == through_typer(env)


# --- hostile names: nothing a data pack says is ever run by the shell --------------------------

HOSTILE_NAME = "x);touch PWNED;ws=(\\\\"
HOSTILE_ALIAS = "zq\\\\"


def hostile_pack(tmp_path: Path) -> Path:
    import shutil

    pack = tmp_path / "pack"
    shutil.copytree(builtin_data_dir(), pack)
    muscles = pack / "muscles.toml"
    text = muscles.read_text(encoding="utf-8")
    text = text.replace('name = "Soleus"', f'name = "{HOSTILE_NAME}"', 1)
    text = text.replace('aliases = ["sol"]', f'aliases = ["{HOSTILE_ALIAS}", "sol"]', 1)
    muscles.write_text(text, encoding="utf-8")
    return pack


def test_a_hostile_pack_is_accepted_by_the_loader_but_never_completed(tmp_path: Path) -> None:
    from legpress_cli.catalog import completion_names, load_catalog

    pack = hostile_pack(tmp_path)
    catalog = load_catalog(pack)  # the names are legal data text: only completion refuses them
    assert HOSTILE_NAME.replace("\\\\", "\\") in {m.name for m in catalog.muscles}
    names = completion_names(pack)
    from legpress_cli.names import complete

    offered = complete("", [(i, s, shown) for i, s, shown, kind in names if kind == "muscle"])
    assert offered and all("\\" not in w and ";" not in w and "(" not in w for w, _ in offered)
    assert all(";" not in h and "\\" not in h for _, h in offered)


ZSH_TAB = """
zmodload zsh/zpty
zpty -b z "zsh -f -i"
zpty -w z "PS1='> '; autoload -U compinit; compinit -u -D"
zpty -w z "legpress() { $LP \"\\$@\"; }"
zpty -w z "$(LEGPRESS_SCRIPT)"
zpty -w z "compdef _legpress_completion legpress"
for typed in zq x s ''; do
  zpty -n -w z "legpress --data $PACK muscle $typed"$'\\t'
  sleep 1.5
  zpty -n -w z $'\\C-u'
done
zpty -w z "exit"
sleep 0.3
zpty -r z out
zpty -d z
"""


def _legpress_command(tmp_path: Path) -> str:
    """A `legpress` that runs this checkout with this interpreter."""
    import sys

    command = tmp_path / "bin" / "legpress"
    command.parent.mkdir()
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m legpress_cli "$@"\n', encoding="utf-8")
    command.chmod(0o755)
    return str(command)


@pytest.mark.parametrize("shell", ["zsh", "bash"])
def test_tab_in_a_real_shell_runs_nothing_from_a_pack(tmp_path: Path, shell: str) -> None:
    """A real TAB press: zsh drives an interactive zsh through zpty with Typer's own completion
    script (which evaluates what legpress prints); bash runs Typer's completion function."""
    import shutil
    import subprocess

    if not shutil.which(shell):
        if os.environ.get("CI"):
            pytest.fail(f"{shell} is not installed; .ci/run installs it")
        pytest.skip(f"{shell} is not installed")
    pack = hostile_pack(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("_LEGPRESS")}
    lp = _legpress_command(tmp_path)
    env |= {"LP": lp, "PACK": str(pack)}
    script_text = subprocess.run(
        [lp], env={**env, "_LEGPRESS_COMPLETE": f"source_{shell}"}, capture_output=True
    ).stdout.decode()
    # Typer's script calls `legpress`; here that is this interpreter running the package.
    script_text = script_text.replace("_LEGPRESS_COMPLETE=complete_zsh legpress", "_LEGPRESS_COMPLETE=complete_zsh $LP")
    script_text = script_text.replace("_LEGPRESS_COMPLETE=complete_bash $1", "_LEGPRESS_COMPLETE=complete_bash $LP")
    if shell == "zsh":
        function = next(line for line in script_text.splitlines() if "eval" in line)
        body = "_legpress_completion() { " + function.strip() + " }"
        driver = ZSH_TAB.replace("$(LEGPRESS_SCRIPT)", body.replace('"', '\\"').replace("$", "\\$"))
        result = subprocess.run(["zsh", "-f", "-c", driver], cwd=work, env=env, capture_output=True, timeout=120)
    else:
        driver = (
            script_text.replace("complete -o default -F _legpress_completion legpress", "")
            + "for typed in zq x s ''; do\n"
            + '  COMP_WORDS=(legpress --data "$PACK" muscle "$typed"); COMP_CWORD=4\n'
            + "  _legpress_completion legpress\n"
            + '  printf "%s\\n" "${COMPREPLY[@]}"\n'
            + "done\n"
        )
        result = subprocess.run(["bash", "-c", driver], cwd=work, env=env, capture_output=True, timeout=120)
        offered = result.stdout.decode()
        assert "\\" not in offered and ";" not in offered
        assert "soleus" in offered.split()  # the pack still completes its good names
    assert result.returncode == 0, result.stderr
    assert not (work / "PWNED").exists()
    assert list(work.iterdir()) == []
