"""Every view keeps its answer at every width: each word of the 300-column output is still there
at every width from 40 to 200 (a prose column may move below a table, never vanish), and no line
is longer than the width it was drawn for. Rendered in-process, on the real data and on the
fixture catalog."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console, Group
from rich.padding import Padding
from rich.text import Text

from legpress_cli import advisor, exercises, knee, matrix, render, results, targets
from legpress_cli.advisor import Stance
from legpress_cli.records import Catalog
from minicatalog import claim, finding, mini

WIDTHS = [*range(40, 201), 300]


def _results(catalog: Catalog) -> dict[str, Callable[[], Any]]:
    """Each view's result, built as the CLI builds it (names that exist in both catalogs)."""
    first = catalog.muscles[0]
    group = catalog.groups[0]
    high = Stance.of(height="high")
    return {
        "muscles": lambda: results.MusclesResult(catalog, advisor.list_muscles(catalog), None, None),
        "muscle": lambda: results.MuscleResult(
            catalog, first, advisor.option_effects(catalog, first), None, exercises.compared_for(catalog, first)
        ),
        "cues": lambda: results.CuesResult(catalog, advisor.list_cues(catalog), None),
        "sources": lambda: results.SourcesResult(catalog, advisor.source_uses(catalog)),
        "stance": lambda: results.StanceResult(catalog, advisor.assess(catalog, high)),
        "stance --explain": lambda: results.StanceResult(catalog, advisor.assess(catalog, high), explain=True),
        "stance --vs": lambda: results.StanceResult(catalog, advisor.assess(catalog, high, Stance.of(height="low"))),
        "target": lambda: results.TargetResult(
            catalog, targets.rank(catalog, advisor.Found(group.id, "group", None)), None
        ),
        "evidence": lambda: results.EvidenceResult(catalog, matrix.evidence(catalog), None),
        "knee": lambda: results.KneeResult(catalog, knee.knee(catalog)),
        "compare": lambda: results.CompareResult(catalog, exercises.compare(catalog, catalog.exercises[0]), None),
    }


def _text(result: Any, width: int) -> str:
    console = Console(width=width, color_system=None, force_terminal=False, legacy_windows=False)
    return render.to_text(console, render.view(result, render.Frame(render.Glyphs(ascii=False), width)))


def _words(text: str) -> set[str]:
    """The words, without the punctuation a layout may add or move ('Group' and 'Group:')."""
    return {w.strip(".,;:()[]") for w in re.findall(r"\S+", text)} - {""}


def _check(result: Any, name: str) -> None:
    wide = sorted(_words(_text(result, 300)))
    for width in WIDTHS:
        text = _text(result, width)
        assert max((len(line) for line in text.splitlines()), default=0) <= width, (name, width)
        # A word that fits the width is never lost nor split: the answer stays whole.
        have = _words(text)
        missing = [w for w in wide if len(w) < width // 2 and w not in have]
        assert not missing, (name, width, missing[:5])


def _fixture() -> Catalog:
    return mini(
        [
            finding("h", {"height": "high"}, {"height": "low"}, {"back-one": "more", "big-front": "less"}),
            finding("w", {"width": "wide"}, {"width": "hip"}, {"front": "no_difference"}, source="study-b"),
        ],
        [claim("c", {"width": "wide"}, ["back"])],
    )


# The fixture catalog has no other exercise to compare with.
CASES = [(n, w) for w in ("real", "fixture") for n in _results(mini()) if not (n == "compare" and w == "fixture")]


@pytest.mark.parametrize(("name", "which"), CASES)
def test_every_view_keeps_every_word_at_every_width(catalog: Catalog, which: str, name: str) -> None:
    chosen = catalog if which == "real" else _fixture()
    _check(_results(chosen)[name](), name)


# --- render.Prose: its own line breaks, held to rich's ---------------------------------------

_PROSE_ALPHABET = st.sampled_from(
    ["a", "bc", "word", "   ", " ", "  ", "\n", "xxxxxxxxxx", "\u2013", "é", "†", "\t", "中"]
)


def _drawn(renderable: Any, width: int, color: bool) -> str:
    """What a console of `width` columns prints, trailing blanks and escape codes included."""
    out = io.StringIO()
    console = Console(
        width=width,
        height=25,
        color_system="truecolor" if color else None,
        force_terminal=color,
        legacy_windows=False,
        file=out,
    )
    console.print(renderable)
    return out.getvalue()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.lists(_PROSE_ALPHABET, max_size=30).map("".join),
    width=st.integers(1, 40),
    indent=st.integers(0, 6),
    below=st.integers(0, 1),
)
def test_prose_draws_what_rich_draws(text: str, width: int, indent: int, below: int) -> None:
    # Byte for byte, trailing blanks and escape codes included, wherever it breaks lines itself
    # and wherever it hands the text to rich (a tab, a wide character, a word wider than the line).
    for style, color in (("", False), ("dim", True)):
        expected = _drawn(Padding(Text(text, style=style), (0, 0, below, indent)), width, color)
        assert _drawn(render.Prose(text, indent, style, below), width, color) == expected


@pytest.mark.parametrize("width", [1, 2, 3, 5, 8, 13, 21, 40])
def test_wrap_lines_breaks_where_rich_breaks(width: int) -> None:
    console = Console(width=300, legacy_windows=False, file=io.StringIO())
    samples = [
        "",
        "   ",
        "a b",
        "  leading blanks",
        "trailing   ",
        "two  spaces here",
        "one\nline\n\nmore",
        "é \u2013 †",
    ]
    for text in samples:
        got = render.wrap_lines(text, width)
        if got is not None:
            assert got == [line.plain for line in Text(text).wrap(console, width)], (text, width)
    # What it leaves to rich: a word wider than the line, a tab, a character two cells wide.
    assert render.wrap_lines("x" * (width + 1), width) is None
    assert render.wrap_lines("a\tb", width) is None
    assert render.wrap_lines("中文", width) is None


def _rich_way(text: str, indent: int = 0, style: str = "", below: int = 0) -> Padding:
    return Padding(Text(text, style=style), (0, 0, below, indent))


@pytest.mark.parametrize("which", ["real", "fixture"])
def test_every_view_draws_as_rich_would_without_its_own_line_breaks(
    catalog: Catalog, which: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # render.Prose and render.Plain break lines themselves; with rich doing all of it instead,
    # every view must come out byte for byte the same, in colour, at every width.
    chosen = catalog if which == "real" else _fixture()
    made = _results(chosen)

    def drawn(name: str, width: int) -> str:
        frame = render.Frame(render.Glyphs(ascii=False), width, color=True)
        return _drawn(render.view(made[name](), frame), width, True)

    names = [n for n, w in CASES if w == which]
    ours = {(name, w): drawn(name, w) for name in names for w in (*range(20, 201, 9), 300)}
    monkeypatch.setattr(render, "Prose", _rich_way)
    monkeypatch.setattr(render, "Plain", str)
    for (name, width), text in ours.items():
        assert text == drawn(name, width), (name, width)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cells=st.lists(st.lists(_PROSE_ALPHABET, max_size=12).map("".join), min_size=4, max_size=4),
    width=st.integers(8, 60),
    justify=st.sampled_from(["default", "left", "right", "center", "full"]),
    overflow=st.sampled_from(["fold", "crop", "ellipsis", "ignore"]),
    no_wrap=st.booleans(),
)
def test_plain_cells_draw_what_rich_draws(
    cells: list[str], width: int, justify: Any, overflow: Any, no_wrap: bool
) -> None:
    def table(cell: type[str]) -> Any:
        from rich.table import Table

        # Two rows, so a cell may be narrower than its column; styled columns, so the blanks
        # that pad a line are seen to be drawn in the column's style or not.
        t = Table(width=width)
        t.add_column("a", justify=justify, overflow=overflow, no_wrap=no_wrap, style="dim")
        t.add_column("b", ratio=1, style="bold")
        t.add_row(*(cell(c) for c in cells[:2]))
        t.add_row(*(cell(c) for c in cells[2:]))
        return t

    for color in (False, True):
        assert _drawn(table(render.Plain), width, color) == _drawn(table(str), width, color)


def test_sources_prose_is_drawn_as_rich_draws_it(catalog: Catalog) -> None:
    # Every paragraph of the real `sources`, at every width a terminal may have, in colour.
    result = results.SourcesResult(catalog, advisor.source_uses(catalog))
    drawn = render.view(result, render.Frame(render.Glyphs(ascii=False), 80))
    assert isinstance(drawn, Group)
    paragraphs = drawn.renderables
    prose = [p for p in paragraphs if isinstance(p, render.Prose)]
    assert len(prose) > len(paragraphs) // 2
    for width in [*range(20, 201, 3), 300]:
        for p in prose:
            rich_way = Padding(Text(p.text, style=p.style), (0, 0, p.below, p.indent))
            assert _drawn(p, width, True) == _drawn(rich_way, width, True)
