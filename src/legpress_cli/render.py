"""Pure functions that turn answers into rich renderables; the only module that imports rich.

Nothing here decides advice: it lays out what advisor.py computed. Every view takes a command's
result and a `Frame` (glyphs, width, colour), so the same layout degrades to ASCII when the
output cannot carry UTF-8 and narrows to the terminal.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeVar

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.text import Text

from legpress_cli import advisor, results, words
from legpress_cli.vocab import DIMENSION_SPECS, ROLES, SHADES
from legpress_cli.words import DIRECTION_WORDS, HOW_SURE, NOT_ADVICE, ROLE_TITLE

if TYPE_CHECKING:
    # Imported where a table is drawn: rich's table module brings fractions and decimal (and
    # their C library), some 0.5 MiB and 2 ms that `sources`, which draws no table, need not pay.
    from rich.table import Column, Table

    from legpress_cli.advisor import StanceReport, Verdict
    from legpress_cli.exercises import CompareReport, CompareRow
    from legpress_cli.records import Catalog, Choice, Comparison, Cue, Finding, Muscle
    from legpress_cli.results import (
        CompareResult,
        CuesResult,
        EvidenceResult,
        KneeResult,
        MapResult,
        MuscleResult,
        MusclesResult,
        Result,
        SourcesResult,
        StanceResult,
        TargetResult,
    )
    from legpress_cli.targets import Recommendation, TargetReport


T = TypeVar("T")
GRADE_STYLE: dict[str, str] = {
    "strong": "bold green",
    "moderate": "green",
    "weak": "yellow",
    "claim": "magenta",
    "contradicted": "bold red",
}
# Narrower than this, tables drop their long prose column so the rest stays readable.
WIDE = 70


class Glyphs(NamedTuple):
    ascii: bool
    # For a screen reader (--plain): no pictures; emphasis as "4/5", changes in words alone.
    plain: bool = False

    def bar(self, level: int, top: int = 5) -> str:
        if self.plain:
            return f"{level}/{top}"
        on, off = ("#", ".") if self.ascii else ("■", "□")
        return on * level + off * (top - level)

    def arrow(self, direction: str) -> str:
        if self.plain:
            return ""  # the words beside it say it

        if self.ascii:
            # "?" would look like a character the output encoding could not carry.
            return {"more": "+", "less": "-", "no_difference": "=", "mixed": "~", "not_reported": "o"}.get(
                direction, "_"
            )
        return {"more": "↑", "less": "↓", "no_difference": "=", "mixed": "↕", "not_reported": "○"}.get(direction, "?")

    def claimed(self, direction: str) -> str:
        """The marker of a claim no measurement bore out: never an arrow on its own."""
        return f"claimed {direction}" if self.plain else f"claimed {self.arrow(direction)}"

    @property
    def dagger(self) -> str:
        return "*" if self.ascii else "†"

    @property
    def dash(self) -> str:
        return "-" if self.ascii else "—"


def grade(text: str | None) -> Text:
    return Text(text or "-", style=GRADE_STYLE.get(text or "", "dim"))


STATUS_STYLE = {"supports": "green", "contradicts": "bold red", "not_supported": "magenta", "not_tested": "magenta"}


class Frame(NamedTuple):
    """Where a view is drawn: the glyphs the output can carry, its width, and whether colour is on.
    Every view takes (result, frame); helpers take what they draw, then the frame."""

    glyphs: Glyphs
    width: int
    color: bool = False


class Wrap(str):
    """A column header whose column holds prose: it wraps and takes the spare width, where the
    other columns keep to one line."""

    __slots__ = ()


def _set_widths(table: Table, width: int, min_flex: int = 20) -> bool:
    """Give every column its width up front (rich's public Column.width), so rich need not
    measure each cell, which is most of the cost of drawing a long table. Each column gets its longest cell, except the
    wrapping column with the most text, which gets what is left if that is at least
    `min_flex`. Returns False, leaving the table to rich, when the terminal is too narrow."""

    def longest(column: Column) -> int:
        cells = [column.header, *column.cells]
        # A cell of several lines (a change and its claimed marker) is as wide as its widest line.
        return max(cell_len(line) for c in cells for line in (c.plain if isinstance(c, Text) else str(c)).split("\n"))

    needs = [longest(c) for c in table.columns]
    flexible = [n for n, c in enumerate(table.columns) if c.ratio]
    taker = max(flexible, key=lambda n: needs[n], default=None)
    _, right, _, left = table.padding
    gaps = (right + 1 + left) * (len(table.columns) - 1)  # padding, a blank rule, padding
    rest = width - gaps - sum(need for n, need in enumerate(needs) if n != taker)
    if rest < (min_flex if taker is not None else 0):
        return False
    for n, column in enumerate(table.columns):
        column.width = min(rest, needs[n]) if n == taker else needs[n]
    return True


def _fixed_widths(table: Table, width: int, min_flex: int = 20) -> Table:
    _set_widths(table, width, min_flex)
    return table


Cell = str | Text
Rows = list[tuple[str | None, list[list[Cell]]]]  # (section heading or None, its rows)


def _grid(
    headers: list[str],
    groups: Rows,
    width: int,
    *,
    prose: frozenset[int] = frozenset(),
    min_flex: int = 20,
    title: str | None = None,
) -> list[RenderableType]:
    """A table where every column fits whole; below that, one card per row ('Header: value'),
    so no column, and no word of the answer, is ever squeezed out at a narrow width."""
    table = _table(*(Wrap(h) if n in prose else h for n, h in enumerate(headers)), title=title)
    for n, (heading, rows) in enumerate(groups):
        if heading is not None:
            if n:
                table.add_section()
            table.add_row(Text(heading, style="bold underline"))
        for row in rows:
            table.add_row(*(Plain(cell) if type(cell) is str else cell for cell in row))
    if _set_widths(table, width, min_flex):
        return [table]
    out: list[RenderableType] = [Text(title, style="bold")] if title else []
    for heading, rows in groups:
        if heading is not None:
            out.append(Text(heading, style="bold underline"))
        for row in rows:
            first = Text(f"{headers[0]}: ", style="dim")
            first.append(row[0] if isinstance(row[0], Text) else Text(row[0], style="bold"))
            rest = Text()
            for header, cell in zip(headers[1:], row[1:], strict=True):
                if rest:
                    rest.append("  ")
                rest.append(f"{header}: ", style="dim")
                rest.append(cell if isinstance(cell, Text) else Text(cell))
            out += [first, Padding(rest, (0, 0, 0, 2))]
    return out


def _table(*columns: str, title: str | None = None, compact: bool = False) -> Table:
    """A table in the house style; `compact` puts two spaces between columns instead of three."""
    from rich.table import Table

    table = Table(
        title=title,
        box=None if PLAIN else box.SIMPLE_HEAD,
        title_justify="left",
        title_style="bold",
        pad_edge=False,
        show_edge=False,
        padding=(0, 1, 0, 0) if compact else (0, 1),
    )
    for name in columns:
        prose = isinstance(name, Wrap)
        table.add_column(
            name,
            overflow="fold",
            ratio=1 if prose else None,
            no_wrap=not prose and len(columns) > 3,
        )
    return table


def _sections(items: Iterable[T], heading: Callable[[T], str], row: Callable[[T], list[Cell]]) -> Rows:
    """The items' rows for _grid, under a new heading whenever their heading changes."""
    groups: Rows = []
    for item in items:
        title = heading(item)
        if not groups or groups[-1][0] != title:
            groups.append((title, []))
        groups[-1][1].append(row(item))
    return groups


def _disputes(muscles: tuple[Muscle, ...], catalog: Catalog, glyphs: Glyphs) -> list[Text]:
    """One footnote per distinct disagreement, naming every muscle it concerns."""
    notes: dict[tuple[str, str, str], list[str]] = {}
    for m in muscles:
        for d in m.disputes:
            who = " and ".join(catalog.source(s).label for s in d.sources)
            key = (f"{who} says {d.role}", d.evidence, d.note or "")
            notes.setdefault(key, []).append(m.name)
    out = []
    for (claim, evidence, note), names in notes.items():
        line = Text(f"{glyphs.dagger} {', '.join(names)}: {claim} (")
        line.append(grade(evidence))
        line.append(f"). {note}".rstrip())
        out.append(line)
    return out


def muscles_table(r: MusclesResult, frame: Frame) -> RenderableType:
    muscles, catalog, glyphs, width = r.muscles, r.catalog, frame.glyphs, frame.width

    def row(m: Muscle) -> list[Cell]:
        name = m.name + (f" {glyphs.dagger}" if m.disputes else "")
        return [name, catalog.group(m.group).name, m.in_lift, glyphs.bar(m.emphasis), grade(m.baseline.evidence)]

    groups = _sections(muscles, lambda m: ROLE_TITLE[m.role], row)
    parts: list[RenderableType] = [
        *_grid(["Muscle", "Group", "In the lift", "Emphasis", "Evidence"], groups, width, prose=frozenset({2})),
        *_disputes(muscles, catalog, glyphs),
    ]
    parts.append(Text(f"{HOW_SURE} (legpress grades).", style="dim"))
    if not muscles:
        parts = [Text("No muscle matches those filters.")]
    return Group(*parts)


def muscle_detail(r: MuscleResult, frame: Frame) -> RenderableType:
    from rich.table import Table

    m, catalog, effects, glyphs = r.muscle, r.catalog, r.effects, frame.glyphs
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    facts.add_row("Group", catalog.group(m.group).name)
    facts.add_row("Role", Text.assemble(m.role, " (", grade(m.baseline.evidence), ")"))
    facts.add_row("Emphasis", f"{glyphs.bar(m.emphasis)} {m.emphasis}/5")
    facts.add_row("Where", m.location)
    facts.add_row("Crosses", ", ".join(m.joints))
    facts.add_row("Actions", "; ".join(m.actions))
    facts.add_row("In the lift", m.in_lift)
    if m.aliases:
        facts.add_row("Also called", ", ".join(m.aliases))
    facts.add_row("Sources", ", ".join(catalog.source(s).label for s in m.sources))
    parts: list[RenderableType] = [Text(m.name, style="bold"), facts]
    if m.baseline.note:
        parts.append(Text(m.baseline.note, style="dim"))
    parts += _disputes((m,), catalog, glyphs)
    moved = [(ch, v) for ch, v in effects if v.direction in ("more", "less", "mixed")]
    still = [(ch, v) for ch, v in effects if (ch, v) not in moved]
    if moved:
        rows: list[list[Cell]] = [
            [
                ch.label,
                _direction_text(v.direction, glyphs),
                grade(v.grade),
                words.why(catalog, v) or words.brief(catalog, v),
            ]
            for ch, v in moved
        ]
        headers = ["Stance", "Change", "Evidence", "Why"]
        parts += _grid(
            headers, [(None, rows)], frame.width, prose=frozenset({0, 3}), min_flex=30, title="Foot positions"
        )
    if still:  # no change shown: one line, each with its state and grade
        said = "; ".join(
            f"{ch.label}: {DIRECTION_WORDS[v.direction]}"
            + (f" ({v.grade})" if v.grade else "")
            + "".join(f", claimed {u.claim.direction} by {catalog.source(u.claim.source).label}" for u in v.claimed)
            for ch, v in still
        )
        parts.append(Text(f"No change shown: {said}.", style="dim" if moved else ""))
    if not effects:
        parts.append(Text("No study or source in the data says a foot position changes this muscle."))
    parts += _compared_lines(r, glyphs)
    if catalog.findings_on(m.id):  # never a pointer to an empty answer
        parts.append(Text(f"See 'legpress evidence {m.id}' for every finding that measured it.", style="dim"))
    return Group(*parts)


def _compared_lines(r: MuscleResult, glyphs: Glyphs) -> list[RenderableType]:
    """One line per exercise and measure a study set the leg press against for this muscle or its
    group, the studies named once, and one pointer to the full comparisons."""
    out: list[RenderableType] = []
    for e, row in r.compared:
        studies = ", ".join(dict.fromkeys(r.catalog.source(c.source).label for c, _ in row.findings))
        what = r.catalog.display_name(row.target).lower()
        how = "" if row.method == "emg" else f", {METHOD_WORDS[row.method]}"
        line = Text(f"{e.name}{how}: {glyphs.arrow(row.direction)} {_COMPARED[row.direction]} for the {what} (")
        line.append(grade(row.grade))
        line.append(f"; {studies}).")
        out.append(Padding(line, (0, 0, 0, 2)))
    if out:
        ids = " | ".join(dict.fromkeys(e.id for e, _ in r.compared))
        out.insert(0, Text("The leg press against other exercises", style="bold"))
        out.append(Text(f"Each study, in full: legpress compare {ids}", style="dim"))
    return out


# How a comparison reads: the leg press against the other exercise.
_COMPARED = {
    "more": "more in the leg press",
    "less": "less in the leg press",
    "no_difference": "no difference",
    "mixed": "studies disagree",
    "not_measured": "not measured",
}


def _studies_text(catalog: Catalog, findings: tuple[tuple[Comparison, str], ...]) -> str:
    return "; ".join(f"{catalog.source(c.source).label}, {DIRECTION_WORDS[result]}" for c, result in findings)


def compare_view(r: CompareResult, frame: Frame) -> RenderableType:
    """The leg press against one exercise: muscles, what else was measured, the articles' claims."""
    report, catalog, glyphs = r.report, r.catalog, frame.glyphs
    e = report.exercise
    parts: list[RenderableType] = [
        Text(f"The leg press against the {e.name.lower()}", style="bold"),
        Text(e.summary, style="dim"),
    ]
    rows: list[list[Cell]] = [
        [
            _row_name(catalog, row),
            Text(
                f"{glyphs.arrow(row.direction)} {_COMPARED[row.direction]}",
                style={"more": "green", "less": "red"}.get(row.direction, ""),
            ),
            grade(row.grade),
            _studies_text(catalog, row.findings),
        ]
        for row in report.rows
    ]
    if not report.rows:
        parts.append(Text("No study here compared muscle activity in the two exercises."))
    else:
        headers = ["Muscle or group", "Leg press", "Evidence", "Studies"]
        parts += _grid(headers, [(None, rows)], frame.width, prose=frozenset({3}), min_flex=24)
    if report.not_reported:
        names = ", ".join(catalog.display_name(t).lower() for t in report.not_reported)
        parts.append(Text(f"Measured, but no result reported: {names}.", style="dim"))
    if report.not_measured:
        names = ", ".join(words.names_for(catalog, list(report.not_measured)))
        parts.append(Text(f"Never measured against the {e.name.lower()}: {names}.", style="dim"))
    parts += _compared_measures(report, catalog, glyphs)
    parts += _exercise_claims(report, catalog, glyphs)
    parts.append(
        Text(
            f"{HOW_SURE}. Arrows read the leg press against the other exercise. EMG compares a muscle with itself, "
            "never one muscle with another.",
            style="dim",
        )
    )
    return Group(*parts)


def _compared_measures(report: CompareReport, catalog: Catalog, glyphs: Glyphs) -> list[RenderableType]:
    out: list[RenderableType] = []
    for m in report.measures:
        label = catalog.source(m.comparison.source).label
        said = f"{label}: {m.outcome.note}" if m.outcome.note else label
        arrow = glyphs.arrow(m.outcome.result)
        line = f"{arrow} {words.capital(m.outcome.measure)}: {_COMPARED[m.outcome.result]} ({said})."
        out.append(Padding(Text(line), (0, 0, 0, 2)))
    if out:
        out.insert(0, Text("What else was measured", style="bold"))
    return out


def _exercise_claims(report: CompareReport, catalog: Catalog, glyphs: Glyphs) -> list[RenderableType]:
    out: list[RenderableType] = []
    for u in report.claims:
        line = Text(f"{glyphs.dagger} {catalog.source(u.claim.source).label}: {u.claim.text} ")
        line.append(words.STATUS_WORDS[u.status].capitalize(), style=STATUS_STYLE[u.status])
        line.append(".")
        if u.claim.note:
            line.append(f" {u.claim.note}")
        out.append(Padding(line, (0, 0, 0, 2)))
    if out:
        out.insert(0, Text("What the articles claim", style="bold"))
    return out


def _direction_text(direction: str, glyphs: Glyphs) -> Text:
    style = {"more": "green", "less": "red"}.get(direction, "dim")
    return Text(f"{glyphs.arrow(direction)} {DIRECTION_WORDS[direction]}".strip(), style=style)


def cues_view(r: CuesResult, frame: Frame) -> RenderableType:
    cues, width = r.cues, frame.width

    def row(c: Cue) -> list[Cell]:
        label = Text(c.cue)
        label.append(f"\nprevents: {c.fault}", style="dim")
        return [label, c.why, grade(c.evidence)]

    groups = _sections(cues, lambda c: c.phase.capitalize(), row)
    grid = _grid(["Cue", "Why", "Evidence"], groups, width, prose=frozenset({0, 1}))
    return Group(*grid, Text(f"{HOW_SURE}. {NOT_ADVICE}", style="dim italic"))


class Prose:
    """A paragraph of plain text, indented, drawn exactly as `Padding(Text(text, style=style),
    (0, 0, below, indent))` draws it, with the line breaks found here in one pass per line:
    rich measures every word and then splits, crops and pads each line again, which was most of
    the cost of `sources` (287 lines of prose). Text it cannot break that way (a tab, a word
    wider than a line, a character not one cell wide) goes to rich as that Padding.
    tests/test_widths.py holds it to rich's own drawing at every width, in colour and without."""

    def __init__(self, text: str, indent: int = 0, style: str = "", below: int = 0) -> None:
        self.text, self.indent, self.style, self.below = text, indent, style, below

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width, indent = options.max_width, self.indent
        lines = _lines(self.text, options.update_width(width - indent)) if width > indent else None
        if lines is None:
            yield Padding(Text(self.text, style=self.style), (0, 0, self.below, indent))
            return
        style = console.get_style(self.style) if self.style else None
        left, newline = Segment(" " * indent), Segment("\n")
        for line in lines:
            yield from (left, Segment(line, style), Segment(" " * (width - indent - len(line))), newline)
        for _ in range(self.below):
            yield Segment(" " * width + "\n")


class Plain(str):
    """A table cell of literal text, drawn exactly as rich draws the same `str` in a legpress
    console (markup, emoji and highlighting off), with its line breaks found by `wrap_lines`:
    a table of prose drew each cell through rich's word-by-word wrapping. Held to rich's own
    drawing of the `str` by tests/test_widths.py."""

    __slots__ = ()

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = _lines(self, options)
        if lines is None:
            yield str(self)  # as rich draws any string
            return
        newline = Segment("\n")
        for line in lines:
            yield Segment(line)
            yield newline


def _lines(text: str, options: ConsoleOptions) -> list[str] | None:
    """The lines rich's Text draws `text` in under these options (a left-justified line padded
    to the width, as rich pads it), or None where rich must draw it."""
    justify, width = options.justify or "default", options.max_width
    if options.no_wrap or options.overflow == "ignore" or justify not in ("default", "left") or width < 1:
        return None
    lines = wrap_lines(text, width)
    return [line.ljust(width) for line in lines] if lines is not None and justify == "left" else lines


def wrap_lines(text: str, width: int) -> list[str] | None:
    """The lines rich's `Text.wrap` makes of `text` at `width` (trailing blanks past `width`
    cut, as rich cuts them), or None where rich must wrap it itself."""
    out: list[str] = []
    for line in text.split("\n"):
        # Printable and one cell a character: a space is then the only blank, and a column a character.
        if not line.isprintable() or any(cell_len(c) != 1 for c in set(line) if c > "~"):
            return None
        start, end = 0, len(line.rstrip())
        while end - start > width:
            limit = start + width  # the first column past the line
            # A blank at the edge: every word before it fits, break at the next word; else break
            # before the word that crosses the edge.
            edge_blank = line[limit] == " "
            cut = len(line) - len(line[limit:].lstrip(" ")) if edge_blank else line.rfind(" ", start, limit) + 1
            if cut <= start or line[start:cut].isspace():
                # A word wider than the line (the first word holds the line's leading blanks): rich folds it.
                return None
            out.append(line[start:cut][:width])
            start = cut
        out.append(line[start:][:width])
    return out


def sources_view(r: SourcesResult, frame: Frame) -> RenderableType:
    uses, glyphs = r.uses, frame.glyphs
    studies = sum(1 for u in uses if u.source.kind in ("study", "review"))
    others = len(uses) - studies
    left = len(r.catalog.left_out)
    parts: list[RenderableType] = [
        Text(
            f"{studies} studies recorded, with {others} other sources (the articles and coaching practice); "
            f"{left} considered and left out (listed at the end).",
            style="bold",
        )
    ]
    for u in uses:
        head = Text(f"[{u.number}] ", style="bold")
        head.append(u.source.label, style="bold")
        head.append(f" ({u.source.kind})", style="dim")
        parts.append(head)
        parts.append(Prose(u.source.citation + (f" doi:{u.source.doi}" if u.source.doi else ""), 4))
        parts.append(Prose(u.source.summary, 4, "dim"))
        if u.supports:
            lines = "\n".join(f"{glyphs.dash} {s}" for s in words.supports(r.catalog, u.supports))
            parts.append(Prose("supports:\n" + lines, 4, below=1))
        else:
            parts.append(Prose("supports: nothing in the data yet", 4, below=1))
    if r.catalog.left_out:
        parts.append(Text("Considered and left out", style="bold"))
        parts += [Prose(f"{glyphs.dash} {x.name}: {x.reason}.", 2) for x in r.catalog.left_out]
    return Group(*parts)


def _change_cell(v: Verdict, glyphs: Glyphs, words: bool, inline: bool = False) -> Text:
    style = "green" if v.change > 0 else "red" if v.change < 0 else "dim"
    said = (glyphs.arrow(v.direction) + (f" {DIRECTION_WORDS[v.direction]}" if words else "")).strip()
    text = Text(said or DIRECTION_WORDS[v.direction], style=style)
    for way in dict.fromkeys(u.claim.direction for u in v.claimed if u.claim.direction != v.direction):
        # Beside the change where the table has room; else on a line of its own, so the column
        # keeps its width and the marker its words.
        text.append(f"{', ' if inline else chr(10)}{glyphs.claimed(way)}", style="magenta")
    return text


def _basis_lines(report: StanceReport, catalog: Catalog, glyphs: Glyphs) -> list[RenderableType]:
    """One line per set of muscles that rest on the same evidence, so heads of a group share one."""
    groups = words.basis_groups(catalog, report)
    out: list[RenderableType] = [Text("What was measured", style="bold")] if groups else []
    for direction, evidence, names, why in groups:
        line = Text(f"{glyphs.arrow(direction)} {words.capital(names)}, {DIRECTION_WORDS[direction]} (")
        line.append(grade(evidence))
        line.append(f"): {why}")
        out.append(Padding(line, (0, 0, 0, 2)))
    unmeasured = words.unmeasured(catalog, report)
    if unmeasured:
        out.append(Padding(Text(f"{glyphs.arrow('not_measured')} {unmeasured}"), (0, 0, 0, 2)))
    return out


def _measure_lines(report: StanceReport, catalog: Catalog, glyphs: Glyphs) -> list[RenderableType]:
    """What else the findings for this stance measured: force per leg, strength gains."""
    out: list[RenderableType] = [
        Padding(Text(f"{glyphs.arrow(m.direction)} {words.measured(catalog, m)}"), (0, 0, 0, 2))
        for m in report.measures
    ]
    if out:
        out.insert(0, Text("What else was measured", style="bold"))
    return out


def _contradicted_lines(
    report: StanceReport, catalog: Catalog, glyphs: Glyphs, *, short: bool = False
) -> list[RenderableType]:
    out: list[RenderableType] = []
    for c in report.contradicted:
        who, claim, muscles, by = words.contradiction(catalog, c)
        if short:
            line = Text(f"{glyphs.dagger} {who}'s claim of {c.claim.direction} {muscles} (shown, never counted): ")
            line.append("contradicted", style="bold red")
            line.append(f" by {by}.")
            out.append(line)
            continue
        line = Text(f"{glyphs.dagger} {who}: {claim} ")
        line.append("Contradicted", style="bold red")
        line.append(f" for the {muscles} by {by}, which found no such change.")
        out.append(line)
    if out and not short:
        out.insert(0, Text("Claims research contradicts (shown, never counted)", style="bold"))
    return out


def stance_view(r: StanceResult, frame: Frame) -> RenderableType:
    """The table of muscles, then one short line on why each changed muscle moved (the study, the
    comparison it made, the grade), claims research contradicts, cautions, and the summary. With
    --explain, the full account instead: every applicable finding per option, silent ones and
    claims included, and why each option works."""
    report, catalog = r.report, r.catalog
    parts: list[RenderableType] = [_stance_table(report, catalog, frame)]
    if report.choices and r.explain:
        parts += _basis_lines(report, catalog, frame.glyphs)
        parts += _machine_lines(report, catalog, frame.glyphs)
        parts += _measure_lines(report, catalog, frame.glyphs)
        parts += _contradicted_lines(report, catalog, frame.glyphs)
        parts += _explanations(report.choices)
    elif report.choices:
        parts += _why_lines(report, catalog, frame.glyphs)
        parts += _contradicted_lines(report, catalog, frame.glyphs, short=True)
        parts += _cautions(report.choices)
    parts += _stance_summary(r.catalog, report, explained=r.explain)
    return Group(*parts)


def _why_lines(report: StanceReport, catalog: Catalog, glyphs: Glyphs) -> list[RenderableType]:
    out: list[RenderableType] = []
    for direction, evidence, names, reason in words.why_groups(catalog, report):
        line = Text(f"{glyphs.arrow(direction)} {words.capital(names)}, {DIRECTION_WORDS[direction]} (")
        line.append(grade(evidence))
        line.append(f"): {reason}")
        out.append(Padding(line, (0, 0, 0, 2)))
    if out:
        out.insert(0, Text("Why", style="bold"))
    return out


# From this width the stance table has room for a claim's marker beside the change.
INLINE_CLAIMS = 100


def _machine_lines(report: StanceReport, catalog: Catalog, glyphs: Glyphs) -> list[RenderableType]:
    """Which machines the findings came from: no machine is a stance option, as no study compared them."""
    lines: list[RenderableType] = [
        Padding(Text(f"{glyphs.dash} {machine}: {', '.join(catalog.source(s).label for s in sources)}"), (0, 0, 0, 2))
        for machine, sources in report.machines()
    ]
    return [Text("Measured on", style="bold"), *lines] if lines else []


def _cautions(choices: tuple[Choice, ...]) -> list[RenderableType]:
    return [Text(f"Caution, {ch.label}: {ch.caution}", style="yellow") for ch in choices if ch.caution]


def _stance_table(report: StanceReport, catalog: Catalog, frame: Frame) -> RenderableType:
    glyphs = frame.glyphs
    title = "Stance: " + words.question_label(catalog, report.stance, report.base)

    def row(v: Verdict) -> list[Cell]:
        change = _change_cell(v, glyphs, words=True, inline=frame.width >= INLINE_CLAIMS)
        return [v.muscle.name, catalog.group(v.muscle.group).name, glyphs.bar(v.level), change, grade(v.grade)]

    groups = _sections(report.verdicts, lambda v: ROLE_TITLE[v.muscle.role], row)
    headers = ["Muscle", "Group", "Emphasis", "Change", "Evidence"]
    return Group(*_grid(headers, groups, frame.width, min_flex=0, title=title))


def _explanations(choices: tuple[Choice, ...]) -> list[RenderableType]:
    """Why each chosen option shifts the work, with its caution where it has one."""
    out: list[RenderableType] = []
    for ch in choices:
        out.append(Text(f"Why {ch.label}: {ch.mechanism}", style="bold"))
        if ch.caution:
            out.append(Padding(Text(f"Caution: {ch.caution}", style="yellow"), (0, 0, 0, 2)))
    return out


def _stance_summary(catalog: Catalog, report: StanceReport, *, explained: bool = False) -> list[RenderableType]:
    summary, headline = words.summary(catalog, report)
    said = summary if explained or not headline else headline
    out: list[RenderableType] = [
        Text(said[0].upper() + said[1:] + ".", style="bold"),
    ]
    if explained or not report.choices:
        out.append(
            Text(
                "Emphasis is how hard each muscle works in the neutral stance; a change moves its bar only where "
                f"that keeps it below every muscle it was not measured to out-work. {HOW_SURE}.",
                style="dim",
            )
        )
    else:
        out.append(Text(f"{HOW_SURE}. Every finding behind each line: --explain.", style="dim"))
    if not report.choices:
        flags = ", ".join(f.flag for spec in DIMENSION_SPECS for f in spec.flags)
        out.append(Text(f"Try {flags} or --load to see how the work shifts.", style="dim"))
    return out


def target_view(t: TargetResult, frame: Frame) -> RenderableType:
    """The stances that raise the target, best first. A table where every column fits whole;
    below that, one block per stance, so its name (the answer) is never squeezed out."""
    report, catalog, glyphs, width = t.report, t.catalog, frame.glyphs, frame.width
    what = "group" if report.kind == "group" else "muscle"
    parts: list[RenderableType] = [Text(f"Stances for the {report.name.lower()} ({what})", style="bold")]
    rows = [_recommendation_cells(r, report, catalog, glyphs) for r in report.recommendations]
    if rows:
        cells: list[list[Cell]] = [
            [rank, label, Text(target, style="green"), grade(evidence), sources, also]
            for rank, label, target, evidence, sources, also in rows
        ]
        headers = ["Rank", "Stance", "Target", "Evidence", "Findings", "Also changes"]
        parts += _grid(headers, [(None, cells)], width, prose=frozenset({5}), min_flex=24)
        cautions = dict.fromkeys(words.caution(c) for r in report.recommendations for c in r.cautions)
        parts += [Text(f"Caution, {c}", style="yellow") for c in cautions]
        parts.append(Text(f"{HOW_SURE}.", style="dim"))
    note = words.target_note(catalog, report)
    if note:
        parts.append(Text(note, style="yellow"))
    parts += _claimed_options(report, catalog)
    return Group(*parts)


def _recommendation_cells(
    r: Recommendation, report: TargetReport, catalog: Catalog, glyphs: Glyphs
) -> tuple[str, str, str, str, str, str]:
    raised = "all" if len(r.raised) == len(report.muscle_ids) else ", ".join(words.names_for(catalog, list(r.raised)))
    target = f"{glyphs.arrow('more')} more" + ("" if raised == "all" else f" ({raised})")
    changes = words.describe_changes(catalog, r.also)
    also = ", ".join(f"{name} {glyphs.arrow('more' if change > 0 else 'less')}" for name, change in changes)
    sources = dict.fromkeys(catalog.source(f.source).label for f in catalog.findings if f.id in r.findings)
    return (
        str(r.rank),
        words.stance_label(catalog, r.stance),
        target,
        r.evidence,
        ", ".join(sources),
        also or "nothing else",
    )


def _row_name(catalog: Catalog, row: CompareRow) -> str:
    """A compare row's name; modelled activity says so, as it is never EMG."""
    return catalog.display_name(row.target) + ("" if row.method == "emg" else f" ({METHOD_WORDS[row.method]})")


# How a compare row's measure is named where it is not EMG of the lift itself.
METHOD_WORDS = {"isometric": "EMG, held still", "modelled": "modelled", "growth": "growth"}


def _claimed_options(report: TargetReport, catalog: Catalog) -> list[RenderableType]:
    """Claims that a position raises the target, apart from the ranking, each with its status."""
    out: list[RenderableType] = []
    for c in report.claimed:
        whom = words.names_for(catalog, list(c.muscle_ids))
        label = words.stance_label(catalog, advisor.Stance.of(**c.claim.when))
        line = Text(f"{label} for the {', '.join(whom)} ({catalog.source(c.claim.source).label}): ")
        line.append(words.STATUS_WORDS[c.status], style=STATUS_STYLE[c.status])
        out.append(Padding(line, (0, 0, 0, 2)))
    if out:
        out.insert(0, Text("Claimed, never ranked", style="bold"))
    return out


def body_map(r: MapResult, frame: Frame) -> RenderableType:
    """Front and back views shaded by the change in this stance: more, less, no difference or
    not measured. Every shade has its own character too, so colour never carries it alone."""
    catalog, report, width, color = r.catalog, r.report, frame.width, frame.color
    views = catalog.views
    view_width = max(len(v.rows[0]) for v in views)
    gap = 4
    side_by_side = width >= view_width * len(views) + gap * (len(views) - 1)
    if frame.glyphs.plain:  # no picture for a screen reader: the key says it all
        return _map_legend(catalog, report, frame)
    if width < view_width:
        return Text(f"The map needs at least {view_width} columns; this terminal has {width}.")
    drawn = [_draw_view(v.title, v.rows, v.regions, report, color=color) for v in views]
    if side_by_side:
        from rich.table import Table

        grid = Table.grid(padding=(0, gap, 0, 0))
        for _ in drawn:
            grid.add_column(no_wrap=True)
        grid.add_row(*drawn)
        picture: RenderableType = grid
    else:
        picture = Group(*drawn)
    return Group(picture, _map_legend(catalog, report, frame))


# Each change: a pattern character, a fill colour and a label colour. "Not measured" is pale and
# dotted so it never reads as "no change".
SHADE: dict[str, tuple[str, str, str]] = {
    "more": ("+", "#d9482b", "white"),
    "less": ("-", "#3b6fb6", "white"),
    "no_difference": ("=", "#9e9e9e", "black"),
    "mixed": ("~", "#b57edc", "black"),
    "not_reported": ("o", "#d8d2c4", "black"),
    "not_measured": (":", "#f3efe6", "black"),
    "claimed": ("c", "#f4d35e", "black"),
    # The neutral stance: what the leg press works, by role.
    "primary": ("#", "#9e1b32", "white"),
    "secondary": ("x", "#e07b54", "black"),
    "stabilizer": ("'", "#f6d5b8", "black"),
}
SHADE_WORDS: dict[str, str] = {
    **DIRECTION_WORDS,
    "claimed": "claimed, not measured",
    "primary": "primary mover",
    "secondary": "secondary mover",
    "stabilizer": "stabilizer",
}


def _draw_view(
    title: str,
    rows: tuple[str, ...],
    regions: dict[str, str],
    report: StanceReport,
    *,
    color: bool,
) -> Text:
    out = Text(title.center(len(rows[0])).rstrip() + "\n", style="bold")
    verdicts = report.by_muscle()
    directions = {key: report.shade_of(verdicts[mid]) for key, mid in regions.items()}
    for n, row in enumerate(rows.__iter__()):
        line = Text()
        for ch in row:
            key = ch.lower()
            if key in directions:
                pattern, bg, fg = SHADE[directions[key]]
                cell = ch if ch.isupper() else pattern
                line.append(cell, style=f"bold {fg} on {bg}" if color else "")
            elif ch == ".":
                line.append("." if not color else " ", style="on grey35" if color else "dim")
            else:
                line.append(" ")
        line.rstrip()
        out.append_text(line)
        if n < len(rows) - 1:
            out.append("\n")
    return out


def _map_legend(catalog: Catalog, report: StanceReport, frame: Frame) -> RenderableType:
    from rich.table import Table

    glyphs, color = frame.glyphs, frame.color
    scale = Text("Role: " if report.neutral else "Change: ")
    for key in ROLES if report.neutral else SHADES:
        pattern, bg, fg = SHADE[key]
        if not glyphs.plain:  # no picture, so no pattern to explain
            scale.append(pattern * 2 + " ", style=f"bold {fg} on {bg}" if color else "")
        scale.append(f"{SHADE_WORDS[key]}  ")
    scale.rstrip()
    keys = _map_keys(catalog)
    table = Table.grid(padding=(0, 1))
    columns = 2 if frame.width >= WIDE else 1
    for _ in range(columns):
        table.add_column(no_wrap=False)
    cells = []
    for verdict in report.verdicts:
        if verdict.muscle.id not in keys:
            continue
        view, key = keys[verdict.muscle.id]
        m = verdict.muscle
        if report.neutral:
            deep = ", surface EMG does not record it" if not m.surface_emg else ""
            label = Text(f"{key} {m.name} ({view.lower()}): {SHADE_WORDS[m.role]}, {m.emphasis}/5{deep} (")
            label.append(grade(m.baseline.evidence))
            label.append(")")
            cells.append(label)
            continue
        change = f"{glyphs.arrow(verdict.direction)} {DIRECTION_WORDS[verdict.direction]}".strip()
        claimed = "".join(f" ({glyphs.claimed(w)})" for w in dict.fromkeys(u.claim.direction for u in verdict.claimed))
        label = Text(f"{key} {m.name} ({view.lower()}): {change}{claimed}")
        if verdict.grade:
            label.append(" (")
            label.append(grade(verdict.grade))
            label.append(")")
        cells.append(label)
    for i in range(0, len(cells), columns):
        table.add_row(*cells[i : i + columns])
    if report.neutral:
        heading = "What the leg press works, by role (emphasis out of 5; add a stance option to see it change)"
    else:
        heading = "Stance: " + words.question_label(catalog, report.stance, report.base)
    return Group(Text(heading, style="bold"), scale, table)


def _map_keys(catalog: Catalog) -> dict[str, tuple[str, str]]:
    """Each muscle's view and letter: the view that shows most of it (the calves are a back-view
    muscle, though the front view shows their edges)."""
    best: dict[str, tuple[int, str, str]] = {}
    for v in catalog.views:
        for key, mid in v.regions.items():
            size = sum(row.lower().count(key) for row in v.rows)
            if size > best.get(mid, (-1, "", ""))[0]:
                best[mid] = (size, v.title, key.upper())
    return {mid: (title, key) for mid, (_, title, key) in best.items()}


def evidence_view(r: EvidenceResult, frame: Frame) -> RenderableType:
    """Findings by muscles, like an effect matrix: each cell is what that study saw, A against B."""
    report, catalog, glyphs, width = r.report, r.catalog, frame.glyphs, frame.width
    marks = {"more": glyphs.arrow("more"), "less": glyphs.arrow("less"), "no_difference": "=", "not_reported": "?"}
    single = len(report.muscles) == 1
    parts: list[RenderableType] = []
    if single:
        m = report.muscles[0]
        parts.append(Text(f"Evidence for the {m.name.lower()}", style="bold"))
        table = _table("Study", "Comparison (A vs B)", "Result", Wrap("Conditions"))
        for row in report.rows:
            f = row.finding
            cell = row.cells.get(m.id, "not_reported")
            word = "not reported" if cell == "not_reported" else DIRECTION_WORDS[cell]
            table.add_row(
                catalog.source(f.source).label,
                words.comparison_text(catalog, row.finding),
                f"{marks[cell]} {word}",
                _conditions(f),
            )
        if not report.rows:
            parts.append(Text("No study in the data measured this muscle in any foot position."))
        elif _set_widths(table, width, min_flex=30):
            parts.append(table)
        else:
            for row in report.rows:
                cell = row.cells.get(m.id, "not_reported")
                word = "not reported" if cell == "not_reported" else DIRECTION_WORDS[cell]
                compared = words.comparison_text(catalog, row.finding)
                head = f"{catalog.source(row.finding.source).label}: {compared}: {marks[cell]} {word}"
                parts += [Text(head), Padding(Text(_conditions(row.finding), style="dim"), (0, 0, 0, 2))]
    else:
        seen = {i for r in report.rows for i in r.cells}
        shown = [m for m in report.muscles if m.id in seen]
        parts.append(Text("Findings by muscle: each cell is what the study saw in A against B", style="bold"))
        table = _table(Wrap("Study: A vs B"), *(m.short for m in shown), compact=True)
        if _matrix_fits(shown, width):
            for row in report.rows:
                cells = [marks[row.cells[m.id]] if m.id in row.cells else "" for m in shown]
                table.add_row(
                    f"{catalog.source(row.finding.source).label}: {words.comparison_text(catalog, row.finding)}", *cells
                )
            parts.append(_fixed_widths(table, width, min_flex=24))
        else:  # more muscles than columns: one line per finding, naming what it measured
            parts.append(Text("Study: A vs B, then what it saw in each muscle", style="dim"))
            for row in report.rows:
                results = ", ".join(f"{catalog.muscle(i).short} {marks[c]}" for i, c in row.cells.items())
                head = f"{catalog.source(row.finding.source).label}: {words.comparison_text(catalog, row.finding)}"
                parts += [Text(head), Padding(Text(results), (0, 0, 0, 2))]
        key = ", ".join(f"{m.short} {m.name.lower()}" for m in shown)
        never = [m.name.lower() for m in report.muscles if m not in shown]
        legend = (
            f"{marks['more']} more, {marks['less']} less, = no difference, ? measured but not reported, "
            f"blank: not measured. {key}."
        )
        if never:
            legend += f" Never measured in any foot position: {', '.join(never)}."
        parts.append(Text(legend, style="dim"))
    if report.claims:
        parts.append(Text("Claims", style="bold"))
        for said in report.claims:
            who = catalog.source(said.claim.source).label
            when = words.stance_label(catalog, advisor.Stance.of(**said.claim.when))
            line = Text(f"{who}, {when}: {said.claim.direction} {said.muscle.name.lower()}: ")
            line.append(words.STATUS_WORDS[said.status], style=STATUS_STYLE[said.status])
            if said.decided_by:  # the studies, as people name them, never the findings' ids
                by = dict.fromkeys(catalog.source(f.source).label for f in catalog.findings if f.id in said.decided_by)
                line.append(f" ({', '.join(by)})")
            parts.append(Padding(line, (0, 0, 0, 2)))
    parts.append(
        Text(f"Findings carry over only to the comparison they made. {HOW_SURE} (legpress grades).", style="dim")
    )
    return Group(*parts)


def _matrix_fits(columns: list[Muscle], width: int) -> bool:
    """Whether one column per muscle (its short code and a gap) leaves room for the study."""
    return sum(len(m.short) + 1 for m in columns) + 24 <= width


def _conditions(f: Finding) -> str:
    bits = [f.machine, f"{f.population}" + (f", n={f.n}" if f.n else "")]
    if f.load_percent is not None:
        bits.append(f"{f.load_percent}% of 1RM")
    if f.proxy:
        bits.append(f"indirect: {f.proxy}")
    if f.note:
        bits.append(f.note)
    return "; ".join(bits)


KNEE_PAIN = (
    "Knee pain, swelling or a knee that gives way is for a clinician to assess, not for a tool: "
    "stop the exercise and ask one."
)


def knee_view(r: KneeResult, frame: Frame) -> RenderableType:
    """What the leg press does to the knees, what changes that, and the cues that protect them."""
    report, catalog, glyphs = r.report, r.catalog, frame.glyphs
    parts: list[RenderableType] = [Text("The knee: what was measured, and what changes it", style="bold")]
    by_dimension: dict[str, list[RenderableType]] = {}
    for k in report.positions:
        f, o = k.finding, k.outcome
        a = words.condition_text(catalog, f.a, f.contrast)
        b = words.condition_text(catalog, f.b, f.contrast)
        said = (
            f"{o.result.replace('_', ' ')} with {a} than with {b}"
            if o.result != "no_difference"
            else (f"no difference between {a} and {b}")
        )
        line = Text(f"{glyphs.arrow(o.result)} {words.capital(o.measure)}: {said} ")
        proxy = f.proxy.rstrip(".") if f.proxy else None
        how = [
            catalog.source(f.source).label,
            *([proxy[0].lower() + proxy[1:]] if proxy else []),
            *([o.note] if o.note else []),
        ]
        line.append(f"({'; '.join(how)}).", style="dim")
        words_for = " and ".join(SPEC_WORDS[d] for d in k.dimensions)
        by_dimension.setdefault(words_for, []).append(Padding(line, (0, 0, 0, 2)))
    for dimension, lines in by_dimension.items():
        parts += [Text(f"By {dimension}", style="bold"), *lines]
    if report.exercises:
        parts.append(Text("The leg press against other exercises", style="bold"))
        for m in report.exercises:
            e = catalog.exercise(m.comparison.exercise)
            o = m.outcome
            versus = "from" if o.result == "no_difference" else "than"
            line = Text(f"{glyphs.arrow(o.result)} {words.capital(o.measure)}: {_COMPARED[o.result]}")
            line.append(f" {versus} the {e.name.lower()} ")
            how = [catalog.source(m.comparison.source).label, *([o.note] if o.note else [])]
            line.append(f"({'; '.join(how)}).", style="dim")
            parts.append(Padding(line, (0, 0, 0, 2)))
    if report.cues:
        parts.append(Text("Cues that protect the knee", style="bold"))
        parts += [Padding(Text(f"{glyphs.dash} {c.cue} ({c.evidence})"), (0, 0, 0, 2)) for c in report.cues]
    parts += [
        Text(KNEE_PAIN, style="yellow"),
        Text(NOT_ADVICE, style="dim"),
    ]
    return Group(*parts)


SPEC_WORDS: dict[str, str] = {s.name: s.words for s in DIMENSION_SPECS}


VIEWS: dict[type[Result], Callable[[Any, Frame], RenderableType]] = {
    results.MusclesResult: muscles_table,
    results.MuscleResult: muscle_detail,
    results.CuesResult: cues_view,
    results.SourcesResult: sources_view,
    results.StanceResult: stance_view,
    results.TargetResult: target_view,
    results.MapResult: body_map,
    results.EvidenceResult: evidence_view,
    results.CompareResult: compare_view,
    results.KneeResult: knee_view,
}


def view(result: Result, frame: Frame) -> RenderableType:
    """The picture of any command's result."""
    return VIEWS[type(result)](result, frame)


# --- consoles ----------------------------------------------------------------------------


# Tables lay out for the terminal's width; a huge or tiny COLUMNS must not make every line
# 100,000 cells long, or exhaust memory.
MIN_WIDTH, MAX_WIDTH = 20, 500


def _width() -> int:
    """COLUMNS within bounds; unset, not a number, or not positive (COLUMNS=0): 0, ask the terminal."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        return 0
    return max(MIN_WIDTH, min(MAX_WIDTH, columns)) if columns > 0 else 0


class _Buffer(io.StringIO):
    """A string buffer that reports the real output's encoding, so rich picks the same glyphs."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$")


def _without_trailing_blanks(text: str) -> str:
    # Line by line: one regex over the whole output retried at every run of spaces, ~10 ms on a
    # long table; only lines with escape codes need it.
    return "\n".join(_TRAILING.sub(r"\1", line) if "\x1b" in line else line.rstrip(" \t") for line in text.split("\n"))


def to_text(console: Console, renderable: RenderableType) -> str:
    """The renderable as the console would print it, without the spaces rich pads lines with."""
    buffer = _Buffer(console.encoding)
    twin = Console(
        file=buffer,
        width=console.width,
        # Given, so rich does not ask the terminal for it three times a line of prose.
        height=console.height,
        color_system=console.color_system,  # type: ignore[arg-type]
        force_terminal=console.is_terminal,
        no_color=console.no_color,
        **_LITERAL,
    )
    twin.print(renderable)
    return _without_trailing_blanks(buffer.getvalue())


# Data text is shown as written: "[1]" or ":thumbs_up:" in a coach's file is not rich markup or an
# emoji code, and skipping that parsing also saves start-up time on big tables.
_LITERAL: dict[str, Any] = {"markup": False, "emoji": False, "highlight": False, "soft_wrap": False}


def stdout_console() -> Console:
    """A console that honours NO_COLOR, FORCE_COLOR, TERM=dumb, COLUMNS and piping.

    NO_COLOR and TERM=dumb turn off every escape code, bold and underline included,
    not just colour, so the output is plain text for screen readers and dumb terminals.
    """
    env = os.environ
    forced = bool(env.get("FORCE_COLOR"))
    plain = PLAIN or bool(env.get("NO_COLOR")) or (env.get("TERM") == "dumb" and not forced)
    # FORCE_COLOR beats TERM=dumb, as the README says: rich's own detection would not.
    system: Literal["auto", "standard"] | None = (
        None if plain else "standard" if forced and env.get("TERM") == "dumb" else "auto"
    )
    width = _width() or None
    if width is None and "COLUMNS" in env:
        # rich would take COLUMNS=0 as zero columns; ask as if it were unset.
        import shutil

        width = max(MIN_WIDTH, min(MAX_WIDTH, shutil.get_terminal_size().columns))
    return Console(
        width=width,
        color_system=system,
        **_LITERAL,
    )


# --plain (set once by the CLI): text for screen readers, without pictures, rules or colour.
PLAIN = False


def frame_for(console: Console) -> Frame:
    """The frame a console can show: its width, ASCII glyphs unless it writes UTF-8, and colour
    only when it will really print escape codes (never with --plain)."""
    utf = console.encoding.lower().replace("-", "").startswith("utf")
    color = console.is_terminal and console.color_system is not None and not console.no_color and not PLAIN
    return Frame(Glyphs(ascii=not utf or PLAIN, plain=PLAIN), console.width, color)


# The frame of every --svg file: full colour and Unicode at 100 columns, whatever the terminal.
SVG_FRAME = Frame(Glyphs(ascii=False), 100, color=True)


def svg_text(renderable: RenderableType, title: str, width: int = 100) -> str:
    """The renderable as a standalone SVG in full colour, whatever the terminal is."""
    import zlib  # only here, as rich imports it only for SVG

    # The colours come from the recorded styles, not the console's colour system: with none,
    # rich records the drawing without also writing it out as escape codes nobody reads.
    console = Console(record=True, width=width, height=25, color_system=None, file=io.StringIO(), **_LITERAL)
    console.print(renderable)
    # rich names the drawing's classes after a checksum of the repr of every segment it drew,
    # about a fifth of an `--svg` run; a checksum of the finished file serves as well. The
    # placeholder cannot occur in the drawing's text, where rich escapes every "<".
    svg = console.export_svg(title=title, unique_id=_ID)
    svg = svg.replace(_ID, f"terminal-{zlib.adler32(svg.encode())}")
    # rich's template fetches Fira Code from a CDN; a file that stands alone uses a local monospace.
    return _FONT_FACE.sub("", svg)


_ID = "legpress <id>"


_FONT_FACE = re.compile(r"[ \t]*@font-face\s*\{[^}]*\}\n?")
