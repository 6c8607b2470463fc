"""The body map: shading by change, fallbacks without colour or UTF-8, SVG output."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, Run
from legpress_cli.advisor import Stance, assess
from legpress_cli.records import Catalog
from legpress_cli.render import SHADE, Frame, Glyphs, body_map
from legpress_cli.results import MapResult
from legpress_cli.vocab import DIRECTIONS

sys.path.insert(0, str(ROOT / "scripts"))
import make_docs


def draw(catalog: Catalog, stance: Stance, *, ascii: bool, width: int = 80) -> str:
    from rich.console import Console

    console = Console(width=width, color_system=None, file=None, record=True)
    with console.capture() as capture:
        console.print(body_map(MapResult(catalog, assess(catalog, stance)), Frame(Glyphs(ascii=ascii), width)))
    return capture.get()


def glute_cell(text: str) -> str:
    """The shade drawn just right of the gluteus maximus label on the back view."""
    line = next(line for line in text.splitlines() if "G" in line and line.count(".") > 4)
    return line[line.index("G") + 1]


def test_each_change_has_its_own_pattern_and_colour() -> None:
    patterns = [SHADE[d][0] for d in DIRECTIONS]
    assert "".join(patterns).isascii() and len(set(patterns)) == len(patterns)
    assert "." not in patterns and " " not in patterns  # never confused with outline or background
    assert len({SHADE[d][1] for d in DIRECTIONS}) == len(DIRECTIONS)


def test_high_feet_shade_the_glutes_as_more(catalog: Catalog) -> None:
    assert glute_cell(draw(catalog, Stance(), ascii=True)) == "#"  # the neutral map shades by role: primary
    assert glute_cell(draw(catalog, Stance.of(height="high"), ascii=True)) == "+"


def test_map_json_reports_region_changes(run: Run) -> None:
    high = json.loads(run("map", "--high", "--json").stdout)
    wide = json.loads(run("map", "--wide", "--json").stdout)

    def region(data: dict[str, object], muscle: str) -> tuple[str, str | None]:
        for view in data["views"]:  # type: ignore[attr-defined]
            for r in view["regions"]:
                if r["muscle"] == muscle:
                    return r["direction"], r["evidence"]
        raise AssertionError(muscle)

    assert region(high, "gluteus-maximus") == ("more", "weak")
    assert region(high, "rectus-femoris") == ("less", "moderate")
    # A contradicted claim never shades a muscle; the two Martin-Fuentes papers are one sample.
    assert region(wide, "vastus-medialis") == ("no_difference", "moderate")


def test_ascii_map_uses_distinct_patterns() -> None:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "ascii"}
    result = subprocess.run([sys.executable, "-m", "legpress_cli", "map", "--low"], capture_output=True, env=env)
    assert result.returncode == 0
    text = result.stdout.decode("ascii")
    assert {"+", "-", ":"} <= set(text)
    legend = " ".join(text[text.index("Change:") :].split())  # the legend may wrap
    assert legend.startswith(
        "Change: ++ more -- less == no difference ~~ mixed oo nothing reported :: not measured cc claimed, not measured"
    )


def test_colour_map(run: Run) -> None:
    result = run("map", "--high", "--wide", env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert "\x1b[" in result.stdout
    assert len(result.stdout.splitlines()) >= 10


def test_narrow_terminal_stacks_the_views(run: Run) -> None:
    text = run("map", env={"COLUMNS": "40"}).stdout
    assert all(len(line) <= 40 for line in text.splitlines())
    front, back = text.index("Front"), text.index("Back")
    assert text[front:back].count("\n") > 15  # back comes below front, not beside it


@pytest.mark.parametrize("command", [["map", "--high"], ["muscles"], ["stance", "--low"]])
def test_svg_is_well_formed(run: Run, tmp_path: Path, command: list[str]) -> None:
    out = tmp_path / "picture.svg"
    result = run(*command, "--svg", str(out))
    assert result.exit_code == 0
    root = ET.parse(out).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Gluteus maximus" in out.read_text(encoding="utf-8").replace("&#160;", " ")


@pytest.mark.parametrize("command", [["muscles"], ["stance", "--high", "--wide"]])
def test_terminal_svg_is_in_colour_with_ids_of_its_own(run: Run, tmp_path: Path, command: list[str]) -> None:
    # The picture of a table keeps the grades' colours and bold whatever the terminal is, and
    # names its classes after its own content: the same answer gives the same file.
    first, second, other = tmp_path / "a.svg", tmp_path / "b.svg", tmp_path / "c.svg"
    for out, args in ((first, command), (second, command), (other, ["muscles", "--role", "primary"])):
        assert run(*args, "--svg", str(out)).exit_code == 0
    text = first.read_text(encoding="utf-8")
    assert len(set(re.findall(r"fill: (#[0-9a-f]{6})", text))) >= 4
    assert "font-weight: bold" in text
    ids = set(re.findall(r"terminal-\d+", text))
    assert len(ids) == 1
    assert first.read_bytes() == second.read_bytes()
    assert ids.isdisjoint(re.findall(r"terminal-\d+", other.read_text(encoding="utf-8")))


def test_svg_to_an_unwritable_place(run: Run, tmp_path: Path) -> None:
    result = run("map", "--svg", str(tmp_path / "missing" / "x.svg"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"legpress: error: cannot write {tmp_path / 'missing' / 'x.svg'}")


def _full_disk(*args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_svg_on_a_full_disk_keeps_the_previous_file(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "legs.svg"
    out.write_text("the previous picture")
    monkeypatch.setattr(os, "fsync", _full_disk)  # the write fails as a full disk makes it fail
    result = run("map", "--high", "--svg", str(out))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"legpress: error: cannot write {out}: no space left on device "
        "(hint: free some disk space and try again; the previous file, if any, is unchanged)\n"
    )
    assert out.read_text() == "the previous picture"
    assert [p.name for p in tmp_path.iterdir()] == ["legs.svg"]  # no partial file left


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB file system, where the tests may mount one (root on Linux); else skipped,
    and the simulated full disk above still runs."""
    where = tmp_path / "tiny"
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(where)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=True)


def test_svg_on_a_real_full_disk_keeps_the_previous_file(tiny_disk: Path) -> None:
    out = tiny_disk / "legs.svg"
    out.write_text("the previous picture")
    with contextlib.suppress(OSError), (tiny_disk / "filler").open("wb") as filler:
        while True:  # fill the disk to its last block
            filler.write(b"x" * 1024)
            filler.flush()
    legpress = str(Path(sys.executable).parent / "legpress")
    result = subprocess.run([legpress, "map", "--high", "--svg", str(out)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.startswith(f"legpress: error: cannot write {out}: no space left on device")
    assert out.read_text() == "the previous picture"
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler", "legs.svg"]


def test_svg_replaces_a_file_whole_and_keeps_its_permissions(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "legs.svg"
    out.write_text("old")
    out.chmod(0o640)
    assert run("map", "--svg", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<svg")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_svg_through_a_symlink_writes_the_file_it_names(run: Run, tmp_path: Path) -> None:
    real = tmp_path / "real.svg"
    real.write_text("old")
    link = tmp_path / "link.svg"
    link.symlink_to(real)
    assert run("map", "--svg", str(link)).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("<svg")


@pytest.mark.parametrize("inside", ["muscles.toml", "new.svg"])
def test_svg_never_writes_into_the_data(run: Run, data_copy: Path, inside: str) -> None:
    before = {p.name: p.read_bytes() for p in data_copy.iterdir()}
    result = run("--data", str(data_copy), "map", "--svg", str(data_copy / inside))
    assert result.exit_code == 2
    if inside.endswith(".svg"):
        assert result.stderr == (
            f"legpress: error: cannot write {data_copy / inside}: it is inside the data folder {data_copy}, "
            "which legpress only reads (hint: choose a file outside the data folder)\n"
        )
    else:  # not even an SVG name: refused before anything else
        assert "the picture is SVG (hint: end the name in .svg" in result.stderr
    assert {p.name: p.read_bytes() for p in data_copy.iterdir()} == before


def test_svg_into_a_fifo_writes_through_it_and_keeps_it(tmp_path: Path) -> None:
    """A FIFO (or /dev/stdout) cannot be replaced by a rename; replacing it would break it."""
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    legpress = str(Path(sys.executable).parent / "legpress")
    proc = subprocess.Popen([legpress, "map", "--svg", str(fifo)], stdout=subprocess.DEVNULL)
    with fifo.open("rb") as reader:
        received = reader.read()
    assert proc.wait(timeout=60) == 0
    assert received.startswith(b"<svg")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe.svg"]


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
def test_svg_to_dev_stdout_goes_down_the_pipe() -> None:
    legpress = str(Path(sys.executable).parent / "legpress")
    result = subprocess.run([legpress, "map", "--svg", "/dev/stdout"], capture_output=True, timeout=60)
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.startswith(b"<svg")


def test_svg_refuses_a_folder(run: Run, tmp_path: Path) -> None:
    result = run("map", "--svg", f"{tmp_path}/")
    assert result.exit_code == 2
    assert "is a folder" in result.stderr or "is a directory" in result.stderr


def test_svg_with_json_writes_both(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "legs.svg"
    result = run("map", "--high", "--json", "--svg", str(out))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["command"] == "map"
    assert ET.parse(out).getroot().tag == "{http://www.w3.org/2000/svg}svg"


def test_svg_is_written_before_a_closed_pipe(tmp_path: Path) -> None:
    out = tmp_path / "legs.svg"
    legpress = str(Path(sys.executable).parent / "legpress")
    proc = subprocess.Popen(
        [legpress, "map", "--high", "--svg", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader has gone before legpress writes a byte
    assert proc.wait(timeout=60) == 0
    with proc.stderr:
        assert proc.stderr.read() == f"legpress: wrote {out}\n".encode()
    assert out.read_text(encoding="utf-8").startswith("<svg")


def test_docs_pictures_are_current(tmp_path: Path) -> None:
    """Regenerated with the goldens (LEGPRESS_UPDATE_GOLDEN=1), or by scripts/make_docs.py."""
    updating = os.environ.get("LEGPRESS_UPDATE_GOLDEN") == "1"
    for fresh in make_docs.make(ROOT / "docs" if updating else tmp_path):
        committed = ROOT / "docs" / fresh.name
        assert committed.exists(), f"run: python scripts/make_docs.py ({fresh.name} missing)"
        assert fresh.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), (
            f"docs/{fresh.name} is stale: run python scripts/make_docs.py"
        )


def test_shapes_come_from_data(run: Run, data_copy: Path) -> None:
    """A region added to the data is drawn with no code change."""
    path = data_copy / "bodymap.toml"
    shape = '[[view.shape]]\nmuscle = "gluteus-maximus"\npath = "M 10 10 L 20 10 L 20 20 Z"\nlabel = [15, 15]\n\n'
    text = path.read_text(encoding="utf-8").replace(
        'o = "soleus"\n\n[[view.shape]]', f'o = "soleus"\nz = "gluteus-maximus"\n\n{shape}[[view.shape]]', 1
    )
    text = text.replace('"   .....        .....   ",', '"   .zzZ.        .....   ",', 1)
    path.write_text(text, encoding="utf-8")
    out = run("--data", str(data_copy), "map", "--svg", str(data_copy.parent / "m.svg")).stdout
    assert ".##Z." in out  # the gluteus maximus, a primary mover, in the neutral map
    svg = (data_copy.parent / "m.svg").read_text(encoding="utf-8")
    front = svg[svg.index('data-view="front"') : svg.index('data-view="back"')]
    # drawn on both legs: the path and its mirror image in a 200-wide view
    assert 'data-muscle="gluteus-maximus" d="M 10 10 L 20 10 L 20 20 Z M 190 10 L 180 10 L 180 20 Z"' in front


@pytest.mark.parametrize(
    ("page", "picture"), [(make_docs.HANDOUT, make_docs.SCREENSHOT), (make_docs.EXPLORER, make_docs.EXPLORER_SHOT)]
)
def test_the_readme_screenshots_show_the_current_pages(page: str, picture: str) -> None:
    """Each PNG carries the SHA-256 of the page it was taken of (scripts/make_docs.py)."""
    shown = (ROOT / "docs" / page).read_bytes()
    shot = (ROOT / "docs" / picture).read_bytes()
    assert make_docs.shown_page(shot) == hashlib.sha256(shown).hexdigest(), (
        f"docs/{picture} is stale: run python scripts/make_docs.py (needs chromium)"
    )


def test_the_neutral_map_shows_what_the_leg_press_works_by_role(run: Run, tmp_path: Path) -> None:
    text = run("map", env={"COLUMNS": "100", "NO_COLOR": "1"}).stdout
    assert "Role: ## primary mover  xx secondary mover  '' stabilizer" in text
    assert "Gluteus maximus (back): primary mover, 3/5" in text
    assert "Gastrocnemius (back)" in text  # the view that shows most of it
    body = text.split("Role:")[0]
    assert {"#", "x", "'"} <= set(body) and ":" not in body  # nothing drawn as "not measured"
    out = tmp_path / "m.svg"
    assert run("map", "--svg", str(out)).exit_code == 0
    svg = out.read_text(encoding="utf-8")
    assert 'fill="url(#lp-primary)"' in svg and 'fill="url(#lp-stabilizer)"' in svg
    assert "url(#lp-not_measured)" not in svg.split("<desc")[0].split("</defs>")[-1]
    changed = run("map", "--high").stdout
    assert "Change:" in changed and "Role:" not in changed
