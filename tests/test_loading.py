"""Bad data is rejected on load with one line naming the file, the field and the problem."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from legpress_cli.catalog import MAX_BYTES, builtin_data_dir, load_catalog
from legpress_cli.errors import DataError

# The last edit of each file: its text before, and where the edit was.
EDITS: dict[str, tuple[str, int]] = {}


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    EDITS[path.name] = (text, text.index(old))
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def at_edit(expected: str, file: str) -> str:
    """`expected` with `kind[{n}]` made the index of the record the last edit of `file` was in,
    so the cases name records by what they say, not by where they sit in today's data."""
    found = re.search(r"(\w+)\[\{n\}\]", expected)
    if not found:
        return expected
    text, where = EDITS[file]
    return expected.replace("{n}", str(text[:where].count(f"[[{found.group(1)}]]") - 1))


def load_error(directory: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_catalog(directory)
    return caught.value.message


def swap(path: Path, make: Callable[[Path], None]) -> None:
    """Put something else where a data file was."""
    path.unlink()
    make(path)


Breaker = Callable[[Path], object]

# (case, how to break the copy, file named, what the message must say)
CASES: list[tuple[str, Breaker, str, str]] = [
    (
        "unknown field",
        lambda d: edit(d / "muscles.toml", "emphasis = 4\n", 'emphasis = 4\ncolour = "red"\n'),
        "muscles.toml",
        "muscle[{n}].colour: unknown field",
    ),
    (
        "wrong type",
        lambda d: edit(d / "muscles.toml", "emphasis = 4", 'emphasis = "lots"'),
        "muscles.toml",
        "muscle[{n}].emphasis: Input should be a valid integer",
    ),
    (
        "out of range",
        lambda d: edit(d / "muscles.toml", "emphasis = 4", "emphasis = 9"),
        "muscles.toml",
        "muscle[{n}].emphasis: Input should be less than or equal to 5 (got 9)",
    ),
    (
        "duplicate id",
        lambda d: edit(d / "muscles.toml", 'id = "vastus-medialis"', 'id = "vastus-lateralis"'),
        "muscles.toml",
        "muscle[{n}]: duplicate id 'vastus-lateralis'",
    ),
    (
        "unknown group",
        lambda d: edit(d / "muscles.toml", 'group = "glutes"', 'group = "arms"'),
        "muscles.toml",
        "muscle[{n}].group: unknown group 'arms'",
    ),
    (
        "unknown source on a muscle",
        lambda d: edit(d / "muscles.toml", 'sources = ["article-a", "article-b"]', 'sources = ["article-z"]'),
        "muscles.toml",
        "unknown source 'article-z'",
    ),
    (
        "claim without a source",
        lambda d: edit(d / "cues.toml", 'sources = ["article-a"]', "sources = []"),
        "cues.toml",
        "cue[{n}].sources: Tuple should have at least 1 item",
    ),
    (
        "two baseline roles",
        lambda d: edit(
            d / "muscles.toml",
            'role = "primary"\nevidence = "contradicted"',
            'role = "primary"\nbaseline = true\nevidence = "contradicted"',
        ),
        "muscles.toml",
        "muscle[{n}]: Value error, needs exactly one role with baseline = true (found: secondary, primary)",
    ),
    (
        "claim aimed at an unknown muscle",
        lambda d: edit(
            d / "claims.toml", 'targets = ["gluteus-maximus", "hamstrings"]', 'targets = ["biceps-brachii"]'
        ),
        "claims.toml",
        "claim[{n}].targets[0]: unknown muscle or group 'biceps-brachii'",
    ),
    (
        "finding citing an unknown source",
        lambda d: edit(d / "findings.toml", 'source = "da-silva-2008"', 'source = "nobody-2020"'),
        "findings.toml",
        "finding[{n}].source[0]: unknown source 'nobody-2020'",
    ),
    (
        "finding measuring an unknown muscle",
        lambda d: edit(d / "findings.toml", 'measured = ["quadriceps"]', 'measured = ["quadriceps", "biceps-brachii"]'),
        "findings.toml",
        "finding[{n}].measured[1]: unknown muscle or group 'biceps-brachii'",
    ),
    (
        "finding comparing a condition with itself",
        lambda d: edit(d / "findings.toml", 'b = { height = "middle" }', 'b = { height = "high" }'),
        "findings.toml",
        "finding[{n}]: Value error, a and b are the same condition; a finding compares two",
    ),
    (
        "finding with a result for a muscle it did not measure",
        lambda d: edit(d / "findings.toml", 'results = { hamstrings = "more" }', 'results = { soleus = "more" }'),
        "findings.toml",
        "finding[{n}]: Value error, results name 'soleus', which is not in measured",
    ),
    (
        "finding with an unknown stance value",
        lambda d: edit(d / "findings.toml", 'a = { width = "wide" }', 'a = { width = "huge" }'),
        "findings.toml",
        "finding[{n}].a: Value error, 'huge' is not one of hip, narrow, wide for width",
    ),
    (
        "finding with a load as a position",
        lambda d: edit(
            d / "findings.toml",
            'a = { toes = "out" }\nb = { toes = "straight" }\nmachine = "leg press"',
            'a = { toes = "out", load = "any" }\nb = { toes = "straight", load = "any" }\nmachine = "leg press"',
        ),
        "findings.toml",
        "finding[{n}].a: Value error, load = 'any' is not a load to compare",
    ),
    (
        "finding n given as a string",
        lambda d: edit(d / "findings.toml", "n = 14", 'n = "14"'),
        "findings.toml",
        "finding[{n}].n: Input should be a valid integer (got '14')",
    ),
    (
        "claim with an unknown direction",
        lambda d: edit(d / "claims.toml", 'direction = "more"', 'direction = "lots"'),
        "claims.toml",
        "claim[{n}].direction: Input should be 'more' or 'less' (got 'lots')",
    ),
    (
        "map region naming no muscle",
        lambda d: edit(d / "bodymap.toml", 'g = "gluteus-maximus"', 'g = "glute"'),
        "bodymap.toml",
        "view[{n}].regions.g: unknown muscle 'glute'",
    ),
    (
        "alias claimed twice",
        lambda d: edit(d / "muscles.toml", 'aliases = ["rf", "rectus"]', 'aliases = ["rf", "vmo"]'),
        "muscles.toml",
        "name 'vmo' is already used by 'vastus-medialis'",
    ),
    (
        "invalid TOML",
        lambda d: edit(d / "cues.toml", 'phase = "setup"', "phase = setup"),
        "cues.toml",
        "invalid TOML: Invalid value (at line 6, column 9)",
    ),
    (
        "empty file",
        lambda d: (d / "sources.toml").write_text("  \n"),
        "sources.toml",
        "file is empty",
    ),
    ("missing file", lambda d: (d / "cues.toml").unlink(), "cues.toml", "file not found"),
    (
        "not UTF-8",
        lambda d: (d / "sources.toml").write_bytes(b"# caf\xe9\n[[source]]\n"),
        "sources.toml",
        "line 1: not UTF-8 text (byte 0xe9)",
    ),
    (
        "binary",
        lambda d: (d / "stances.toml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"),
        "stances.toml",
        "binary data, not text (a NUL byte at offset 8)",
    ),
    (
        "UTF-16 with a byte order mark",
        lambda d: (d / "sources.toml").write_bytes((d / "sources.toml").read_text().encode("utf-16")),
        "sources.toml",
        "UTF-16 text; legpress reads UTF-8 (save the file as UTF-8)",
    ),
    (
        "UTF-16 without a byte order mark",
        lambda d: (d / "sources.toml").write_bytes((d / "sources.toml").read_text().encode("utf-16-le")),
        "sources.toml",
        "UTF-16 text",
    ),
    (
        "arrays nested too deeply",
        lambda d: (d / "claims.toml").write_text("x = " + "[" * 50_000 + "]" * 50_000 + "\n"),
        "claims.toml",
        "arrays or tables nested too deeply",
    ),
    (
        "inline tables nested too deeply",
        lambda d: (d / "claims.toml").write_text("x = " + "{a=" * 50_000 + "1" + "}" * 50_000 + "\n"),
        "claims.toml",
        "arrays or tables nested too deeply",
    ),
    (
        "a folder in place of a file",
        lambda d: swap(d / "cues.toml", Path.mkdir),
        "cues.toml",
        "not a regular file",
    ),
    (
        "a FIFO in place of a file",
        lambda d: swap(d / "cues.toml", os.mkfifo),
        "cues.toml",
        "not a regular file",
    ),
    (
        "a boolean as an integer",
        lambda d: edit(d / "muscles.toml", "emphasis = 4", "emphasis = true"),
        "muscles.toml",
        "muscle[{n}].emphasis: Input should be a valid integer (got True)",
    ),
    (
        "a float as an integer",
        lambda d: edit(d / "muscles.toml", "emphasis = 4", "emphasis = 4.0"),
        "muscles.toml",
        "muscle[{n}].emphasis: Input should be a valid integer (got 4.0)",
    ),
    (
        "a string as a boolean",
        lambda d: edit(d / "muscles.toml", "\nbaseline = true", '\nbaseline = "yes"'),
        "muscles.toml",
        "baseline: Input should be a valid boolean (got 'yes')",
    ),
    (
        "absurdly large",
        lambda d: (d / "muscles.toml").write_bytes(b"#" * (MAX_BYTES + 1)),
        "muscles.toml",
        f"file is {MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,}",
    ),
]


@pytest.mark.parametrize(("case", "breaker", "file", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_data_is_rejected(data_copy: Path, case: str, breaker: Breaker, file: str, expected: str) -> None:
    EDITS.clear()
    breaker(data_copy)
    message = load_error(data_copy)
    assert message.startswith(str(data_copy / file) + ": ")
    assert at_edit(expected, file) in message


@pytest.mark.parametrize(("case", "breaker", "file", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_data_through_the_cli(
    data_copy: Path, run: Run, case: str, breaker: Breaker, file: str, expected: str
) -> None:
    EDITS.clear()
    breaker(data_copy)
    result = run("--data", str(data_copy), "muscles")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"legpress: error: {data_copy / file}: ")
    assert at_edit(expected, file) in lines[0]
    assert "Traceback" not in result.stderr
    assert "hint: fix the file" in lines[0]


def test_missing_data_folder(run: Run, tmp_path: Path) -> None:
    result = run("--data", str(tmp_path / "nowhere"), "cues")
    assert result.exit_code == 1
    assert result.stderr == (
        f"legpress: error: {tmp_path / 'nowhere'}: data folder not found "
        "(hint: check the path, or leave out --data / LEGPRESS_DATA to use the built-in data)\n"
    )


def test_data_path_that_is_a_file(run: Run, tmp_path: Path) -> None:
    (tmp_path / "muscles.toml").write_text("x = 1\n")
    result = run("--data", str(tmp_path / "muscles.toml"), "cues")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"legpress: error: {tmp_path / 'muscles.toml'}: not a folder "
        "(hint: check the path, or leave out --data / LEGPRESS_DATA to use the built-in data)\n"
    )


def test_data_from_environment(run: Run, data_copy: Path) -> None:
    edit(data_copy / "muscles.toml", 'name = "Vastus lateralis"', 'name = "Vasto laterale"')
    result = run("muscle", "vl", "--json", env={"LEGPRESS_DATA": str(data_copy)})
    assert result.exit_code == 0
    assert '"name": "Vasto laterale"' in result.stdout
    # --data wins over the environment
    result = run(
        "--data",
        str(builtin_data_dir()),
        "muscle",
        "vl",
        "--json",
        env={"LEGPRESS_DATA": str(data_copy)},
    )
    assert '"name": "Vastus lateralis"' in result.stdout


def _digest(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


def test_nothing_is_written_to_the_data(run: Run, data_copy: Path, tmp_path: Path) -> None:
    before = _digest(data_copy)
    for args in (
        ["muscles"],
        ["cues"],
        ["sources"],
        ["stance", "--high"],
        ["target", "glutes"],
        ["map"],
    ):
        assert run("--data", str(data_copy), *args).exit_code == 0
    assert _digest(data_copy) == before
    assert not any(p.suffix != ".toml" for p in data_copy.iterdir())


def test_loading_is_cached(data_copy: Path) -> None:
    assert load_catalog(data_copy) is load_catalog(data_copy)


def test_data_text_is_shown_literally(run: Run, data_copy: Path) -> None:
    edit(data_copy / "cues.toml", 'cue = "Stop just short', 'cue = "[bold]Stop[/bold] :warning: just short')
    result = run("--data", str(data_copy), "cues", "--phase", "top")
    assert "[bold]Stop[/bold] :warning: just short" in result.stdout


@pytest.mark.parametrize(
    "evil",
    ["\\u001b]0;owned\\u0007", "\\u001b[2K", "\\u009b31m", "\\u202e", "\\u001b]52;c;ZXZpbA==\\u0007"],
    ids=["osc-title", "csi", "c1-csi", "bidi-override", "osc52-clipboard"],
)
def test_escape_sequences_in_data_are_rejected(run: Run, data_copy: Path, evil: str) -> None:
    edit(data_copy / "muscles.toml", 'name = "Soleus"', f'name = "Sol{evil}eus"')
    result = run("--data", str(data_copy), "muscles")
    assert result.exit_code == 1 and result.stdout == ""
    field = at_edit("muscle[{n}].name", "muscles.toml")
    assert f"muscles.toml: {field}: Value error, contains the control character U+" in result.stderr
    assert "\x1b" not in result.stderr and "\x9b" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_utf8_byte_order_mark_is_accepted(data_copy: Path) -> None:
    cues = data_copy / "cues.toml"
    cues.write_bytes(b"\xef\xbb\xbf" + cues.read_bytes())
    assert load_catalog(data_copy) == load_catalog.__wrapped__(builtin_data_dir())


def test_an_unreadable_file_is_a_data_error(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads any file, so the refusal is simulated where the loader opens it."""
    real_open = os.open

    def refuse(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).endswith("cues.toml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    assert load_error(data_copy) == f"{data_copy / 'cues.toml'}: cannot read: permission denied"


def test_a_pack_of_deeply_dotted_keys_is_refused_in_one_line(data_copy: Path) -> None:
    """tomllib's time grows with the square of a dotted key: a 1 MB header is refused up front."""
    import subprocess
    import sys

    with (data_copy / "cues.toml").open("a", encoding="utf-8") as f:
        f.write("\n[" + ".".join(["a"] * 450_000) + "]\n")
    result = subprocess.run(
        [sys.executable, "-m", "legpress_cli", "--data", str(data_copy), "muscles"], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "a key nested more than 64 levels deep" in result.stderr and len(result.stderr) < 400
