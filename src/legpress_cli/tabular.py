"""Answers as data a student can load: CSV for the table commands, BibTeX for the sources.
Plain strings from results, like jsonview: no rich, no advice computed here."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from legpress_cli.records import Source
    from legpress_cli.results import CuesResult, EvidenceResult, MusclesResult, Result, SourcesResult, StanceResult


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def muscles_csv(r: MusclesResult) -> str:
    rows = [
        [m.id, m.name, r.catalog.group(m.group).name, m.role, str(m.emphasis), m.baseline.evidence, m.in_lift]
        for m in r.muscles
    ]
    return _csv(["id", "muscle", "group", "role", "emphasis", "evidence", "in_the_lift"], rows)


def stance_csv(r: StanceResult) -> str:
    rows = [
        [
            v.muscle.id,
            v.muscle.name,
            v.direction,
            v.grade or "",
            str(v.baseline),
            str(v.level),
            "; ".join(f"{u.claim.source} claims {u.claim.direction} ({u.status})" for u in v.claims),
        ]
        for v in r.report.verdicts
    ]
    return _csv(["id", "muscle", "direction", "evidence", "emphasis", "emphasis_in_stance", "claims"], rows)


def cues_csv(r: CuesResult) -> str:
    rows = [[c.phase, c.cue, c.fault, c.why, c.evidence, " ".join(c.sources)] for c in r.cues]
    return _csv(["phase", "cue", "prevents", "why", "evidence", "sources"], rows)


def evidence_csv(r: EvidenceResult) -> str:
    """One row per finding and muscle it recorded: what that study saw for that muscle."""
    from legpress_cli.words import comparison_text

    catalog = r.catalog
    rows = []
    for row in r.report.rows:
        f = row.finding
        for muscle_id, cell in row.cells.items():
            rows.append(
                [
                    catalog.source(f.source).label,
                    comparison_text(catalog, f),
                    catalog.muscle(muscle_id).name,
                    cell,
                    str(f.load_percent or ""),
                    f.population,
                    str(f.n or ""),
                    f.machine,
                    f.independent,
                ]
            )
    return _csv(
        ["study", "comparison", "muscle", "result", "load_percent", "population", "n", "machine", "sample"], rows
    )


_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def _bibtex_entry(s: Source) -> str:
    """@article or @misc from a citation written 'Authors. Title. Venue. Year;...'."""
    parts = [p.strip() for p in s.citation.split(". ") if p.strip()]
    named = s.kind in ("study", "review") and len(parts) >= 3 and "not confirmed" not in parts[0].lower()
    authors = " and ".join(a.strip() for a in parts[0].split(",")) if named else "Not confirmed"
    title = (parts[1] if named else parts[0]).rstrip(".")
    venue = (parts[2] if named else "").rstrip(".")
    year = _YEAR.search(s.citation)
    fields = {"author": authors, "title": title, "year": year.group() if year else "n.d."}
    if venue:
        fields["journal"] = venue
    if s.doi:
        fields["doi"] = s.doi
    fields["note"] = s.citation
    body = ",\n".join(f"  {k} = {{{_tex(v)}}}" for k, v in fields.items())
    kind = "article" if s.kind in ("study", "review") else "misc"
    return f"@{kind}{{{s.id},\n{body}\n}}\n"


def _tex(text: str) -> str:
    return re.sub(r"([{}%&$#_])", r"\\\1", text)


def sources_bibtex(r: SourcesResult) -> str:
    return "\n".join(_bibtex_entry(u.source) for u in r.uses)


def render(result: Result, fmt: str) -> str:
    from legpress_cli import results

    table: dict[tuple[type, str], Callable[[Any], str]] = {
        (results.MusclesResult, "csv"): muscles_csv,
        (results.StanceResult, "csv"): stance_csv,
        (results.CuesResult, "csv"): cues_csv,
        (results.EvidenceResult, "csv"): evidence_csv,
        (results.SourcesResult, "bibtex"): sources_bibtex,
    }
    return table[type(result), fmt](result)
