"""The data files as a whole: one model per file, so an error names the file it came from,
and the checks of every reference between files. Imported only when data is validated; a
catalog read back from the cache never needs it.
"""

from collections.abc import Iterable, Iterator
from typing import Annotated, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from legpress_cli.model import (
    CheckedChoice,
    CheckedClaim,
    CheckedComparison,
    CheckedCue,
    CheckedFinding,
    CheckedMuscle,
    CheckedView,
)
from legpress_cli.names import normalize
from legpress_cli.records import (
    Catalog,
    Exercise,
    ExerciseClaim,
    Group,
    LeftOut,
    NotTrained,
    Source,
)


class File(BaseModel):
    # defer_build: validators are built by the first model_validate, only when data is checked.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class MusclesFile(File):
    group: Annotated[tuple[Group, ...], Field(min_length=1)]
    muscle: Annotated[tuple[CheckedMuscle, ...], Field(min_length=1)]
    not_trained: tuple[NotTrained, ...] = ()


class CuesFile(File):
    cue: Annotated[tuple[CheckedCue, ...], Field(min_length=1)]


class StancesFile(File):
    choice: tuple[CheckedChoice, ...]


class SourcesFile(File):
    source: Annotated[tuple[Source, ...], Field(min_length=1)]
    left_out: tuple[LeftOut, ...] = ()


class BodyMapFile(File):
    view: Annotated[tuple[CheckedView, ...], Field(min_length=1)]


class FindingsFile(File):
    finding: tuple[CheckedFinding, ...] = ()


class ClaimsFile(File):
    claim: tuple[CheckedClaim, ...] = ()


class ExercisesFile(File):
    exercise: tuple[Exercise, ...] = ()
    comparison: tuple[CheckedComparison, ...] = ()
    claim: tuple[ExerciseClaim, ...] = ()


class Files(NamedTuple):
    """Every data file, checked on its own; link checks them together."""

    muscles: MusclesFile
    cues: CuesFile
    stances: StancesFile
    sources: SourcesFile
    bodymap: BodyMapFile
    findings: FindingsFile
    claims: ClaimsFile
    exercises: ExercisesFile = ExercisesFile()


class ReferenceProblem(Exception):
    """A reference between data files that does not resolve; names the file and field."""

    def __init__(self, file: str, path: str, message: str) -> None:
        super().__init__(f"{file}: {path}: {message}")
        self.file, self.path, self.message = file, path, message


def _duplicates(ids: Iterable[str]) -> Iterator[tuple[int, str]]:
    seen: set[str] = set()
    for n, item in enumerate(ids):
        if item in seen:
            yield n, item
        seen.add(item)


def link(files: Files) -> Catalog:
    """Check every reference between the files; raise ReferenceProblem on the first bad one.
    Returns the catalog."""
    muscles, cues, stances, sources, bodymap, findings, claims, exercises = files
    _check_unique_ids(files)
    source_ids = {s.id for s in sources.source}
    targets = {g.id for g in muscles.group} | {m.id for m in muscles.muscle}

    _check_muscles(muscles, source_ids)
    _check_cues(cues, source_ids)
    _check_findings(findings, source_ids, targets)
    _check_claims(claims, source_ids, targets)
    _check_views(bodymap, {m.id for m in muscles.muscle})
    _check_exercises(exercises, source_ids, targets)
    return Catalog(
        groups=muscles.group,
        muscles=muscles.muscle,
        not_trained=muscles.not_trained,
        cues=cues.cue,
        choices=stances.choice,
        sources=sources.source,
        views=bodymap.view,
        findings=findings.finding,
        claims=claims.claim,
        exercises=exercises.exercise,
        comparisons=exercises.comparison,
        exercise_claims=exercises.claim,
        left_out=sources.left_out,
    )


def _check_cues(cues: CuesFile, source_ids: set[str]) -> None:
    for n, c in enumerate(cues.cue):
        _need("cues.toml", f"cue[{n}].sources", c.sources, source_ids, "source")


def _check_findings(findings: FindingsFile, source_ids: set[str], targets: set[str]) -> None:
    for n, f in enumerate(findings.finding):
        _need("findings.toml", f"finding[{n}].source", [f.source], source_ids, "source")
        _need("findings.toml", f"finding[{n}].measured", f.measured, targets, "muscle or group")


def _check_claims(claims: ClaimsFile, source_ids: set[str], targets: set[str]) -> None:
    for n, cl in enumerate(claims.claim):
        _need("claims.toml", f"claim[{n}].source", [cl.source], source_ids, "source")
        _need("claims.toml", f"claim[{n}].targets", cl.targets, targets, "muscle or group")


def _check_exercises(exercises: ExercisesFile, source_ids: set[str], targets: set[str]) -> None:
    known = {e.id for e in exercises.exercise}
    names: dict[str, str] = {}
    for n, e in enumerate(exercises.exercise):
        for spelling in (e.id, e.name, *e.aliases):
            key = normalize(spelling)
            if names.setdefault(key, e.id) != e.id:
                raise ReferenceProblem(
                    "exercises.toml", f"exercise[{n}]", f"name {spelling!r} is already used by {names[key]!r}"
                )
    for n, c in enumerate(exercises.comparison):
        _need("exercises.toml", f"comparison[{n}].source", [c.source], source_ids, "source")
        _need("exercises.toml", f"comparison[{n}].exercise", [c.exercise], known, "exercise")
        _need("exercises.toml", f"comparison[{n}].measured", c.measured, targets, "muscle or group")
    for n, cl in enumerate(exercises.claim):
        _need("exercises.toml", f"claim[{n}].source", [cl.source], source_ids, "source")
        _need("exercises.toml", f"claim[{n}].exercise", [cl.exercise], known, "exercise")


def _check_views(bodymap: BodyMapFile, muscle_ids: set[str]) -> None:
    for n, v in enumerate(bodymap.view):
        for key, ref in v.regions.items():
            if ref not in muscle_ids:
                raise ReferenceProblem("bodymap.toml", f"view[{n}].regions.{key}", f"unknown muscle {ref!r}")
        keyed = set(v.regions.values())
        for k, shape in enumerate(v.shape):
            if shape.muscle not in keyed:
                # The key letter is the shape's label on the map and in the legend.
                raise ReferenceProblem(
                    "bodymap.toml",
                    f"view[{n}].shape[{k}].muscle",
                    f"{shape.muscle!r} has no key in this view's regions",
                )


def _need(file: str, path: str, refs: Iterable[str], known: set[str], what: str) -> None:
    for k, ref in enumerate(refs):
        if ref not in known:
            raise ReferenceProblem(file, f"{path}[{k}]", f"unknown {what} {ref!r}")


def _check_unique_ids(files: Files) -> None:
    muscles, cues, stances, sources, bodymap, findings, claims, exercises = files
    checks: list[tuple[str, str, Iterable[str]]] = [
        ("muscles.toml", "group", (g.id for g in muscles.group)),
        ("muscles.toml", "muscle", (m.id for m in muscles.muscle)),
        ("cues.toml", "cue", (c.id for c in cues.cue)),
        ("sources.toml", "source", (s.id for s in sources.source)),
        ("bodymap.toml", "view", (v.id for v in bodymap.view)),
        ("stances.toml", "choice", (f"{c.dimension}={c.value}" for c in stances.choice)),
        ("findings.toml", "finding", (f.id for f in findings.finding)),
        ("claims.toml", "claim", (c.id for c in claims.claim)),
        ("exercises.toml", "exercise", (e.id for e in exercises.exercise)),
        ("exercises.toml", "comparison", (c.id for c in exercises.comparison)),
        ("exercises.toml", "claim", (c.id for c in exercises.claim)),
    ]
    for file, field, ids in checks:
        for n, dup in _duplicates(ids):
            raise ReferenceProblem(file, f"{field}[{n}]", f"duplicate id {dup!r}")


def _check_muscles(muscles: MusclesFile, source_ids: set[str]) -> None:
    group_ids = {g.id for g in muscles.group}

    def need_sources(path: str, refs: Iterable[str]) -> None:
        _need("muscles.toml", path, refs, source_ids, "source")

    names: dict[str, str] = {}
    for n, g in enumerate(muscles.group):
        need_sources(f"group[{n}].target_note_sources", g.target_note_sources)
        _claim_names(names, g.id, (g.id, g.name, *g.aliases), f"group[{n}]")
    for n, m in enumerate(muscles.muscle):
        path = f"muscle[{n}]"
        if m.group not in group_ids:
            raise ReferenceProblem("muscles.toml", f"{path}.group", f"unknown group {m.group!r}")
        if m.id in group_ids:
            raise ReferenceProblem("muscles.toml", f"{path}.id", f"{m.id!r} is already a group id")
        need_sources(f"{path}.sources", m.sources)
        for k, pos in enumerate(m.roles):
            need_sources(f"{path}.roles[{k}].sources", pos.sources)
        _claim_names(names, m.id, (m.id, m.name, *m.aliases), path)


def _claim_names(names: dict[str, str], owner: str, spellings: Iterable[str], path: str) -> None:
    for spelling in spellings:
        key = normalize(spelling)
        if names.setdefault(key, owner) != owner:
            raise ReferenceProblem("muscles.toml", path, f"name {spelling!r} is already used by {names[key]!r}")
