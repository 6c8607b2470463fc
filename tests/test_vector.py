"""The anatomical vector map (`map --svg`): one path per muscle, shaded by pattern as well as
colour, titled for screen readers, self-contained, and drawn from the map file's shapes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Run
from legpress_cli import vector

SVG = "{http://www.w3.org/2000/svg}"
HEADS = (
    "vastus-lateralis",
    "vastus-medialis",
    "vastus-intermedius",
    "rectus-femoris",
    "gluteus-maximus",
    "biceps-femoris",
    "semitendinosus",
    "semimembranosus",
    "adductor-longus",
    "adductor-brevis",
    "adductor-magnus",
    "gastrocnemius",
    "soleus",
)


def draw(run: Run, tmp_path: Path, *args: str) -> tuple[str, ET.Element]:
    out = tmp_path / "m.svg"
    result = run("map", *args, "--svg", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    return text, ET.fromstring(text)


def muscle_paths(root: ET.Element) -> list[ET.Element]:
    return [p for p in root.iter(f"{SVG}path") if p.get("data-muscle")]


def test_every_muscle_head_is_its_own_path_in_its_view(run: Run, tmp_path: Path) -> None:
    _, root = draw(run, tmp_path, "--high", "--wide")
    drawn: dict[str, list[str]] = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "view":
            drawn[group.get("data-view", "")] = [p.get("data-muscle", "") for p in muscle_paths(group)]
    assert set(drawn) == {"front", "back"}
    for name, muscles in drawn.items():
        assert len(muscles) == len(set(muscles)), name  # one path each, both legs in it
    assert set(drawn["front"]) | set(drawn["back"]) == set(HEADS)
    assert {"gluteus-maximus", "biceps-femoris", "semitendinosus", "semimembranosus"} <= set(drawn["back"])


def test_shading_follows_the_stance_with_a_pattern_and_a_title(run: Run, tmp_path: Path) -> None:
    _, root = draw(run, tmp_path, "--high", "--wide")
    paths = {p.get("data-muscle"): p for p in muscle_paths(root)}
    glute, rectus = paths["gluteus-maximus"], paths["rectus-femoris"]
    assert glute.get("fill") == "url(#lp-more)" and "more" in (glute.get("class") or "")
    assert rectus.get("fill") == "url(#lp-less)"
    assert paths["soleus"].get("fill") == "url(#lp-not_measured)"
    title = glute.find(f"{SVG}title")
    assert title is not None and title.text == "Gluteus maximus: more work, weak evidence"
    for p in paths.values():  # every region names itself
        assert p.find(f"{SVG}title") is not None
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    assert patterns == {
        "lp-more",
        "lp-less",
        "lp-no_difference",
        "lp-mixed",
        "lp-not_reported",
        "lp-not_measured",
        "lp-claimed",
        "lp-primary",
        "lp-secondary",
        "lp-stabilizer",
    }


def test_deep_muscles_are_dashed_and_said_to_be_deep(run: Run, tmp_path: Path) -> None:
    _, root = draw(run, tmp_path)
    deep = {p.get("data-muscle"): p for p in muscle_paths(root) if "deep" in (p.get("class") or "")}
    assert set(deep) == {"vastus-intermedius", "adductor-brevis"}
    for p in deep.values():
        assert p.get("stroke-dasharray")
        title = p.find(f"{SVG}title")
        assert title is not None and "(deep, under the surface muscles)" in (title.text or "")


def test_the_figure_has_a_title_and_a_description_in_words(run: Run, tmp_path: Path) -> None:
    _, root = draw(run, tmp_path, "--high", "--wide")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "lp-map-title lp-map-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == (
        "Leg press, high feet, wide stance: how each muscle's work changes against the neutral stance"
    )
    assert desc is not None and desc.text is not None
    assert "More work (weak evidence): gluteus maximus, biceps femoris, semitendinosus." in desc.text
    # A claim nobody measured has a shade of its own, never "more work".
    assert "Claimed, not measured: hip adductors, semimembranosus." in desc.text
    assert "Measured, nothing reported: vastus medialis." in desc.text
    assert "Drawn dashed as deep muscles: vastus intermedius, adductor brevis." in desc.text


@pytest.mark.parametrize("command", [["map", "--high"], ["muscles"], ["stance", "--low"]])
def test_svg_files_stand_alone(run: Run, tmp_path: Path, command: list[str]) -> None:
    out = tmp_path / "p.svg"
    assert run(*command, "--svg", str(out)).exit_code == 0
    text = re.sub(r"<!--.*?-->", "", out.read_text(encoding="utf-8"), flags=re.S)
    assert "@font-face" not in text
    assert re.findall(r"https?://[^\"' )]+", text) == ["http://www.w3.org/2000/svg"]


def test_the_terminal_map_is_unchanged_by_the_vector_shapes(run: Run) -> None:
    out = run("map", "--high").stdout
    assert ".+++G+++++." in out


def set_shape(data: Path, old: str, new: str) -> None:
    path = data / "bodymap.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


GLUTE_PATH = 'path = "M 99 28 C 70 22 40 34 32 68 C 29 92 40 108 62 111 C 82 113 96 104 99 96 Z"'


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (
            'path = "M 10 10 L 20 20\\" onload=\\"alert(1)"',
            "view[1].shape[0].path: Value error, unexpected '\" onload=\"' at character 15",
        ),
        ('path = "L 10 10 Z"', "view[1].shape[0].path: Value error, must start with M"),
        ('path = "M 10 10 C 1 2 3 4 Z"', "view[1].shape[0].path: Value error, C takes numbers in sets of 6, found 4"),
        ('path = "M 10 10 L 500 20 Z"', "shape[0]: a point lies outside the view's size 200x400"),
        ('path = "M 1e3 10 Z"', "view[1].shape[0].path: Value error, unexpected 'e3 10 Z' at character 3"),
    ],
    ids=["markup", "no move", "curve arity", "outside", "exponent"],
)
def test_a_bad_path_in_the_map_file_is_a_data_error(run: Run, data_copy: Path, new: str, expected: str) -> None:
    set_shape(data_copy, GLUTE_PATH, new)
    result = run("--data", str(data_copy), "map")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"legpress: error: {data_copy / 'bodymap.toml'}: ")
    assert expected in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_shape_without_a_key_letter_is_named(run: Run, data_copy: Path) -> None:
    set_shape(data_copy, 'muscle = "gluteus-maximus"', 'muscle = "vastus-lateralis"')
    result = run("--data", str(data_copy), "map")
    assert result.exit_code == 1
    assert (
        "bodymap.toml: view[1].shape[0].muscle: 'vastus-lateralis' has no key in this view's regions" in result.stderr
    )


def test_text_from_the_data_is_escaped_in_the_svg(run: Run, data_copy: Path, tmp_path: Path) -> None:
    set_shape(data_copy, 'title = "Back"', 'title = "Back <b>&amp;</b>"')
    out = tmp_path / "m.svg"
    assert run("--data", str(data_copy), "map", "--svg", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    ET.fromstring(text)
    assert "Back &lt;b&gt;&amp;amp;&lt;/b&gt;" in text


def test_a_view_without_shapes_is_left_out_of_the_vector_map(run: Run, data_copy: Path, tmp_path: Path) -> None:
    path = data_copy / "bodymap.toml"
    text = path.read_text(encoding="utf-8")
    back = text.index('id = "back"')
    path.write_text(text[: text.index("[[view.shape]]", back)], encoding="utf-8")
    path.write_text(
        re.sub(r'(id = "back"\ntitle = "Back"\n)size = \[200, 400\]\noutline = "[^"]*"\n', r"\1", path.read_text()),
        encoding="utf-8",
    )
    out = tmp_path / "m.svg"
    assert run("--data", str(data_copy), "map", "--svg", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert 'data-view="front"' in text and 'data-view="back"' not in text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_escape_is_htmls(text: str) -> None:
    # The map's own escape (no `html` import on the map's path) must escape as html.escape does.
    import html

    assert vector.escape(text) == html.escape(text)
