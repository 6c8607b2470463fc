"""What each command answers: the advice plus everything needed to draw it, and nothing drawn.

A command in cli.py builds one of these; `answer.render_result` writes it as JSON (jsonview),
as a picture for people (render), or as SVG. RESULTS names each one's command, and
tests/test_registry.py checks that every command in commands.py with an answer of its own has
exactly one result, one JSON builder and one view. NamedTuples, not dataclasses: building a
dataclass costs about 1 ms of start-up each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, Union

if TYPE_CHECKING:
    from legpress_cli.advisor import SourceUse, StanceReport, Verdict
    from legpress_cli.exercises import CompareReport, CompareRow
    from legpress_cli.knee import KneeReport
    from legpress_cli.matrix import EvidenceReport
    from legpress_cli.records import Catalog, Choice, Cue, Exercise, Muscle
    from legpress_cli.targets import TargetReport
    from legpress_cli.vocab import Phase, Role

# Any command's result; `answer.render_result` takes one.
Result = Union[
    "MusclesResult",
    "MuscleResult",
    "CuesResult",
    "SourcesResult",
    "StanceResult",
    "TargetResult",
    "MapResult",
    "EvidenceResult",
    "CompareResult",
    "KneeResult",
]


class MusclesResult(NamedTuple):
    catalog: Catalog
    muscles: tuple[Muscle, ...]
    role: Role | None
    group: str | None


class MuscleResult(NamedTuple):
    catalog: Catalog
    muscle: Muscle
    effects: tuple[tuple[Choice, Verdict], ...]
    guessed_from: str | None
    compared: tuple[tuple[Exercise, CompareRow], ...] = ()


class CuesResult(NamedTuple):
    catalog: Catalog
    cues: tuple[Cue, ...]
    phase: Phase | None


class SourcesResult(NamedTuple):
    catalog: Catalog
    uses: tuple[SourceUse, ...]


class StanceResult(NamedTuple):
    catalog: Catalog
    report: StanceReport
    explain: bool = False  # the full account: every applicable finding per option, claims, loads


class TargetResult(NamedTuple):
    catalog: Catalog
    report: TargetReport
    guessed_from: str | None


class MapResult(NamedTuple):
    catalog: Catalog
    report: StanceReport


class EvidenceResult(NamedTuple):
    catalog: Catalog
    report: EvidenceReport
    muscle_id: str | None


class CompareResult(NamedTuple):
    catalog: Catalog
    report: CompareReport
    guessed_from: str | None


class KneeResult(NamedTuple):
    catalog: Catalog
    report: KneeReport


class ReportResult(NamedTuple):
    """The handout: one stance with the cues that apply to it. Written as HTML or Markdown, not
    JSON (the stance command's JSON has the same advice)."""

    catalog: Catalog
    report: StanceReport
    cues: tuple[Cue, ...]
    date: str  # ISO date the handout was made (SOURCE_DATE_EPOCH pins it)
    personal: Personal | None = None  # what a coach adds for one client


class Personal(NamedTuple):
    """A coach's own words on a handout: untrusted text, checked in the CLI and escaped when drawn."""

    title: str | None = None
    client: str | None = None
    note: str | None = None
    log: bool = False  # a blank log of sets, reps and load for the client to fill in


# Each command's result type, in the registry's order (checked by tests/test_registry.py).
RESULTS: dict[str, type[Result]] = {
    "muscles": MusclesResult,
    "muscle": MuscleResult,
    "cues": CuesResult,
    "sources": SourcesResult,
    "stance": StanceResult,
    "target": TargetResult,
    "map": MapResult,
    "evidence": EvidenceResult,
    "compare": CompareResult,
    "knee": KneeResult,
}
COMMAND_OF: dict[type[Result], str] = {kind: name for name, kind in RESULTS.items()}
