"""What the leg press does to the knees (`legpress knee`): knee loads by position as studies
recorded them, against other exercises, and the cues that protect the knee. Pure functions."""

from typing import NamedTuple

from legpress_cli.advisor import list_cues
from legpress_cli.exercises import ComparedMeasure
from legpress_cli.records import Catalog, Cue, Finding, Outcome
from legpress_cli.vocab import DIMENSIONS, Dimension


class KneeFinding(NamedTuple):
    """A knee load a study measured (or computed) between two positions, as it recorded it."""

    finding: Finding
    outcome: Outcome
    dimensions: tuple[Dimension, ...]  # what it varied


class KneeReport(NamedTuple):
    """What the leg press does to the knees and what changes that: knee loads by position, the
    leg press against other exercises, and the cues that protect the knee."""

    positions: tuple[KneeFinding, ...]  # in dimension order
    exercises: tuple[ComparedMeasure, ...]  # in the catalog's exercise order
    cues: tuple[Cue, ...]


def knee(catalog: Catalog) -> KneeReport:
    positions = [KneeFinding(f, o, f.contrast) for f in catalog.findings for o in f.outcomes if "knee" in o.joints]
    positions.sort(key=lambda k: min(DIMENSIONS.index(d) for d in k.dimensions))
    exercises = tuple(
        ComparedMeasure(c, o)
        for e in catalog.exercises
        for c in catalog.comparisons_with(e.id)
        for o in c.outcomes
        if "knee" in o.joints
    )
    cues = tuple(c for c in list_cues(catalog) if "knee" in c.joints)
    return KneeReport(tuple(positions), exercises, cues)
