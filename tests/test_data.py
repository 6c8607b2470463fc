"""The built-in data says what the sources say, in the right roles, and none of article B's errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from legpress_cli.catalog import builtin_data_dir
from legpress_cli.records import Catalog

NOTED_DOIS = (
    "10.1519/jsc.0b013e3181739445",
    "10.3390/ijerph17134626",
    "10.3390/ijerph17228698",
    "10.1139/h94-004",
    "10.1152/jappl.1985.58.3.785",
    "10.3389/fspor.2021.686335",
    "10.5114/jhk/159626",
    "10.1097/00005768-199804000-00014",
    "10.52082/jssm.2021.56",
    "10.1123/jsr.17.1.1",
    "10.1002/mus.25509",
    "10.1007/s00421-014-2976-9",
    "10.1080/02640414.2025.2481534",
    "10.1016/j.ptsp.2016.05.002",
    "10.1519/jsc.0000000000004504",
    "10.1186/s12891-015-0774-0",
    "10.1249/mss.0000000000003957",
    "10.1007/s00421-016-3363-5",
    "10.3357/amhp.5097.2019",
    "10.1371/journal.pone.0233540",
    "10.1519/jsc.0000000000001228",
    "10.1515/hukin-2016-0023",
    "10.1007/s00421-006-0165-1",
    "10.1186/s13102-021-00321-0",
)
QUADS = ("vastus-lateralis", "vastus-medialis", "vastus-intermedius", "rectus-femoris")
HAMSTRINGS = ("biceps-femoris", "semitendinosus", "semimembranosus")


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
        assert "Escamilla 1998" in (dispute.note or "")
    soleus = catalog.muscle("soleus")
    assert soleus.role == "stabilizer" and "article-a" in soleus.baseline.sources
    (dispute,) = soleus.disputes
    assert dispute.role == "secondary" and dispute.sources == ("article-b",)


def claims_about(catalog: Catalog, dimension: str, value: str) -> dict[str, tuple[str, str]]:
    """muscle id -> (direction, source) of every claim about one stance option."""
    return {
        mid: (c.direction, c.source)
        for c in catalog.claims
        if c.when == {dimension: value}
        for t in c.targets
        for mid in catalog.expand(t)
    }


def test_article_a_stance_claims_are_encoded(catalog: Catalog) -> None:
    high = claims_about(catalog, "height", "high")
    assert {mid for mid, (d, src) in high.items() if (d, src) == ("more", "article-a")} == {
        "gluteus-maximus",
        *HAMSTRINGS,
    }
    assert set(claims_about(catalog, "height", "low")) == set(QUADS)
    wide = claims_about(catalog, "width", "wide")
    assert set(wide) == {"vastus-medialis", *(m.id for m in catalog.members("adductors"))}
    assert claims_about(catalog, "width", "narrow") == {"vastus-lateralis": ("more", "article-a")}
    assert claims_about(catalog, "toes", "out") == {"vastus-medialis": ("more", "coaching-practice")}


def test_findings_record_what_the_notes_say_was_measured(catalog: Catalog) -> None:
    by_id = {f.id: f for f in catalog.findings}
    mf20b = [f for f in catalog.findings if f.source == "martin-fuentes-2020b"]
    assert mf20b and all(f.measured == ("vastus-medialis", "vastus-lateralis", "rectus-femoris") for f in mf20b)
    assert all("narrow" not in f.a.values() for f in mf20b)
    assert {f.load_percent for f in catalog.findings if f.source == "da-silva-2008"} == {40, 80}
    escamilla = by_id["escamilla-2001-wide-vs-narrow-high"]
    assert escamilla.held == {"height": "high"} and escamilla.results == {"hamstrings": "more"}
    # Da Silva measured the biceps femoris but reported nothing about it: never "no difference".
    assert all("biceps-femoris" not in f.results for f in catalog.findings if f.source == "da-silva-2008")
    # Depth: within-rep patterns, except Larsen 2025's growth, the only comparison of two depths.
    assert all(f.proxy for f in catalog.findings if f.a.get("depth") and f.source != "larsen-2025")
    assert by_id["larsen-2025-depth-growth"].held == {"legs": "one"}
    # One laboratory, one protocol: one sample.
    assert {
        f.independent
        for f in catalog.findings
        if f.source.startswith("martin-fuentes-202") and f.source != "martin-fuentes-2020a"
    } == {"martin-fuentes-laboratory"}
    # Bolgla compared the one-leg press with other exercises, never with two legs.
    assert not [f for f in catalog.findings if f.source == "bolgla-2008"]
    assert [c.exercise for c in catalog.comparisons if c.source == "bolgla-2008"] == ["step-up"]
    assert [c.method for c in catalog.comparisons if c.source == "sjoberg-2021"] == ["modelled"]


def test_article_a_cues_are_encoded(catalog: Catalog) -> None:
    by_id = {c.id: c for c in catalog.cues}
    for cue_id, phase in [
        ("back-flat-on-pad", "setup"),
        ("stop-before-hips-tuck", "bottom"),
        ("knees-track-toes", "pressing"),
        ("no-lockout", "top"),
    ]:
        assert by_id[cue_id].phase == phase
        assert by_id[cue_id].sources[0] == "article-a"
    # The lockout cue is coaching practice too: the case report behind it cannot be cited.
    assert by_id["no-lockout"].sources == ("article-a", "coaching-practice")
    assert by_id["have-a-spotter"].sources == ("article-b",)
    assert by_id["exhale-through-press"].sources == ("bp-heavy-resistance-1985", "linsenbardt-1992", "sale-1994")
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
        "martin-fuentes-2022": "Sports Health. 2022;14(3):317-327",
        "escamilla-1998": "Med Sci Sports Exerc. 1998;30(4):556-569",
        "linsenbardt-1992": "Br J Sports Med. 1992;26(2):97-100",
        "bp-heavy-resistance-1985": "J Appl Physiol. 1985;58(3):785-790",
        "escamilla-2012": "Proc Inst Mech Eng H. 2012;226(9):670-680",
        "sjoberg-2021": "Front Sports Act Living. 2021;3",
        "rossi-2018": "J Sports Med Phys Fitness. 2018;58(3):263-270",
        "stien-2021": "J Sports Sci Med. 2021;20(1):56-61",
        "bolgla-2008": "J Sport Rehabil. 2008;17(1):1-10",
        "magnus-farthing-2008": "Appl Physiol Nutr Metab. 2008;33(6)",
        "macdonald-2014": "Appl Physiol Nutr Metab. 2014;39(11):1245-1249",
        "zhao-2023": "J Hum Kinet. 2023",
    }
    for sid, venue in expected.items():
        assert venue in citations[sid]
    assert {"article-a", "article-b"} <= set(citations)
    cited = {s for m in catalog.muscles for p in m.roles for s in p.sources}
    cited |= {s for c in catalog.cues for s in c.sources}
    cited |= {f.source for f in catalog.findings} | {c.source for c in catalog.claims}
    cited |= {s for g in catalog.groups for s in g.target_note_sources}
    cited |= {c.source for c in catalog.comparisons} | {c.source for c in catalog.exercise_claims}
    assert cited == set(citations)


@pytest.mark.parametrize("path", sorted(builtin_data_dir().glob("*.toml")), ids=lambda p: p.name)
def test_no_invented_identifiers_or_percentages(path: Path) -> None:
    text = path.read_text(encoding="utf-8").lower()
    assert "http" not in text
    # Only the DOIs the evidence notes give, never a made-up one.
    assert set(re.findall(r'doi = "([^"]+)"', text)) <= set(NOTED_DOIS)
    # Percentages may only be published study designs (loads of 1RM, stance widths) and the
    # published activity levels, never an invented size of effect.
    # (Each as ../shared/evidence.md gives it: loads of 1RM, stance widths, force shares of walking.)
    published = {"40", "80", "85", "100", "150", "12", "52", "70", "90", "75", "30", "26", "67", "15", "6"}
    assert set(re.findall(r"(\d+)%", text)) <= published


def test_every_muscle_is_drawn_on_the_map(catalog: Catalog) -> None:
    drawn = {mid for v in catalog.views for mid in v.regions.values()}
    assert drawn == {m.id for m in catalog.muscles}
