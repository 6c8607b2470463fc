"""Every view keeps its answer at every width: each word of the 300-column output is still there
at every width from 40 to 200 (a prose column may move below a table, never vanish), and no line
is longer than the width it was drawn for. Rendered in-process, on the real data and on the
fixture catalog."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from rich.console import Console

from legpress_cli import advisor, render, results
from legpress_cli.advisor import Stance
from legpress_cli.records import Catalog
from minicatalog import claim, finding, mini

WIDTHS = [*range(40, 201), 300]


def _results(catalog: Catalog) -> dict[str, Callable[[], Any]]:
    """Each view's result, built as the CLI builds it (names that exist in both catalogs)."""
    first = catalog.muscles[0]
    group = catalog.groups[0]
    high = Stance.of(height="high")
    return {
        "muscles": lambda: results.MusclesResult(catalog, advisor.list_muscles(catalog), None, None),
        "muscle": lambda: results.MuscleResult(
            catalog, first, advisor.option_effects(catalog, first), None, advisor.compared_for(catalog, first)
        ),
        "cues": lambda: results.CuesResult(catalog, advisor.list_cues(catalog), None),
        "sources": lambda: results.SourcesResult(catalog, advisor.source_uses(catalog)),
        "stance": lambda: results.StanceResult(catalog, advisor.assess(catalog, high)),
        "stance --explain": lambda: results.StanceResult(catalog, advisor.assess(catalog, high), explain=True),
        "stance --vs": lambda: results.StanceResult(catalog, advisor.assess(catalog, high, Stance.of(height="low"))),
        "target": lambda: results.TargetResult(
            catalog, advisor.rank(catalog, advisor.Found(group.id, "group", None)), None
        ),
        "evidence": lambda: results.EvidenceResult(catalog, advisor.evidence(catalog), None),
        "knee": lambda: results.KneeResult(catalog, advisor.knee(catalog)),
        "compare": lambda: results.CompareResult(catalog, advisor.compare(catalog, catalog.exercises[0]), None),
    }


def _text(result: Any, width: int) -> str:
    console = Console(width=width, color_system=None, force_terminal=False, legacy_windows=False)
    return render.to_text(console, render.view(result, render.Frame(render.Glyphs(ascii=False), width)))


def _words(text: str) -> set[str]:
    """The words, without the punctuation a layout may add or move ('Group' and 'Group:')."""
    return {w.strip(".,;:()[]") for w in re.findall(r"\S+", text)} - {""}


def _check(result: Any, name: str) -> None:
    wide = sorted(_words(_text(result, 300)))
    for width in WIDTHS:
        text = _text(result, width)
        assert max((len(line) for line in text.splitlines()), default=0) <= width, (name, width)
        # A word that fits the width is never lost nor split: the answer stays whole.
        have = _words(text)
        missing = [w for w in wide if len(w) < width // 2 and w not in have]
        assert not missing, (name, width, missing[:5])


def _fixture() -> Catalog:
    return mini(
        [
            finding("h", {"height": "high"}, {"height": "low"}, {"back-one": "more", "big-front": "less"}),
            finding("w", {"width": "wide"}, {"width": "hip"}, {"front": "no_difference"}, source="study-b"),
        ],
        [claim("c", {"width": "wide"}, ["back"])],
    )


# The fixture catalog has no other exercise to compare with.
CASES = [(n, w) for w in ("real", "fixture") for n in _results(mini()) if not (n == "compare" and w == "fixture")]


@pytest.mark.parametrize(("name", "which"), CASES)
def test_every_view_keeps_every_word_at_every_width(catalog: Catalog, which: str, name: str) -> None:
    chosen = catalog if which == "real" else _fixture()
    _check(_results(chosen)[name](), name)
