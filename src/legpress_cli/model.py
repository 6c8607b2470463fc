"""Pydantic models of the records in the data (muscles, cues, stance choices, sources, map
views): frozen and strict about unknown fields. The Catalog holds them once they are checked;
datafiles.py has the per-file models and the checks between files.

No `from __future__ import annotations` here: pydantic would have to compile and evaluate
every annotation string, which costs ~10 ms of start-up.
"""

from typing import Annotated, Literal, NamedTuple, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from legpress_cli.vocab import CHOICES, NEUTRAL, Dimension, Grade, Phase, Role

Joint = Literal["hip", "knee", "ankle"]
SourceKind = Literal["article", "study", "review", "practice"]
EMPHASIS_MIN, EMPHASIS_MAX = 1, 5
CHANGE_MIN, CHANGE_MAX = -2, 2

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=800)]
Sources = Annotated[tuple[Id, ...], Field(min_length=1)]


class Frozen(BaseModel):
    # defer_build: a catalog read back from the cache never validates, so it never pays for
    # building validators; the first model_validate builds them when they are needed.
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True, defer_build=True)


class Source(Frozen):
    id: Id
    label: Name
    kind: SourceKind
    citation: Text
    summary: Text


class Group(Frozen):
    id: Id
    name: Name
    aliases: tuple[Name, ...] = ()
    summary: Text


class RolePosition(Frozen):
    role: Role
    baseline: bool = False
    evidence: Grade
    sources: Sources
    note: Text | None = None


class Muscle(Frozen):
    id: Id
    name: Name
    group: Id
    aliases: tuple[Name, ...] = ()
    location: Text
    joints: Annotated[tuple[Joint, ...], Field(min_length=1)]
    actions: Annotated[tuple[Text, ...], Field(min_length=1)]
    in_lift: Text
    emphasis: Annotated[int, Field(ge=EMPHASIS_MIN, le=EMPHASIS_MAX)]
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


class Effect(Frozen):
    targets: Annotated[tuple[Id, ...], Field(min_length=1)]
    change: Annotated[int, Field(ge=CHANGE_MIN, le=CHANGE_MAX)]
    evidence: Grade
    sources: Sources
    reason: Text


class Choice(Frozen):
    dimension: Dimension
    value: Id
    label: Name
    mechanism: Text
    caution: Text | None = None
    effects: Annotated[tuple[Effect, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _value_fits_dimension(self) -> Self:
        allowed = [v for v in CHOICES[self.dimension] if v != NEUTRAL[self.dimension]]
        if self.value not in allowed:
            raise ValueError(f"value {self.value!r} is not one of {', '.join(allowed)} for {self.dimension}")
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


class Catalog(NamedTuple):
    groups: tuple[Group, ...]
    muscles: tuple[Muscle, ...]
    not_trained: tuple[NotTrained, ...]
    cues: tuple[Cue, ...]
    choices: tuple[Choice, ...]
    sources: tuple[Source, ...]
    views: tuple[View, ...]

    def muscle(self, muscle_id: str) -> Muscle:
        return next(m for m in self.muscles if m.id == muscle_id)

    def group(self, group_id: str) -> Group:
        return next(g for g in self.groups if g.id == group_id)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def members(self, group_id: str) -> tuple[Muscle, ...]:
        return tuple(m for m in self.muscles if m.group == group_id)

    def display_name(self, target: str) -> str:
        """The name of a muscle or group id, as used in an effect's targets."""
        found = next((g.name for g in self.groups if g.id == target), None)
        return found or self.muscle(target).name

    def expand(self, target: str) -> tuple[str, ...]:
        """A muscle id stands for itself; a group id for every muscle in it."""
        if any(g.id == target for g in self.groups):
            return tuple(m.id for m in self.members(target))
        return (target,)
