"""The handout a coach gives a client (`legpress report`): one stance, as a self-contained HTML
page or as Markdown. `build` turns the advice into a document of plain blocks; `html` and
`markdown` write those blocks out. Pure functions: the date and version come in as arguments.

The HTML loads nothing from anywhere: its style is inline, its map an inline SVG, and a
Content-Security-Policy forbids every fetch, so a mistake here shows as a console error in the
browser tests rather than as a silent request. It is also well-formed XML (every element
closed, every attribute quoted), which the tests check.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, NamedTuple

from legpress_cli import words
from legpress_cli.results import Personal
from legpress_cli.vector import describe, legend, letters, map_svg
from legpress_cli.words import ARROW, DIRECTION_WORDS, NOT_ADVICE, PHASE_TITLE, ROLE_TITLE, question_label, stance_label

if TYPE_CHECKING:
    from legpress_cli.advisor import StanceReport
    from legpress_cli.records import Catalog, Cue


class Heading(NamedTuple):
    level: int
    text: str
    kind: str = ""  # for a level-2 heading, how its section is laid out: "columns", "small columns"


class Para(NamedTuple):
    text: str
    kind: str = ""  # "lead", "caution", "note"


class Items(NamedTuple):
    items: tuple[tuple[str, str], ...]  # (bold lead, the rest)
    kind: str = ""


class Table(NamedTuple):
    caption: str
    headers: tuple[str, ...]
    groups: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]  # (group title, rows)


class Figure(NamedTuple):
    svg: str
    caption: str
    description: str  # the drawing in words, for Markdown
    shades: tuple[tuple[str, str], ...] = ()  # the key, as text: (pattern id, words)
    letters: tuple[tuple[str, str], ...] = ()  # (key letter, muscle name)


class Cited(NamedTuple):
    label: str
    citation: str
    doi: str | None


class Sources(NamedTuple):
    items: tuple[Cited, ...]


Block = Heading | Para | Items | Table | Figure | Sources


class Handout(NamedTuple):
    title: str
    blocks: tuple[Block, ...]
    made: str  # "Made with legpress 0.1.0 on 2026-11-22."


def build(
    catalog: Catalog,
    report: StanceReport,
    cues: tuple[Cue, ...],
    *,
    date: str,
    version: str,
    personal: Personal | None = None,
) -> Handout:
    stance = question_label(catalog, report.stance, report.base)
    own = personal or Personal()
    heading = own.title or f"Leg press: {stance}"
    blocks: list[Block] = [Heading(1, heading)]
    if own.title:
        blocks.append(Para(f"Leg press: {stance}", "lead"))
    if own.client:
        blocks.append(Para(f"For {own.client}", "lead"))
    if own.note:
        blocks.append(Para(f"Note from your coach: {own.note}", "caution"))
    blocks += [
        Para(_stance_words(catalog, report), "lead"),
        Para(words.capital(words.summary(catalog, report)[0]) + "."),
        Heading(2, "Which muscles work, and how this stance changes them"),
        Figure(
            map_svg(catalog, report, key=False),
            _map_caption(),
            describe(catalog, report),
            tuple(legend(report)),
            tuple(letters(catalog, report)),
        ),
        _muscles_table(catalog, report),
        Para(
            "Emphasis is how hard each muscle works in the neutral stance, out of 5; a change moves it only "
            "where that keeps it below every muscle it was not measured to out-work. Evidence: strong, two or "
            "more studies (or a systematic review) measured this directly and agree; moderate, one study did; "
            "weak, studies measured something close to it; claim, an article says so and no study measured it.",
            "note",
        ),
    ]
    blocks += _measured(catalog, report)
    blocks += _contradicted(catalog, report)
    blocks += _why(report)
    blocks += _cues(cues)
    if own.log:
        blocks += [
            Heading(2, "Your log"),
            Table(
                "Fill in after each session",
                ("Date", "Sets", "Reps", "Load", "Notes"),
                (("", tuple(("\u00a0",) * 5 for _ in range(6))),),
            ),
        ]
    blocks += [Heading(2, "Sources", "small columns"), Sources(_cited(catalog, report, cues))]
    made = f"Made with legpress {version} on {date}. {NOT_ADVICE}"
    title = f"{own.title} ({stance})" if own.title else f"Leg press handout: {stance}"
    return Handout(title, tuple(blocks), made)


def _stance_words(catalog: Catalog, report: StanceReport) -> str:
    """Every part of the stance, the neutral ones too, so the page says exactly what to do."""
    return "The stance: " + ", ".join(catalog.label(d, v) for d, v in report.stance.as_dict().items()) + "."


def _map_caption() -> str:
    # The drawing carries its own key of shades and patterns; the caption does not repeat it.
    return (
        "Front and back of the hips and legs, shaded and patterned as the key says; a dashed outline is a deep muscle."
    )


def _base_words(catalog: Catalog, report: StanceReport) -> str:
    return "the neutral stance" if report.against_neutral else stance_label(catalog, report.base)


def _muscles_table(catalog: Catalog, report: StanceReport) -> Table:
    groups: dict[str, list[tuple[str, ...]]] = {}
    for v in report.verdicts:
        m = v.muscle
        groups.setdefault(m.role, []).append(
            (
                m.name,
                catalog.group(m.group).name,
                f"{v.level} of 5",
                f"{ARROW[v.direction]} {DIRECTION_WORDS[v.direction]}",
                v.grade or "none",
            )
        )
    return Table(
        f"Muscles by role: emphasis, change against {_base_words(catalog, report)}, and the evidence for it",
        ("Muscle", "Group", "Emphasis", "Change", "Evidence"),
        tuple((ROLE_TITLE.get(role, role), tuple(rows)) for role, rows in groups.items()),
    )


def _measured(catalog: Catalog, report: StanceReport) -> list[Block]:
    if not report.choices:
        return []
    found: list[tuple[str, str]] = [
        (f"{words.capital(names)}: {DIRECTION_WORDS[d]} ({g or 'no grade'}).", why)
        for d, g, names, why in words.basis_groups(catalog, report, words.brief, silent=False)
    ]
    found += [(line, "") for line in (words.silent(catalog, report), words.unmeasured(catalog, report)) if line]
    out: list[Block] = [Heading(2, "What the studies measured", "small columns"), Items(tuple(found))] if found else []
    if report.measures:
        out += [
            Heading(3, "Other measures"),
            Items(tuple(("", line) for line in words.measured_briefly(catalog, report.measures))),
        ]
    return out


def _contradicted(catalog: Catalog, report: StanceReport) -> list[Block]:
    items = []
    for c in report.contradicted:
        who, claim, muscles, by = words.contradiction(catalog, c)
        items.append(("Contradicted.", f"{who}: {claim} For the {muscles}, {by} found no such change."))
    if not items:
        return []
    return [
        Heading(2, "Claims the research contradicts"),
        Para("These are shown so you know them; they change nothing on this page.", "note"),
        Items(tuple(items), "contradicted"),
    ]


def _why(report: StanceReport) -> list[Block]:
    out: list[Block] = []
    for ch in report.choices:
        out.append(Para(f"{words.capital(ch.label)}: {ch.mechanism}"))
        if ch.caution:
            out.append(Para(f"Caution: {ch.caution}", "caution"))
    return [Heading(2, "Why this stance does what it does"), *out] if out else []


def _cues(cues: tuple[Cue, ...]) -> list[Block]:
    out: list[Block] = [Heading(2, "How to do it", "small columns")]
    by_phase: dict[str, list[Cue]] = {}
    for c in cues:
        by_phase.setdefault(c.phase, []).append(c)
    for phase, listed in by_phase.items():
        out.append(Heading(3, PHASE_TITLE.get(phase, phase)))
        out.append(Items(tuple((c.cue, f"Prevents: {c.fault} Why: {c.why} ({c.evidence})") for c in listed)))
    return out


def _cited(catalog: Catalog, report: StanceReport, cues: tuple[Cue, ...]) -> tuple[Cited, ...]:
    """Every source the page leans on, in the order it first comes up."""
    ids: dict[str, None] = {}
    for v in report.verdicts:
        ids.update(dict.fromkeys(a.finding.source for a in v.findings))
        ids.update(dict.fromkeys(use.claim.source for use in v.claims))
    for m in report.measures:
        ids[m.finding.source] = None
    for c in report.contradicted:
        ids[c.claim.source] = None
        ids.update(dict.fromkeys(f.source for f in catalog.findings if f.id in c.decided_by))
    for cue in cues:
        ids.update(dict.fromkeys(cue.sources))
    return tuple(Cited(s.label, _short_citation(s.citation), s.doi) for s in (catalog.source(i) for i in ids))


def _short_citation(citation: str) -> str:
    """A long author list cut to its first three names and 'et al.', as Vancouver style allows:
    the page has two sides, and `legpress sources` keeps every name."""
    authors, dot, rest = citation.partition(". ")
    names = authors.split(", ")
    if not dot or len(names) <= 3 or any(len(n.split()) > 4 for n in names):
        return citation
    return f"{', '.join(names[:3])}, et al. {rest}"


# --- HTML ---------------------------------------------------------------------------------

STYLE = """
@page { margin: 8mm 10mm 8mm; }
:root { color: #1a1a1a; background: #ffffff; font: 10pt/1.38 "DejaVu Sans", Helvetica, Arial, sans-serif; }
body { max-width: 54rem; margin: 1.2rem auto; padding: 0 1rem; }
h1 { font-size: 17pt; margin: 0 0 0.3rem; }
h2 { font-size: 12.5pt; margin: 0.9rem 0 0.35rem; padding-bottom: 0.1rem; border-bottom: 1px solid #767676;
     break-after: avoid; }
h3 { font-size: 10.5pt; margin: 0.5rem 0 0.2rem; break-after: avoid; }
p { margin: 0.3rem 0; }
.lead { font-size: 10.5pt; }
.note { font-size: 8.5pt; color: #404040; }
.caution { border-left: 3px solid #404040; padding-left: 0.5rem; }
.overview { display: grid; grid-template-columns: minmax(0, 20rem) minmax(0, 1fr); gap: 0 1rem; align-items: start; }
.overview figcaption { grid-column: 1 / -1; }
figure { margin: 0; break-inside: avoid; }
figure svg.bodymap { width: 100%; height: auto; }
figcaption { font-size: 8.5pt; color: #404040; }
ul.key { list-style: none; padding: 0; margin: 0.2rem 0 0; color: #1a1a1a; }
ul.key li { display: inline-block; margin: 0 0.7em 0 0; white-space: nowrap; }
ul.key svg.swatch { width: 1.6em; height: 1em; vertical-align: -0.15em; }
ul.key b { display: inline-block; min-width: 1.1em; text-align: center; border: 1px solid #1a1a1a;
           border-radius: 50%; font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.2rem; }
th, td { border: 1px solid #8c8c8c; padding: 0.1rem 0.35rem; text-align: left; vertical-align: top; }
thead th { background: #e6e6e6; }
tbody th { background: #f2f2f2; }
tr { break-inside: avoid; }
tbody td:nth-child(n+3) { white-space: nowrap; }
ul { margin: 0.2rem 0; padding-left: 1.2rem; }
li { margin: 0.1rem 0; break-inside: avoid; }
.contradicted strong { color: #a30f0f; }
ol.sources { font-size: 8.5pt; padding-left: 1.4rem; }
a { color: #0a4a94; }
footer { margin-top: 0.8rem; padding-top: 0.3rem; border-top: 1px solid #767676; font-size: 8.5pt; color: #404040; }
section.columns > div { columns: 2; column-gap: 1.2rem; }
section.small > div { font-size: 8.5pt; }
section.columns h3 { break-after: avoid; margin-top: 0.2rem; }
/* A phone (390 px) or 200% zoom: one column, nothing wider than the screen. */
@media (max-width: 40rem) {
  body { padding: 0 0.5rem; overflow-wrap: anywhere; }
  .overview { display: block; }
  table { font-size: 8pt; }
  th, td { padding: 0.1rem 0.2rem; }
  tbody td:nth-child(n+3) { white-space: normal; }
  section.columns > div { columns: 1; }
}
@media print {
  :root { font-size: 8.5pt; line-height: 1.28; }
  ol.sources { font-size: 7pt; }
  figcaption { font-size: 7.5pt; }
  body { margin: 0; max-width: none; padding: 0; }
  h1 { font-size: 15pt; }
  h2 { font-size: 11pt; margin-top: 0.5rem; }
  section.small > div { font-size: 7.5pt; }
  section.columns > div { columns: 3; column-gap: 0.9rem; }
  a { color: #1a1a1a; }
  /* The table beside the map: one line a muscle, so it stays as tall as the drawing. */
  table { font-size: 7.5pt; }
  tbody td { white-space: nowrap; }
}
"""
# The page may use its own inline style and inline SVG; nothing else, from anywhere.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def html(doc: Handout) -> str:
    body: list[str] = ["<header>"]
    ends = "</header>"  # what closes the part that is open
    blocks = list(doc.blocks)
    n = 0
    while n < len(blocks):
        block = blocks[n]
        if isinstance(block, Heading) and block.level == 2:
            # Each h2 opens a section; its layout (columns, a smaller type) is the heading's kind.
            kind = f' class="{block.kind}"' if block.kind else ""
            body.append(f"{ends}<section{kind}>{_html_block(block)}<div>")
            ends = "</div></section>"
        elif isinstance(block, Figure) and n + 1 < len(blocks) and isinstance(blocks[n + 1], Table):
            # The map beside the table on a wide page or paper; stacked on a narrow screen.
            # Its caption and key go below both, across the page: the narrow map column stays
            # as short as the drawing, and the key's text as large as the page's notes.
            body.append(
                f'<figure class="overview"><div>{block.svg}</div>{_html_block(blocks[n + 1])}'
                f"<figcaption>{escape(block.caption)}{_html_key(block)}</figcaption></figure>"
            )
            n += 1
        else:
            body.append(_html_block(block))
        n += 1
    body.append(ends)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<title>{escape(doc.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + f"\n</main>\n<footer><p>{escape(doc.made)}</p></footer>\n</body>\n</html>\n"
    )


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Para):
        kind = f' class="{block.kind}"' if block.kind else ""
        return f"<p{kind}>{escape(block.text)}</p>"
    if isinstance(block, Items):
        kind = f' class="{block.kind}"' if block.kind else ""
        items = "".join(
            f"<li>{f'<strong>{escape(lead)}</strong> ' if lead else ''}{escape(rest)}</li>"
            for lead, rest in block.items
        )
        return f"<ul{kind}>{items}</ul>"
    if isinstance(block, Table):
        return _html_table(block)
    if isinstance(block, Figure):
        return f"<figure>{block.svg}<figcaption>{escape(block.caption)}{_html_key(block)}</figcaption></figure>"
    return _html_sources(block)


def _html_key(figure: Figure) -> str:
    """The drawing's key as text of the page, so print keeps it as large as the page's notes.
    Each swatch is filled with the drawing's own pattern, so colour and pattern both match."""
    swatch = (
        '<svg class="swatch" viewBox="0 0 20 12" aria-hidden="true">'
        '<rect x="0.5" y="0.5" width="19" height="11" fill="{}" stroke="#1a1a1a" stroke-dasharray="{}"/></svg>'
    )
    shades = "".join(
        f"<li>{swatch.format(f'url(#{escape(pattern)})', 'none')} {escape(words)}</li>"
        for pattern, words in figure.shades
    )
    deep = f"<li>{swatch.format('none', '4 2.5')} deep muscle</li>"
    named = "".join(f"<li><b>{escape(letter)}</b> {escape(name)}</li>" for letter, name in figure.letters)
    return f'<ul class="key">{shades}{deep}</ul><ul class="key letters">{named}</ul>' if shades else ""


def _html_table(t: Table) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in t.headers)
    groups = []
    for title, rows in t.groups:
        lines = [f'<tr><th scope="rowgroup" colspan="{len(t.headers)}">{escape(title)}</th></tr>'] if title else []
        for row in rows:
            cells = f'<th scope="row">{escape(row[0])}</th>' + "".join(f"<td>{escape(c)}</td>" for c in row[1:])
            lines.append(f"<tr>{cells}</tr>")
        groups.append("<tbody>" + "".join(lines) + "</tbody>")
    return f"<table><caption>{escape(t.caption)}</caption><thead><tr>{head}</tr></thead>{''.join(groups)}</table>"


def _html_sources(s: Sources) -> str:
    items = []
    for c in s.items:
        doi = ""
        if c.doi:
            link = f"https://doi.org/{c.doi}"
            doi = f' <a href="{escape(link)}">doi:{escape(c.doi)}</a>'
        items.append(f"<li><strong>{escape(c.label)}.</strong> {escape(c.citation)}{doi}</li>")
    return f'<ol class="sources">{"".join(items)}</ol>'


# --- Markdown -----------------------------------------------------------------------------

# ~ (strikethrough in GFM) and & (an entity) too: one name must not strike through the summary.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")


def md(text: str) -> str:
    """`text` with Markdown's marks escaped and on one line, so data cannot format the page."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def markdown(doc: Handout) -> str:
    out: list[str] = []
    for block in doc.blocks:
        out.append(_md_block(block))
    out.append(f"---\n\n{md(doc.made)}")
    return "\n\n".join(out) + "\n"


def _md_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {md(block.text)}"
    if isinstance(block, Para):
        return f"**{md(block.text)}**" if block.kind == "caution" else md(block.text)
    if isinstance(block, Items):
        return "\n".join(f"- {f'**{md(lead)}** ' if lead else ''}{md(rest)}".rstrip() for lead, rest in block.items)
    if isinstance(block, Table):
        lines = [f"*{md(block.caption)}*"]
        for title, rows in block.groups:
            lines += [
                "",
                *([f"**{md(title)}**", ""] if title else []),
                "| " + " | ".join(md(h) for h in block.headers) + " |",
            ]
            lines.append("|" + "|".join("---" for _ in block.headers) + "|")
            lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
        return "\n".join(lines)
    if isinstance(block, Figure):
        return f"*{md(block.caption)}*\n\n{md(block.description)}"
    return "\n".join(
        f"{n}. **{md(c.label)}.** {md(c.citation)}" + (f" <https://doi.org/{c.doi}>" if c.doi else "")
        for n, c in enumerate(block.items, 1)
    )
