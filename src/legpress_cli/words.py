"""Advice in plain sentences, shared by the terminal pictures (render.py) and the handout
(handout.py): what a verdict rests on, what else was measured, which claims research
contradicts. Plain strings, no rich, so the handout and its Markdown never load it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from legpress_cli.advisor import DIRECTION_WORDS, LOAD_STEP, comparison_text, condition_text, held_and_load, names_for

if TYPE_CHECKING:
    from legpress_cli.advisor import Applied, Contradiction, Measured, StanceReport, Verdict
    from legpress_cli.records import Catalog, Muscle

STATUS_WORDS = {
    "supports": "research supports",
    "contradicts": "contradicted",
    "not_supported": "not borne out: measured, no such change reported",
    "not_tested": "not tested",
}


def capital(text: str) -> str:
    """Upper-case the first letter only: 'PCL loading' and '1RM' keep their capitals."""
    return text[:1].upper() + text[1:]


def finding_words(catalog: Catalog, a: Applied, muscle: Muscle) -> str:
    """'Da Silva 2008, more with high feet than with low feet at 80% of 1RM (indirect)'."""
    f = a.finding
    result = catalog.result_for(f, muscle)
    a_text = condition_text(catalog, f.a, f.contrast)
    b_text = condition_text(catalog, f.b, f.contrast)
    if result is None:
        text = f"measured {a_text} against {b_text}, nothing reported"
    elif result == "no_difference":
        text = f"no difference between {a_text} and {b_text}"
    else:
        text = f"{result} with {a_text} than with {b_text}"
    held, load = held_and_load(catalog, f)
    if held:
        text += f", both with {held}"
    if load:
        text += f", {load}"
    return f"{catalog.source(f.source).label}: {text}" + (" (indirect)" if a.indirect else "")


def basis(catalog: Catalog, v: Verdict) -> str:
    """What a verdict rests on, option by option: the findings, then the claims."""
    out: list[str] = []
    several = len(v.parts) > 1
    for part in v.parts:
        bits = [finding_words(catalog, a, v.muscle) for a in part.findings]
        for use in part.claims:
            bits.append(
                f"{catalog.source(use.claim.source).label} claims {use.claim.direction}, never counted "
                f"({STATUS_WORDS[use.status]})"
            )
        said = "; ".join(bits) or "nothing measured or claimed"
        if part.direction == "not_reported":
            said = "measured, nothing reported: " + said
        if several:
            label = ", ".join(catalog.label(d, value) for d, value in part.options)
            grade_text = f", {part.grade}" if part.grade else ""
            out.append(f"{label} [{DIRECTION_WORDS[part.direction]}{grade_text}]: {said}")
        else:
            out.append(said)
    out += list(v.load_notes)
    return ". ".join(out) + "."


def brief(catalog: Catalog, v: Verdict) -> str:
    """What a verdict rests on, one short clause per option, naming the studies but not what each
    found: 'high feet: less (weak; Da Silva 2008). wide stance: no difference (strong; ...).'"""
    out: list[str] = []
    for part in v.parts:
        if part.direction == "not_measured" and not part.claims and len(v.parts) > 1:
            continue  # an option nothing speaks to: the verdict's own words say enough
        label = ", ".join(catalog.label(d, value) for d, value in part.options)
        studies = dict.fromkeys(catalog.source(a.finding.source).label for a in part.findings)
        # Contradicted claims have a section of their own, and supported ones add nothing here.
        claims = [
            f"{catalog.source(u.claim.source).label} claims {u.claim.direction}"
            for u in part.claims
            if u.status in ("not_supported", "not_tested")
        ]
        detail = "; ".join(x for x in (part.grade, ", ".join([*studies, *claims])) if x)
        out.append(f"{label}: {DIRECTION_WORDS[part.direction]}" + (f" ({detail})" if detail else ""))
    return ". ".join(out) + "."


def why(catalog: Catalog, v: Verdict) -> str:
    """What decided a verdict, in one short clause: each deciding study and comparison once, its
    loads together ('Da Silva 2008: high feet vs low feet, at 40% and 80% of 1RM; indirect')."""
    seen: dict[tuple[str, str, str, bool], list[int]] = {}
    for a in v.deciding:
        f = a.finding
        compared = comparison_text(catalog, f, with_load=False)  # the loads are joined below
        steps = "; ".join(x for x in a.indirect if not x.startswith(LOAD_STEP))  # loads are listed apart
        who = catalog.source(f.source).label + (f" ({f.n} {f.population})" if f.n else f" ({f.population})")
        loads = seen.setdefault((who, compared, steps, bool(a.indirect)), [])
        if f.load_percent is not None:
            loads.append(f.load_percent)
    out = []
    for (who, compared, steps, indirect), loads in seen.items():
        at = f", at {' and '.join(f'{n}%' for n in sorted(set(loads)))} of 1RM" if loads else ""
        out.append(f"{who}: {compared}{at}" + (f"; indirect: {steps}" if steps else "; indirect" if indirect else ""))
    return ". ".join(out) + "." if out else ""


def why_groups(catalog: Catalog, report: StanceReport) -> list[tuple[str, str | None, str, str]]:
    """(direction, grade, muscles, why) for each set of muscles that changed on the same findings."""
    seen: dict[tuple[str, str | None, str], list[str]] = {}
    for v in report.verdicts:
        if v.direction in ("more", "less", "mixed"):
            seen.setdefault((v.direction, v.grade, why(catalog, v)), []).append(v.muscle.id)
    return [(d, g, ", ".join(names_for(catalog, ids)), reason) for (d, g, reason), ids in seen.items()]


def basis_groups(
    catalog: Catalog,
    report: StanceReport,
    said: Callable[[Catalog, Verdict], str] = basis,
    *,
    silent: bool = True,
) -> list[tuple[str, str | None, str, str]]:
    """(direction, grade, muscles, what it rests on), one per set of muscles resting on the same
    evidence, so the heads of a group share one line. Unmeasured, unclaimed muscles are left out,
    and with silent=False so are those measured with nothing reported (see `silent`)."""
    seen: dict[tuple[str, str | None, str], list[str]] = {}
    for v in report.verdicts:
        if v.direction == "not_measured" and (not v.claims or not silent):
            continue  # (without silent: the summary says what was only claimed)
        if not silent and v.direction == "not_reported" and not v.claims:
            continue
        seen.setdefault((v.direction, v.grade, said(catalog, v)), []).append(v.muscle.id)
    return [(d, g, ", ".join(names_for(catalog, ids)), why) for (d, g, why), ids in seen.items()]


def unmeasured(catalog: Catalog, report: StanceReport) -> str | None:
    """'Not measured in this stance: ...' for a stance other than neutral, else None."""
    ids = [v.muscle.id for v in report.verdicts if v.direction == "not_measured" and not v.claims]
    if not ids or not report.choices:
        return None
    return f"Not measured in this stance: {', '.join(names_for(catalog, ids))}."


def silent(catalog: Catalog, report: StanceReport) -> str | None:
    """'Measured, nothing reported: ...' in one line, for a page that has no room for each study."""
    ids = [v.muscle.id for v in report.verdicts if v.direction == "not_reported" and not v.claims]
    if not ids or not report.choices:
        return None
    return f"Measured in this stance, no change reported: {', '.join(names_for(catalog, ids))}."


def measured_briefly(catalog: Catalog, measures: tuple[Measured, ...]) -> list[str]:
    """One line per study: 'Escamilla 1998 (deep range vs usual depth; indirect): more knee joint
    compression, more PCL tension.'"""
    by_finding: dict[str, list[Measured]] = {}
    for m in measures:
        by_finding.setdefault(m.finding.id, []).append(m)
    out = []
    for ms in by_finding.values():
        f = ms[0].finding
        how = comparison_text(catalog, f) + ("; indirect" if ms[0].indirect else "")
        said = ", ".join(f"{DIRECTION_WORDS[m.direction]} {m.outcome.measure}" for m in ms)
        out.append(f"{catalog.source(f.source).label} ({how}): {said}.")
    return out


def measured(catalog: Catalog, m: Measured) -> str:
    """'Force per leg, more (Magnus & Farthing 2008: one leg vs two legs).'"""
    f = m.finding
    said = f"{catalog.source(f.source).label}: {comparison_text(catalog, f)}"
    if m.outcome.note:
        said += f"; {m.outcome.note}"
    if m.indirect:
        said += f" (indirect: {'; '.join(m.indirect)})"
    return f"{capital(m.outcome.measure)}, {DIRECTION_WORDS[m.direction]} ({said})."


def contradiction(catalog: Catalog, c: Contradiction) -> tuple[str, str, str, str]:
    """Who claimed it, the claim, for which muscles, and the studies that found no such change."""
    who = catalog.source(c.claim.source).label
    by = ", ".join(dict.fromkeys(catalog.source(f.source).label for f in catalog.findings if f.id in c.decided_by))
    return who, c.claim.text, c.muscles, by
