"""The JSON contract: TypedDicts describing every `--json` envelope.

Only `legpress schema` and the type checker import this module at run time; the builders in
jsonview.py produce plain dicts of these shapes, so the output path never pays for creating
the classes. `legpress schema` hands the same classes to pydantic to generate the JSON Schema.
"""

from typing import TYPE_CHECKING, Literal

# pydantic needs typing_extensions' TypedDict to generate schemas on Python < 3.12.
from typing_extensions import TypedDict

from legpress_cli.records import Method
from legpress_cli.vocab import DIMENSION_SPECS, Direction, Grade, Observed, Result, Role, Status

GradeStr = Grade
RoleStr = Role
SchemaVersion = Literal[3]

if TYPE_CHECKING:
    StanceDict = dict[str, str]
else:
    # One key per dimension, each limited to its values: derived, so a new dimension needs no edit here.
    StanceDict = TypedDict("StanceDict", {s.name: Literal[s.values] for s in DIMENSION_SPECS})


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


class ClaimUseDict(TypedDict):
    id: str
    source: str
    text: str
    when: dict[str, str]
    direction: Literal["more", "less"]
    status: Status
    decided_by: list[str]


class MeasuredDict(TypedDict):
    finding: str
    source: str
    comparison: str
    result: Observed  # not_reported: recorded in this comparison, nothing reported
    indirect: list[str]


class PartDict(TypedDict):
    """What the findings say of one chosen option (or the options one finding compared)."""

    options: dict[str, str]
    direction: Direction
    evidence: GradeStr | None
    findings: list[str]  # every applicable finding, reported or silent
    claims: list[str]  # claim ids about this option, shown and never counted


class ClaimedDict(TypedDict):
    """A claim no measurement bore out: shown beside a bar it never moves."""

    claim: str
    source: str
    direction: Literal["more", "less"]
    status: Status


class VerdictDict(TypedDict):
    direction: Direction  # from findings alone; not_reported: recorded, no change reported
    change: int
    evidence: GradeStr | None
    findings: list[str]
    measured: list[MeasuredDict]
    parts: list[PartDict]
    claims: list[ClaimUseDict]
    claimed: list[ClaimedDict]
    load_notes: list[str]


class StanceEffectDict(VerdictDict):
    dimension: str
    value: str
    label: str


class ComparedStudyDict(TypedDict):
    comparison: str
    source: str
    result: Result  # the leg press against the other exercise
    note: str | None


class CompareRowDict(TypedDict):
    id: str  # a muscle or group id, as the studies reported it
    name: str
    kind: Literal["muscle", "group"]
    method: Method
    direction: Direction  # the leg press against the other exercise; mixed: studies disagree
    evidence: GradeStr
    studies: list[ComparedStudyDict]


class ExerciseComparedDict(CompareRowDict):
    exercise: str


class MuscleDetailDict(MuscleDict):
    short: str
    aliases: list[str]
    location: str
    joints: list[str]
    actions: list[str]
    stance_effects: list[StanceEffectDict]
    compared_with_exercises: list[ExerciseComparedDict]


class OutcomeDict(TypedDict):
    measure: str
    direction: Observed
    note: str | None
    source: str
    study: str  # the finding or comparison id
    indirect: list[str]  # why it is indirect; empty when direct


class StanceMuscleDict(VerdictDict):
    id: str
    name: str
    group: str
    role: RoleStr
    role_evidence: GradeStr
    baseline_emphasis: int
    emphasis: int


class ChoiceDict(TypedDict):
    dimension: str
    value: str
    label: str
    mechanism: str
    caution: str | None


class ContradictionDict(TypedDict):
    claim: str
    source: str
    text: str
    muscles: list[str]
    decided_by: list[str]


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
    doi: str | None
    summary: str
    supports: list[str]


class ShiftDict(TypedDict):
    id: str
    direction: Direction
    change: int
    evidence: GradeStr | None


class RecommendationDict(TypedDict):
    rank: int
    stance: StanceDict
    label: str
    evidence: GradeStr
    findings: list[str]
    raised: list[str]
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
    direction: Direction
    change: int
    evidence: GradeStr | None


class ViewDict(TypedDict):
    id: str
    title: str
    regions: list[RegionDict]


class ComparedDict(TypedDict):
    a: dict[str, str]
    b: dict[str, str]


class FixedDict(TypedDict):
    load_percent: int | None
    machine: str
    population: str
    n: int | None


class FindingDict(TypedDict):
    id: str
    source: str
    comparison: str
    compared: ComparedDict
    fixed: FixedDict
    measured: list[str]
    heads: list[str]  # the muscles it recorded: named ones, and the surface heads of a named group
    sample: str  # findings with the same sample count as one source
    results: dict[str, Result]
    note: str | None
    proxy: str | None


class ClaimStatusDict(TypedDict):
    muscle: str
    status: Status
    decided_by: list[str]


class ClaimDict(TypedDict):
    id: str
    source: str
    when: dict[str, str]
    targets: list[str]
    direction: Literal["more", "less"]
    text: str
    status: list[ClaimStatusDict]


class Envelope(TypedDict):
    schema_version: SchemaVersion
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


class LeftOutDict(TypedDict):
    name: str
    reason: str


class SourcesEnvelope(Envelope):
    studies: int  # how many studies (and reviews) the data records
    left_out: list[LeftOutDict]  # studies considered and left out, with why
    sources: list[SourceDict]


class MachineDict(TypedDict):
    machine: str  # as the study recorded it, with any doubt the notes raise
    sources: list[str]


class StanceEnvelope(Envelope):
    stance: StanceDict
    against: StanceDict  # what it is measured against: the neutral stance unless --vs
    machines: list[MachineDict]  # the machines its findings were measured on
    summary: str
    muscles: list[StanceMuscleDict]
    other_measures: list[OutcomeDict]
    contradicted: list[ContradictionDict]
    explanations: list[ChoiceDict]


class ExerciseDict(TypedDict):
    id: str
    name: str
    summary: str


class ExerciseClaimDict(TypedDict):
    id: str
    source: str
    text: str
    measure: str
    direction: Literal["more", "less"]
    status: Status
    decided_by: list[str]
    note: str | None


class CompareEnvelope(Envelope):
    exercise: ExerciseDict
    guessed_from: str | None
    muscles: list[CompareRowDict]
    not_reported: list[str]
    not_measured: list[str]
    other_measures: list[OutcomeDict]
    claims: list[ExerciseClaimDict]


class ClaimedOptionDict(TypedDict):
    claim: str
    source: str
    stance: StanceDict
    label: str
    status: Status
    muscles: list[str]


class TargetEnvelope(Envelope):
    target: TargetDict
    guessed_from: str | None
    note: str | None
    recommendations: list[RecommendationDict]
    claimed: list[ClaimedOptionDict]  # claimed to raise it, kept out of the ranking


class MapEnvelope(Envelope):
    stance: StanceDict
    against: StanceDict  # what it is measured against: the neutral stance unless --vs
    views: list[ViewDict]


class EvidenceEnvelope(Envelope):
    muscle: str | None
    findings: list[FindingDict]
    claims: list[ClaimDict]


class KneePositionDict(TypedDict):
    dimensions: list[str]
    finding: str
    source: str
    compared: ComparedDict
    measure: str
    result: Result  # A against B, as the study recorded it
    note: str | None
    proxy: str | None  # how it was measured, where not two conditions compared head on


class KneeExerciseDict(TypedDict):
    exercise: str
    comparison: str
    source: str
    measure: str
    result: Result  # the leg press against the other exercise
    note: str | None


class KneeEnvelope(Envelope):
    positions: list[KneePositionDict]
    exercises: list[KneeExerciseDict]
    cues: list[str]  # ids of the cues that protect the knee
    advice: str


ENVELOPES: dict[str, type] = {
    "muscles": MusclesEnvelope,
    "muscle": MuscleEnvelope,
    "cues": CuesEnvelope,
    "sources": SourcesEnvelope,
    "stance": StanceEnvelope,
    "target": TargetEnvelope,
    "map": MapEnvelope,
    "evidence": EvidenceEnvelope,
    "compare": CompareEnvelope,
    "knee": KneeEnvelope,
}
