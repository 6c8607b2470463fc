"""The data's records: the one definition of each record's fields, types and limits, and what
the advisor, the renderers and the JSON views read.

A field's limits are `Rule`s in its annotation: plain markers that cost nothing on a warm start.
On a cache miss pydantic validates the data files straight into these records (model.py tells
it what each rule means, through pydantic's documented `__get_pydantic_core_schema__` hook, and
adds the checks that span fields); on a hit, `from_plain` builds them from the checked plain
form the cache and the snapshot hold, accepting nothing but the declared fields and types. So a
warm start imports neither pydantic nor the checks, and reading an entry runs no code from it.

No `from __future__ import annotations`: pydantic and `from_plain` read the field types at run time.
"""

import types
import typing
from typing import Annotated, Any, Literal, NamedTuple

from legpress_cli.vocab import Dimension, Grade, Phase, Result, Role


class Rule:
    """A limit on a field's value, by name (`Rule("text")`, `Rule("count", ge=1)`): model.py
    says what each means to pydantic. Only data checking ever reads it."""

    __slots__ = ("limits", "name")

    def __init__(self, name: str, **limits: int) -> None:
        self.name, self.limits = name, limits

    def __repr__(self) -> str:
        return f"Rule({self.name!r}, {self.limits!r})"

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from legpress_cli.model import rule_schema

        return rule_schema(self, source, handler)


Id = Annotated[str, Rule("id")]
Name = Annotated[str, Rule("name")]  # a short label: 1-80 characters, no control characters
Text = Annotated[str, Rule("text")]  # a sentence or a paragraph: 1-800 characters
Short = Annotated[str, Rule("short")]  # a muscle's 1-3 letter abbreviation
Doi = Annotated[str, Rule("doi")]
Flag = Annotated[bool, Rule("strict")]
Count = Annotated[int, Rule("count", ge=1, le=1_000_000)]
Percent = Annotated[int, Rule("count", ge=1, le=200)]
Emphasis = Annotated[int, Rule("count", ge=1, le=5)]
Extent = Annotated[int, Rule("count", ge=10, le=2000)]
Point = Annotated[int, Rule("strict")]
SourceIds = Annotated[tuple[Id, ...], Rule("size", min_length=1)]
# A stance as a study or a claim gives it: some dimensions, each a value it allows (no neutral load).
PartialStance = Annotated[dict[Dimension, str], Rule("stance")]
PathData = Annotated[str, Rule("path")]  # SVG path data: move, line, curve and close only

Joint = Literal["hip", "knee", "ankle"]
SourceKind = Literal["article", "study", "review", "practice"]
Method = Literal["emg", "isometric", "modelled", "growth"]


class BadRecord(ValueError):
    """Plain data that does not have the shape of a record (an old or damaged cache entry)."""


class Source(NamedTuple):
    id: Id
    label: Name
    kind: SourceKind
    citation: Text
    summary: Text
    doi: Doi | None = None


class Group(NamedTuple):
    id: Id
    name: Name
    summary: Text
    aliases: tuple[Name, ...] = ()
    target_note: Text | None = None
    target_note_sources: tuple[Id, ...] = ()


class RolePosition(NamedTuple):
    role: Role
    evidence: Grade
    sources: SourceIds
    baseline: Flag = False
    note: Text | None = None


class Muscle(NamedTuple):
    id: Id
    name: Name
    short: Short
    group: Id
    location: Text
    joints: Annotated[tuple[Joint, ...], Rule("size", min_length=1)]
    actions: Annotated[tuple[Text, ...], Rule("size", min_length=1)]
    in_lift: Text
    emphasis: Emphasis
    roles: Annotated[tuple[RolePosition, ...], Rule("size", min_length=1)]  # one of them the baseline
    sources: SourceIds
    aliases: tuple[Name, ...] = ()
    # False for a head surface EMG cannot reach (the vastus intermedius): a result a study
    # reported for its whole group never speaks for it.
    surface_emg: Flag = True

    @property
    def baseline(self) -> RolePosition:
        return next(p for p in self.roles if p.baseline)

    @property
    def role(self) -> Role:
        return self.baseline.role

    @property
    def disputes(self) -> tuple[RolePosition, ...]:
        return tuple(p for p in self.roles if not p.baseline)


class NotTrained(NamedTuple):
    name: Name
    where: Text


class LeftOut(NamedTuple):
    """A study considered and left out of the data, and why."""

    name: Text
    reason: Text


class Cue(NamedTuple):
    id: Id
    phase: Phase
    cue: Text
    fault: Text
    why: Text
    evidence: Grade
    sources: SourceIds
    # Only for stances with these choices (`when = { legs = "one" }`): the handout leaves it out
    # of other stances; `legpress cues` lists every cue.
    when: dict[Dimension, str] = {}  # noqa: RUF012 - never mutated; a record is read-only by use
    joints: tuple[Joint, ...] = ()  # the joints it protects


class Choice(NamedTuple):
    """One value of a stance dimension, neutral ones included: its label and mechanism."""

    dimension: Dimension
    value: Id
    label: Name
    mechanism: Text
    caution: Text | None = None


class Outcome(NamedTuple):
    """Something other than a muscle's activity that a study measured in A against B."""

    measure: Name
    result: Result
    note: Text | None = None
    joints: tuple[Joint, ...] = ()  # the joints it speaks of: a knee load is answered by `legpress knee`


class Finding(NamedTuple):
    """What one study observed when it compared condition A with condition B."""

    id: Id
    source: Id
    a: PartialStance
    b: PartialStance
    machine: Text
    population: Text
    measured: tuple[Id, ...] = ()
    results: dict[Id, Result] = {}  # noqa: RUF012  never mutated: records are read-only
    outcomes: tuple[Outcome, ...] = ()
    load_percent: Percent | None = None
    n: Count | None = None
    note: Text | None = None
    proxy: Text | None = None
    # Who was measured: findings with the same sample (one laboratory, one protocol, perhaps the
    # same people) count as one source. Defaults to the source.
    sample: Id | None = None
    # Held still instead of pressed through a repetition: one step from the lift as it is done.
    isometric: Flag = False

    @property
    def independent(self) -> str:
        return self.sample or self.source

    @property
    def contrast(self) -> tuple[Dimension, ...]:
        """The dimensions the study varied."""
        return tuple(d for d in self.a if self.a[d] != self.b[d])

    @property
    def held(self) -> dict[Dimension, str]:
        """Positions the two conditions shared: the finding says nothing outside them."""
        return {d: v for d, v in self.a.items() if self.b[d] == v}


class Claim(NamedTuple):
    """What a source says a position does, separate from what was measured."""

    id: Id
    source: Id
    when: Annotated[PartialStance, Rule("size", min_length=1)]
    targets: Annotated[tuple[Id, ...], Rule("size", min_length=1)]
    direction: Literal["more", "less"]
    text: Text


class Exercise(NamedTuple):
    """Another exercise the leg press is compared with."""

    id: Id
    name: Name
    summary: Text
    aliases: tuple[Name, ...] = ()


class Comparison(NamedTuple):
    """What one study observed when it compared the leg press (A) with another exercise (B)."""

    id: Id
    source: Id
    exercise: Id
    machine: Text
    population: Text
    n: Count | None = None
    load: Name | None = None
    measured: tuple[Id, ...] = ()
    results: dict[Id, Result] = {}  # noqa: RUF012  never mutated: records are read-only
    outcomes: tuple[Outcome, ...] = ()
    note: Text | None = None
    sample: Id | None = None  # as Finding.sample
    # How the muscles' work was measured: modelled activity is never set against EMG.
    method: Method = "emg"

    @property
    def independent(self) -> str:
        return self.sample or self.source


class ExerciseClaim(NamedTuple):
    """What a source says of the leg press against another exercise; status derived."""

    id: Id
    source: Id
    exercise: Id
    measure: Name  # what would test it: its status is derived from the comparisons that measured it
    direction: Literal["more", "less"]
    text: Text
    note: Text | None = None


class Shape(NamedTuple):
    """One muscle on the vector map, for the leg on the viewer's left (mirrored for the other)."""

    muscle: Id
    path: PathData
    label: tuple[Point, Point]  # where its key letter sits
    deep: Flag = False  # drawn dashed


class View(NamedTuple):
    """A picture as rows of characters: a lowercase key fills a muscle's region, its uppercase
    twin marks where the label goes, '.' is the outline of the body and ' ' is background."""

    id: Id
    title: Name
    rows: Annotated[tuple[str, ...], Rule("size", min_length=1, max_length=60)]  # spaces kept
    regions: dict[str, Id]
    # The same view as vectors (`map --svg`, the handout).
    size: tuple[Extent, Extent] | None = None
    outline: PathData | None = None
    shape: Annotated[tuple[Shape, ...], Rule("size", max_length=200)] = ()


class CatalogRecords(NamedTuple):
    """Every checked record of the data: the fields a cache entry holds."""

    groups: tuple[Group, ...]
    muscles: tuple[Muscle, ...]
    not_trained: tuple[NotTrained, ...]
    cues: tuple[Cue, ...]
    choices: tuple[Choice, ...]
    sources: tuple[Source, ...]
    views: tuple[View, ...]
    findings: tuple[Finding, ...]
    claims: tuple[Claim, ...]
    exercises: tuple[Exercise, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    exercise_claims: tuple[ExerciseClaim, ...] = ()
    left_out: tuple[LeftOut, ...] = ()


class Catalog(CatalogRecords):
    """Every checked record, with the lookups the advisor needs built once, so that each
    command's work stays linear in the size of the data. Compared, ordered and printed by its
    records, as a NamedTuple; a frozen dataclass cost ~1% of every start."""

    _muscles: dict[str, Muscle]
    _groups: dict[str, Group]
    _sources: dict[str, Source]
    _members: dict[str, tuple[Muscle, ...]]
    _choices: dict[tuple[str, str], Choice]
    _findings_on: dict[str, tuple[Finding, ...]]
    _claims_on: dict[str, tuple[Claim, ...]]
    _exercises: dict[str, Exercise]
    _compared_on: dict[str, tuple[Comparison, ...]]
    _varied: dict[str, frozenset[str]]
    _ranked: dict[str, tuple["Ranked", ...]]

    def __init__(self, *records: object, **named: object) -> None:  # the tuple itself: __new__
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
            for mid in self.recorded(f):
                findings_on.setdefault(mid, []).append(f)
        put(self, "_findings_on", {k: tuple(v) for k, v in findings_on.items()})
        put(self, "_varied", {f.id: frozenset(f.contrast) for f in self.findings})
        put(self, "_ranked", {})
        claims_on: dict[str, list[Claim]] = {m.id: [] for m in self.muscles}
        for c in self.claims:
            for mid in dict.fromkeys(i for t in c.targets for i in self.expand(t)):
                claims_on.setdefault(mid, []).append(c)
        put(self, "_claims_on", {k: tuple(v) for k, v in claims_on.items()})
        put(self, "_exercises", {e.id: e for e in self.exercises})
        compared_on: dict[str, list[Comparison]] = {e.id: [] for e in self.exercises}
        for comparison in self.comparisons:
            compared_on.setdefault(comparison.exercise, []).append(comparison)
        put(self, "_compared_on", {k: tuple(v) for k, v in compared_on.items()})

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

    def ranked(self, target: str) -> tuple["Ranked", ...] | None:
        """The stances ranked for this muscle or group when the snapshot was made, if it was."""
        return self._ranked.get(target)

    def varied(self, finding: Finding) -> frozenset[str]:
        """finding.contrast as a set, worked out once: ranking asks it of every stance."""
        return self._varied[finding.id]

    def claims_on(self, muscle_id: str) -> tuple[Claim, ...]:
        return self._claims_on.get(muscle_id, ())

    def exercise(self, exercise_id: str) -> Exercise:
        return self._exercises[exercise_id]

    def comparisons_with(self, exercise_id: str) -> tuple[Comparison, ...]:
        return self._compared_on.get(exercise_id, ())

    def display_name(self, target: str) -> str:
        """The name of a muscle or group id."""
        return self._groups[target].name if target in self._groups else self.muscle(target).name

    def expand(self, target: str) -> tuple[str, ...]:
        """A muscle id stands for itself; a group id for every muscle in it."""
        if target in self._groups:
            return tuple(m.id for m in self.members(target))
        return (target,)

    def recorded(self, finding: Finding | Comparison) -> tuple[str, ...]:
        """The muscles a study recorded: those it names, and for a group it names, the heads
        surface EMG reaches (a group result never speaks for the vastus intermedius)."""
        out: dict[str, None] = {}
        for target in finding.measured:
            if target in self._groups:
                out.update((m.id, None) for m in self.members(target) if m.surface_emg)
            else:
                out[target] = None
        return tuple(out)

    def result_for(self, finding: Finding | Comparison, muscle: Muscle) -> Result | None:
        """What a finding reported for this muscle (or for its whole group, where the muscle is a
        head the study could record); None if nothing."""
        found = finding.results.get(muscle.id)
        if found is None and muscle.surface_emg:
            found = finding.results.get(muscle.group)
        return found


# --- records <-> plain data (JSON) ----------------------------------------------------------


def to_plain(value: object) -> Any:
    """A record (or the catalog) as the JSON-ready dicts and lists `from_plain` reads back."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {name: to_plain(getattr(value, name)) for name in value._fields}
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


class Ranked(NamedTuple):
    """One stance as `legpress target` ranks it: the stance's values in dimension order, its
    score (grade index, sources and muscles raised, both negated, the findings, the ids), and
    what else it changes."""

    stance: tuple[str, ...]
    grade: int
    sources: int
    raised: int
    findings: tuple[str, ...]
    raised_ids: tuple[str, ...]
    # The other muscles that change in that stance: (id, "more" or "less", grade or "").
    also: tuple[tuple[str, str, str], ...] = ()


def from_plain(data: object, ranked: object = None) -> Catalog:
    """A Catalog from its plain form, accepting nothing but the declared fields and types, with
    the rankings made with it, if any ({target: [Ranked, ...]}).

    Raises BadRecord on any mismatch; the loader then falls back to reading the data files.
    """
    try:
        catalog = typing.cast(Catalog, _converter(Catalog)(data))
        if ranked:
            object.__setattr__(catalog, "_ranked", _converter(dict[str, tuple[Ranked, ...]])(ranked))
        return catalog
    except _Mismatch as e:
        raise BadRecord(f"catalog{''.join(reversed(e.where))}: {e.args[0]}") from None


class _Mismatch(Exception):
    """A mismatch on its way up; each level adds where it was, so the happy path builds no text."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.where: list[str] = []


Convert = typing.Callable[[object], object]
# One converter per type, made once: a warm start converts thousands of values, and working out
# each value's rule from its type hints again was most of the cost (~5x) of reading the cache.
_CONVERTERS: dict[Any, Convert] = {}


def _converter(kind: Any) -> Convert:
    found = _CONVERTERS.get(kind)
    if found is None:
        found = _CONVERTERS[kind] = _make_converter(kind)
    return found


def _make_converter(kind: Any) -> Convert:
    """How to turn a plain value into `kind`: a record class, a tuple, dict, Literal, union or
    scalar type; strict, so True is not an int and 3 is not a str."""
    if isinstance(kind, type) and hasattr(kind, "_fields"):
        return _record_converter(kind)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is Annotated:  # its rules were applied when the data was checked
        return _converter(args[0])
    if origin is tuple and args[-1] is not Ellipsis:
        return _fixed_converter(args)
    if origin is tuple:
        return _tuple_converter(args[0])
    if origin is dict:
        return _dict_converter(args[0], args[1])
    if origin is Literal:
        allowed, exact = frozenset(args), frozenset(type(a) for a in args)

        def literal(value: object) -> object:
            if type(value) not in exact or value not in allowed:  # not 1 for True
                raise _Mismatch(f"{value!r} is not one of {args}")
            return value

        return literal
    if origin is types.UnionType or origin is typing.Union:
        (inner,) = (a for a in args if a is not type(None))
        convert = _converter(inner)
        return lambda value: None if value is None else convert(value)
    if kind is bool or kind is int or kind is str:

        def scalar(value: object) -> object:
            if type(value) is not kind:
                raise _Mismatch(f"expected {kind.__name__}")
            return value

        return scalar
    raise TypeError(f"no rule for {kind!r}")  # pragma: no cover - a records.py bug


def _tuple_converter(item_kind: Any) -> Convert:
    if item_kind is str:

        def strings(value: object) -> object:
            if not isinstance(value, list):
                raise _Mismatch("expected a list")
            for n, item in enumerate(value):
                if type(item) is not str:
                    e = _Mismatch("expected str")
                    e.where.append(f"[{n}]")
                    raise e
            return tuple(value)

        return strings
    convert = _converter(item_kind)

    def items(value: object) -> object:
        if not isinstance(value, list):
            raise _Mismatch("expected a list")
        n = 0
        try:
            out = []
            for n, item in enumerate(value):  # noqa: B007 - n names the bad item below
                out.append(convert(item))
            return tuple(out)
        except _Mismatch as e:
            e.where.append(f"[{n}]")
            raise

    return items


def _fixed_converter(kinds: tuple[Any, ...]) -> Convert:
    converters = tuple(_converter(k) for k in kinds)

    def fixed(value: object) -> object:
        if not isinstance(value, list) or len(value) != len(converters):
            raise _Mismatch(f"expected a list of {len(converters)}")
        return tuple(convert(item) for convert, item in zip(converters, value, strict=True))

    return fixed


def _dict_converter(key_kind: Any, value_kind: Any) -> Convert:
    key, convert = _converter(key_kind), _converter(value_kind)

    def table(value: object) -> object:
        if not isinstance(value, dict):
            raise _Mismatch("expected a table")
        out = {}
        for k, v in value.items():
            try:
                out[key(k)] = convert(v)
            except _Mismatch as e:
                e.where.append(f".{k}")
                raise
        return out

    return table


def _record_converter(kind: type) -> Convert:
    wanted = _fields(kind)
    names = frozenset(wanted)
    required = frozenset(name for name, (_, needed) in wanted.items() if needed)
    converters = tuple((name, _converter(field_type)) for name, (field_type, _) in wanted.items())

    def record(value: object) -> object:
        if not isinstance(value, dict):
            raise _Mismatch("expected a table")
        if not names.issuperset(value):
            raise _Mismatch(f"unknown fields {sorted(set(value) - names)}")
        if not required.issubset(value):
            raise _Mismatch(f"missing {sorted(required - set(value))[0]}")
        given: dict[str, object] = {}
        for name, convert in converters:
            if name in value:
                try:
                    given[name] = convert(value[name])
                except _Mismatch as e:
                    e.where.append(f".{name}")
                    raise
        return kind(**given)

    return record


def _fields(kind: type) -> dict[str, tuple[Any, bool]]:
    """name -> (type, required) of a record's fields. The annotations are the types themselves
    (this module does not postpone them), so typing.get_type_hints, which re-evaluates and
    merges them, is not needed; the fields' class is the one that declares them (Catalog's
    own annotations are its lookups)."""
    declaring = next(k for k in kind.__mro__ if "_fields" in vars(k))
    hints = vars(declaring)["__annotations__"]
    defaults = kind._field_defaults  # type: ignore[attr-defined]
    return {name: (hints[name], name not in defaults) for name in kind._fields}  # type: ignore[attr-defined]
