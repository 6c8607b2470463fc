"""The installed console script as a user runs it: real processes, pipes, terminals, encodings."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PINNED
from legpress_cli import __version__

BIN = Path(sys.executable).parent
LEGPRESS = str(BIN / "legpress")
pytestmark = pytest.mark.slow


def env(**changes: str | None) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith("_LEGPRESS")}
    out.update(PINNED)
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def run(*args: str, **changes: str | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LEGPRESS, *args],
        capture_output=True,
        text=True,
        env=env(**changes),
        timeout=60,
        encoding="utf-8",
    )


def test_console_script_prints_the_table() -> None:
    result = run("muscles")
    assert (result.returncode, result.stderr) == (0, "")
    # The exact table is the golden's job (test_cli); here, that the installed script answers.
    assert result.stdout.startswith("Muscle ") and "\nPrimary movers\n" in result.stdout


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    result = run(flag)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"legpress {__version__}\n", "")


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "legpress_cli", "cues", "--phase", "top"],
        capture_output=True,
        text=True,
        env=env(),
    )
    assert result.returncode == 0
    assert "Stop just short of locking your knees" in result.stdout


@pytest.mark.parametrize("args", [["sources"], ["--help"], ["stance", "--help"], ["muscles", "--json"]])
def test_closed_pipe_ends_silently(args: list[str]) -> None:
    proc = subprocess.Popen([LEGPRESS, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env())
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the tool writes a byte
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0
    assert err == b""


def test_pipe_to_head() -> None:
    result = subprocess.run(
        f"'{LEGPRESS}' muscles | head -1",
        shell=True,
        capture_output=True,
        text=True,
        env=env(),
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Muscle ")
    assert result.stderr == ""


def test_ascii_output_encoding() -> None:
    for args in (
        ["muscles"],
        ["stance", "--high", "--wide"],
        ["map", "--low"],
        ["cues"],
        ["sources"],
        ["muscle", "vmo"],
    ):
        result = subprocess.run(
            [LEGPRESS, *args],
            capture_output=True,
            env=env(PYTHONIOENCODING="ascii", NO_COLOR="1"),
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr == b""
        text = result.stdout.decode("ascii")  # raises if anything is not ASCII
        if args != ["sources"]:  # the articles' own title ends in a question mark
            assert "?" not in text
    muscles = run("muscles", PYTHONIOENCODING="ascii")
    assert "####." in muscles.stdout and "* Biceps femoris" in muscles.stdout


def _tty(*args: str, **changes: str | None) -> str:
    """Run with a pseudo-terminal as stdout, as a user at a terminal would."""
    main, child = pty.openpty()
    proc = subprocess.Popen([LEGPRESS, *args], stdout=child, stderr=subprocess.DEVNULL, env=env(**changes))
    os.close(child)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_on_a_terminal_and_never_with_no_color_or_dumb() -> None:
    assert "\x1b[" in _tty("muscles", NO_COLOR=None)
    assert "\x1b[" not in _tty("muscles", NO_COLOR="1")
    assert "\x1b[" not in _tty("muscles", NO_COLOR=None, TERM="dumb")


def test_force_color_when_piped() -> None:
    result = run("map", "--high", "--wide", NO_COLOR=None, FORCE_COLOR="1")
    assert result.returncode == 0
    assert "\x1b[" in result.stdout
    assert len(result.stdout.splitlines()) >= 10


def complete_bash(words: str, **changes: str) -> subprocess.CompletedProcess[str]:
    """What bash's completion function gets for the command line `words` (TAB at its end)."""
    return subprocess.run(
        [LEGPRESS],
        capture_output=True,
        text=True,
        env=env(
            _LEGPRESS_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - 1), **changes
        ),
        timeout=60,
    )


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (
            "legpress muscle vastus",
            ["vastus-intermedius", "vastus-lateralis", "vastus-medialis", "vastus-medialis-oblique"],
        ),
        ("legpress target hip", ["hip-adductors"]),
        ("legpress target Inner", ["Inner-quad", "Inner-hamstring", "Inner-thigh", "Inner-thighs"]),
        ("legpress muscles --group ham", ["hams", "hamstring", "hamstrings"]),
        ("legpress compare kn", ["knee-extension", "knee-extensions"]),
        ("legpress compare sq", ["squat", "squats"]),
    ],
)
def test_completion_offers_names_and_aliases(words: str, offered: list[str]) -> None:
    result = complete_bash(words)
    assert (result.returncode, result.stderr) == (0, "")
    assert sorted(result.stdout.split()) == sorted(offered)


def test_completion_of_broken_data_is_silent(tmp_path: Path) -> None:
    (tmp_path / "muscles.toml").write_text("x = [[[[\n")
    result = complete_bash("legpress muscle vas", LEGPRESS_DATA=str(tmp_path))
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "", "")


def test_ctrl_c_exits_130_quietly() -> None:
    code = (
        "import os, signal, sys\n"
        "import legpress_cli.advisor as advisor\n"
        "advisor.list_cues = lambda *a, **k: os.kill(os.getpid(), signal.SIGINT)\n"
        "sys.argv = ['legpress', 'cues']\n"
        "from legpress_cli.entry import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env(), timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (130, "", "")


def test_show_completion_prints_a_script() -> None:
    result = run("--show-completion", "bash", SHELL="/bin/bash")
    assert result.returncode == 0
    assert "_LEGPRESS_COMPLETE=complete_bash" in result.stdout
    assert "complete -o default -F _legpress_completion legpress" in result.stdout


def test_completion_reads_the_chosen_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for source in (Path(__file__).resolve().parents[1] / "data").glob("*.toml"):
        (data / source.name).write_text(
            source.read_text(encoding="utf-8").replace("vastus-lateralis", "vastus-lateralis-x"), encoding="utf-8"
        )
    for extra in ({"LEGPRESS_DATA": str(data)}, {}):
        words = "legpress muscle vastus-l" if extra else f"legpress --data {data} muscle vastus-l"
        result = complete_bash(words, **extra)
        assert result.stdout.split() == ["vastus-lateralis", "vastus-lateralis-x"]  # its name, and its new id


@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["muscles"], ["muscles", "--json"], ["stance", "--high"], ["map", "--help"]]
)
def test_closed_stdout_is_one_line_and_exit_1(args: list[str]) -> None:
    result = subprocess.run(
        [LEGPRESS, *args],
        stdout=subprocess.DEVNULL,
        env=env(),
        capture_output=False,
        stderr=subprocess.PIPE,
        timeout=60,
        close_fds=True,
        pass_fds=(),
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 1
    assert result.stderr.decode() == "legpress: error: cannot write output: standard output is closed" + (
        "\n" if args == ["--version"] else " (hint: run it with stdout open)\n"
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--version"], ["--help"], ["muscles"], ["cues", "--json"], ["muscles", "--help"]])
def test_full_disk_on_stdout_is_one_line_and_exit_1(args: list[str]) -> None:
    with Path("/dev/full").open("w") as full:
        result = subprocess.run([LEGPRESS, *args], stdout=full, stderr=subprocess.PIPE, env=env(), timeout=60)
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("legpress: error: cannot write output: No space left on device")


def test_huge_columns_pad_nothing() -> None:
    result = subprocess.run([LEGPRESS, "sources"], capture_output=True, env=env(COLUMNS="100000"), timeout=60)
    assert result.returncode == 0
    text = result.stdout.decode()
    assert not [line for line in text.splitlines() if line != line.rstrip()]
    assert max(len(line) for line in text.splitlines()) <= 500


def test_invalid_bytes_in_an_argument_never_break_json() -> None:
    result = subprocess.run(
        [LEGPRESS.encode(), b"muscle", b"vasts medialis\xff", b"--json"], capture_output=True, env=env(), timeout=60
    )
    assert result.returncode == 0
    doc = json.loads(result.stdout.decode("utf-8"))  # strict UTF-8: raises on a stray byte
    assert doc["muscle"]["id"] == "vastus-medialis"
    assert doc["guessed_from"] == "vasts medialis\ufffd"
    assert result.stderr == b""


def _on_a_terminal(args: list[str], env: dict[str, str], tmp_path: Path) -> tuple[str, bool]:
    """Run legpress with a pseudo-terminal as stdout; the pager is a script that records what it got."""
    seen = tmp_path / "paged.txt"
    pager = tmp_path / "pager.sh"
    pager.write_text(f"#!/bin/sh\ncat > {seen}\n", encoding="utf-8")
    pager.chmod(0o755)
    full = {**os.environ, "LEGPRESS_PAGER": str(pager), "LINES": "20", "COLUMNS": "100", **env}
    full.pop("_LEGPRESS_COMPLETE", None)
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "legpress_cli", *args], stdout=follower, stderr=subprocess.DEVNULL, env=full
    )
    os.close(follower)
    shown = b""
    with contextlib.suppress(OSError):  # EIO once the terminal's last writer has gone
        while chunk := os.read(leader, 65536):  # read as it writes: a full terminal would stall it
            shown += chunk
    os.close(leader)
    assert proc.wait(timeout=60) == 0
    return shown.decode(), seen.exists()


def test_a_long_answer_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    _, paged = _on_a_terminal(["sources"], {}, tmp_path)
    assert paged and "Da Silva 2008" in (tmp_path / "paged.txt").read_text(encoding="utf-8")


def test_no_pager_for_a_short_answer_a_pipe_or_no_pager(tmp_path: Path) -> None:
    shown, paged = _on_a_terminal(["--no-pager", "sources"], {}, tmp_path)
    assert not paged and "Da Silva 2008" in shown
    _, paged = _on_a_terminal(["target", "glutes"], {}, tmp_path)  # shorter than the screen
    assert not paged
    piped = subprocess.run(
        [sys.executable, "-m", "legpress_cli", "sources"],
        capture_output=True,
        env={**os.environ, "LEGPRESS_PAGER": "false"},
    )
    assert piped.returncode == 0 and b"Da Silva 2008" in piped.stdout


@pytest.mark.parametrize("args", [["stance", "--high"], ["muscles"], ["map", "--high"], ["target", "glutes"]])
def test_plain_text_for_a_screen_reader(args: list[str]) -> None:
    env = {**os.environ, "COLUMNS": "100", "FORCE_COLOR": "1"}
    env.pop("NO_COLOR", None)
    result = subprocess.run([sys.executable, "-m", "legpress_cli", "--plain", *args], capture_output=True, env=env)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    assert "\x1b[" not in text  # no colour, even when forced
    assert not set(text) & set("■□─↑↓↕○†")  # no pictures, rules or arrows
    if args[0] in ("stance", "muscles"):
        assert "4/5" in text  # emphasis as a number


# --- the start-up invariant: a warm run never imports pydantic or the checking code ------------

CHECKING = ("pydantic", "legpress_cli.model", "legpress_cli.datafiles")
EVERY_COMMAND = [
    [],
    ["muscles"],
    ["muscles", "--json"],
    ["muscles", "--svg", "{tmp}/m.svg"],
    ["muscle", "vmo"],
    ["stance", "--high", "--wide"],
    ["stance", "--high", "--vs", "low", "--json"],
    ["stance", "--high", "--svg", "{tmp}/s.svg"],
    ["stance", "--high", "--format", "csv"],
    ["target", "quadriceps"],
    ["target", "glutes", "--json"],
    ["map"],
    ["map", "--low", "--svg", "{tmp}/map.svg"],
    ["cues", "--phase", "Bottom"],
    ["compare", "squat"],
    ["evidence", "hamstrings"],
    ["evidence", "--format", "csv"],
    ["sources"],
    ["sources", "--format", "bibtex"],
    ["knee"],
    ["report", "--high", "-o", "{tmp}/h.html"],
    ["report", "--high", "-o", "{tmp}/h.md"],
    ["schema"],
    ["schema", "stance"],
    ["grades"],
    ["help", "stance"],
    ["stance", "--help"],
    ["glutes"],  # a usage error answers as fast
]


def _imported(args: list[str], **changes: str | None) -> set[str]:
    """The modules a run imported, as `python -X importtime` reports them."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", LEGPRESS, *args],
        capture_output=True,
        text=True,
        env=env(**changes),
        timeout=60,
    )
    return {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=[" ".join(a) or "bare" for a in EVERY_COMMAND])
def test_a_warm_run_imports_no_pydantic(args: list[str], tmp_path: Path) -> None:
    """Keeping pydantic out of a warm run is most of the start-up budget (about 84% of
    `legpress muscles`); nothing else would notice if a Typer upgrade or a refactor brought it back."""
    given = [a.format(tmp=tmp_path) for a in args]
    run("muscles")  # the cache is warm (the built-in data's snapshot makes it so anyway)
    imported = _imported(given)
    assert "legpress_cli.entry" in imported
    assert sorted(m for m in imported if m.split(".")[0] in CHECKING or m in CHECKING) == []


def test_a_tab_press_imports_no_pydantic_and_no_typer() -> None:
    from legpress_cli import fastcomplete

    imported = _imported([], _LEGPRESS_COMPLETE="complete_bash", COMP_WORDS="legpress muscle vas", COMP_CWORD="2")
    assert [m for m in imported if m.split(".")[0] == "pydantic"] == []
    # While the index is stale Typer answers instead (test_the_index_is_current says so).
    if fastcomplete._index(fastcomplete.builtin_data()) is not None:
        assert [m for m in imported if m.split(".")[0] in ("typer", "rich")] == []


def test_the_invariant_check_sees_pydantic_when_it_is_imported(tmp_path: Path) -> None:
    """The check above can fail: a --data pack on a cold cache must be checked, with pydantic."""
    import shutil

    from legpress_cli.catalog import builtin_data_dir

    pack = tmp_path / "pack"
    shutil.copytree(builtin_data_dir(), pack)
    imported = _imported(["--data", str(pack), "muscles"], LEGPRESS_CACHE_DIR=str(tmp_path / "cold"))
    assert {"pydantic", "legpress_cli.model", "legpress_cli.datafiles"} <= imported
