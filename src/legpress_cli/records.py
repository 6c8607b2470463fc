"""The checked data as plain, frozen records: what the advisor, the renderers and the JSON views
read, and what the cache stores.

The pydantic models in model.py are the one definition of the data's shape and do the checking;
a catalog is built from their output (`model_dump`) by `from_plain`, and the cache holds that
same plain form as JSON. So a warm start imports neither pydantic nor the models, and reading a
cache entry runs no code from it: JSON gives dicts, lists, strings, numbers and booleans, and
`from_plain` accepts only exactly the fields and types declared here. A test checks these
records against the models, field by field.

Records are NamedTuples, not dataclasses: building a frozen slotted dataclass costs ~0.9 ms of
start-up each, a NamedTuple ~0.13 ms (callgrind: 7% of `legpress muscles` for these 14).
No `from __future__ import annotations`: `from_plain` reads the field types at run time.
"""

import types
import typing
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from typing import NamedTuple
else:  # the same classes, made without typing's per-annotation checks (fasttuple.py)
    from legpress_cli.fasttuple import NamedTuple

from legpress_cli.vocab import Dimension, Grade, Phase, Result, Role

Joint = Literal["hip", "knee", "ankle"]
SourceKind = Literal["article", "study", "review", "practice"]
Method = Literal["emg", "isometric", "modelled", "growth"]


class BadRecord(ValueError):
    """Plain data that does not have the shape of a record (an old or damaged cache entry)."""


class Source(NamedTuple):
    id: str
    label: str
    kind: SourceKind
    citation: str
    summary: str
    doi: str | None = None


class Group(NamedTuple):
    id: str
    name: str
    summary: str
    aliases: tuple[str, ...] = ()
    target_note: str | None = None
    target_note_sources: tuple[str, ...] = ()


class RolePosition(NamedTuple):
    role: Role
    evidence: Grade
    sources: tuple[str, ...]
    baseline: bool = False
    note: str | None = None


class Muscle(NamedTuple):
    id: str
    name: str
    short: str
    group: str
    location: str
    joints: tuple[Joint, ...]
    actions: tuple[str, ...]
    in_lift: str
    emphasis: int
    roles: tuple[RolePosition, ...]
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    # False for a head surface EMG cannot reach (the vastus intermedius): a result a study
    # reported for its whole group never speaks for it.
    surface_emg: bool = True

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
    name: str
    where: str


class LeftOut(NamedTuple):
    """A study considered and left out of the data, and why."""

    name: str
    reason: str


class Cue(NamedTuple):
    id: str
    phase: Phase
    cue: str
    fault: str
    why: str
    evidence: Grade
    sources: tuple[str, ...]
    when: dict[str, str] = {}  # noqa: RUF012 - never mutated; a record is read-only by use
    joints: tuple[Joint, ...] = ()  # the joints it protects


class Choice(NamedTuple):
    """One value of a stance dimension, neutral ones included: its label and mechanism."""

    dimension: Dimension
    value: str
    label: str
    mechanism: str
    caution: str | None = None


class Outcome(NamedTuple):
    """Something other than a muscle's activity that a study measured in A against B."""

    measure: str
    result: Result
    note: str | None = None
    joints: tuple[Joint, ...] = ()  # the joints it speaks of: a knee load is answered by `legpress knee`


class Finding(NamedTuple):
    """What one study observed when it compared condition A with condition B."""

    id: str
    source: str
    a: dict[Dimension, str]
    b: dict[Dimension, str]
    machine: str
    population: str
    measured: tuple[str, ...] = ()
    results: dict[str, Result] = {}  # noqa: RUF012  never mutated: records are read-only
    outcomes: tuple[Outcome, ...] = ()
    load_percent: int | None = None
    n: int | None = None
    note: str | None = None
    proxy: str | None = None
    # Who was measured: findings with the same sample (one laboratory, one protocol, perhaps the
    # same people) count as one source. Defaults to the source.
    sample: str | None = None
    # Held still instead of pressed through a repetition: one step from the lift as it is done.
    isometric: bool = False

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

    id: str
    source: str
    when: dict[Dimension, str]
    targets: tuple[str, ...]
    direction: Literal["more", "less"]
    text: str


class Exercise(NamedTuple):
    """Another exercise the leg press is compared with."""

    id: str
    name: str
    summary: str
    aliases: tuple[str, ...] = ()


class Comparison(NamedTuple):
    """What one study observed when it compared the leg press (A) with another exercise (B)."""

    id: str
    source: str
    exercise: str
    machine: str
    population: str
    n: int | None = None
    load: str | None = None
    measured: tuple[str, ...] = ()
    results: dict[str, Result] = {}  # noqa: RUF012  never mutated: records are read-only
    outcomes: tuple[Outcome, ...] = ()
    note: str | None = None
    sample: str | None = None  # as Finding.sample
    # How the muscles' work was measured: modelled activity is never set against EMG.
    method: Method = "emg"

    @property
    def independent(self) -> str:
        return self.sample or self.source


class ExerciseClaim(NamedTuple):
    """What a source says of the leg press against another exercise; status derived."""

    id: str
    source: str
    exercise: str
    measure: str
    direction: Literal["more", "less"]
    text: str
    note: str | None = None


class Shape(NamedTuple):
    """One muscle on the vector map, for the leg on the viewer's left (mirrored for the other)."""

    muscle: str
    path: str
    label: tuple[int, ...]
    deep: bool = False


class View(NamedTuple):
    """A picture as rows of characters: a lowercase key fills a muscle's region, its uppercase
    twin marks where the label goes, '.' is the outline of the body and ' ' is background."""

    id: str
    title: str
    rows: tuple[str, ...]
    regions: dict[str, str]
    size: tuple[int, ...] | None = None
    outline: str | None = None
    shape: tuple[Shape, ...] = ()


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


# --- plain data (JSON) -> records ------------------------------------------------------------


def from_plain(data: object) -> Catalog:
    """A Catalog from its plain form, accepting nothing but the declared fields and types.

    Raises BadRecord on any mismatch; the loader then falls back to reading the data files.
    """
    try:
        return typing.cast(Catalog, _converter(Catalog)(data))
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
