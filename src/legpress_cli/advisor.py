"""Pure functions from the catalog to answers. Nothing here prints, imports rich or typer.

How stances combine (documented in the README):
  * each chosen non-neutral option contributes its effects; a group target stands for each
    of its muscles;
  * a muscle's change is the sum of the changes aimed at it, clipped to -2..+2;
  * its emphasis in the stance is baseline + change, clipped to the 1..5 scale;
  * its evidence is the weakest grade among the effects that moved it (or, if none moved it,
    among the effects that looked at it); with no effect at all it keeps its role's grade.
Ranking stances for a target weighs each effect by its grade (see WEIGHT), so a contradicted
claim never recommends a stance.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product
from typing import TYPE_CHECKING, NamedTuple

from legpress_cli.errors import UnknownName, UsageProblem
from legpress_cli.names import Spelling, match, normalize
from legpress_cli.vocab import CHOICES, DIMENSIONS, GRADES, PHASES, ROLES

if TYPE_CHECKING:
    from legpress_cli.model import Catalog, Choice, Cue, Effect, Muscle, Source
    from legpress_cli.vocab import Dimension, Grade, Phase, Role

WEIGHT: dict[Grade, float] = {
    "strong": 1.0,
    "moderate": 0.75,
    "weak": 0.5,
    "claim": 0.25,
    "contradicted": 0.0,
}
GOOD_EVIDENCE: frozenset[Grade] = frozenset({"strong", "moderate"})
CHANGE_WORDS = {-2: "much less", -1: "less", 0: "no reliable change", 1: "more", 2: "much more"}
MAX_RECOMMENDATIONS = 5


def weakest(grades: list[Grade]) -> Grade:
    return max(grades, key=GRADES.index)


def _clip(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


# --- looking things up -----------------------------------------------------------------


class Found(NamedTuple):
    id: str
    kind: str  # "muscle" or "group"
    guessed_from: str | None  # the user's text when it was read as a typo or prefix


def _group_spellings(catalog: Catalog) -> list[Spelling]:
    return [Spelling(normalize(s), g.id) for g in catalog.groups for s in (g.id, g.name, *g.aliases)]


def _spellings(catalog: Catalog, *, groups: bool) -> list[Spelling]:
    out = [Spelling(normalize(s), m.id) for m in catalog.muscles for s in (m.id, m.name, *m.aliases)]
    return out + _group_spellings(catalog) if groups else out


def _not_trained(catalog: Catalog, name: str) -> None:
    q = normalize(name)
    for other in catalog.not_trained:
        if match(q, [Spelling(normalize(other.name), other.name)]).owners:
            raise UnknownName(
                f"the leg press does not train the {other.name} ({other.where})",
                "run 'legpress muscles' to see the muscles it does train",
            )


def find(catalog: Catalog, name: str, *, groups: bool) -> Found:
    """Resolve a muscle (or, with groups=True, a group) by id, name or alias, forgiving typos."""
    what = "muscle or group" if groups else "muscle"
    if not normalize(name):
        raise UnknownName(f"empty {what} name", "run 'legpress muscles' to list them")
    result = match(name, _spellings(catalog, groups=groups))
    group_ids = {g.id for g in catalog.groups}
    if len(result.owners) == 1:
        owner = result.owners[0]
        return Found(owner, "group" if owner in group_ids else "muscle", None if result.exact else name)
    if result.owners:
        listed = ", ".join(result.owners)
        raise UnknownName(f"{name!r} could be {listed}", "say which one", suggestions=result.owners)
    _not_trained(catalog, name)
    if not groups:
        group = match(name, _spellings(catalog, groups=True))
        if group.owners and group.owners[0] in group_ids:
            gid = group.owners[0]
            raise UnknownName(
                f"{name!r} is a group, not one muscle",
                f"try 'legpress muscles --group {gid}' or 'legpress target {gid}'",
            )
    raise UnknownName(f"unknown {what} {name!r}", "run 'legpress muscles' to list them")


def find_group(catalog: Catalog, name: str) -> str:
    result = match(name, _group_spellings(catalog))
    if len(result.owners) == 1:
        return result.owners[0]
    valid = ", ".join(g.id for g in catalog.groups)
    raise UsageProblem(f"unknown group {name!r}", f"choose one of: {valid}")


# --- muscles and cues --------------------------------------------------------------------


def list_muscles(catalog: Catalog, role: Role | None = None, group: str | None = None) -> tuple[Muscle, ...]:
    """Muscles by role (primary first), then by emphasis, then in data order."""
    chosen = [m for m in catalog.muscles if (role is None or m.role == role) and (group is None or m.group == group)]
    return tuple(sorted(chosen, key=lambda m: (ROLES.index(m.role), -m.emphasis)))


def list_cues(catalog: Catalog, phase: Phase | None = None) -> tuple[Cue, ...]:
    chosen = [c for c in catalog.cues if phase is None or c.phase == phase]
    return tuple(sorted(chosen, key=lambda c: PHASES.index(c.phase)))


class SourceUse(NamedTuple):
    number: int
    source: Source
    supports: tuple[str, ...]


def source_uses(catalog: Catalog) -> tuple[SourceUse, ...]:
    """Every source with a short line for each claim in the data that cites it."""
    uses: dict[str, list[str]] = {s.id: [] for s in catalog.sources}
    for m in catalog.muscles:
        for pos in m.roles:
            for sid in pos.sources:
                uses[sid].append(f"{m.name}: {pos.role} role ({pos.evidence})")
    for ch in catalog.choices:
        for eff in ch.effects:
            for sid in eff.sources:
                targets = ", ".join(catalog.display_name(t).lower() for t in eff.targets)
                uses[sid].append(f"{ch.label}: {CHANGE_WORDS[_clip(eff.change, -2, 2)]} {targets} ({eff.evidence})")
    for c in catalog.cues:
        for sid in c.sources:
            uses[sid].append(f"cue ({c.phase}): {c.id} ({c.evidence})")
    return tuple(SourceUse(n, s, tuple(dict.fromkeys(uses[s.id]))) for n, s in enumerate(catalog.sources, start=1))


# --- stances -----------------------------------------------------------------------------


class Stance(NamedTuple):
    height: str = "middle"
    width: str = "hip"
    depth: str = "normal"
    toes: str = "straight"

    def value(self, dimension: Dimension) -> str:
        return str(getattr(self, dimension))

    def chosen(self) -> tuple[tuple[Dimension, str], ...]:
        """The non-neutral (dimension, value) pairs, in dimension order."""
        return tuple((d, self.value(d)) for d in DIMENSIONS if self.value(d) != CHOICES[d][0])

    def as_dict(self) -> dict[str, str]:
        return {d: self.value(d) for d in DIMENSIONS}


def all_stances() -> Iterator[Stance]:
    for h, w, d, t in product(*(CHOICES[dim] for dim in DIMENSIONS)):
        yield Stance(h, w, d, t)


class Shift(NamedTuple):
    muscle: Muscle
    baseline: int
    emphasis: int
    change: int
    evidence: Grade
    score: float  # sum of change x evidence weight, used for ranking
    effects: tuple[tuple[Choice, Effect], ...]


class StanceReport(NamedTuple):
    stance: Stance
    choices: tuple[Choice, ...]
    shifts: tuple[Shift, ...]
    summary: str

    def shift(self, muscle_id: str) -> Shift:
        return next(s for s in self.shifts if s.muscle.id == muscle_id)


def _choices(catalog: Catalog, stance: Stance) -> tuple[Choice, ...]:
    table = {(c.dimension, c.value): c for c in catalog.choices}
    return tuple(table[pair] for pair in stance.chosen() if pair in table)


def _hits(catalog: Catalog, choices: tuple[Choice, ...], muscle_id: str) -> tuple[tuple[Choice, Effect], ...]:
    """The (option, effect) pairs among these options whose targets include this muscle."""
    return tuple(
        (ch, eff) for ch in choices for eff in ch.effects if any(muscle_id in catalog.expand(t) for t in eff.targets)
    )


def _score(hits: tuple[tuple[Choice, Effect], ...]) -> float:
    """How credibly these effects raise a muscle: each change weighed by its evidence."""
    return sum(eff.change * WEIGHT[eff.evidence] for _, eff in hits)


def _shift(catalog: Catalog, muscle: Muscle, choices: tuple[Choice, ...]) -> Shift:
    from legpress_cli.model import CHANGE_MAX, CHANGE_MIN, EMPHASIS_MAX, EMPHASIS_MIN

    hits = _hits(catalog, choices, muscle.id)
    change = _clip(sum(eff.change for _, eff in hits), CHANGE_MIN, CHANGE_MAX)
    moving = [eff.evidence for _, eff in hits if eff.change != 0]
    looked = [eff.evidence for _, eff in hits]
    evidence = weakest(moving or looked) if looked else muscle.baseline.evidence
    return Shift(
        muscle=muscle,
        baseline=muscle.emphasis,
        emphasis=_clip(muscle.emphasis + change, EMPHASIS_MIN, EMPHASIS_MAX),
        change=change,
        evidence=evidence,
        score=_score(hits),
        effects=hits,
    )


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _names_for(catalog: Catalog, muscle_ids: list[str]) -> list[str]:
    """Name whole groups where every member is listed, single muscles otherwise."""
    out: list[str] = []
    done: set[str] = set()
    for mid in muscle_ids:
        if mid in done:
            continue
        m = catalog.muscle(mid)
        members = [x.id for x in catalog.members(m.group)]
        if set(members) <= set(muscle_ids):
            out.append(catalog.group(m.group).name.lower())
            done.update(members)
        else:
            out.append(m.name.lower())
            done.add(mid)
    return out


def _summary(catalog: Catalog, stance: Stance, choices: tuple[Choice, ...], shifts: tuple[Shift, ...]) -> str:
    if not stance.chosen():
        return "neutral stance: the quadriceps do most of the work, with the glutes helping at the hip"
    head = ", ".join(ch.label for ch in choices) or ", ".join(v for _, v in stance.chosen())
    credible = [s for s in shifts if s.evidence != "contradicted"]
    parts: list[str] = []
    up = [s.muscle.id for s in credible if s.change > 0]
    down = [s.muscle.id for s in credible if s.change < 0]
    if up:
        parts.append("more " + _join(_names_for(catalog, up)))
    if down:
        parts.append("less " + _join(_names_for(catalog, down)))
    if not parts:
        parts.append("no reliable change to any muscle")
    disputed = [s.muscle.id for s in shifts if s.evidence == "contradicted" and s.change != 0]
    if disputed:
        parts.append("research contradicts the claimed change in " + _join(_names_for(catalog, disputed)))
    quads = max((s.emphasis for s in shifts if s.muscle.group == "quadriceps"), default=0)
    others = max((s.emphasis for s in shifts if s.muscle.group != "quadriceps"), default=0)
    if quads and quads >= others:
        parts.append("the quadriceps still do most of the work")
    return f"{head}: " + "; ".join(parts)


def assess(catalog: Catalog, stance: Stance) -> StanceReport:
    choices = _choices(catalog, stance)
    shifts = tuple(_shift(catalog, m, choices) for m in list_muscles(catalog))
    return StanceReport(stance, choices, shifts, _summary(catalog, stance, choices, shifts))


def effects_on(catalog: Catalog, muscle_id: str) -> tuple[tuple[Choice, Effect], ...]:
    """Every stance option that says something about this muscle, strongest change first."""
    hits = _hits(catalog, catalog.choices, muscle_id)
    return tuple(sorted(hits, key=lambda h: (-h[1].change, GRADES.index(h[1].evidence))))


# --- targets -----------------------------------------------------------------------------


class Recommendation(NamedTuple):
    rank: int
    stance: Stance
    label: str
    change: int  # the largest change among the target's muscles
    score: float
    evidence: Grade  # weakest grade among the effects that raise the target
    also: tuple[Shift, ...]  # other muscles that change in this stance
    cautions: tuple[str, ...]  # safety notes of the options in this stance


class TargetReport(NamedTuple):
    id: str
    name: str
    kind: str
    muscle_ids: tuple[str, ...]
    recommendations: tuple[Recommendation, ...]
    note: str | None


def stance_label(catalog: Catalog, stance: Stance) -> str:
    choices = _choices(catalog, stance)
    return ", ".join(ch.label for ch in choices) if choices else "neutral stance"


def rank(catalog: Catalog, found: Found) -> TargetReport:
    """Stances ordered by how credibly they raise the target; simpler stances win ties.

    A stance is listed only if every option in it adds to the target's score, so "high feet"
    is not followed by "high feet, toes turned out", which changes nothing more.
    """
    ids = catalog.expand(found.id)
    name = catalog.group(found.id).name if found.kind == "group" else catalog.muscle(found.id).name
    # Scoring needs only the effects on the target; full reports are built for the few listed.
    scores = {
        stance: sum(_score(_hits(catalog, _choices(catalog, stance), i)) for i in ids) / len(ids)
        for stance in all_stances()
    }

    def earns_its_place(stance: Stance) -> bool:
        return all(scores[stance._replace(**{d: CHOICES[d][0]})] < scores[stance] for d, _ in stance.chosen())

    candidates = [s for s in scores if scores[s] > 0 and earns_its_place(s)]
    candidates.sort(key=lambda s: (-scores[s], len(s.chosen()), s))
    recs: list[Recommendation] = []
    for n, stance in enumerate(candidates[:MAX_RECOMMENDATIONS], start=1):
        report = assess(catalog, stance)
        raising = [eff.evidence for i in ids for _, eff in report.shift(i).effects if eff.change > 0]
        recs.append(
            Recommendation(
                rank=n,
                stance=stance,
                label=stance_label(catalog, stance),
                change=max(report.shift(i).change for i in ids),
                score=round(scores[stance], 3),
                evidence=weakest(raising) if raising else "claim",
                also=tuple(s for s in report.shifts if s.muscle.id not in ids and s.change != 0),
                cautions=tuple(f"{ch.label}: {ch.caution}" for ch in report.choices if ch.caution),
            )
        )
    return TargetReport(found.id, name, found.kind, ids, tuple(recs), _target_note(catalog, name, ids, recs))


def describe_changes(catalog: Catalog, shifts: tuple[Shift, ...]) -> list[tuple[str, int]]:
    """(name, change) pairs, naming a whole group where all its muscles change alike."""
    by_change: dict[int, list[str]] = {}
    for s in shifts:
        if s.change:
            by_change.setdefault(s.change, []).append(s.muscle.id)
    return [
        (name, change) for change in sorted(by_change, reverse=True) for name in _names_for(catalog, by_change[change])
    ]


def _target_note(catalog: Catalog, name: str, ids: tuple[str, ...], recs: list[Recommendation]) -> str | None:
    if not recs:
        claims = [f"{ch.label} ({eff.evidence})" for i in ids for ch, eff in effects_on(catalog, i) if eff.change > 0]
        if claims:
            listed = _join(list(dict.fromkeys(claims)))
            return f"No stance has evidence for raising the {name.lower()}; the only claims are: {listed}."
        return f"No foot position in the data changes the {name.lower()}; it works the same in every stance."
    if not any(r.evidence in GOOD_EVIDENCE for r in recs):
        best = recs[0].evidence
        return f"No stance has good evidence for raising the {name.lower()}: the best support is {best}."
    return None
