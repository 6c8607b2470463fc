"""render.py's table shortcuts (_CellConsole, _Table._measure_column) change speed, not output:
every view is drawn with them and with rich's own table code, in colour and without, at widths
that take each layout path (prose column dropped, widths fixed up front, rich's collapsing),
and the output must be the same bytes. Runs on the real data and on a 3x synthetic pack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.table import Table

from conftest import Run
from legpress_cli import render
from synthetic import write_pack

COMMANDS = [
    ["muscles"],
    ["muscles", "--role", "stabilizer"],
    ["muscle", "gluteus maximus"],
    ["stance", "--high", "--wide"],
    ["stance", "--low", "--narrow", "--one-leg", "--toes-out"],
    ["cues"],
    ["cues", "--phase", "bottom"],
    ["target", "glutes"],
    ["target", "soleus"],
    ["map", "--high"],
    ["evidence"],
    ["evidence", "vastus medialis"],
    ["sources"],
    ["compare", "squat"],
]
WIDTHS = ["20", "45", "69", "100"]


def _draw(run: Run, args: list[str], width: str, color: bool, data: Path | None) -> str:
    env: dict[str, str | None] = {"COLUMNS": width}
    if color:
        env.update({"NO_COLOR": None, "FORCE_COLOR": "1"})
    prefix = ["--data", str(data)] if data else []
    result = run(*prefix, *args, env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _compare(run: Run, monkeypatch: pytest.MonkeyPatch, data: Path | None) -> int:
    cases = [(args, width, color) for args in COMMANDS for width in WIDTHS for color in (False, True)]
    fast = [_draw(run, *case, data) for case in cases]
    with monkeypatch.context() as m:
        m.setattr(render._Table, "_render", Table._render)
        m.setattr(render._Table, "_measure_column", Table._measure_column)
        for (args, width, color), text in zip(cases, fast, strict=True):
            drawn = _draw(run, args, width, color, data)
            assert drawn == text, f"{' '.join(args)} at {width} columns, colour {color}"
    return len(cases)


def test_shortcuts_draw_what_rich_draws(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _compare(run, monkeypatch, None) == len(COMMANDS) * len(WIDTHS) * 2


def test_shortcuts_draw_what_rich_draws_on_more_data(run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _compare(run, monkeypatch, write_pack(tmp_path / "pack", 3))


def test_shortcuts_are_in_use(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test above compares something: the shortcut lays out the muscles table's cells."""
    calls: list[int] = []
    real = render._cell_lines

    def counting(*args: object, **kwargs: object) -> object:
        found = real(*args, **kwargs)  # type: ignore[arg-type]
        calls.append(found is not None)
        return found

    monkeypatch.setattr(render, "_cell_lines", counting)
    assert run("muscles").exit_code == 0
    assert sum(calls) > 50


@pytest.mark.parametrize(
    "text",
    [
        "a  \nb\t \n  \n",
        "\x1b[1mMuscle\x1b[0m   \x1b[1m \x1b[0m\nplain   ",
        "\x1b[1;4mPrimary movers    \x1b[0m\n\x1b[32m  x  \x1b[0m  \n",
        "no newline at all   ",
        "",
    ],
)
def test_trailing_blanks_go_line_by_line_as_the_whole_text_regex_did(text: str) -> None:
    import re

    whole = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)
    assert render._without_trailing_blanks(text) == whole.sub(r"\1", text)


_WORD = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=14)
_PARAGRAPH = st.lists(st.tuples(_WORD, st.sampled_from([" ", "  ", " " * 5])), max_size=12).map(
    lambda words: "".join(w + gap for w, gap in words).rstrip(" ") if words else "x"
)


@given(
    paragraphs=st.lists(_PARAGRAPH, min_size=1, max_size=4),
    styled=st.lists(st.sampled_from(["dim", "bold", "italic red"]) | st.none(), min_size=4, max_size=4),
    style=st.sampled_from(["", "bold underline"]),
    width=st.integers(min_value=1, max_value=40),
    trailing=st.sampled_from(["", " ", "   "]),
)
def test_the_wrapping_shortcut_gives_rich_s_lines(
    paragraphs: list[str], styled: list[str | None], style: str, width: int, trailing: str
) -> None:
    from rich.console import Console
    from rich.text import Span, Text

    paragraphs[-1] += trailing
    spans, at = [], 0
    for paragraph, span_style in zip(paragraphs, styled, strict=False):
        if span_style:
            spans.append(Span(at, at + len(paragraph), span_style))
        at += len(paragraph) + 1
    text = Text("\n".join(paragraphs), style=style, spans=spans)
    mine = render._wrapped(text, width)
    assert mine is not None
    theirs = text.wrap(Console(width=80), width, justify="left", overflow="fold", no_wrap=False)
    assert [(t.plain, t.style, t.spans) for t in mine] == [(t.plain, t.style, t.spans) for t in theirs]


def test_the_wrapping_shortcut_leaves_the_rest_to_rich() -> None:
    from rich.text import Span, Text

    assert render._wrapped(Text("caf\u00e9 au lait"), 10) is None  # not ASCII: cell widths vary
    assert render._wrapped(Text("a\tb"), 10) is None  # tabs expand
    assert render._wrapped(Text("half styled", spans=[Span(0, 4, "dim")]), 10) is None
    assert render._wrapped(Text("x"), 0) is None


def _table_pair(vertical: Any, padding: Any, header: bool, edge: bool) -> list[str]:
    """The same table drawn by render._Table and by rich's Table, in colour, as ANSI text."""
    import io

    from rich import box
    from rich.console import Console
    from rich.text import Text

    drawn = []
    for kind in (render._Table, Table):
        table = kind(box=box.SIMPLE_HEAD, show_header=header, show_edge=edge, pad_edge=False, padding=padding)
        table.add_column("Name", vertical=vertical, style="cyan")
        table.add_column("Words that wrap", vertical=vertical, ratio=1)
        table.add_column("Grade", vertical=vertical, justify="left")
        table.add_row(Text("Heading", style="bold underline"))
        table.add_row("one", "a few words that will need more than one line here", Text("strong", style="green"))
        table.add_section()
        table.add_row("two\nlines", "short", "")
        table.add_row(Text("styled", style="magenta"), Text("dim\nparts", style="dim"), "weak")
        out = io.StringIO()
        Console(file=out, width=40, force_terminal=True, color_system="truecolor", highlight=False).print(table)
        drawn.append(out.getvalue())
    return drawn


@pytest.mark.parametrize("vertical", ["top", "middle", "bottom"])
@pytest.mark.parametrize("padding", [(0, 1), (0, 1, 0, 0)])
@pytest.mark.parametrize(("header", "edge"), [(True, False), (False, False), (True, True)])
def test_plain_tables_draw_as_rich_draws_them(
    vertical: str, padding: tuple[int, ...], header: bool, edge: bool
) -> None:
    fast, rich_own = _table_pair(vertical, padding, header, edge)
    assert fast == rich_own
