"""The anatomical body map as SVG: front and back outlines of the hips and legs, one path per
muscle, shaded by how a stance changes each muscle's work. `map --svg`, the handout and the
README picture all come from `map_svg`. Pure: takes the catalog and a stance report, returns
text. The shapes are data (bodymap.toml), drawn for the leg on the viewer's left and mirrored
here for the other, so a new muscle is drawn without code.

Every shade is a pattern as well as a colour, every muscle carries its key letter and a
<title>, and the figure a <title> and <desc>, so the picture reads in black and white and to a
screen reader. No fonts, scripts or images from anywhere else: the file stands alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legpress_cli.paths import drawn
from legpress_cli.vocab import ROLES
from legpress_cli.vocab import SHADES as SHADE_KEYS
from legpress_cli.words import DIRECTION_WORDS, SHADE_WORDS, names_for, stance_label

if TYPE_CHECKING:
    from legpress_cli.advisor import StanceReport, Verdict
    from legpress_cli.records import Catalog, View


def escape(text: str) -> str:
    """What `html.escape` returns, for text and attribute values; importing `html` loads its table
    of 2,231 named entities (~1 ms and 0.3 MiB of `map --svg`), which escaping never reads."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


# Each shade: a fill, and the pattern drawn over the fill (its words are words.SHADE_WORDS). Darker
# marks on a mid fill stay apart in greyscale: stripes, bars, plain, cross-hatch, dots.
SHADES: dict[str, tuple[str, str]] = {
    "more": ("#e4572e", '<path d="M0 0 L0 6" stroke="#5c1607" stroke-width="2.2"/>'),
    "less": ("#6d9ad6", '<path d="M0 3 L6 3" stroke="#123364" stroke-width="1.6"/>'),
    "no_difference": ("#b3b3b3", ""),
    "mixed": ("#c39be0", '<path d="M0 0 L6 6 M6 0 L0 6" stroke="#3f1d5c" stroke-width="1"/>'),
    "not_reported": (
        "#ddd6c8",
        '<path d="M0 6 L6 0" stroke="#5a5246" stroke-width="0.7"/>',
    ),
    "not_measured": ("#f7f3ec", '<circle cx="3" cy="3" r="0.9" fill="#6b6255"/>'),
    "claimed": (
        "#f4d35e",
        '<path d="M0 3 L3 0 L6 3" fill="none" stroke="#6b5300" stroke-width="0.9"/>',
    ),
    # The neutral stance: what the leg press works, by role.
    "primary": ("#9e1b32", '<path d="M0 0 L6 6 M6 0 L0 6" stroke="#ffffff" stroke-width="0.8"/>'),
    "secondary": ("#e07b54", '<path d="M0 3 L6 3" stroke="#5c1607" stroke-width="1"/>'),
    "stabilizer": ("#f6d5b8", '<circle cx="3" cy="3" r="0.8" fill="#5c1607"/>'),
}
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
INK = "#1a1a1a"
GAP = 30
TOP = 62  # the figure's title and the views' titles
KEY_ROW = 15
NO_DRAWING = "The data has no vector drawing of the body."
ROTATED = ' patternTransform="rotate(45)"'


def describe(catalog: Catalog, report: StanceReport) -> str:
    """The map in words: its <desc>, and the handout's text where a drawing cannot go."""
    return _description(catalog, _drawn_views(catalog), report)


def _drawn_views(catalog: Catalog) -> list[View]:
    return [v for v in catalog.views if v.shape and v.size and v.outline]


def map_svg(catalog: Catalog, report: StanceReport, *, key: bool = True, titled: bool = True) -> str:
    """The map for this stance, as a file of its own or to place inside an HTML page. Without
    `key` the drawing leaves its key out, for a page that sets the key as text of its own (in
    print, text inside the scaled drawing comes out too small to read)."""
    views = _drawn_views(catalog)
    stance = stance_label(catalog, report.stance)
    base = "the neutral stance" if report.against_neutral else stance_label(catalog, report.base)
    title = f"Leg press, {stance}: how each muscle's work changes against {base}"
    heading = (f"Leg press: {stance}", f"Change in each muscle's work against {base}")
    if report.neutral:
        title = "Leg press: the muscles it works, by role"
        heading = ("Leg press: what it works", "Each muscle by its role: primary mover, secondary mover, stabilizer")
    if not views:
        return _document(460, 80, title, NO_DRAWING, [_text(10, 40, NO_DRAWING)])
    x = 0
    # Without `titled`, the page around it says what it shows (the explorer changes it in place).
    body = [_text(0, 14, heading[0], size=13, weight="bold"), _text(0, 30, heading[1], size=10)] if titled else []
    for view in views:
        body.append(_view(view, report, x))
        x += _size(view)[0] + GAP
    width = x - GAP
    height = TOP + max(_size(v)[1] for v in views) + 12
    legend, legend_height = _legend(catalog, views, report, height, width) if key else ([], 0)
    body += legend
    return _document(width, height + legend_height, title, _description(catalog, views, report), body)


def _size(view: View) -> tuple[int, int]:
    assert view.size is not None
    return view.size[0], view.size[1]


def _view(view: View, report: StanceReport, x: int) -> str:
    verdicts = report.by_muscle()
    width, _ = _size(view)
    assert view.outline is not None
    keys = {mid: key.upper() for key, mid in view.regions.items()}
    both = f"{drawn(view.outline)} {drawn(view.outline, width)}"
    parts = [
        f'<g transform="translate({x} {TOP})" class="view" data-view="{escape(view.id)}">',
        _text(width / 2, -8, view.title, size=12, weight="bold", anchor="middle"),
        f'<path class="outline" d="{both}" fill="#fbf8f3" stroke="#4d4d4d" stroke-width="1.4"/>',
    ]
    # Surface muscles first, deep ones over them: dashed and see-through, so both read.
    for shape in sorted(view.shape, key=lambda s: s.deep):
        verdict = verdicts.get(shape.muscle)
        if verdict is None:
            continue
        direction = report.shade_of(verdict)
        words = SHADE_WORDS[direction]
        shown_grade = verdict.muscle.baseline.evidence if report.neutral else verdict.grade
        grade = f", {shown_grade} evidence" if shown_grade else ""
        deep = " (deep, under the surface muscles)" if shape.deep else ""
        style = ' stroke-dasharray="4 2.5" fill-opacity="0.55"' if shape.deep else ""
        parts.append(
            f'<path class="muscle {direction}{" deep" if shape.deep else ""}" data-muscle="{escape(shape.muscle)}"'
            f' d="{drawn(shape.path)} {drawn(shape.path, width)}" fill="url(#lp-{direction})"'
            f' stroke="#262626" stroke-width="0.9"{style}>'
            f"<title>{escape(verdict.muscle.name)}{deep}: {words}{grade}</title></path>"
        )
    for shape in view.shape:
        if shape.muscle in verdicts:
            parts.append(_key(shape.label[0], shape.label[1], keys[shape.muscle]))
    parts.append("</g>")
    return "\n".join(parts)


def _key(x: float, y: float, letter: str) -> str:
    # A white disc under the letter keeps its contrast whatever pattern it sits on.
    return (
        f'<g class="key" aria-hidden="true"><circle cx="{x}" cy="{y}" r="6.5" fill="#ffffff" stroke="{INK}"'
        f' stroke-width="0.8"/>{_text(x, y + 3.3, letter, size=9, weight="bold", anchor="middle")}</g>'
    )


def _legend(catalog: Catalog, views: list[View], report: StanceReport, top: int, width: int) -> tuple[list[str], int]:
    verdicts = report.by_muscle()
    shown = ROLES if report.neutral else SHADE_KEYS
    out: list[str] = []
    columns = 3
    step = width / columns
    rows = -(-len(shown) // columns)
    for n, direction in enumerate(shown):
        x, y = (n % columns) * step, top + (n // columns) * 18
        out.append(
            f'<rect x="{x:g}" y="{y}" width="20" height="12" fill="url(#lp-{direction})" stroke="{INK}"'
            ' stroke-width="0.8"/>'
        )
        out.append(_text(x + 26, y + 10, SHADE_WORDS[direction], size=10))
    y = top + rows * 18 + 4
    out.append(f'<rect x="0" y="{y}" width="20" height="12" fill="none" stroke="{INK}" stroke-dasharray="4 2.5"/>')
    out.append(_text(26, y + 10, "dashed: a deep muscle, under the surface ones", size=10))
    entries = _key_entries(views, verdicts)
    half = (len(entries) + 1) // 2
    y += 24
    for n, (letter, mid) in enumerate(entries):
        v = verdicts[mid]
        if report.neutral:
            m = v.muscle
            line = f"{m.name}: {m.role}, {m.emphasis}/5"  # the grade is in each shape's title
        else:
            grade = f" ({v.grade})" if v.grade else ""
            claimed = "".join(f", claimed {u.claim.direction}" for u in v.claimed)
            line = f"{v.muscle.name}: {DIRECTION_WORDS[v.direction]}{grade}{claimed}"
        cx, cy = (0 if n < half else width / 2), y + (n % half) * KEY_ROW
        out.append(_key(cx + 7, cy + 2, letter))
        out.append(_text(cx + 18, cy + 5.5, line, size=10))
    return out, 24 + rows * 18 + 4 + half * KEY_ROW + 8


def legend(report: StanceReport) -> list[tuple[str, str]]:
    """The shades this map may use, as (pattern id, words): what `map_svg` draws as its key."""
    return [(f"lp-{shade}", SHADE_WORDS[shade]) for shade in (ROLES if report.neutral else SHADE_KEYS)]


def letters(catalog: Catalog, report: StanceReport) -> list[tuple[str, str]]:
    """Each drawn muscle's key letter and name, in the order the drawn key lists them."""
    verdicts = report.by_muscle()
    return [(letter, verdicts[mid].muscle.name) for letter, mid in _key_entries(_drawn_views(catalog), verdicts)]


def _key_entries(views: list[View], verdicts: dict[str, Verdict]) -> list[tuple[str, str]]:
    """Each drawn muscle once, with its letter in the first view it appears in."""
    seen: dict[str, tuple[str, str]] = {}
    for view in views:
        keys = {mid: key.upper() for key, mid in view.regions.items()}
        for shape in view.shape:
            if shape.muscle in verdicts:
                seen.setdefault(shape.muscle, (keys[shape.muscle], shape.muscle))
    return list(seen.values())


def _description(catalog: Catalog, views: list[View], report: StanceReport) -> str:
    """The figure in words, for a screen reader and for anyone who cannot see the shading."""
    if not views:
        return NO_DRAWING
    verdicts = report.by_muscle()
    drawn = [mid for v in views for mid in dict.fromkeys(s.muscle for s in v.shape) if mid in verdicts]
    drawn = list(dict.fromkeys(drawn))
    titles = " and ".join(v.title.lower() for v in views)
    by = "its role in the lift" if report.neutral else "its change"
    sentences = [f"Outlines of the hips and legs seen from the {titles}, each muscle shaded by {by}."]
    for direction in ROLES if report.neutral else SHADE_KEYS:
        by_grade: dict[str | None, list[str]] = {}
        for mid in drawn:
            if report.shade_of(verdicts[mid]) == direction:
                shown = verdicts[mid].muscle.baseline.evidence if report.neutral else verdicts[mid].grade
                by_grade.setdefault(shown, []).append(mid)
        for grade, ids in by_grade.items():
            said = f" ({grade} evidence)" if grade else ""
            sentences.append(f"{SHADE_WORDS[direction].capitalize()}{said}: {', '.join(names_for(catalog, ids))}.")
    deep = list(dict.fromkeys(s.muscle for v in views for s in v.shape if s.deep and s.muscle in verdicts))
    if deep:
        sentences.append(f"Drawn dashed as deep muscles: {', '.join(names_for(catalog, deep))}.")
    return " ".join(sentences)


def _patterns() -> str:
    out = ["<defs>"]
    for direction in (*SHADE_KEYS, *ROLES):
        fill, marks = SHADES[direction]
        out.append(
            f'<pattern id="lp-{direction}" width="6" height="6" patternUnits="userSpaceOnUse"'
            f"{ROTATED if direction == 'more' else ''}>"
            f'<rect width="6" height="6" fill="{fill}"/>{marks}</pattern>'
        )
    out.append("</defs>")
    return "\n".join(out)


def _text(x: float, y: float, text: str, *, size: int = 10, weight: str = "normal", anchor: str = "start") -> str:
    bold = ' font-weight="bold"' if weight == "bold" else ""
    middle = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f'<text x="{x:g}" y="{y:g}" font-size="{size}"{bold}{middle} fill="{INK}">{escape(text)}</text>'


def _document(width: int, height: float, title: str, description: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bodymap" viewBox="-8 -6 {width + 16:g} {height + 12:g}"'
        f' width="{width + 16:g}" height="{height + 12:g}" role="img" aria-labelledby="lp-map-title lp-map-desc"'
        f' font-family="{FONT}">\n'
        f'<title id="lp-map-title">{escape(title)}</title>\n'
        f'<desc id="lp-map-desc">{escape(description)}</desc>\n'
        f"{_patterns()}\n" + "\n".join(body) + "\n</svg>\n"
    )
