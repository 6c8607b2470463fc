"""Which stances raise a muscle or group (`legpress target`): every candidate stance scored
from the advisor's verdicts, and the claims kept apart from the ranking. Pure functions, as in
advisor.py; the snapshot keeps the rankings of the built-in data (see cache.snapshot_key)."""

from collections.abc import Callable
from typing import NamedTuple, cast

from legpress_cli.advisor import (
    CHANGE,
    CONDITIONS,
    NEUTRAL_STANCE,
    Found,
    Stance,
    StanceReport,
    Verdict,
    assess,
    candidate_stances,
    claim_status,
    judge,
    samples,
    strongest,
    varied_choices,
)
from legpress_cli.records import Catalog, Choice, Claim, Muscle, Ranked
from legpress_cli.vocab import DIMENSIONS, GRADES, NEUTRAL, SPECS, Dimension, Direction, Grade, Status

MAX_RECOMMENDATIONS = 5


class Moved(NamedTuple):
    """Another muscle a recommended stance changes."""

    muscle_id: str
    direction: Direction  # "more" or "less"
    grade: Grade | None

    @property
    def change(self) -> int:
        return CHANGE.get(self.direction, 0)


class Recommendation(NamedTuple):
    rank: int
    stance: Stance
    evidence: Grade  # the best grade among the target muscles it raises
    findings: tuple[str, ...]  # ids of the findings behind the rise
    raised: tuple[str, ...]  # which of the target's muscles it raises
    also: tuple[Moved, ...]  # other muscles that move in this stance
    cautions: tuple[Choice, ...]  # the options in this stance that come with a safety note


class ClaimedOption(NamedTuple):
    """A position a source says raises the target, kept apart from the ranking."""

    claim: Claim
    status: Status
    muscle_ids: tuple[str, ...]  # the target's muscles with that status


class TargetReport(NamedTuple):
    id: str
    name: str
    kind: str
    muscle_ids: tuple[str, ...]
    recommendations: tuple[Recommendation, ...]
    measured: bool  # whether any study in the data measured one of its muscles
    group: str  # the group it is or belongs to (the group's own note on training it)
    claimed: tuple[ClaimedOption, ...] = ()  # claims that it raises, not borne out by a measurement


class _Score(NamedTuple):
    grade: int  # index in GRADES: lower is better
    sources: int  # independent sources behind the rise, negated so that more sorts first
    raised: int  # target muscles raised, negated
    findings: tuple[str, ...]
    raised_ids: tuple[str, ...]


Judge = Callable[[Catalog, Muscle, Stance], Verdict]


def _score(catalog: Catalog, muscles: list[Muscle], stance: Stance, judged: Judge = judge) -> _Score | None:
    if all(SPECS[d].context for d, _ in stance.chosen()):
        return None  # a load alone is no stance to recommend
    verdicts = []
    for m in muscles:  # one muscle lowered or mixed rules the stance out: judge no further
        v = judged(catalog, m, stance)
        if v.direction in ("less", "mixed"):
            return None
        verdicts.append(v)
    up = [v for v in verdicts if v.direction == "more" and v.grade is not None]
    if not up:
        return None
    grade = strongest([v.grade for v in up if v.grade])
    found = tuple(dict.fromkeys(a.finding.id for v in up for a in v.deciding))
    # The samples behind one option, never a sum across the options of a stance.
    most = max(
        len(samples([a for a in part.findings if a.direction == "more" and a.reported]))
        for v in up
        for part in v.parts
        if part.direction == "more"
    )
    return _Score(GRADES.index(grade), -most, -len(up), found, tuple(v.muscle.id for v in up))


def relevant_dimensions(catalog: Catalog, muscle: Muscle) -> tuple[Dimension, ...]:
    """The stance dimensions a muscle's evidence looks at: what its findings held or compared,
    where its claims apply, the load (findings at another load are one step away) and the
    dimensions held at their usual value when unsaid."""
    dims: set[str] = set(CONDITIONS)
    for f in catalog.findings_on(muscle.id):
        dims.update(f.held, f.contrast)
    for c in catalog.claims_on(muscle.id):
        dims.update(c.when)
    return tuple(d for d in DIMENSIONS if d in dims)


def _judge_by_what_matters(catalog: Catalog, muscles: list[Muscle]) -> Judge:
    """judge(), worked out once per muscle and combination of its relevant dimensions.

    Ranking scores every stance, and the stances multiply with each dimension; but what a
    muscle's verdict says about raising it (direction, grade, deciding findings) depends only on
    the dimensions its evidence looks at: a chosen option nothing measured adds a not-measured
    part, which can turn `no_difference` into `not_measured` but never into `more`, `less` or
    `mixed`. So stances that agree on those dimensions share one judgement, and the work grows
    with the combinations the evidence distinguishes, not with every stance. Only _score, which
    reads nothing else, may use it; tests/test_stance.py checks it scores every stance alike.
    """
    relevant = {m.id: relevant_dimensions(catalog, m) for m in muscles}
    # A comparison of loads applies only where no position is chosen: for a muscle that has one,
    # whether any position outside its relevant ones is chosen matters too, though not which.
    others = {
        m.id: tuple(d for d in DIMENSIONS if d not in relevant[m.id] and not SPECS[d].context)
        for m in muscles
        if any(SPECS[d].context for f in catalog.findings_on(m.id) for d in f.contrast)
    }
    known: dict[tuple[str, tuple[str, ...], bool], Verdict] = {}

    def judged(catalog: Catalog, muscle: Muscle, stance: Stance) -> Verdict:
        elsewhere = any(stance.value(d) != NEUTRAL[d] for d in others.get(muscle.id, ()))
        key = (muscle.id, tuple(stance.value(d) for d in relevant[muscle.id]), elsewhere)
        found = known.get(key)
        if found is None:
            found = known[key] = judge(catalog, muscle, stance, claims=False)
        return found

    return judged


def rank(catalog: Catalog, found: Found) -> TargetReport:
    """Stances that raise the target, by evidence, then independent findings, then simplicity.

    A stance is listed only if every option in it earns its place: without it the rise is less
    well supported. Contradicted claims never raise anything, so they never recommend.
    """
    ids = catalog.expand(found.id)
    name = catalog.display_name(found.id)
    # Kept with the snapshot for the built-in data (made by this code: the key covers it).
    ranked = catalog.ranked(found.id)
    if ranked is None:
        ranked = ranked_stances(catalog, found.id)
    recs: list[Recommendation] = []
    for n, sc in enumerate(ranked, start=1):
        stance = Stance(sc.stance)
        recs.append(
            Recommendation(
                rank=n,
                stance=stance,
                evidence=GRADES[sc.grade],
                findings=sc.findings,
                raised=sc.raised_ids,
                also=tuple(Moved(m, cast(Direction, d), cast(Grade, g) or None) for m, d, g in sc.also),
                cautions=tuple(ch for ch in varied_choices(catalog, stance, NEUTRAL_STANCE) if ch.caution),
            )
        )
    measured = any(catalog.findings_on(i) for i in ids)
    group = found.id if found.kind == "group" else catalog.muscle(found.id).group
    return TargetReport(found.id, name, found.kind, ids, tuple(recs), measured, group, _claimed_for(catalog, ids))


def ranked_stances(catalog: Catalog, target: str) -> tuple[Ranked, ...]:
    """The stances `rank` lists for a muscle or group, best first, with their scores: every
    candidate stance judged, which is most of the work (the snapshot keeps these for the
    built-in data; see cache.snapshot_text)."""
    muscles = [catalog.muscle(i) for i in catalog.expand(target)]
    judged = _judge_by_what_matters(catalog, muscles)
    scores = {s: sc for s in candidate_stances() if (sc := _score(catalog, muscles, s, judged)) is not None}

    def key(s: Stance) -> tuple[int, int, int]:
        sc = scores[s]
        return (sc.grade, sc.sources, sc.raised)

    def earns_its_place(s: Stance) -> bool:
        return all(s.without(d) not in scores or key(s.without(d)) > key(s) for d, _ in s.chosen())

    candidates = sorted((s for s in scores if earns_its_place(s)), key=lambda s: (key(s), len(s.chosen()), s))
    ids = set(catalog.expand(target))
    return tuple(
        Ranked(s.values, *scores[s], _moved(assess(catalog, s), ids)) for s in candidates[:MAX_RECOMMENDATIONS]
    )


def _moved(report: StanceReport, target_ids: set[str]) -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (v.muscle.id, v.direction, v.grade or "") for v in report.verdicts if v.muscle.id not in target_ids and v.change
    )


def all_rankings(catalog: Catalog) -> dict[str, tuple[Ranked, ...]]:
    """ranked_stances for every muscle and group."""
    return {t: ranked_stances(catalog, t) for t in (*(m.id for m in catalog.muscles), *(g.id for g in catalog.groups))}


def _claimed_for(catalog: Catalog, ids: tuple[str, ...]) -> tuple[ClaimedOption, ...]:
    """Claims that a position raises the target's muscles, with what measurement made of them,
    leaving out those a direct measurement bore out (they are in the ranking)."""
    out: list[ClaimedOption] = []
    for claim in catalog.claims:
        if claim.direction != "more":
            continue
        by_status: dict[Status, list[str]] = {}
        for mid in ids:
            if claim in catalog.claims_on(mid):
                use = claim_status(catalog, claim, catalog.muscle(mid))
                by_status.setdefault(use.status, []).append(mid)
        out += [ClaimedOption(claim, st, tuple(m)) for st, m in by_status.items() if st != "supports"]
    return tuple(out)
