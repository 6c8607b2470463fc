"""Pydantic models of the data files: frozen, strict about unknown fields, cross-checked on load.

No `from __future__ import annotations` here: pydantic would have to compile and evaluate
every annotation string, which costs ~10 ms of start-up.

Each data file has a model of its own so that an error can name the file it came from;
`link_catalog` then checks the references between files and builds the `Catalog`.
"""

from collections.abc import Iterable, Iterator
from typing import Annotated, Literal, NamedTuple, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from legpress_cli.names import normalize

Grade = Literal["strong", "moderate", "weak", "claim", "contradicted"]
Role = Literal["primary", "secondary", "stabilizer"]
Phase = Literal["setup", "lowering", "bottom", "pressing", "top", "breathing"]
Dimension = Literal["height", "width", "depth", "toes"]
Joint = Literal["hip", "knee", "ankle"]
SourceKind = Literal["article", "study", "review", "practice"]

# The vocabulary's order matters: composition and ranking take the weakest grade involved.
GRADES: tuple[Grade, ...] = ("strong", "moderate", "weak", "claim", "contradicted")
ROLES: tuple[Role, ...] = ("primary", "secondary", "stabilizer")
PHASES: tuple[Phase, ...] = ("setup", "lowering", "bottom", "pressing", "top", "breathing")
DIMENSIONS: tuple[Dimension, ...] = ("height", "width", "depth", "toes")
# The neutral value of each dimension comes first.
CHOICES: dict[Dimension, tuple[str, ...]] = {
    "height": ("middle", "low", "high"),
    "width": ("hip", "narrow", "wide"),
    "depth": ("normal", "partial", "deep"),
    "toes": ("straight", "out"),
}
NEUTRAL: dict[Dimension, str] = {d: values[0] for d, values in CHOICES.items()}
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


class MusclesFile(Frozen):
    group: Annotated[tuple[Group, ...], Field(min_length=1)]
    muscle: Annotated[tuple[Muscle, ...], Field(min_length=1)]
    not_trained: tuple[NotTrained, ...] = ()


class CuesFile(Frozen):
    cue: Annotated[tuple[Cue, ...], Field(min_length=1)]


class StancesFile(Frozen):
    choice: tuple[Choice, ...]


class SourcesFile(Frozen):
    source: Annotated[tuple[Source, ...], Field(min_length=1)]


class BodyMapFile(Frozen):
    view: Annotated[tuple[View, ...], Field(min_length=1)]


class ReferenceProblem(Exception):
    """A reference between data files that does not resolve; names the file and field."""

    def __init__(self, file: str, path: str, message: str) -> None:
        super().__init__(f"{file}: {path}: {message}")
        self.file, self.path, self.message = file, path, message


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


def _duplicates(ids: Iterable[str]) -> Iterator[tuple[int, str]]:
    seen: set[str] = set()
    for n, item in enumerate(ids):
        if item in seen:
            yield n, item
        seen.add(item)


def link_catalog(
    muscles: MusclesFile,
    cues: CuesFile,
    stances: StancesFile,
    sources: SourcesFile,
    bodymap: BodyMapFile,
) -> Catalog:
    """Check every reference between the files; raise ReferenceProblem on the first bad one."""
    checks: list[tuple[str, str, Iterable[str]]] = [
        ("muscles.toml", "group", (g.id for g in muscles.group)),
        ("muscles.toml", "muscle", (m.id for m in muscles.muscle)),
        ("cues.toml", "cue", (c.id for c in cues.cue)),
        ("sources.toml", "source", (s.id for s in sources.source)),
        ("bodymap.toml", "view", (v.id for v in bodymap.view)),
        ("stances.toml", "choice", (f"{c.dimension}={c.value}" for c in stances.choice)),
    ]
    for file, field, ids in checks:
        for n, dup in _duplicates(ids):
            raise ReferenceProblem(file, f"{field}[{n}]", f"duplicate id {dup!r}")

    source_ids = {s.id for s in sources.source}
    group_ids = {g.id for g in muscles.group}
    muscle_ids = {m.id for m in muscles.muscle}

    def need_sources(file: str, path: str, refs: Iterable[str]) -> None:
        for k, ref in enumerate(refs):
            if ref not in source_ids:
                raise ReferenceProblem(file, f"{path}.sources[{k}]", f"unknown source {ref!r}")

    names: dict[str, str] = {}
    for n, g in enumerate(muscles.group):
        _claim_names(names, g.id, (g.id, g.name, *g.aliases), f"group[{n}]")
    for n, m in enumerate(muscles.muscle):
        path = f"muscle[{n}]"
        if m.group not in group_ids:
            raise ReferenceProblem("muscles.toml", f"{path}.group", f"unknown group {m.group!r}")
        if m.id in group_ids:
            raise ReferenceProblem("muscles.toml", f"{path}.id", f"{m.id!r} is already a group id")
        need_sources("muscles.toml", path, m.sources)
        for k, pos in enumerate(m.roles):
            need_sources("muscles.toml", f"{path}.roles[{k}]", pos.sources)
        _claim_names(names, m.id, (m.id, m.name, *m.aliases), path)
    for n, c in enumerate(cues.cue):
        need_sources("cues.toml", f"cue[{n}]", c.sources)
    for n, ch in enumerate(stances.choice):
        for k, eff in enumerate(ch.effects):
            path = f"choice[{n}].effects[{k}]"
            need_sources("stances.toml", path, eff.sources)
            for t, target in enumerate(eff.targets):
                if target not in muscle_ids and target not in group_ids:
                    raise ReferenceProblem(
                        "stances.toml",
                        f"{path}.targets[{t}]",
                        f"unknown muscle or group {target!r}",
                    )
    for n, v in enumerate(bodymap.view):
        for key, ref in v.regions.items():
            if ref not in muscle_ids:
                raise ReferenceProblem("bodymap.toml", f"view[{n}].regions.{key}", f"unknown muscle {ref!r}")
    return Catalog(
        groups=muscles.group,
        muscles=muscles.muscle,
        not_trained=muscles.not_trained,
        cues=cues.cue,
        choices=stances.choice,
        sources=sources.source,
        views=bodymap.view,
    )


def _claim_names(names: dict[str, str], owner: str, spellings: Iterable[str], path: str) -> None:
    for spelling in spellings:
        key = normalize(spelling)
        if names.setdefault(key, owner) != owner:
            raise ReferenceProblem("muscles.toml", path, f"name {spelling!r} is already used by {names[key]!r}")
