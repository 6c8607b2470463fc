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

from collections.abc import Callable, Iterator
from itertools import product
from typing import TYPE_CHECKING, Literal, NamedTuple, cast

if TYPE_CHECKING:
    from legpress_cli.names import Spelling

from legpress_cli.errors import UnknownName, UsageProblem
from legpress_cli.records import (
    Catalog,
    Choice,
    Claim,
    Comparison,
    Cue,
    Exercise,
    ExerciseClaim,
    Finding,
    Group,
    Method,
    Muscle,
    Outcome,
    Ranked,
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
MAX_RECOMMENDATIONS = 5


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


def _choices(catalog: Catalog, stance: Stance, base: Stance) -> tuple[Choice, ...]:
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
    return StanceReport(stance, _choices(catalog, stance, base), tuple(verdicts), uses, measures, base)


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


# --- targets -----------------------------------------------------------------------------


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
                cautions=tuple(ch for ch in _choices(catalog, stance, NEUTRAL_STANCE) if ch.caution),
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


# --- the evidence matrix -----------------------------------------------------------------


class EvidenceRow(NamedTuple):
    finding: Finding
    # Only the muscles it measured (of those asked about), so the report grows with the
    # findings and what they measured, never with findings times muscles.
    cells: dict[str, Result | Literal["not_reported"]]


class ClaimRow(NamedTuple):
    claim: Claim
    muscle: Muscle
    status: Status
    decided_by: tuple[str, ...]


class EvidenceReport(NamedTuple):
    muscles: tuple[Muscle, ...]
    rows: tuple[EvidenceRow, ...]
    claims: tuple[ClaimRow, ...]


def evidence(catalog: Catalog, muscle_id: str | None = None) -> EvidenceReport:
    """Every finding as a row of results by muscle, and every claim with its status; with a
    muscle or group id, only what speaks of it (a group: of any of its muscles)."""
    ids = None if muscle_id is None else catalog.expand(muscle_id)
    muscles = tuple(catalog.muscles) if ids is None else tuple(catalog.muscle(i) for i in ids)
    if ids is None:
        findings = catalog.findings
    else:
        on = {f.id for i in ids for f in catalog.findings_on(i)}
        findings = tuple(f for f in catalog.findings if f.id in on)
    rows = []
    asked = None if ids is None else set(ids)
    for f in findings:
        measured = [i for i in catalog.recorded(f) if asked is None or i in asked]
        cells = {i: catalog.result_for(f, catalog.muscle(i)) or "not_reported" for i in measured}
        rows.append(EvidenceRow(f, cells))
    claims = [ClaimRow(c, m, *claim_status(catalog, c, m)[1:]) for m in muscles for c in catalog.claims_on(m.id)]
    return EvidenceReport(muscles, tuple(rows), tuple(claims))


# --- the leg press against other exercises --------------------------------------------------


def find_exercise(catalog: Catalog, name: str) -> tuple[Exercise, str | None]:
    """An exercise by id, name or alias, forgiving typos, and the user's text when it was read
    as a typo or prefix; unknown names list the known ones."""
    from legpress_cli.names import Spelling, match, normalize

    known = ", ".join(e.id for e in catalog.exercises) or "none in this data"
    spellings = [Spelling(normalize(s), e.id) for e in catalog.exercises for s in (e.id, e.name, *e.aliases)]
    result = match(name, spellings) if normalize(name) else None
    if result is not None and len(result.owners) == 1:
        return catalog.exercise(result.owners[0]), None if result.exact else name
    if result is not None and result.owners:
        raise UnknownName(f"{name!r} could be {', '.join(result.owners)}", "say which one", result.owners)
    raise UnknownName(f"no comparison with the exercise {name!r}", f"legpress knows: {known}")


class CompareRow(NamedTuple):
    """One muscle or group as the studies measured it, by one method: the leg press against the
    other exercise. Modelled activity and EMG are separate rows: they never disagree."""

    target: str  # a muscle or group id, as the study reported it
    direction: Direction  # more / less / no_difference, or mixed where studies disagree
    grade: Grade
    findings: tuple[tuple[Comparison, Result], ...]
    method: Method = "emg"


class ComparedMeasure(NamedTuple):
    comparison: Comparison
    outcome: Outcome


class ExerciseClaimUse(NamedTuple):
    claim: ExerciseClaim
    status: Status
    decided_by: tuple[str, ...]  # comparison ids


class CompareReport(NamedTuple):
    exercise: Exercise
    rows: tuple[CompareRow, ...]
    not_reported: tuple[str, ...]  # targets measured whose result the reports do not give
    not_measured: tuple[str, ...]  # muscles no comparison measured, alone or in their group
    measures: tuple[ComparedMeasure, ...]
    claims: tuple[ExerciseClaimUse, ...]


def _compare_grade(catalog: Catalog, seen: list[tuple[Comparison, Result]]) -> tuple[Direction, Grade]:
    """Same rule as a stance's direct findings: two independent studies (or a review) that agree
    are strong, one is moderate, and studies that disagree give `mixed`."""
    directions = {r for _, r in seen}
    if len(directions) > 1:
        return "mixed", "moderate"
    independent = {c.independent for c, _ in seen}
    review = any(catalog.source(c.source).kind == "review" for c, _ in seen)
    return directions.pop(), "strong" if len(independent) >= 2 or review else "moderate"


def _exercise_claim(claim: ExerciseClaim, measures: tuple[ComparedMeasure, ...]) -> ExerciseClaimUse:
    said = [m for m in measures if m.outcome.measure == claim.measure]
    if not said:
        return ExerciseClaimUse(claim, "not_tested", ())
    agree = all(m.outcome.result == claim.direction for m in said)
    return ExerciseClaimUse(claim, "supports" if agree else "contradicts", tuple(m.comparison.id for m in said))


def compare(catalog: Catalog, exercise: Exercise) -> CompareReport:
    """Per muscle or group, what studies saw in the leg press against this exercise, in the
    catalog's order; group results stay on the group, never spread over its heads."""
    comparisons = catalog.comparisons_with(exercise.id)
    results: dict[tuple[str, Method], list[tuple[Comparison, Result]]] = {}
    measured: set[str] = set()
    covered: set[str] = set()
    for c in comparisons:
        measured.update(c.measured)
        covered.update(catalog.recorded(c))
        for target, result in c.results.items():
            results.setdefault((target, c.method), []).append((c, result))
    order = [t for m in list_muscles(catalog) for t in (m.group, m.id)]
    rows = []
    for target in dict.fromkeys(order):
        for method in METHODS:
            if (target, method) in results:
                direction, grade = _compare_grade(catalog, results[target, method])
                rows.append(CompareRow(target, direction, grade, tuple(results[target, method]), method))
    reported = {t for t, _ in results}
    measures = tuple(ComparedMeasure(c, o) for c in comparisons for o in c.outcomes)
    claims = tuple(_exercise_claim(cl, measures) for cl in catalog.exercise_claims if cl.exercise == exercise.id)
    return CompareReport(
        exercise,
        tuple(rows),
        tuple(t for t in dict.fromkeys(order) if t in measured and t not in reported),
        tuple(m.id for m in list_muscles(catalog) if m.id not in covered),
        measures,
        claims,
    )


def compared_for(catalog: Catalog, muscle: Muscle) -> tuple[tuple[Exercise, CompareRow], ...]:
    """How the leg press compares with each exercise for this muscle (or its group), where a
    study measured it."""
    out = []
    for e in catalog.exercises:
        for row in compare(catalog, e).rows:
            if row.target in (muscle.id, muscle.group):
                out.append((e, row))
    return tuple(out)


# --- the knee ------------------------------------------------------------------------------


class KneeFinding(NamedTuple):
    """A knee load a study measured (or computed) between two positions, as it recorded it."""

    finding: Finding
    outcome: Outcome
    dimensions: tuple[Dimension, ...]  # what it varied


class KneeReport(NamedTuple):
    """What the leg press does to the knees and what changes that: knee loads by position, the
    leg press against other exercises, and the cues that protect the knee."""

    positions: tuple[KneeFinding, ...]  # in dimension order
    exercises: tuple[ComparedMeasure, ...]  # in the catalog's exercise order
    cues: tuple[Cue, ...]


def knee(catalog: Catalog) -> KneeReport:
    positions = [KneeFinding(f, o, f.contrast) for f in catalog.findings for o in f.outcomes if "knee" in o.joints]
    positions.sort(key=lambda k: min(DIMENSIONS.index(d) for d in k.dimensions))
    exercises = tuple(
        ComparedMeasure(c, o)
        for e in catalog.exercises
        for c in catalog.comparisons_with(e.id)
        for o in c.outcomes
        if "knee" in o.joints
    )
    cues = tuple(c for c in list_cues(catalog) if "knee" in c.joints)
    return KneeReport(tuple(positions), exercises, cues)


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
