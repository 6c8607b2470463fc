"""Pure functions from the catalog to answers. Nothing here prints, imports rich or typer.

How the advisor reasons (documented in the README, "How evidence is graded"):
  * A finding answers the comparison it made. For a stance against the neutral one, a finding
    applies to a muscle if the positions it held the same are part of the stance, and every
    dimension it varied is chosen in the stance with one of its two sides. It is direct when its
    other side is the neutral position, its load matches the chosen one and it compared two
    conditions head on; one step away (another other side, another load, or a pattern within
    one rep) it is indirect; two steps away it does not apply.
  * Per option (a group of dimensions), the best tier decides: direct findings (strong when two
    or more independent sources, or a systematic review, agree; else moderate), then indirect
    findings (weak), then claims (claim). Claims that direct findings did not bear out are
    `contradicted`: shown, never counted. Findings in one tier that disagree give `mixed`.
  * Options combine without adding up: one step of change at most, `mixed` when options point
    different ways, `no_difference` only when every chosen option was measured as such.
"""

from collections.abc import Iterator
from itertools import product
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from legpress_cli.names import Spelling

from legpress_cli.errors import UnknownName, UsageProblem
from legpress_cli.records import (
    Catalog,
    Choice,
    Claim,
    Comparison,
    Cue,
    ExerciseClaim,
    Finding,
    Group,
    Method,
    Muscle,
    Outcome,
    RolePosition,
    Source,
)
from legpress_cli.vocab import (
    CHOICES,
    DIMENSION_SPECS,
    DIMENSIONS,
    GRADES,
    NEUTRAL,
    PHASES,
    ROLES,
    SPECS,
    Dimension,
    Direction,
    Grade,
    Observed,
    Phase,
    Result,
    Role,
    Status,
    load_class,
)

GOOD_EVIDENCE: frozenset[Grade] = frozenset({"strong", "moderate"})
CHANGE: dict[str, int] = {"more": 1, "less": -1}
METHODS: tuple[Method, ...] = ("emg", "isometric", "modelled", "growth")


def weakest(grades: list[Grade]) -> Grade:
    return max(grades, key=GRADES.index)


def strongest(grades: list[Grade]) -> Grade:
    return min(grades, key=GRADES.index)


# --- looking things up -----------------------------------------------------------------


class Found(NamedTuple):
    id: str
    kind: str  # "muscle" or "group"
    guessed_from: str | None  # the user's text when it was read as a typo or prefix


def _group_spellings(catalog: Catalog) -> "list[Spelling]":
    from legpress_cli.names import Spelling, normalize

    return [Spelling(normalize(s), g.id) for g in catalog.groups for s in (g.id, g.name, *g.aliases)]


def _spellings(catalog: Catalog, *, groups: bool) -> "list[Spelling]":
    from legpress_cli.names import Spelling, normalize

    out = [Spelling(normalize(s), m.id) for m in catalog.muscles for s in (m.id, m.name, *m.aliases)]
    return out + _group_spellings(catalog) if groups else out


def _not_trained(catalog: Catalog, name: str) -> None:
    from legpress_cli.names import Spelling, match, normalize

    q = normalize(name)
    for other in catalog.not_trained:
        if match(q, [Spelling(normalize(other.name), other.name)]).owners:
            raise UnknownName(
                f"the leg press does not train the {other.name} ({other.where})",
                "run 'legpress muscles' to see the muscles it does train",
            )


def find(catalog: Catalog, name: str, *, groups: bool) -> Found:
    """Resolve a muscle (or, with groups=True, a group) by id, name or alias, forgiving typos."""
    # Here, not at the top: only commands that look a name up need the matching (or unicodedata).
    from legpress_cli.names import match, normalize

    what = "muscle or group" if groups else "muscle"
    if not normalize(name):
        raise UnknownName(f"empty {what} name", "run 'legpress muscles' to list them")
    pointer = joint_pointer(name)
    if pointer is not None:
        raise pointer
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
    from legpress_cli.names import match

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


def list_cues(catalog: Catalog, phase: Phase | None = None, stance: "Stance | None" = None) -> tuple[Cue, ...]:
    """The cues in phase order; with a stance, only those that apply to it."""
    chosen = [
        c
        for c in catalog.cues
        if (phase is None or c.phase == phase)
        and (stance is None or all(stance.value(d) == v for d, v in c.when.items()))
    ]
    return tuple(sorted(chosen, key=lambda c: PHASES.index(c.phase)))


class Support(NamedTuple):
    """One record in the data that cites a source: a group's note, a muscle's role, a finding, a
    claim, a cue, a comparison with another exercise or a claim about one."""

    record: "Group | Muscle | Finding | Claim | Cue | Comparison | ExerciseClaim"
    role: RolePosition | None = None  # for a muscle: the role that cites it


class SourceUse(NamedTuple):
    number: int
    source: Source
    supports: tuple[Support, ...]


def source_uses(catalog: Catalog) -> tuple[SourceUse, ...]:
    """Every source with each record in the data that cites it."""
    uses: dict[str, list[Support]] = {s.id: [] for s in catalog.sources}
    for g in catalog.groups:
        for sid in g.target_note_sources:
            uses[sid].append(Support(g))
    for m in catalog.muscles:
        for pos in m.roles:
            for sid in pos.sources:
                uses[sid].append(Support(m, pos))
    for f in catalog.findings:
        uses[f.source].append(Support(f))
    for c in catalog.claims:
        uses[c.source].append(Support(c))
    for cue in catalog.cues:
        for sid in cue.sources:
            uses[sid].append(Support(cue))
    for comp in catalog.comparisons:
        uses[comp.source].append(Support(comp))
    for ec in catalog.exercise_claims:
        uses[ec.source].append(Support(ec))
    return tuple(SourceUse(n, s, tuple(uses[s.id])) for n, s in enumerate(catalog.sources, start=1))


# --- stances -----------------------------------------------------------------------------


_NEUTRAL_VALUES = tuple(NEUTRAL[d] for d in DIMENSIONS)
_POSITION: dict[str, int] = {d: n for n, d in enumerate(DIMENSIONS)}


class Stance(NamedTuple):
    """One value per dimension, in DIMENSIONS order; the neutral stance by default. A NamedTuple,
    ordered and hashable as its values are, for what a frozen ordered dataclass cost at start-up
    (~1% of `legpress stance`)."""

    values: tuple[str, ...] = _NEUTRAL_VALUES

    @classmethod
    def of(cls, **chosen: str) -> "Stance":
        return cls(tuple(chosen.get(d, NEUTRAL[d]) for d in DIMENSIONS))

    def value(self, dimension: str) -> str:
        return self.values[_POSITION[dimension]]

    def chosen(self) -> tuple[tuple[Dimension, str], ...]:
        """The non-neutral (dimension, value) pairs, in dimension order."""
        return tuple((d, v) for d, v in zip(DIMENSIONS, self.values, strict=True) if v != NEUTRAL[d])

    def differs(self, base: "Stance") -> tuple[tuple[Dimension, str], ...]:
        """The (dimension, value) pairs where this stance differs from `base`: what a question
        of this stance against that one varies."""
        return tuple((d, v) for d, v, b in zip(DIMENSIONS, self.values, base.values, strict=True) if v != b)

    def without(self, dimension: Dimension) -> "Stance":
        return Stance.of(**{d: v for d, v in self.chosen() if d != dimension})

    def as_dict(self) -> dict[str, str]:
        return dict(zip(DIMENSIONS, self.values, strict=True))

    @property
    def load(self) -> str:
        return self.value("load")


NEUTRAL_STANCE = Stance()


def all_stances() -> Iterator[Stance]:
    for values in product(*(CHOICES[dim] for dim in DIMENSIONS)):
        yield Stance(values)


# A recommendation changes at most this many positions at once: a stance of more options than
# that is no advice a lifter can follow, and the stances to score would multiply with each
# dimension (5,832 in all; 3.8 s for `target quadriceps` where every dimension was measured).
MAX_OPTIONS = 3


def candidate_stances(max_options: int = MAX_OPTIONS) -> Iterator[Stance]:
    """Every stance of at most `max_options` changed positions, under every load."""
    from itertools import combinations

    positions = [d for d in DIMENSIONS if not SPECS[d].context]
    conditions = [d for d in DIMENSIONS if SPECS[d].context]
    for size in range(max_options + 1):
        for dims in combinations(positions, size):
            for values in product(*(CHOICES[d][1:] for d in dims)):
                for held in product(*(CHOICES[d] for d in conditions)):
                    yield Stance.of(**dict(zip(dims, values, strict=True)), **dict(zip(conditions, held, strict=True)))


FLIP: dict[str, Observed] = {
    "more": "less",
    "less": "more",
    "no_difference": "no_difference",
    "not_reported": "not_reported",
}
# Dimensions a stance holds as conditions of a comparison rather than as positions: a claim is
# judged, and a finding applied, under the stance's values of these.
CONDITIONS: tuple[Dimension, ...] = tuple(s.name for s in DIMENSION_SPECS if s.context or s.usual_when_unsaid)
USUAL_WHEN_UNSAID: tuple[Dimension, ...] = tuple(s.name for s in DIMENSION_SPECS if s.usual_when_unsaid)


class Step(NamedTuple):
    """One way a finding differs from the question asked, which makes it indirect: measured with
    another value of a dimension (held, or usual where the study did not say), against another
    other side, at another load, by a proxy (its own reason, from the data) or held still."""

    kind: Literal["held", "other_side", "load", "proxy", "isometric"]
    dimension: str = ""
    value: str = ""
    percent: int | None = None
    note: str = ""  # a proxy's reason, as the data gives it


class Applied(NamedTuple):
    """A finding as it bears on one muscle it recorded, in one stance."""

    finding: Finding
    direction: Observed  # the stance against the neutral one, oriented from the finding
    indirect: tuple[Step, ...]  # why it is not direct; empty when it is
    dims: frozenset[str]  # the stance options it speaks to

    @property
    def reported(self) -> bool:
        """False where the study recorded the muscle and reported nothing about it."""
        return self.direction != "not_reported"


def apply_finding(
    catalog: Catalog, f: Finding, muscle: Muscle, stance: Stance, base: "Stance | None" = None
) -> Applied | None:
    """How this finding bears on this muscle in this stance against `base` (the neutral stance
    by default), or None if it does not apply. Only for findings that recorded the muscle
    (catalog.findings_on)."""
    oriented = _orient(catalog, f, stance, base or NEUTRAL_STANCE)
    if oriented is None:
        return None
    flipped, steps = oriented
    result: Observed = catalog.result_for(f, muscle) or "not_reported"
    return Applied(f, FLIP[result] if flipped else result, steps, frozenset(f.contrast))


def _orient(catalog: Catalog, f: Finding, stance: Stance, base: Stance) -> tuple[bool, tuple[Step, ...]] | None:
    """Whether a finding speaks to this stance against `base`: None if not; else whether the
    stance is its B side (so its results read the other way round) and why it is indirect
    (empty: direct). Every dimension it varied must be one the question varies, with the
    stance's value on one side; its other side is then measured against `base`'s value.

    The rule (README, "How evidence is graded"): each way the question differs from what was
    measured is one step (another other side, another load, a dimension the study held at its
    usual value, a pattern within one repetition); one step is indirect, two do not apply.
    """
    steps: list[Step] = []
    for d, v in f.held.items():
        if stance.value(d) != v:
            if not SPECS[d].usual_when_unsaid:
                return None
            steps.append(Step("held", d, v))
    contrast = f.contrast
    if any(stance.value(d) == base.value(d) for d in contrast):
        return None
    if any(SPECS[d].context for d in contrast) and any(not SPECS[d].context for d, _ in stance.differs(base)):
        # A comparison of loads answers what the load does, not what a position does at that load.
        return None
    if all(stance.value(d) == f.a[d] for d in contrast):
        flipped, other = False, f.b
    elif all(stance.value(d) == f.b[d] for d in contrast):
        flipped, other = True, f.a
    else:
        return None
    # The other side of a load comparison is no step: "any load" is not a level to compare with.
    steps += [Step("other_side", d, other[d]) for d in contrast if other[d] != base.value(d) and not SPECS[d].context]
    steps += [Step("held", d, NEUTRAL[d]) for d in USUAL_WHEN_UNSAID if d not in f.a and stance.value(d) != NEUTRAL[d]]
    found_load = load_class(f.load_percent)
    if stance.load != NEUTRAL["load"] and found_load is not None and found_load != stance.load:
        steps.append(Step("load", percent=f.load_percent))
    if f.proxy:  # a finding that did not compare the two conditions head on says why, in its data
        steps.append(Step("proxy", note=f.proxy))
    if f.isometric:
        steps.append(Step("isometric"))
    if len(steps) > 1:
        return None  # two steps from the question asked: it says nothing about it
    return flipped, tuple(steps)


class Measured(NamedTuple):
    """Something other than a muscle's activity (force per leg, a strength gain) that a finding
    measured, read for this stance against the neutral one."""

    finding: Finding
    outcome: Outcome
    direction: Observed
    indirect: tuple[Step, ...]


def other_measures(catalog: Catalog, stance: Stance, base: "Stance | None" = None) -> tuple[Measured, ...]:
    out: list[Measured] = []
    for f in catalog.findings:
        oriented = _orient(catalog, f, stance, base or NEUTRAL_STANCE) if f.outcomes else None
        if oriented is not None:
            flipped, steps = oriented
            out += [Measured(f, o, FLIP[o.result] if flipped else o.result, steps) for o in f.outcomes]
    return tuple(out)


class ClaimUse(NamedTuple):
    claim: Claim
    status: Status
    decided_by: tuple[str, ...]  # ids of the findings that decided the status


def claim_stance(claim: Claim, stance: Stance) -> Stance:
    """The stance a claim speaks of, under the asked stance's conditions (load, legs)."""
    held = {d: stance.value(d) for d in CONDITIONS if d not in claim.when}
    return Stance.of(**held, **claim.when)


def claim_status(catalog: Catalog, claim: Claim, muscle: Muscle, stance: Stance | None = None) -> ClaimUse:
    """Judge a claim for one muscle against the findings for its own position, under the
    conditions (load, legs) of `stance`. A direct reported result decides (supports or
    contradicts); else an indirect one that agrees supports; a study that recorded the muscle
    there without reporting the claimed change leaves it not supported; else it is not tested."""
    own = claim_stance(claim, stance or Stance())
    applied = [a for f in catalog.findings_on(muscle.id) if (a := apply_finding(catalog, f, muscle, own))]
    reported = [a for a in applied if a.reported]
    direct = [a for a in reported if not a.indirect]
    agree = [a for a in direct if a.direction == claim.direction]
    if agree:
        return ClaimUse(claim, "supports", tuple(a.finding.id for a in agree))
    if direct:
        return ClaimUse(claim, "contradicts", tuple(a.finding.id for a in direct))
    agree = [a for a in reported if a.direction == claim.direction]
    if agree:
        return ClaimUse(claim, "supports", tuple(a.finding.id for a in agree))
    if applied:
        return ClaimUse(claim, "not_supported", tuple(a.finding.id for a in applied))
    return ClaimUse(claim, "not_tested", ())


UNTESTED: frozenset[Status] = frozenset({"not_supported", "not_tested"})


class Verdict(NamedTuple):
    """One muscle in one stance against the neutral stance. Direction and grade come from
    findings alone; the claims ride along to be shown as claims."""

    muscle: Muscle
    direction: Direction
    grade: Grade | None  # None when nothing applicable reported a result
    findings: tuple[Applied, ...]  # every finding that applies, those that decided first
    claims: tuple[ClaimUse, ...]
    load_notes: "tuple[LoadNote, ...]"  # where the same comparison gave another answer at another load
    parts: "tuple[OptionPart, ...]"  # per chosen option, in dimension order
    baseline: int
    level: int  # the emphasis drawn for this stance

    @property
    def change(self) -> int:
        return CHANGE.get(self.direction, 0)

    @property
    def deciding(self) -> tuple[Applied, ...]:
        return tuple(a for a in self.findings if _decides(a, self))

    @property
    def shade(self) -> str:
        """How a map shades it: its direction; a claim only where nothing was measured, in a
        shade of its own (vocab.SHADES)."""
        return "claimed" if self.direction == "not_measured" and self.claimed else self.direction

    @property
    def claimed(self) -> tuple[ClaimUse, ...]:
        """Claims no measurement bore out (not tested, or measured without that change): shown
        as claimed, beside a bar they never move."""
        return tuple(u for u in self.claims if u.status in UNTESTED)


def _decides(a: Applied, v: Verdict) -> bool:
    if not a.reported:
        return False
    tier = "indirect" if a.indirect else "direct"
    return v.grade in (("strong", "moderate") if tier == "direct" else ("weak",)) and (
        v.direction == "mixed" or a.direction == v.direction
    )


class _Part(NamedTuple):
    direction: Direction
    grade: Grade | None


class OptionPart(NamedTuple):
    """What the evidence says about one chosen option (or a combination a finding measured)."""

    options: tuple[tuple[str, str], ...]  # (dimension, value) pairs of the stance it speaks to
    direction: Direction
    grade: Grade | None
    findings: tuple[Applied, ...]
    claims: tuple[ClaimUse, ...]


def samples(applied: list[Applied]) -> set[str]:
    """The independent samples behind some findings: papers that may share participants count once."""
    return {a.finding.independent for a in applied}


def _direct_grade(catalog: Catalog, direct: list[Applied]) -> Grade:
    review = any(catalog.source(a.finding.source).kind == "review" for a in direct)
    return "strong" if len(samples(direct)) >= 2 or review else "moderate"


def _option_verdict(applied: list[Applied], catalog: Catalog) -> _Part:
    """Findings only: direct reported results, else indirect ones (weak), else silence."""
    reported = [a for a in applied if a.reported]
    direct = [a for a in reported if not a.indirect]
    if direct:
        directions = {a.direction for a in direct}
        if len(directions) > 1:
            return _Part("mixed", "moderate")
        return _Part(direct[0].direction, _direct_grade(catalog, direct))
    indirect = {a.direction for a in reported}
    if indirect:
        return _Part(indirect.pop() if len(indirect) == 1 else "mixed", "weak")
    if applied:
        return _Part("not_reported", None)
    return _Part("not_measured", None)


def _combine(parts: list[_Part]) -> _Part:
    """Options never add up: one step at most, and opposing options give `mixed`."""
    seen = [p for p in parts if p.direction != "not_measured"]
    directions = {p.direction for p in seen}
    if not directions:
        return _Part("not_measured", None)
    if "mixed" in directions or {"more", "less"} <= directions:
        moving = [p.grade for p in seen if p.direction in ("more", "less", "mixed") and p.grade]
        return _Part("mixed", weakest(moving))
    for way in ("more", "less"):
        if way in directions:
            return _Part(way, strongest([p.grade for p in seen if p.direction == way and p.grade]))
    if directions == {"no_difference"} and len(seen) == len(parts):
        return _Part("no_difference", weakest([p.grade for p in seen if p.grade]))
    # Something was recorded and no change reported, though not every option was measured so.
    return _Part("not_reported", None)


class LoadNote(NamedTuple):
    """The same study's same comparison, at another load, reported something else."""

    source: str  # the source's id
    load_percent: int
    result: Result | None  # None: nothing reported there


def _load_notes(catalog: Catalog, muscle: Muscle, applied: list[Applied], stance: Stance) -> tuple[LoadNote, ...]:
    """Where the same study's same comparison at another load said something else."""
    if stance.load != NEUTRAL["load"]:
        return ()
    notes: list[LoadNote] = []
    same: dict[tuple[str, object], list[Finding]] = {}  # one pass, so the work stays linear
    for g in catalog.findings_on(muscle.id):
        same.setdefault((g.source, _sides(g)), []).append(g)
    for a in applied:
        f = a.finding
        for g in same.get((f.source, _sides(f)), ()):
            if g.load_percent != f.load_percent:
                other = catalog.result_for(g, muscle)
                if other != catalog.result_for(f, muscle) and g.load_percent is not None:
                    notes.append(LoadNote(f.source, g.load_percent, other))
    return tuple(dict.fromkeys(notes))


def _sides(f: Finding) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    return tuple(sorted(f.a.items())), tuple(sorted(f.b.items()))


def _load_only(a: Applied, stance: Stance) -> bool:
    """Indirect only because it was measured at another load than the one asked about."""
    found = load_class(a.finding.load_percent)
    return len(a.indirect) == 1 and stance.load != NEUTRAL["load"] and found is not None and found != stance.load


def judge(
    catalog: Catalog, muscle: Muscle, stance: Stance, base: "Stance | None" = None, *, claims: bool = True
) -> Verdict:
    """Direction and grade of one muscle in a stance against `base` (the neutral stance by
    default), from the findings that apply; the claims that apply are judged (against the usual
    position, as they are made) and carried along, never counted (so a ranking, which reads
    only what findings say, may leave them out: claims=False)."""
    base = base or NEUTRAL_STANCE
    varied = stance.differs(base)
    asked = {d for d, _ in varied}
    # A finding applies only if the question varies every dimension it varied (_orient).
    applied = [
        a
        for f in catalog.findings_on(muscle.id)
        if catalog.varied(f) <= asked and (a := apply_finding(catalog, f, muscle, stance, base))
    ]
    said = [
        claim_status(catalog, c, muscle, stance)
        for c in (catalog.claims_on(muscle.id) if claims else ())
        if all(stance.value(d) == v for d, v in c.when.items()) and set(c.when) <= asked
    ]
    options: dict[frozenset[str], tuple[list[Applied], list[ClaimUse]]] = {}
    for a in applied:
        options.setdefault(a.dims, ([], []))[0].append(a)
    for c in said:
        options.setdefault(frozenset(c.claim.when), ([], []))[1].append(c)
    covered = set().union(*options) if options else set()
    for d, _ in varied:
        # A chosen position nothing speaks to counts as not measured, never as "no change".
        if not SPECS[d].context and d not in covered:
            options[frozenset({d})] = ([], [])
    # The same study's same comparison at the asked load answers the question itself: the one
    # at another load is shown, never counted over it (Da Silva 2008: effects depend on load).
    answered = {(a.finding.source, _sides(a.finding)) for a in applied if not a.indirect}
    parts: list[OptionPart] = []
    for dims, (found, about) in options.items():
        counted = [
            a
            for a in found
            if not (a.indirect and _load_only(a, stance) and (a.finding.source, _sides(a.finding)) in answered)
        ]
        part = _option_verdict(counted, catalog)
        pairs = tuple((d, stance.value(d)) for d in DIMENSIONS if d in dims)
        parts.append(OptionPart(pairs, part.direction, part.grade, tuple(found), tuple(about)))
    parts.sort(key=lambda p: [DIMENSIONS.index(d) for d, _ in p.options])
    whole = _combine([_Part(p.direction, p.grade) for p in parts])
    verdict = Verdict(
        muscle, whole.direction, whole.grade, (), tuple(said), (), tuple(parts), muscle.emphasis, muscle.emphasis
    )
    ordered = sorted(applied, key=lambda a: (not _decides(a, verdict), not a.reported, bool(a.indirect)))
    return verdict._replace(findings=tuple(ordered), load_notes=_load_notes(catalog, muscle, applied, stance))


def _levels(verdicts: list[Verdict]) -> list[Verdict]:
    """Move a bar one step only where it neither reaches a muscle that works harder in the
    neutral stance nor drops to one that works less: EMG cannot rank different muscles, so a
    change never lifts a muscle past one it was not measured to out-work."""
    floor = {v.muscle.id: v.baseline + min(v.change, 0) for v in verdicts}
    ceiling = {v.muscle.id: v.baseline + max(v.change, 0) for v in verdicts}
    out = []
    for v in verdicts:
        level = v.baseline
        if v.change > 0 and all(v.baseline + 1 < floor[o.muscle.id] for o in verdicts if o.baseline > v.baseline):
            level += 1
        if v.change < 0 and all(v.baseline - 1 > ceiling[o.muscle.id] for o in verdicts if o.baseline < v.baseline):
            level -= 1
        out.append(v._replace(level=max(level, EMPHASIS_FLOOR)))
    return out


EMPHASIS_FLOOR = 1


class Contradiction(NamedTuple):
    claim: Claim
    muscle_ids: tuple[str, ...]
    decided_by: tuple[str, ...]  # finding ids


class StanceReport(NamedTuple):
    stance: Stance
    choices: tuple[Choice, ...]
    verdicts: tuple[Verdict, ...]
    contradicted: tuple[Contradiction, ...]  # claims in this stance research did not bear out
    measures: tuple[Measured, ...] = ()  # what else was measured: force, strength gains
    base: Stance = Stance()  # what the stance is measured against: the neutral stance by default

    @property
    def against_neutral(self) -> bool:
        return self.base == NEUTRAL_STANCE

    @property
    def neutral(self) -> bool:
        """The neutral stance on its own: nothing is compared, so a map shows what works."""
        return self.stance == self.base == NEUTRAL_STANCE

    def shade_of(self, v: Verdict) -> str:
        """How a map shades a muscle: by its role in the neutral stance (vocab.ROLES), else by
        its change (vocab.SHADES)."""
        return v.muscle.role if self.neutral else v.shade

    def machines(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each machine the applicable findings were measured on, with the studies on it."""
        seen: dict[str, dict[str, None]] = {}
        for v in self.verdicts:
            for a in v.findings:
                seen.setdefault(a.finding.machine, {})[a.finding.source] = None
        for m in self.measures:
            seen.setdefault(m.finding.machine, {})[m.finding.source] = None
        return tuple((machine, tuple(sources)) for machine, sources in seen.items())

    def by_muscle(self) -> dict[str, Verdict]:
        """Each muscle's verdict by id: one pass, for callers that look up many."""
        return {v.muscle.id: v for v in self.verdicts}


def varied_choices(catalog: Catalog, stance: Stance, base: Stance) -> tuple[Choice, ...]:
    """The options the question varies, the stance's then the base's (where not neutral)."""
    pairs = [*stance.differs(base), *((d, v) for d, v in base.differs(stance) if v != NEUTRAL[d])]
    if base == NEUTRAL_STANCE:
        pairs = list(stance.chosen())
    return tuple(c for d, v in dict.fromkeys(pairs) if (c := catalog.choice(d, v)) is not None)


def assess(catalog: Catalog, stance: Stance, base: Stance | None = None) -> StanceReport:
    """Every muscle in this stance against `base` (the neutral stance by default)."""
    base = base or NEUTRAL_STANCE
    verdicts = _levels([judge(catalog, m, stance, base) for m in list_muscles(catalog)])
    contradicted: dict[str, tuple[ClaimUse, list[str], list[str]]] = {}
    for v in verdicts:
        for use in v.claims:
            if use.status == "contradicts":
                entry = contradicted.setdefault(use.claim.id, (use, [], []))
                entry[1].append(v.muscle.id)
                entry[2].extend(use.decided_by)
    uses = tuple(
        Contradiction(use.claim, tuple(ids), tuple(dict.fromkeys(found))) for use, ids, found in contradicted.values()
    )
    measures = other_measures(catalog, stance, base)
    return StanceReport(stance, varied_choices(catalog, stance, base), tuple(verdicts), uses, measures, base)


def option_effects(catalog: Catalog, muscle: Muscle) -> tuple[tuple[Choice, Verdict], ...]:
    """Each single stance option and what it does to this muscle, measured or claimed ones first."""
    out: list[tuple[Choice, Verdict]] = []
    for d in DIMENSIONS:
        if SPECS[d].context:
            continue
        for value in CHOICES[d][1:]:
            choice = catalog.choice(d, value)
            verdict = judge(catalog, muscle, Stance.of(**{d: value}))
            if choice is not None and (verdict.direction != "not_measured" or verdict.claims):
                out.append((choice, verdict))
    return tuple(sorted(out, key=lambda cv: (-cv[1].change, _grade_rank(cv[1].grade))))


def _grade_rank(grade: Grade | None) -> int:
    return len(GRADES) if grade is None else GRADES.index(grade)


JOINTS: tuple[str, ...] = ("knee", "knees", "knee joint", "kneecap", "patella")


def joint_pointer(name: str) -> UnknownName | None:
    """A pointer to `legpress knee` for a name that is the knee, not a muscle."""
    from legpress_cli.names import normalize

    if normalize(name) in {normalize(j) for j in JOINTS}:
        return UnknownName(
            f"{name!r} is a joint, not a muscle",
            "run 'legpress knee' for what the leg press does to the knees and what changes that",
        )
    return None
