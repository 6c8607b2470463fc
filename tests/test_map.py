"""The body map: shading by emphasis, fallbacks without colour or UTF-8, SVG output."""

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
from legpress_cli.model import Catalog
from legpress_cli.render import LEVEL_COLORS, SHADES, Glyphs, body_map

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


def test_each_level_has_its_own_shade() -> None:
    assert SHADES.isascii()
    assert len(SHADES) == 5 and len(set(SHADES)) == 5
    assert "." not in SHADES and " " not in SHADES  # never confused with outline or background
    assert len(set(LEVEL_COLORS)) == 5


def test_high_feet_shade_the_glutes_darker(catalog: Catalog) -> None:
    shades = SHADES
    neutral = glute_cell(draw(catalog, Stance(), ascii=True))
    high = glute_cell(draw(catalog, Stance(height="high"), ascii=True))
    assert shades.index(high) > shades.index(neutral)
    assert (neutral, high) == ("+", "#")


def test_map_json_reports_region_levels(run: Run) -> None:
    neutral = json.loads(run("map", "--json").stdout)
    high = json.loads(run("map", "--high", "--json").stdout)

    def level(data: dict[str, object], muscle: str) -> int:
        for view in data["views"]:  # type: ignore[attr-defined]
            for region in view["regions"]:
                if region["muscle"] == muscle:
                    return int(region["emphasis"])
        raise AssertionError(muscle)

    assert level(high, "gluteus-maximus") > level(neutral, "gluteus-maximus")


def test_ascii_map_uses_distinct_levels() -> None:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "ascii"}
    result = subprocess.run([sys.executable, "-m", "legpress_cli", "map", "--low"], capture_output=True, env=env)
    assert result.returncode == 0
    text = result.stdout.decode("ascii")
    assert {"-", ":", "+", "#", "@"} <= set(text)
    assert "Emphasis: -- 1  :: 2  ++ 3  ## 4  @@ 5" in text


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
    assert ".--Z." not in out and ".++Z." in out
