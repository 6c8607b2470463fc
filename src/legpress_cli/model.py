"""Pydantic models of the records in the data (muscles, cues, stance choices, sources, map
views): frozen and strict about unknown fields. The Catalog holds them once they are checked;
datafiles.py has the per-file models and the checks between files.

No `from __future__ import annotations` here: pydantic would have to compile and evaluate
every annotation string, which costs ~10 ms of start-up.
"""

import re
from dataclasses import dataclass, field
from typing import Annotated, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    model_validator,
)

from legpress_cli.vocab import CHOICES, NEUTRAL, SPECS, Dimension, Grade, Phase, Result, Role

Joint = Literal["hip", "knee", "ankle"]
SourceKind = Literal["article", "study", "review", "practice"]
EMPHASIS_MIN, EMPHASIS_MAX = 1, 5

# Text from a data pack reaches terminals: C0 controls (but tab and newline), DEL, C1 controls
# and bidirectional overrides could move the cursor, retitle the window or reorder a grade.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _safe(text: str) -> str:
    found = UNSAFE.search(text)
    if found:
        raise ValueError(
            f"contains the control character U+{ord(found.group()):04X}, which is not allowed in data text"
        )
    return text


Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80), AfterValidator(_safe)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=800), AfterValidator(_safe)]
Sources = Annotated[tuple[Id, ...], Field(min_length=1)]
Short = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{1,3}$")]


class Frozen(BaseModel):
    # defer_build: a catalog read back from the cache never validates, so it never pays for
    # building validators; the first model_validate builds them when they are needed.
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True, defer_build=True)


class Source(Frozen):
    id: Id
    label: Name
    kind: SourceKind
    citation: Text
    doi: Annotated[str, StringConstraints(pattern=r"^10\.[0-9]{4,9}/[-._;()/:A-Za-z0-9]+$")] | None = None
    summary: Text


class Group(Frozen):
    id: Id
    name: Name
    aliases: tuple[Name, ...] = ()
    summary: Text
    target_note: Text | None = None
    target_note_sources: tuple[Id, ...] = ()


class RolePosition(Frozen):
    role: Role
    baseline: StrictBool = False
    evidence: Grade
    sources: Sources
    note: Text | None = None


class Muscle(Frozen):
    id: Id
    name: Name
    short: Short
    group: Id
    aliases: tuple[Name, ...] = ()
    location: Text
    joints: Annotated[tuple[Joint, ...], Field(min_length=1)]
    actions: Annotated[tuple[Text, ...], Field(min_length=1)]
    in_lift: Text
    emphasis: Annotated[StrictInt, Field(ge=EMPHASIS_MIN, le=EMPHASIS_MAX)]
    roles: Annotated[tuple[RolePosition, ...], Field(min_length=1)]
    sources: Sources

    @model_validator(mode="after")
    def _one_baseline_role(self) -> Self:
        baselines = [p.role for p in self.roles if p.baseline]
        if len(baselines) != 1:
            found = ", ".join(baselines) or "none"
            raise ValueError(f"needs exactly one role with baseline = true (found: {found})")
        seen = [p.role for p in self.roles]
        if len(seen) != len(set(seen)):
            raise ValueError("lists the same role twice")
        return self

    @property
    def baseline(self) -> RolePosition:
        return next(p for p in self.roles if p.baseline)

    @property
    def role(self) -> Role:
        return self.baseline.role

    @property
    def disputes(self) -> tuple[RolePosition, ...]:
        return tuple(p for p in self.roles if not p.baseline)


class NotTrained(Frozen):
    name: Name
    where: Text


class Cue(Frozen):
    id: Id
    phase: Phase
    cue: Text
    fault: Text
    why: Text
    evidence: Grade
    sources: Sources


class Choice(Frozen):
    """One value of a stance dimension, neutral ones included: its label and mechanism."""

    dimension: Dimension
    value: Id
    label: Name
    mechanism: Text
    caution: Text | None = None

    @model_validator(mode="after")
    def _value_fits_dimension(self) -> Self:
        allowed = CHOICES[self.dimension]
        if self.value not in allowed:
            raise ValueError(f"value {self.value!r} is not one of {', '.join(allowed)} for {self.dimension}")
        return self


def _check_partial(stance: dict[Dimension, str]) -> dict[Dimension, str]:
    for dimension, value in stance.items():
        if SPECS[dimension].context:
            raise ValueError(f"{dimension} is a condition, not a position: give the study's load_percent instead")
        if value not in CHOICES[dimension]:
            raise ValueError(f"{value!r} is not one of {', '.join(CHOICES[dimension])} for {dimension}")
    return stance


PartialStance = Annotated[dict[Dimension, str], AfterValidator(_check_partial)]


class Finding(Frozen):
    """What one study observed when it compared condition A with condition B."""

    id: Id
    source: Id
    a: PartialStance
    b: PartialStance
    load_percent: Annotated[StrictInt, Field(ge=1, le=200)] | None = None
    machine: Text
    population: Text
    n: Annotated[StrictInt, Field(ge=1, le=1_000_000)] | None = None
    measured: Annotated[tuple[Id, ...], Field(min_length=1)]
    results: dict[Id, Result]
    note: Text | None = None
    proxy: Text | None = None

    @model_validator(mode="after")
    def _a_comparison(self) -> Self:
        if set(self.a) != set(self.b):
            raise ValueError("a and b must name the same dimensions (say what was held the same in both)")
        if all(self.a[d] == self.b[d] for d in self.a):
            raise ValueError("a and b are the same condition; a finding compares two")
        for target in self.results:
            if target not in self.measured:
                raise ValueError(f"results name {target!r}, which is not in measured")
        return self

    @property
    def contrast(self) -> tuple[Dimension, ...]:
        """The dimensions the study varied."""
        return tuple(d for d in self.a if self.a[d] != self.b[d])

    @property
    def held(self) -> dict[Dimension, str]:
        """Positions the two conditions shared: the finding says nothing outside them."""
        return {d: v for d, v in self.a.items() if self.b[d] == v}


class Claim(Frozen):
    """What a source says a position does, separate from what was measured."""

    id: Id
    source: Id
    when: Annotated[PartialStance, Field(min_length=1)]
    targets: Annotated[tuple[Id, ...], Field(min_length=1)]
    direction: Literal["more", "less"]
    text: Text

    @model_validator(mode="after")
    def _a_position(self) -> Self:
        if all(v == NEUTRAL[d] for d, v in self.when.items()):
            raise ValueError("when names only neutral positions; a claim is about a change")
        return self


class View(Frozen):
    """A picture as rows of characters: a lowercase key fills a muscle's region, its uppercase
    twin marks where the label goes, '.' is the outline of the body and ' ' is background."""

    # Spaces are background, so rows must keep them.
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False, defer_build=True)

    id: Id
    title: Name
    rows: Annotated[tuple[str, ...], Field(min_length=1, max_length=60)]
    regions: dict[str, Id]

    @model_validator(mode="after")
    def _grid_is_consistent(self) -> Self:
        widths = {len(r) for r in self.rows}
        if len(widths) != 1:
            raise ValueError(f"rows must all have the same width (found {sorted(widths)})")
        for key in self.regions:
            if len(key) != 1 or not key.islower():
                raise ValueError(f"region key {key!r} must be one lowercase letter")
        allowed = set(self.regions) | {k.upper() for k in self.regions} | {" ", "."}
        for n, row in enumerate(self.rows):
            for ch in row:
                if ch not in allowed:
                    raise ValueError(f"rows[{n}] uses {ch!r}, which is not a region key")
        return self


@dataclass(frozen=True)
class Catalog:
    """Every checked record, with the lookups the advisor needs built once, so that each
    command's work stays linear in the size of the data."""

    groups: tuple[Group, ...]
    muscles: tuple[Muscle, ...]
    not_trained: tuple[NotTrained, ...]
    cues: tuple[Cue, ...]
    choices: tuple[Choice, ...]
    sources: tuple[Source, ...]
    views: tuple[View, ...]
    findings: tuple[Finding, ...]
    claims: tuple[Claim, ...]
    _muscles: dict[str, Muscle] = field(init=False, repr=False, compare=False)
    _groups: dict[str, Group] = field(init=False, repr=False, compare=False)
    _sources: dict[str, Source] = field(init=False, repr=False, compare=False)
    _members: dict[str, tuple[Muscle, ...]] = field(init=False, repr=False, compare=False)
    _choices: dict[tuple[str, str], Choice] = field(init=False, repr=False, compare=False)
    _findings_on: dict[str, tuple[Finding, ...]] = field(init=False, repr=False, compare=False)
    _claims_on: dict[str, tuple[Claim, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "_muscles", {m.id: m for m in self.muscles})
        put(self, "_groups", {g.id: g for g in self.groups})
        put(self, "_sources", {s.id: s for s in self.sources})
        members: dict[str, list[Muscle]] = {g.id: [] for g in self.groups}
        for m in self.muscles:
            members.setdefault(m.group, []).append(m)
        put(self, "_members", {k: tuple(v) for k, v in members.items()})
        put(self, "_choices", {(c.dimension, c.value): c for c in self.choices})
        findings_on: dict[str, list[Finding]] = {m.id: [] for m in self.muscles}
        for f in self.findings:
            for mid in dict.fromkeys(i for t in f.measured for i in self.expand(t)):
                findings_on.setdefault(mid, []).append(f)
        put(self, "_findings_on", {k: tuple(v) for k, v in findings_on.items()})
        claims_on: dict[str, list[Claim]] = {m.id: [] for m in self.muscles}
        for c in self.claims:
            for mid in dict.fromkeys(i for t in c.targets for i in self.expand(t)):
                claims_on.setdefault(mid, []).append(c)
        put(self, "_claims_on", {k: tuple(v) for k, v in claims_on.items()})

    def muscle(self, muscle_id: str) -> Muscle:
        return self._muscles[muscle_id]

    def group(self, group_id: str) -> Group:
        return self._groups[group_id]

    def is_group(self, some_id: str) -> bool:
        return some_id in self._groups

    def source(self, source_id: str) -> Source:
        return self._sources[source_id]

    def members(self, group_id: str) -> tuple[Muscle, ...]:
        return self._members.get(group_id, ())

    def choice(self, dimension: str, value: str) -> Choice | None:
        return self._choices.get((dimension, value))

    def label(self, dimension: str, value: str) -> str:
        found = self.choice(dimension, value)
        return found.label if found else value

    def findings_on(self, muscle_id: str) -> tuple[Finding, ...]:
        """Findings that measured this muscle, directly or as part of its group."""
        return self._findings_on.get(muscle_id, ())

    def claims_on(self, muscle_id: str) -> tuple[Claim, ...]:
        return self._claims_on.get(muscle_id, ())

    def display_name(self, target: str) -> str:
        """The name of a muscle or group id."""
        return self._groups[target].name if target in self._groups else self.muscle(target).name

    def expand(self, target: str) -> tuple[str, ...]:
        """A muscle id stands for itself; a group id for every muscle in it."""
        if target in self._groups:
            return tuple(m.id for m in self.members(target))
        return (target,)

    def result_for(self, finding: Finding, muscle: Muscle) -> Result | None:
        """What a finding reported for this muscle (or for its whole group); None if nothing."""
        return finding.results.get(muscle.id) or finding.results.get(muscle.group)
