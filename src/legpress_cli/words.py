"""Advice in plain sentences, shared by the terminal pictures (render.py) and the handout
(handout.py): what a verdict rests on, what else was measured, which claims research
contradicts. Plain strings, no rich, so the handout and its Markdown never load it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from legpress_cli.advisor import NEUTRAL_STANCE, Stance
from legpress_cli.records import Claim, Comparison, Cue, Finding, Group, Muscle

if TYPE_CHECKING:
    from legpress_cli.advisor import (
        Applied,
        Contradiction,
        LoadNote,
        Measured,
        StanceReport,
        Step,
        Support,
        Verdict,
    )
    from legpress_cli.records import Catalog, Choice
    from legpress_cli.targets import Moved, TargetReport
    from legpress_cli.vocab import Dimension

# --- the phrase tables: every view's words for the advisor's structure ----------------------------

DIRECTION_WORDS: dict[str, str] = {
    "more": "more",
    "less": "less",
    "no_difference": "no difference",
    "mixed": "mixed",
    "not_reported": "nothing reported",
    "not_measured": "not measured",
}
# The terminal's ASCII glyphs are render.Glyphs' own; these are the Unicode ones every page uses.
ARROW: dict[str, str] = {
    "more": "↑",
    "less": "↓",
    "no_difference": "=",
    "mixed": "↕",
    "not_reported": "○",
    "not_measured": "?",
}
# The map's key: each shade in words.
SHADE_WORDS: dict[str, str] = {
    "more": "more work",
    "less": "less work",
    "no_difference": "no difference",
    "mixed": "studies disagree",
    "not_reported": "measured, nothing reported",
    "not_measured": "not measured",
    "claimed": "claimed, not measured",
    "primary": "primary mover",
    "secondary": "secondary mover",
    "stabilizer": "stabilizer",
}
ROLE_TITLE: dict[str, str] = {"primary": "Primary movers", "secondary": "Secondary movers", "stabilizer": "Stabilizers"}
PHASE_TITLE: dict[str, str] = {
    "setup": "Setting up",
    "lowering": "Lowering",
    "bottom": "At the bottom",
    "pressing": "Pressing",
    "top": "At the top",
    "breathing": "Breathing",
}
STATUS_WORDS: dict[str, str] = {
    "supports": "research supports",
    "contradicts": "contradicted",
    "not_supported": "not borne out: measured, no such change reported",
    "not_tested": "not tested",
}
NOT_ADVICE = "Not medical advice: general information about leg press technique and the research behind it."
HOW_SURE = "A grade is how sure, not how big"
ISOMETRIC = "held still (isometric), not pressed through a repetition"


# --- stances and comparisons ----------------------------------------------------------------------


def stance_label(catalog: Catalog, stance: Stance) -> str:
    chosen = stance.chosen()
    return ", ".join(catalog.label(d, v) for d, v in chosen) if chosen else "neutral stance"


def question_label(catalog: Catalog, stance: Stance, base: Stance) -> str:
    """'high feet against low feet'; a stance alone where the base is the neutral one."""
    if base == NEUTRAL_STANCE:
        return stance_label(catalog, stance)
    return f"{stance_label(catalog, stance)} against {stance_label(catalog, base)}"


def condition_text(catalog: Catalog, partial: dict[Dimension, str], dims: tuple[Dimension, ...]) -> str:
    return ", ".join(catalog.label(d, partial[d]) for d in dims)


def held_and_load(catalog: Catalog, f: Finding) -> tuple[str | None, str | None]:
    """What a finding kept the same in both conditions ('high feet'), and its load
    ('at 80% of 1RM'); None where it says nothing."""
    held = f.held
    held_text = condition_text(catalog, held, tuple(held)) if held else None
    load_text = f"at {f.load_percent}% of 1RM" if f.load_percent is not None else None
    return held_text, load_text


def comparison_text(catalog: Catalog, f: Finding, *, with_load: bool = True) -> str:
    """'high feet vs low feet, at 80% of 1RM' or with what was held: '(both with high feet)'."""
    text = f"{condition_text(catalog, f.a, f.contrast)} vs {condition_text(catalog, f.b, f.contrast)}"
    held, load = held_and_load(catalog, f)
    if held:
        text += f" (both with {held})"
    if load and with_load:
        text += f", {load}"
    return text


def step(catalog: Catalog, s: Step) -> str:
    """Why a finding is one step from the question: 'measured against low feet'."""
    if s.kind == "held":
        return f"measured with {catalog.label(s.dimension, s.value)}"
    if s.kind == "other_side":
        return f"measured against {catalog.label(s.dimension, s.value)}"
    if s.kind == "load":
        return f"measured at {s.percent}% of 1RM"
    if s.kind == "proxy":
        return s.note[:1].lower() + s.note[1:].rstrip(".")
    return ISOMETRIC


def steps(catalog: Catalog, indirect: tuple[Step, ...]) -> list[str]:
    return [step(catalog, s) for s in indirect]


def join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def names_for(catalog: Catalog, muscle_ids: list[str] | tuple[str, ...]) -> list[str]:
    """Name whole groups where every member is listed, single muscles otherwise."""
    out: list[str] = []
    done: set[str] = set()
    wanted = set(muscle_ids)
    for mid in muscle_ids:
        if mid in done:
            continue
        m = catalog.muscle(mid)
        members = [x.id for x in catalog.members(m.group)]
        if len(members) > 1 and set(members) <= wanted:
            out.append(catalog.group(m.group).name.lower())
            done.update(members)
        else:
            out.append(m.name.lower())
            done.add(mid)
    return out


def describe_changes(catalog: Catalog, moved: tuple[Moved, ...]) -> list[tuple[str, int]]:
    """(name, change) pairs, naming a whole group where all its muscles change alike."""
    by_change: dict[int, list[str]] = {}
    for m in moved:
        if m.change:
            by_change.setdefault(m.change, []).append(m.muscle_id)
    return [
        (name, change) for change in sorted(by_change, reverse=True) for name in names_for(catalog, by_change[change])
    ]


def load_note(catalog: Catalog, note: LoadNote) -> str:
    """'Da Silva 2008 at 40% of 1RM: nothing reported'."""
    said = DIRECTION_WORDS[note.result] if note.result else "nothing reported"
    return f"{catalog.source(note.source).label} at {note.load_percent}% of 1RM: {said}"


def caution(choice: Choice) -> str:
    return f"{choice.label}: {choice.caution}"


QUADS_STILL = "the quadriceps still do most of the work"


def changes(catalog: Catalog, report: StanceReport) -> str:
    """What a stance was measured to change, after its label in the headline: 'more gluteus
    maximus; less rectus femoris; the quadriceps still do most of the work'."""
    if report.neutral:
        return "the quadriceps do most of the work, with the glutes helping at the hip"
    parts: list[str] = []
    for way in ("more", "less", "mixed"):
        ids = [v.muscle.id for v in report.verdicts if v.direction == way]
        if ids:
            lead = "mixed evidence on" if way == "mixed" else way
            parts.append(f"{lead} " + join(names_for(catalog, ids)))
    return "; ".join([*(parts or ["no muscle shown to change"]), QUADS_STILL])


def summary(catalog: Catalog, report: StanceReport) -> tuple[str, str]:
    """The summary of a stance, and its headline: only what was measured to change."""
    label = question_label(catalog, report.stance, report.base)
    headline = f"{label}: {changes(catalog, report)}"
    if report.neutral:
        return headline, headline
    parts = [changes(catalog, report).removesuffix(f"; {QUADS_STILL}")]
    # A claim no measurement bore out is said as a claim, never beside what studies saw.
    for status, lead in (("not_tested", "claimed, not measured"), ("not_supported", "claimed, not borne out")):
        claimed: dict[tuple[str, str, str], list[str]] = {}
        for v in report.verdicts:
            for use in v.claims:
                if use.status == status:
                    who = catalog.source(use.claim.source).label
                    where = stance_label(catalog, Stance.of(**use.claim.when))
                    claimed.setdefault((use.claim.direction, where, who), []).append(v.muscle.id)
        if claimed:
            said = [
                f"{way} " + join(names_for(catalog, ids)) + f" with {where} ({who})"
                for (way, where, who), ids in claimed.items()
            ]
            parts.append(f"{lead}: " + ", ".join(said))
    parts += [contradicted_claim(catalog, c) for c in report.contradicted]
    moved = {f"{m.direction} {m.outcome.measure}": None for m in report.measures if m.direction != "no_difference"}
    if moved:
        parts.append("also measured: " + join(list(moved)))
    parts.append(QUADS_STILL)
    return f"{label}: " + "; ".join(parts), headline


def contradicted_claim(catalog: Catalog, c: Contradiction) -> str:
    """'research contradicts the claim (Article A) of more vastus medialis'."""
    who = catalog.source(c.claim.source).label
    return f"research contradicts the claim ({who}) of {c.claim.direction} {contradicted_names(catalog, c)}"


def contradicted_names(catalog: Catalog, c: Contradiction) -> str:
    return join(names_for(catalog, c.muscle_ids))


def target_note(catalog: Catalog, report: TargetReport) -> str | None:
    """What the ranking cannot say for this target, and the group's own note on training it."""
    notes: list[str] = []
    lower = report.name.lower()
    if not report.recommendations:
        if report.measured:
            notes.append(f"No foot position in our sources was shown to raise the {lower}.")
        else:
            notes.append(
                f"No study in our sources measured the {lower} in any foot position, so legpress has no stance "
                "to recommend for it; that is not the same as it working the same in every stance."
            )
    elif report.recommendations[0].evidence == "weak":
        notes.append(
            f"The best support for raising the {lower} is weak: only findings one step from the question "
            "(measured against another position, at another load or with both legs, within one repetition, "
            "or with the press held still)."
        )
    group_note = catalog.group(report.group).target_note
    if group_note:
        notes.append(group_note)
    return " ".join(notes) or None


def support(catalog: Catalog, s: Support) -> str:
    """A line naming a record that cites a source, for the list of sources."""
    r = s.record
    if isinstance(r, Group):
        return f"{r.name}: note on training them"
    if isinstance(r, Muscle):
        assert s.role is not None  # source_uses gives a muscle's citing role with it
        return f"{r.name}: {s.role.role} role ({s.role.evidence})"
    if isinstance(r, Finding):
        return f"finding: {comparison_text(catalog, r)}"
    if isinstance(r, Claim):
        targets = ", ".join(catalog.display_name(t).lower() for t in r.targets)
        return f"claim: {stance_label(catalog, Stance.of(**r.when))} gives {r.direction} {targets}"
    if isinstance(r, Cue):
        return f"cue ({PHASE_TITLE[r.phase].lower()}): {r.cue} ({r.evidence})"
    if isinstance(r, Comparison):
        return f"comparison: the leg press vs the {catalog.exercise(r.exercise).name.lower()}"
    return f"claim: {r.direction} {r.measure} than the {catalog.exercise(r.exercise).name.lower()}"


def supports(catalog: Catalog, found: tuple[Support, ...]) -> list[str]:
    return list(dict.fromkeys(support(catalog, s) for s in found))


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
    out += [load_note(catalog, n) for n in v.load_notes]
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
        steps = "; ".join(step(catalog, x) for x in a.indirect if x.kind != "load")  # loads are listed apart
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
        said += f" (indirect: {'; '.join(steps(catalog, m.indirect))})"
    return f"{capital(m.outcome.measure)}, {DIRECTION_WORDS[m.direction]} ({said})."


def contradiction(catalog: Catalog, c: Contradiction) -> tuple[str, str, str, str]:
    """Who claimed it, the claim, for which muscles, and the studies that found no such change."""
    who = catalog.source(c.claim.source).label
    by = ", ".join(dict.fromkeys(catalog.source(f.source).label for f in catalog.findings if f.id in c.decided_by))
    return who, c.claim.text, contradicted_names(catalog, c), by
