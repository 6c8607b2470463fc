"""Pure functions that turn answers into rich renderables; the only module that imports rich.

Nothing here decides advice: it lays out what advisor.py computed. Every function takes a
`Glyphs` so the same layout degrades to ASCII when the output cannot carry UTF-8.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Column, Table
from rich.text import Text

from legpress_cli import advisor
from legpress_cli.advisor import CHANGE_WORDS
from legpress_cli.errors import OutputClosed

if TYPE_CHECKING:
    from legpress_cli.advisor import Shift, SourceUse, StanceReport, TargetReport
    from legpress_cli.model import Catalog, Choice, Cue, Effect, Muscle

T = TypeVar("T")
GRADE_STYLE: dict[str, str] = {
    "strong": "bold green",
    "moderate": "green",
    "weak": "yellow",
    "claim": "magenta",
    "contradicted": "bold red",
}
ROLE_TITLE = {
    "primary": "Primary movers",
    "secondary": "Secondary movers",
    "stabilizer": "Stabilizers",
}
# Narrower than this, tables drop their long prose column so the rest stays readable.
WIDE = 70
NOT_ADVICE = "Not medical advice: general information about technique."
# One character per emphasis level 1..5, light to dark, for maps without colour. Plain ASCII
# even on a UTF-8 terminal: block shades blur together in many fonts.
SHADES = "-:+#@"


@dataclass(frozen=True)
class Glyphs:
    ascii: bool

    def bar(self, level: int, top: int = 5) -> str:
        on, off = ("#", ".") if self.ascii else ("■", "□")
        return on * level + off * (top - level)

    def arrow(self, change: int) -> str:
        if self.ascii:
            return {-2: "--", -1: "-", 0: "=", 1: "+", 2: "++"}[change]
        return {-2: "↓↓", -1: "↓", 0: "·", 1: "↑", 2: "↑↑"}[change]

    @property
    def dagger(self) -> str:
        return "*" if self.ascii else "†"

    @property
    def dash(self) -> str:
        return "-" if self.ascii else "—"


def grade(text: str) -> Text:
    return Text(text, style=GRADE_STYLE.get(text, ""))


# Columns holding prose wrap and take the spare width; the short ones keep to one line.
PROSE = frozenset({"In the lift", "Why", "Cue", "Stance", "Also changes"})


def _set_widths(table: Table, width: int, min_flex: int = 20) -> bool:
    """Give every column its width up front so rich need not measure each cell, which is most
    of the cost of drawing a long table. Each column gets its longest cell, except the
    wrapping column with the most text, which gets what is left if that is at least
    `min_flex`. Returns False, leaving the table to rich, when the terminal is too narrow."""
    from rich.cells import cell_len

    def longest(column: Column) -> int:
        cells = [column.header, *column._cells]
        return max(c.cell_len if isinstance(c, Text) else cell_len(str(c)) for c in cells)

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


def _table(*columns: str, title: str | None = None, flex: frozenset[str] = PROSE, compact: bool = False) -> Table:
    """A table in the house style; `compact` puts two spaces between columns instead of three."""
    table = Table(
        title=title,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        title_style="bold",
        pad_edge=False,
        show_edge=False,
        padding=(0, 1, 0, 0) if compact else (0, 1),
    )
    for name in columns:
        prose = name in flex
        table.add_column(
            name,
            overflow="fold",
            ratio=1 if prose else None,
            no_wrap=not prose and len(columns) > 3,
        )
    return table


def _sections(table: Table, items: Iterable[T], title: Callable[[T], str]) -> Iterator[T]:
    """Yield the items, adding a heading row and a rule whenever the title changes."""
    current = None
    for item in items:
        heading = title(item)
        if heading != current:
            if current is not None:
                table.add_section()
            table.add_row(Text(heading, style="bold underline"))
            current = heading
        yield item


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


def muscles_table(muscles: tuple[Muscle, ...], catalog: Catalog, glyphs: Glyphs, width: int) -> RenderableType:
    wide = width >= WIDE
    columns = ["Muscle", "Group", "In the lift", "Emphasis", "Evidence"] if wide else ["Muscle", "Emphasis", "Evidence"]
    table = _table(*columns)
    for m in _sections(table, muscles, lambda m: ROLE_TITLE[m.role]):
        name = m.name + (f" {glyphs.dagger}" if m.disputes else "")
        cells: list[RenderableType] = [name]
        if wide:
            cells += [catalog.group(m.group).name, m.in_lift]
        cells += [glyphs.bar(m.emphasis), grade(m.baseline.evidence)]
        table.add_row(*cells)
    parts: list[RenderableType] = [_fixed_widths(table, width), *_disputes(muscles, catalog, glyphs)]
    if not muscles:
        parts = [Text("No muscle matches those filters.")]
    return Group(*parts)


def muscle_detail(
    m: Muscle, catalog: Catalog, effects: tuple[tuple[Choice, Effect], ...], glyphs: Glyphs, width: int
) -> RenderableType:
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
    if effects:
        table = _table("Stance", "Change", "Evidence", "Why", title="Foot positions")
        for ch, eff in effects:
            table.add_row(
                ch.label,
                f"{glyphs.arrow(eff.change)} {CHANGE_WORDS[eff.change]}",
                grade(eff.evidence),
                eff.reason,
            )
        # Where the reasons would be squeezed into a narrow column, list them under each stance.
        parts += [table] if _set_widths(table, width, min_flex=30) else _effect_lines(effects, glyphs)
    else:
        parts.append(Text("No foot position in the data changes this muscle."))
    return Group(*parts)


def _effect_lines(effects: tuple[tuple[Choice, Effect], ...], glyphs: Glyphs) -> list[RenderableType]:
    out: list[RenderableType] = [Text("Foot positions", style="bold")]
    for ch, eff in effects:
        head = Text(f"{ch.label}: {glyphs.arrow(eff.change)} {CHANGE_WORDS[eff.change]} (")
        head.append(grade(eff.evidence))
        head.append(")")
        out += [head, Padding(Text(eff.reason), (0, 0, 0, 2))]
    return out


def cues_view(cues: tuple[Cue, ...], catalog: Catalog, glyphs: Glyphs, width: int) -> RenderableType:
    wide = width >= WIDE
    table = _table("Cue", "Why", "Evidence") if wide else _table("Cue", "Evidence")
    for c in _sections(table, cues, lambda c: c.phase.capitalize()):
        label = Text(c.cue)
        label.append(f"\nprevents: {c.fault}", style="dim")
        if wide:
            table.add_row(label, c.why, grade(c.evidence))
        else:
            label.append(f"\nwhy: {c.why}")
            table.add_row(label, grade(c.evidence))
    return Group(_fixed_widths(table, width), Text(NOT_ADVICE, style="dim italic"))


def sources_view(uses: tuple[SourceUse, ...], glyphs: Glyphs) -> RenderableType:
    parts: list[RenderableType] = []
    for u in uses:
        head = Text(f"[{u.number}] ", style="bold")
        head.append(u.source.label, style="bold")
        head.append(f" ({u.source.kind})", style="dim")
        parts.append(head)
        parts.append(Padding(Text(u.source.citation), (0, 0, 0, 4)))
        parts.append(Padding(Text(u.source.summary, style="dim"), (0, 0, 0, 4)))
        if u.supports:
            lines = "\n".join(f"{glyphs.dash} {s}" for s in u.supports)
            parts.append(Padding(Text("supports:\n" + lines), (0, 0, 1, 4)))
        else:
            parts.append(Padding(Text("supports: nothing in the data yet"), (0, 0, 1, 4)))
    return Group(*parts)


def _change_cell(s: Shift, glyphs: Glyphs) -> Text:
    style = "green" if s.change > 0 else "red" if s.change < 0 else "dim"
    return Text(glyphs.arrow(s.change), style=style)


def stance_view(report: StanceReport, catalog: Catalog, glyphs: Glyphs, width: int) -> RenderableType:
    wide = width >= WIDE
    title = "Stance: " + (", ".join(ch.label for ch in report.choices) or "neutral")
    if wide:
        table = _table("Muscle", "Group", "Base", "Stance", "Change", "Evidence", title=title)
    else:
        # Narrow: the bar and its arrow share a column, and long names wrap instead of the bars.
        table = _table("Muscle", "Stance", "Evidence", title=title, flex=frozenset({"Muscle"}), compact=True)
    for s in _sections(table, report.shifts, lambda s: ROLE_TITLE[s.muscle.role]):
        m = s.muscle
        if wide:
            table.add_row(
                m.name,
                catalog.group(m.group).name,
                glyphs.bar(s.baseline),
                glyphs.bar(s.emphasis),
                _change_cell(s, glyphs),
                grade(s.evidence),
            )
        else:
            table.add_row(
                m.name, Text.assemble(glyphs.bar(s.emphasis), " ", _change_cell(s, glyphs)), grade(s.evidence)
            )
    parts: list[RenderableType] = [_fixed_widths(table, width, min_flex=20 if wide else 10)]
    for ch in report.choices:
        parts.append(Text(f"Why {ch.label}: {ch.mechanism}", style="bold"))
        for eff in ch.effects:
            names = ", ".join(catalog.display_name(t) for t in eff.targets)
            line = Text(f"{glyphs.arrow(eff.change)} {names} (")
            line.append(grade(eff.evidence))
            line.append(f"): {eff.reason}")
            parts.append(Padding(line, (0, 0, 0, 2)))
        if ch.caution:
            parts.append(Padding(Text(f"Caution: {ch.caution}", style="yellow"), (0, 0, 0, 2)))
    parts.append(Text(report.summary[0].upper() + report.summary[1:] + ".", style="bold"))
    if not report.choices:
        parts.append(
            Text(
                "Try --high, --low, --wide, --narrow, --deep, --partial or --toes-out to see how the work shifts.",
                style="dim",
            )
        )
    return Group(*parts)


def target_view(report: TargetReport, catalog: Catalog, glyphs: Glyphs, width: int) -> RenderableType:
    what = "group" if report.kind == "group" else "muscle"
    parts: list[RenderableType] = [Text(f"Stances for the {report.name.lower()} ({what})", style="bold")]
    if report.recommendations:
        wide = width >= WIDE
        table = (
            _table("#", "Stance", "Target", "Evidence", "Also changes")
            if wide
            else _table("#", "Stance", "Target", "Evidence")
        )
        for r in report.recommendations:
            cells: list[RenderableType] = [
                str(r.rank),
                r.label,
                Text(f"{glyphs.arrow(r.change)} {CHANGE_WORDS[r.change]}", style="green"),
                grade(r.evidence),
            ]
            if wide:
                changes = advisor.describe_changes(catalog, r.also)
                also = ", ".join(f"{name} {glyphs.arrow(change)}" for name, change in changes) or "nothing else"
                cells.append(also)
            table.add_row(*cells)
        parts.append(table)
        cautions = dict.fromkeys(c for r in report.recommendations for c in r.cautions)
        parts += [Text(f"Caution, {c}", style="yellow") for c in cautions]
    if report.note:
        parts.append(Text(report.note, style="yellow"))
    return Group(*parts)


def body_map(catalog: Catalog, report: StanceReport, glyphs: Glyphs, *, color: bool, width: int) -> RenderableType:
    """Front and back views shaded by emphasis: colour blocks on a colour terminal, shade
    characters otherwise, so the five levels stay apart either way."""
    views = catalog.views
    view_width = max(len(v.rows[0]) for v in views)
    gap = 4
    side_by_side = width >= view_width * len(views) + gap * (len(views) - 1)
    if width < view_width:
        return Text(f"The map needs at least {view_width} columns; this terminal has {width}.")
    drawn = [_draw_view(v.title, v.rows, v.regions, report, glyphs, color=color) for v in views]
    if side_by_side:
        grid = Table.grid(padding=(0, gap, 0, 0))
        for _ in drawn:
            grid.add_column(no_wrap=True)
        grid.add_row(*drawn)
        picture: RenderableType = grid
    else:
        picture = Group(*drawn)
    return Group(picture, _map_legend(catalog, report, glyphs, color=color, width=width))


LEVEL_COLORS = ("#f3e5c8", "#f5c07a", "#f08c3a", "#d9482b", "#8f1d1d")


def _draw_view(
    title: str,
    rows: tuple[str, ...],
    regions: dict[str, str],
    report: StanceReport,
    glyphs: Glyphs,
    *,
    color: bool,
) -> Text:
    out = Text(title.center(len(rows[0])) + "\n", style="bold")
    for n, row in enumerate(rows):
        for ch in row:
            key = ch.lower()
            if key in regions:
                level = report.shift(regions[key]).emphasis
                if color:
                    bg = LEVEL_COLORS[level - 1]
                    fg = "black" if level <= 3 else "white"
                    out.append(ch if ch.isupper() else " ", style=f"bold {fg} on {bg}")
                else:
                    out.append(ch if ch.isupper() else SHADES[level - 1])
            elif ch == ".":
                out.append("." if not color else " ", style="on grey35" if color else "dim")
            else:
                out.append(" ")
        if n < len(rows) - 1:
            out.append("\n")
    return out


def _map_legend(catalog: Catalog, report: StanceReport, glyphs: Glyphs, *, color: bool, width: int) -> RenderableType:
    scale = Text("Emphasis: ")
    for level in range(1, 6):
        if color:
            scale.append("  ", style=f"on {LEVEL_COLORS[level - 1]}")
        else:
            scale.append(SHADES[level - 1] * 2)
        scale.append(f" {level}  ")
    keys: dict[str, tuple[str, str]] = {}
    for v in catalog.views:
        for key, mid in v.regions.items():
            keys.setdefault(mid, (v.title, key.upper()))
    table = Table.grid(padding=(0, 1))
    columns = 2 if width >= WIDE else 1
    for _ in range(columns):
        table.add_column(no_wrap=False)
    cells = []
    for s in report.shifts:
        if s.muscle.id not in keys:
            continue
        view, key = keys[s.muscle.id]
        label = Text(f"{key} {s.muscle.name} ({view.lower()}) {s.emphasis}")
        label.append(f" {glyphs.arrow(s.change)}" if s.change else "")
        cells.append(label)
    for i in range(0, len(cells), columns):
        table.add_row(*cells[i : i + columns])
    title = ", ".join(ch.label for ch in report.choices) or "neutral stance"
    return Group(Text(f"Stance: {title}", style="bold"), scale, table)


# --- consoles ----------------------------------------------------------------------------


def _width() -> int:
    try:
        return max(20, int(os.environ["COLUMNS"]))
    except (KeyError, ValueError):
        return 0


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit 1 here; a reader that stops early (`| head -1`) is not an error.
        self.quiet = True
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise OutputClosed


# Data text is shown as written: "[1]" or ":thumbs_up:" in a coach's file is not rich markup or an
# emoji code, and skipping that parsing also saves start-up time on big tables.
_LITERAL: dict[str, Any] = {"markup": False, "emoji": False, "highlight": False, "soft_wrap": False}


def stdout_console() -> Console:
    """A console that honours NO_COLOR, FORCE_COLOR, TERM=dumb, COLUMNS and piping.

    NO_COLOR and TERM=dumb turn off every escape code, bold and underline included,
    not just colour, so the output is plain text for screen readers and dumb terminals.
    """
    env = os.environ
    plain = bool(env.get("NO_COLOR")) or (env.get("TERM") == "dumb" and not env.get("FORCE_COLOR"))
    return _Console(
        width=_width() or None,
        color_system=None if plain else "auto",
        **_LITERAL,
    )


def glyphs_for(console: Console) -> Glyphs:
    return Glyphs(ascii=not console.encoding.lower().replace("-", "").startswith("utf"))


def export_svg(renderable: RenderableType, path: Path, title: str, width: int = 100) -> None:
    """Write the renderable as a standalone SVG in full colour, whatever the terminal is."""
    console = Console(
        record=True, width=width, force_terminal=True, color_system="truecolor", file=io.StringIO(), **_LITERAL
    )
    console.print(renderable)
    path.write_text(console.export_svg(title=title), encoding="utf-8")


def color_enabled(console: Console) -> bool:
    return console.is_terminal and console.color_system is not None and not console.no_color
