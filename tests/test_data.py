"""The built-in data says what the sources say, in the right roles, and none of article B's errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from legpress_cli.catalog import builtin_data_dir
from legpress_cli.model import Catalog

QUADS = ("vastus-lateralis", "vastus-medialis", "vastus-intermedius", "rectus-femoris")
HAMSTRINGS = ("biceps-femoris", "semitendinosus", "semimembranosus")


def effect(catalog: Catalog, dimension: str, value: str, muscle_id: str) -> tuple[int, str, tuple[str, ...]]:
    """(change, grade, sources) of the one effect of a stance option on a muscle."""
    choice = next(c for c in catalog.choices if (c.dimension, c.value) == (dimension, value))
    hits = [e for e in choice.effects if any(muscle_id in catalog.expand(t) for t in e.targets)]
    assert len(hits) == 1, f"{dimension}={value} should have one effect on {muscle_id}"
    return hits[0].change, hits[0].evidence, hits[0].sources


def test_every_required_muscle_is_present(catalog: Catalog) -> None:
    ids = {m.id for m in catalog.muscles}
    required = {
        *QUADS,
        *HAMSTRINGS,
        "gluteus-maximus",
        "adductor-magnus",
        "gastrocnemius",
        "soleus",
    }
    assert required <= ids


def test_article_a_roles(catalog: Catalog) -> None:
    for mid in QUADS:
        m = catalog.muscle(mid)
        assert (m.role, m.group) == ("primary", "quadriceps")
        assert "article-a" in m.baseline.sources
        assert "knee extension" in m.actions
    for mid in HAMSTRINGS:
        m = catalog.muscle(mid)
        assert m.role == "secondary" and "article-a" in m.baseline.sources
        assert "hip" in m.joints and "knee" in m.joints
    assert "hip extension" in catalog.muscle("gluteus-maximus").actions
    for m in catalog.members("adductors"):
        assert m.role == "stabilizer" and "article-a" in m.baseline.sources
    assert catalog.muscle("gastrocnemius").role == "stabilizer"


def test_disagreements_are_recorded_with_their_sources(catalog: Catalog) -> None:
    for mid in HAMSTRINGS:
        (dispute,) = catalog.muscle(mid).disputes
        assert (dispute.role, dispute.evidence, dispute.sources) == (
            "primary",
            "contradicted",
            ("article-b",),
        )
    soleus = catalog.muscle("soleus")
    assert soleus.role == "stabilizer" and "article-a" in soleus.baseline.sources
    (dispute,) = soleus.disputes
    assert dispute.role == "secondary" and dispute.sources == ("article-b",)


def test_article_a_stance_claims_are_encoded(catalog: Catalog) -> None:
    assert effect(catalog, "height", "high", "gluteus-maximus")[:2] == (1, "moderate")
    for mid in HAMSTRINGS:
        assert effect(catalog, "height", "high", mid)[:2] == (1, "weak")
        assert "article-a" in effect(catalog, "height", "high", mid)[2]
    for mid in QUADS:
        if mid in ("rectus-femoris", "vastus-lateralis"):
            assert effect(catalog, "height", "low", mid)[:2] == (1, "moderate")
        else:
            assert effect(catalog, "height", "low", mid)[:2] == (1, "claim")
    for m in catalog.members("adductors"):
        assert effect(catalog, "width", "wide", m.id)[:2] == (1, "claim")
    assert effect(catalog, "width", "wide", "vastus-medialis")[:2] == (1, "contradicted")
    assert effect(catalog, "width", "narrow", "vastus-lateralis")[:2] == (1, "contradicted")
    assert effect(catalog, "height", "low", "gastrocnemius")[:2] == (1, "moderate")
    for mid in (*QUADS, *HAMSTRINGS, "gastrocnemius"):
        assert effect(catalog, "toes", "out", mid)[:2] == (0, "contradicted")


def test_article_a_cues_are_encoded(catalog: Catalog) -> None:
    by_id = {c.id: c for c in catalog.cues}
    for cue_id, phase in [
        ("back-flat-on-pad", "setup"),
        ("stop-before-hips-tuck", "bottom"),
        ("knees-over-toes", "pressing"),
        ("no-lockout", "top"),
    ]:
        assert by_id[cue_id].phase == phase
        assert by_id[cue_id].sources == ("article-a",)
    assert by_id["have-a-spotter"].sources == ("article-b",)
    assert by_id["exhale-through-press"].sources == ("sale-1994",)
    assert {"coaching-practice"} <= {s for c in catalog.cues for s in c.sources}
    assert {c.phase for c in catalog.cues} == {
        "setup",
        "lowering",
        "bottom",
        "pressing",
        "top",
        "breathing",
    }


def test_article_b_errors_are_not_repeated(catalog: Catalog) -> None:
    gmax = catalog.muscle("gluteus-maximus")
    assert "buttock" in gmax.location.lower() and "thigh" not in gmax.location.lower()
    everything = " ".join(
        " ".join([m.location, m.in_lift, *m.actions, *(p.note or "" for p in m.roles)]) for m in catalog.muscles
    )
    assert not re.search(r"gastrocnemius[^.]*largest", everything, re.IGNORECASE)
    assert "largest muscle" in gmax.location.lower() or "largest muscle of the body" in gmax.location.lower()
    for mid in ("vastus-lateralis", "vastus-medialis", "vastus-intermedius"):
        m = catalog.muscle(mid)
        assert m.joints == ("knee",) and not any("hip flexion" in a for a in m.actions)
    assert "hip flexion" in catalog.muscle("rectus-femoris").actions


def test_sources_cover_every_study_and_are_all_used(catalog: Catalog) -> None:
    citations = {s.id: s.citation for s in catalog.sources}
    expected = {
        "da-silva-2008": "J Strength Cond Res. 2008;22(4):1059-1065",
        "escamilla-2001": "Med Sci Sports Exerc. 2001;33(9):1552-1566",
        "martin-fuentes-2020a": "Int J Environ Res Public Health. 2020;17(13):4626",
        "martin-fuentes-2020b": "Int J Environ Res Public Health. 2020;17(22):8698",
        "sale-1994": "Can J Appl Physiol. 1994;19(1):60-74",
    }
    for sid, venue in expected.items():
        assert venue in citations[sid]
    assert {"article-a", "article-b"} <= set(citations)
    cited = {s for m in catalog.muscles for p in m.roles for s in p.sources}
    cited |= {s for c in catalog.cues for s in c.sources}
    cited |= {s for ch in catalog.choices for e in ch.effects for s in e.sources}
    assert cited == set(citations)


@pytest.mark.parametrize("path", sorted(builtin_data_dir().glob("*.toml")), ids=lambda p: p.name)
def test_no_invented_identifiers_or_percentages(path: Path) -> None:
    text = path.read_text(encoding="utf-8").lower()
    assert "doi" not in text and "http" not in text
    # Percentages may only be the published study designs (loads of 1RM, stance widths),
    # never an invented size of effect.
    assert set(re.findall(r"(\d+)%", text)) <= {"40", "80", "85", "150"}


def test_every_muscle_is_drawn_on_the_map(catalog: Catalog) -> None:
    drawn = {mid for v in catalog.views for mid in v.regions.values()}
    assert drawn == {m.id for m in catalog.muscles}
