"""The body map: shading by change, fallbacks without colour or UTF-8, SVG output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, Run
from legpress_cli.advisor import Stance, assess
from legpress_cli.records import Catalog
from legpress_cli.render import SHADE, SHADE_ORDER, Glyphs, body_map

sys.path.insert(0, str(ROOT / "scripts"))
import make_docs


def draw(catalog: Catalog, stance: Stance, *, ascii: bool, width: int = 80) -> str:
    from rich.console import Console

    console = Console(width=width, color_system=None, file=None, record=True)
    with console.capture() as capture:
        console.print(body_map(catalog, assess(catalog, stance), Glyphs(ascii=ascii), color=False, width=width))
    return capture.get()


def glute_cell(text: str) -> str:
    """The shade drawn just right of the gluteus maximus label on the back view."""
    line = next(line for line in text.splitlines() if "G" in line and line.count(".") > 4)
    return line[line.index("G") + 1]


def test_each_change_has_its_own_pattern_and_colour() -> None:
    patterns = [SHADE[d][0] for d in SHADE_ORDER]
    assert "".join(patterns).isascii() and len(set(patterns)) == len(patterns)
    assert "." not in patterns and " " not in patterns  # never confused with outline or background
    assert len({SHADE[d][1] for d in SHADE_ORDER}) == len(SHADE_ORDER)


def test_high_feet_shade_the_glutes_as_more(catalog: Catalog) -> None:
    assert glute_cell(draw(catalog, Stance(), ascii=True)) == ":"  # nothing measured in the neutral stance
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
    # A contradicted claim never shades a muscle as the strongest change.
    assert region(wide, "vastus-medialis") == ("no_difference", "strong")


def test_ascii_map_uses_distinct_patterns() -> None:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "ascii"}
    result = subprocess.run([sys.executable, "-m", "legpress_cli", "map", "--low"], capture_output=True, env=env)
    assert result.returncode == 0
    text = result.stdout.decode("ascii")
    assert {"+", "-", ":"} <= set(text)
    assert "Change: ++ more  -- less  == no difference  ~~ mixed  :: not measured" in text


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


def test_svg_to_an_unwritable_place(run: Run, tmp_path: Path) -> None:
    result = run("map", "--svg", str(tmp_path / "missing" / "x.svg"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"legpress: error: cannot write {tmp_path / 'missing' / 'x.svg'}")


def test_docs_pictures_are_current(tmp_path: Path) -> None:
    for fresh in make_docs.make(tmp_path):
        committed = ROOT / "docs" / fresh.name
        assert committed.exists(), f"run: python scripts/make_docs.py ({fresh.name} missing)"
        assert fresh.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), (
            f"docs/{fresh.name} is stale: run python scripts/make_docs.py"
        )


def test_shapes_come_from_data(run: Run, data_copy: Path) -> None:
    """A region added to the data is drawn with no code change."""
    path = data_copy / "bodymap.toml"
    text = path.read_text(encoding="utf-8").replace(
        'o = "soleus"\n\n[[view]]', 'o = "soleus"\nz = "gluteus-maximus"\n\n[[view]]', 1
    )
    text = text.replace('"   .....        .....   ",', '"   .zzZ.        .....   ",', 1)
    path.write_text(text, encoding="utf-8")
    out = run("--data", str(data_copy), "map").stdout
    assert ".::Z." in out
