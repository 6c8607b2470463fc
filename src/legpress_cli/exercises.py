"""The leg press against other exercises (`legpress compare`, and each muscle's comparisons in
`legpress muscle`): what studies measured, graded by the advisor's rule. Pure functions."""

from typing import NamedTuple

from legpress_cli.advisor import METHODS, list_muscles
from legpress_cli.errors import UnknownName
from legpress_cli.records import Catalog, Comparison, Exercise, ExerciseClaim, Method, Muscle, Outcome
from legpress_cli.vocab import Direction, Grade, Result, Status


def find_exercise(catalog: Catalog, name: str) -> tuple[Exercise, str | None]:
    """An exercise by id, name or alias, forgiving typos, and the user's text when it was read
    as a typo or prefix; unknown names list the known ones."""
    from legpress_cli.names import Spelling, match, normalize

    known = ", ".join(e.id for e in catalog.exercises) or "none in this data"
    spellings = [Spelling(normalize(s), e.id) for e in catalog.exercises for s in (e.id, e.name, *e.aliases)]
    result = match(name, spellings) if normalize(name) else None
    if result is not None and len(result.owners) == 1:
        return catalog.exercise(result.owners[0]), None if result.exact else name
    if result is not None and result.owners:
        raise UnknownName(f"{name!r} could be {', '.join(result.owners)}", "say which one", result.owners)
    raise UnknownName(f"no comparison with the exercise {name!r}", f"legpress knows: {known}")


class CompareRow(NamedTuple):
    """One muscle or group as the studies measured it, by one method: the leg press against the
    other exercise. Modelled activity and EMG are separate rows: they never disagree."""

    target: str  # a muscle or group id, as the study reported it
    direction: Direction  # more / less / no_difference, or mixed where studies disagree
    grade: Grade
    findings: tuple[tuple[Comparison, Result], ...]
    method: Method = "emg"


class ComparedMeasure(NamedTuple):
    comparison: Comparison
    outcome: Outcome


class ExerciseClaimUse(NamedTuple):
    claim: ExerciseClaim
    status: Status
    decided_by: tuple[str, ...]  # comparison ids


class CompareReport(NamedTuple):
    exercise: Exercise
    rows: tuple[CompareRow, ...]
    not_reported: tuple[str, ...]  # targets measured whose result the reports do not give
    not_measured: tuple[str, ...]  # muscles no comparison measured, alone or in their group
    measures: tuple[ComparedMeasure, ...]
    claims: tuple[ExerciseClaimUse, ...]


def _compare_grade(catalog: Catalog, seen: list[tuple[Comparison, Result]]) -> tuple[Direction, Grade]:
    """Same rule as a stance's direct findings: two independent studies (or a review) that agree
    are strong, one is moderate, and studies that disagree give `mixed`."""
    directions = {r for _, r in seen}
    if len(directions) > 1:
        return "mixed", "moderate"
    independent = {c.independent for c, _ in seen}
    review = any(catalog.source(c.source).kind == "review" for c, _ in seen)
    return directions.pop(), "strong" if len(independent) >= 2 or review else "moderate"


def _exercise_claim(claim: ExerciseClaim, measures: tuple[ComparedMeasure, ...]) -> ExerciseClaimUse:
    said = [m for m in measures if m.outcome.measure == claim.measure]
    if not said:
        return ExerciseClaimUse(claim, "not_tested", ())
    agree = all(m.outcome.result == claim.direction for m in said)
    return ExerciseClaimUse(claim, "supports" if agree else "contradicts", tuple(m.comparison.id for m in said))


def compare(catalog: Catalog, exercise: Exercise) -> CompareReport:
    """Per muscle or group, what studies saw in the leg press against this exercise, in the
    catalog's order; group results stay on the group, never spread over its heads."""
    comparisons = catalog.comparisons_with(exercise.id)
    results: dict[tuple[str, Method], list[tuple[Comparison, Result]]] = {}
    measured: set[str] = set()
    covered: set[str] = set()
    for c in comparisons:
        measured.update(c.measured)
        covered.update(catalog.recorded(c))
        for target, result in c.results.items():
            results.setdefault((target, c.method), []).append((c, result))
    order = [t for m in list_muscles(catalog) for t in (m.group, m.id)]
    rows = []
    for target in dict.fromkeys(order):
        for method in METHODS:
            if (target, method) in results:
                direction, grade = _compare_grade(catalog, results[target, method])
                rows.append(CompareRow(target, direction, grade, tuple(results[target, method]), method))
    reported = {t for t, _ in results}
    measures = tuple(ComparedMeasure(c, o) for c in comparisons for o in c.outcomes)
    claims = tuple(_exercise_claim(cl, measures) for cl in catalog.exercise_claims if cl.exercise == exercise.id)
    return CompareReport(
        exercise,
        tuple(rows),
        tuple(t for t in dict.fromkeys(order) if t in measured and t not in reported),
        tuple(m.id for m in list_muscles(catalog) if m.id not in covered),
        measures,
        claims,
    )


def compared_for(catalog: Catalog, muscle: Muscle) -> tuple[tuple[Exercise, CompareRow], ...]:
    """How the leg press compares with each exercise for this muscle (or its group), where a
    study measured it."""
    out = []
    for e in catalog.exercises:
        for row in compare(catalog, e).rows:
            if row.target in (muscle.id, muscle.group):
                out.append((e, row))
    return tuple(out)
