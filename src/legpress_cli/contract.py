"""The JSON contract: TypedDicts describing every `--json` envelope.

Only `legpress schema` and the type checker import this module at run time; the builders in
jsonview.py produce plain dicts of these shapes, so the output path never pays for creating
the classes. `legpress schema` hands the same classes to pydantic to generate the JSON Schema.
"""

from typing import Literal

from typing_extensions import TypedDict

from legpress_cli.vocab import Depth, Grade, Height, Role, Toes, Width

GradeStr = Grade
RoleStr = Role


class StanceDict(TypedDict):
    height: Height
    width: Width
    depth: Depth
    toes: Toes


class DisputeDict(TypedDict):
    role: RoleStr
    evidence: GradeStr
    sources: list[str]
    note: str | None


class MuscleDict(TypedDict):
    id: str
    name: str
    group: str
    role: RoleStr
    emphasis: int
    evidence: GradeStr
    in_lift: str
    sources: list[str]
    disputes: list[DisputeDict]


class EffectDict(TypedDict):
    targets: list[str]
    change: int
    evidence: GradeStr
    reason: str
    sources: list[str]


class StanceEffectDict(TypedDict):
    dimension: str
    value: str
    label: str
    change: int
    evidence: GradeStr
    reason: str
    sources: list[str]


class MuscleDetailDict(MuscleDict):
    aliases: list[str]
    location: str
    joints: list[str]
    actions: list[str]
    stance_effects: list[StanceEffectDict]


class StanceMuscleDict(MuscleDict):
    baseline_emphasis: int
    change: int


class ChoiceDict(TypedDict):
    dimension: str
    value: str
    label: str
    mechanism: str
    caution: str | None
    effects: list[EffectDict]


class CueDict(TypedDict):
    id: str
    phase: str
    cue: str
    fault: str
    why: str
    evidence: GradeStr
    sources: list[str]


class SourceDict(TypedDict):
    number: int
    id: str
    label: str
    kind: str
    citation: str
    summary: str
    supports: list[str]


class ShiftDict(TypedDict):
    id: str
    change: int
    evidence: GradeStr


class RecommendationDict(TypedDict):
    rank: int
    stance: StanceDict
    label: str
    change: int
    score: float
    evidence: GradeStr
    also_changes: list[ShiftDict]
    cautions: list[str]


class TargetDict(TypedDict):
    id: str
    name: str
    kind: Literal["muscle", "group"]
    muscles: list[str]


class RegionDict(TypedDict):
    key: str
    muscle: str
    emphasis: int
    change: int


class ViewDict(TypedDict):
    id: str
    title: str
    regions: list[RegionDict]


class Envelope(TypedDict):
    schema_version: Literal[1]
    legpress_version: str
    command: str


class MusclesEnvelope(Envelope):
    role: RoleStr | None
    group: str | None
    muscles: list[MuscleDict]


class MuscleEnvelope(Envelope):
    muscle: MuscleDetailDict
    guessed_from: str | None


class CuesEnvelope(Envelope):
    phase: str | None
    disclaimer: str
    cues: list[CueDict]


class SourcesEnvelope(Envelope):
    sources: list[SourceDict]


class StanceEnvelope(Envelope):
    stance: StanceDict
    summary: str
    muscles: list[StanceMuscleDict]
    explanations: list[ChoiceDict]


class TargetEnvelope(Envelope):
    target: TargetDict
    guessed_from: str | None
    note: str | None
    recommendations: list[RecommendationDict]


class MapEnvelope(Envelope):
    stance: StanceDict
    views: list[ViewDict]


ENVELOPES: dict[str, type] = {
    "muscles": MusclesEnvelope,
    "muscle": MuscleEnvelope,
    "cues": CuesEnvelope,
    "sources": SourcesEnvelope,
    "stance": StanceEnvelope,
    "target": TargetEnvelope,
    "map": MapEnvelope,
}
