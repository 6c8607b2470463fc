"""The one place a command's result becomes text: JSON for programs, a picture for people, or a
standalone SVG. New formats (HTML, Markdown) are new branches here, not new code in commands.

rich is imported only for the pictures, so --json never loads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from legpress_cli.results import COMMAND_OF, MapResult

if TYPE_CHECKING:
    from legpress_cli.results import ReportResult

if TYPE_CHECKING:
    from legpress_cli.results import Result

Format = Literal["json", "text", "svg", "csv", "bibtex"]
DocumentFormat = Literal["html", "markdown"]


def render_result(result: Result, fmt: Format) -> str:
    if fmt == "json":
        from legpress_cli.jsonview import dumps, envelope

        return dumps(envelope(result))
    if fmt in ("csv", "bibtex"):
        from legpress_cli.tabular import render as tabulate

        return tabulate(result, fmt)
    if fmt == "svg" and isinstance(result, MapResult):
        from legpress_cli.vector import map_svg

        return map_svg(result.catalog, result.report)
    from legpress_cli import render

    if fmt == "svg":
        return render.svg_text(render.view(result, render.SVG_FRAME), f"legpress {COMMAND_OF[type(result)]}")
    console = render.stdout_console()
    return render.to_text(console, render.view(result, render.frame_for(console)))


def render_document(result: ReportResult, fmt: DocumentFormat) -> str:
    """The handout as a self-contained HTML page or as Markdown."""
    from legpress_cli import __version__, handout

    doc = handout.build(
        result.catalog, result.report, result.cues, date=result.date, version=__version__, personal=result.personal
    )
    return handout.html(doc) if fmt == "html" else handout.markdown(doc)
