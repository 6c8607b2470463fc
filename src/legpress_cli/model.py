"""Pydantic models of the records in the data (muscles, cues, stance choices, sources, map
views): frozen and strict about unknown fields. They are the one definition of the data's shape
and are used only to check data; what they accept becomes plain records (records.py), which
is what the rest of legpress reads. datafiles.py has the per-file models and the checks
between files.

No `from __future__ import annotations` here: pydantic would have to compile and evaluate
every annotation string, which costs ~10 ms of start-up.
"""

import re
from collections.abc import Mapping
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

from legpress_cli.paths import path_tokens
from legpress_cli.records import Joint, Method, SourceKind
from legpress_cli.vocab import CHOICES, NEUTRAL, SPECS, Dimension, Grade, Phase, Result, Role

EMPHASIS_MIN, EMPHASIS_MAX = 1, 5

# Text from a data pack reaches terminals: C0 controls (but tab and newline), DEL, C1 controls
# and bidirectional overrides could move the cursor, retitle the window or reorder a grade; line
# and paragraph separators break lines where none shows; zero-width characters and tag
# characters hide text or make two names look alike.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\U000e0000-\U000e007f]"
)


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
    # defer_build: validators are built by the first model_validate, only when data is checked.
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
    surface_emg: StrictBool = True

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


class LeftOut(Frozen):
    """A study considered and left out of the data, and why."""

    name: Text
    reason: Text


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
    # Only for stances with these choices (`when = { legs = "one" }`); the handout leaves it out
    # of other stances. `legpress cues` lists every cue.
    when: dict[Dimension, str] = {}
    joints: tuple[Joint, ...] = ()  # the joints it protects (`legpress knee` lists the knee's)

    @model_validator(mode="after")
    def _when_is_a_choice(self) -> Self:
        for dimension, value in self.when.items():
            if value not in CHOICES[dimension]:
                raise ValueError(f"when.{dimension}: {value!r} is not one of {', '.join(CHOICES[dimension])}")
        return self


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
        if SPECS[dimension].context and value == NEUTRAL[dimension]:
            raise ValueError(f"{dimension} = {value!r} is not a load to compare: give the study's load_percent instead")
        if value not in CHOICES[dimension]:
            raise ValueError(f"{value!r} is not one of {', '.join(CHOICES[dimension])} for {dimension}")
    return stance


PartialStance = Annotated[dict[Dimension, str], AfterValidator(_check_partial)]


class Outcome(Frozen):
    """Something other than a muscle's activity that a study measured in A against B: a force,
    a joint moment, a depth, a ligament load, a strength gain."""

    measure: Name
    result: Result
    note: Text | None = None
    joints: tuple[Joint, ...] = ()


def _results_measured(measured: tuple[str, ...], results: Mapping[str, str], outcomes: tuple[Outcome, ...]) -> None:
    if not measured and not outcomes:
        raise ValueError("a finding must measure a muscle or record an outcome")
    for target in results:
        if target not in measured:
            raise ValueError(f"results name {target!r}, which is not in measured")


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
    measured: tuple[Id, ...] = ()
    results: dict[Id, Result] = {}
    outcomes: tuple[Outcome, ...] = ()
    note: Text | None = None
    proxy: Text | None = None
    sample: Id | None = None
    isometric: StrictBool = False

    @model_validator(mode="after")
    def _a_comparison(self) -> Self:
        if set(self.a) != set(self.b):
            raise ValueError("a and b must name the same dimensions (say what was held the same in both)")
        if all(self.a[d] == self.b[d] for d in self.a):
            raise ValueError("a and b are the same condition; a finding compares two")
        _results_measured(self.measured, self.results, self.outcomes)
        if self.load_percent is not None and any(SPECS[d].context for d in self.a):
            raise ValueError("a finding that compares loads has no single load_percent")
        return self


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


class Exercise(Frozen):
    """Another exercise the leg press is compared with."""

    id: Id
    name: Name
    aliases: tuple[Name, ...] = ()
    summary: Text


class Comparison(Frozen):
    """What one study observed when it compared the leg press (A) with another exercise (B)."""

    id: Id
    source: Id
    exercise: Id
    machine: Text
    population: Text
    n: Annotated[StrictInt, Field(ge=1, le=1_000_000)] | None = None
    load: Name | None = None
    measured: tuple[Id, ...] = ()
    results: dict[Id, Result] = {}
    outcomes: tuple[Outcome, ...] = ()
    note: Text | None = None
    sample: Id | None = None
    method: Method = "emg"

    @model_validator(mode="after")
    def _something_measured(self) -> Self:
        _results_measured(self.measured, self.results, self.outcomes)
        return self


class ExerciseClaim(Frozen):
    """What a source says of the leg press against another exercise. `measure` names what would
    test it; its status is derived from the comparisons that measured that, never typed."""

    id: Id
    source: Id
    exercise: Id
    measure: Name
    direction: Literal["more", "less"]
    text: Text
    note: Text | None = None


def _path(path: str) -> str:
    path_tokens(path)
    return path


PathData = Annotated[str, StringConstraints(min_length=1, max_length=4000), AfterValidator(_path)]


Extent = Annotated[int, Field(strict=True, ge=10, le=2000)]


class Shape(Frozen):
    """One muscle on the vector map, drawn for the leg on the viewer's left; legpress mirrors it
    for the other leg. `label` is where its key letter sits; a deep muscle is drawn dashed."""

    muscle: Id
    path: PathData
    label: tuple[StrictInt, StrictInt]
    deep: StrictBool = False


class View(Frozen):
    """A picture as rows of characters: a lowercase key fills a muscle's region, its uppercase
    twin marks where the label goes, '.' is the outline of the body and ' ' is background.

    `size`, `outline` and `shape` draw the same view as vectors (`map --svg`, the handout)."""

    # Spaces are background, so rows must keep them.
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False, defer_build=True)

    id: Id
    title: Name
    rows: Annotated[tuple[str, ...], Field(min_length=1, max_length=60)]
    regions: dict[str, Id]
    size: (
        tuple[Annotated[int, Field(strict=True, ge=10, le=2000)], Annotated[int, Field(strict=True, ge=10, le=2000)]]
        | None
    ) = None
    outline: PathData | None = None
    shape: Annotated[tuple[Shape, ...], Field(max_length=200)] = ()

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
        if self.shape or self.outline:
            self._check_drawing()
        return self

    def _check_drawing(self) -> None:
        if self.size is None or self.outline is None:
            raise ValueError("a view with shapes needs both size and outline")
        width, height = self.size
        seen: set[str] = set()
        for n, sh in enumerate(self.shape):
            where = f"shape[{n}]"
            if sh.muscle in seen:
                raise ValueError(f"{where}: {sh.muscle!r} is drawn twice in this view; join its parts in one path")
            seen.add(sh.muscle)
            _inside(sh.path, width, height, where)
            if not (0 <= sh.label[0] <= width and 0 <= sh.label[1] <= height):
                raise ValueError(f"{where}.label: {list(sh.label)} is outside the view's size {width}x{height}")
        _inside(self.outline, width, height, "outline")


def _inside(path: str, width: int, height: int, where: str) -> None:
    numbers = [t for t in path_tokens(path) if isinstance(t, float)]
    xs, ys = numbers[0::2], numbers[1::2]
    if any(not 0 <= x <= width for x in xs) or any(not 0 <= y <= height for y in ys):
        raise ValueError(f"{where}: a point lies outside the view's size {width}x{height}")
