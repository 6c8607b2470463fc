"""Hostile and careless input, one case each: what a local attacker or a slip of the keyboard can
hand legpress, and the one line (or the silence) it must answer with."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Run
from legpress_cli.catalog import load_catalog
from legpress_cli.errors import DataError

LEGPRESS = [sys.executable, "-m", "legpress_cli"]


def legpress(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*LEGPRESS, *args], capture_output=True, env={**os.environ, **(env or {})}, cwd=cwd)


def rename(pack: Path, name: str) -> None:
    muscles = pack / "muscles.toml"
    text = muscles.read_text(encoding="utf-8").replace(
        'name = "Soleus"', f"name = {json.dumps(name, ensure_ascii=False)}", 1
    )
    muscles.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "char", ["\u2028", "\u2029", "\u200b", "\u200d", "\u2060", "\ufeff", "\U000e0041"], ids=lambda c: f"U+{ord(c):04X}"
)
def test_invisible_and_line_breaking_characters_are_refused_in_names(data_copy: Path, char: str) -> None:
    rename(data_copy, f"Sol{char}eus")
    with pytest.raises(DataError) as caught:
        load_catalog(data_copy)
    assert f"U+{ord(char):04X}" in str(caught.value)


def test_markdown_handout_escapes_strikethrough_and_entities(data_copy: Path, run: Run) -> None:
    rename(data_copy, "~~Soleus~~ &amp;")
    result = run("--data", str(data_copy), "report", "--format", "markdown", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "\\~\\~Soleus\\~\\~ \\&amp;" in result.stdout and "~~Soleus" not in result.stdout.replace("\\~", "")


def test_columns_zero_is_as_if_unset(run: Run) -> None:
    unset = run("muscles", env={"COLUMNS": None})
    zero = run("muscles", env={"COLUMNS": "0"})
    assert zero.exit_code == 0 and zero.stdout == unset.stdout


def test_svg_dash_is_standard_output(tmp_path: Path) -> None:
    result = legpress("map", "--high", "--svg", "-", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith(b"<svg")
    assert list(tmp_path.iterdir()) == []
    both = legpress("map", "--svg", "-", "--json", cwd=tmp_path)
    assert both.returncode == 2 and both.stderr.count(b"\n") == 1


def test_a_huge_argument_is_cut_in_the_error_line() -> None:
    result = legpress("muscle", "x" * 100_000)
    assert result.returncode == 2
    line = result.stderr.decode()
    assert line.count("\n") == 1 and len(line) < 1000 and "…" in line


def test_a_huge_typo_is_not_handed_to_difflib() -> None:
    result = legpress("muscle", "vastus " + "y" * 128_000)
    assert result.returncode == 2 and result.stderr.count(b"\n") == 1


def test_a_symlink_loop_as_data_says_so(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    result = legpress("--data", str(loop), "muscles")
    assert result.returncode == 1
    assert b"a loop of symbolic links" in result.stderr and result.stderr.count(b"\n") == 1


def test_python_m_inside_a_pack_does_not_import_the_packs_modules(tmp_path: Path) -> None:
    (tmp_path / "typer.py").write_text("open('RAN', 'w').close()\nraise SystemExit(3)\n", encoding="utf-8")
    result = legpress("muscles", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "RAN").exists()


def test_a_home_that_does_not_exist_is_never_created(tmp_path: Path) -> None:
    home = tmp_path / "no" / "home"
    result = legpress("--data", str(load_data_dir()), "muscles", env={"HOME": str(home), "XDG_CACHE_HOME": ""})
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "no").exists()


def load_data_dir() -> Path:
    from legpress_cli.catalog import builtin_data_dir

    return builtin_data_dir()


def test_force_color_beats_term_dumb() -> None:
    env = {"TERM": "dumb", "FORCE_COLOR": "1", "NO_COLOR": ""}
    result = legpress("stance", "--high", env=env)
    assert result.returncode == 0 and b"\x1b[" in result.stdout
    plain = legpress("stance", "--high", env={"TERM": "dumb", "FORCE_COLOR": "", "NO_COLOR": ""})
    assert b"\x1b[" not in plain.stdout


def test_an_absurd_file_size_cap_is_no_internal_error() -> None:
    result = legpress("--data", str(load_data_dir()), "muscles", env={"LEGPRESS_MAX_FILE_BYTES": "9" * 40})
    assert result.returncode == 0, result.stderr


def test_a_relative_output_in_a_deleted_folder_is_one_line(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = f"cd {shlex.quote(str(gone))} && rmdir {shlex.quote(str(gone))} && {shlex.join(LEGPRESS)} report -o x.html"
    result = subprocess.run(["sh", "-c", script], capture_output=True)
    assert result.returncode == 1
    assert result.stderr.startswith(b"legpress: error: cannot write x.html") and result.stderr.count(b"\n") == 1


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "ascii"])
def test_html_and_json_are_utf8_whatever_the_output_encoding(encoding: str) -> None:
    env = {"PYTHONIOENCODING": encoding, "LC_ALL": "C"}
    page = legpress("report", "--high", "-o", "-", env=env)
    assert page.returncode == 0
    assert "↑" in page.stdout.decode("utf-8") and b'charset="utf-8"' in page.stdout
    data = legpress("stance", "--high", "--json", env=env)
    assert json.loads(data.stdout.decode("utf-8"))["command"] == "stance"


def test_a_closed_stdout_after_the_file_was_written_is_no_failure(tmp_path: Path) -> None:
    out = tmp_path / "h.html"
    script = f"{shlex.join(LEGPRESS)} report --high -o {shlex.quote(str(out))} >&-"
    result = subprocess.run(["sh", "-c", script], capture_output=True)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_nul_byte_in_the_data_folder_name_is_one_line(run: Run) -> None:
    result = run("--data", "\x00", "muscles")
    assert result.exit_code == 1
    assert result.stderr.startswith("legpress: error: \\x00: data folder not found") and result.stderr.count("\n") == 1
