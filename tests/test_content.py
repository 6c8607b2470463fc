"""The real data answers the questions the evidence notes settle (through --json, as users see it).
A data edit that changes one of these answers should fail here, never in the engine's tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

QUADS = ("vastus-lateralis", "vastus-medialis", "vastus-intermedius", "rectus-femoris")
HAMSTRINGS = ("biceps-femoris", "semitendinosus", "semimembranosus")
ADDUCTORS = ("adductor-magnus", "adductor-longus", "adductor-brevis")
Json = Callable[..., Any]


def muscles(run_json: Json, *flags: str) -> dict[str, dict[str, Any]]:
    return {m["id"]: m for m in run_json("stance", *flags)["muscles"]}


def test_wide_stance(run_json: Json) -> None:
    m = muscles(run_json, "--wide")
    vm = m["vastus-medialis"]
    assert vm["direction"] != "more" and vm["change"] == 0
    assert {"id": "article-a-wide-stance", "source": "article-a", "status": "contradicts"}.items() <= {
        **vm["claims"][0]
    }.items()
    assert set(vm["claims"][0]["decided_by"]) == {"martin-fuentes-2020b-wide", "martin-fuentes-2022-wide"}
    for a in ADDUCTORS:
        assert (m[a]["direction"], m[a]["evidence"]) == ("more", "claim")


def test_high_and_wide_keeps_the_hamstrings_below_the_quadriceps(run_json: Json) -> None:
    m = muscles(run_json, "--high", "--wide")
    for h in HAMSTRINGS:
        assert m[h]["change"] <= 1 and m[h]["evidence"] in ("weak", "claim")
        assert m[h]["emphasis"] <= m[h]["baseline_emphasis"] + 1
        assert all(m[h]["emphasis"] < m[q]["emphasis"] for q in QUADS)


def test_high_feet(run_json: Json) -> None:
    m = muscles(run_json, "--high")
    assert m["gluteus-maximus"]["direction"] == "more"
    for mid in ("rectus-femoris", "gastrocnemius"):
        assert (m[mid]["direction"], m[mid]["evidence"]) == ("less", "moderate")
        direct = [x for x in m[mid]["measured"] if not x["indirect"]]
        assert direct and all("middle placement" in x["comparison"] for x in direct)
    assert all(m[q]["direction"] != "more" for q in QUADS)
    assert m["vastus-medialis"]["evidence"] not in ("strong", "moderate")
    assert m["vastus-medialis"]["direction"] == "not_measured"


def test_toes_out_moves_nothing(run_json: Json) -> None:
    data = run_json("stance", "--toes-out")
    assert all(m["change"] == 0 for m in data["muscles"])
    assert all(m["evidence"] != "contradicted" for m in data["muscles"])
    vm = next(m for m in data["muscles"] if m["id"] == "vastus-medialis")
    assert (vm["direction"], vm["evidence"]) == ("no_difference", "strong")
    assert [(c["claim"], c["source"]) for c in data["contradicted"]] == [("gym-toes-out", "coaching-practice")]


def test_low_deep_narrow_raises_the_vastus_lateralis(run_json: Json) -> None:
    vl = muscles(run_json, "--low", "--deep", "--narrow")["vastus-lateralis"]
    assert vl["direction"] == "more" and vl["evidence"] not in ("contradicted", None)


def test_load_decides_the_glutes(run_json: Json) -> None:
    heavy = muscles(run_json, "--high", "--load", "heavy")["gluteus-maximus"]
    assert heavy["direction"] == "more" and heavy["findings"] == ["da-silva-high-vs-low-80"]
    light = muscles(run_json, "--high", "--load", "light")["gluteus-maximus"]
    assert light["findings"] == [] and light["evidence"] == "claim"
    any_load = muscles(run_json, "--high")["gluteus-maximus"]
    assert any_load["load_notes"] == ["Da Silva 2008 at 40% of 1RM: nothing reported"]


def test_target_glutes_and_hamstrings(run_json: Json) -> None:
    glutes = run_json("target", "glutes")
    assert glutes["recommendations"][0]["label"] == "high feet"
    hams = run_json("target", "hamstrings")
    assert all(r["evidence"] in ("weak", "claim") for r in hams["recommendations"])
    assert "No foot position makes the leg press a hamstring exercise" in hams["note"]
    assert "twice" in hams["note"]
    soleus = run_json("target", "soleus")
    assert soleus["recommendations"] == [] and "No study in our sources measured the soleus" in soleus["note"]


def test_every_change_names_a_listed_source(run_json: Json) -> None:
    listed = {s["id"] for s in run_json("sources")["sources"]}
    findings = {f["id"]: f["source"] for f in run_json("evidence")["findings"]}
    for flags in (["--high"], ["--wide"], ["--low", "--deep", "--narrow"], ["--high", "--wide", "--load", "heavy"]):
        for m in run_json("stance", *flags)["muscles"]:
            if m["direction"] in ("more", "less"):
                cited = {findings[f] for f in m["findings"]}
                cited |= {c["source"] for c in m["claims"] if c["status"] != "contradicts"}
                assert cited and cited <= listed, (flags, m["id"])


def test_evidence_for_the_vastus_medialis_shows_what_contradicts_the_wide_claim(run_json: Json, run: Any) -> None:
    data = run_json("evidence", "vastus-medialis")
    ids = {f["id"] for f in data["findings"]}
    assert {"martin-fuentes-2020b-wide", "martin-fuentes-2022-wide", "martin-fuentes-2020b-toes-out"} <= ids
    wide = next(c for c in data["claims"] if c["id"] == "article-a-wide-stance")
    assert wide["status"] == [
        {
            "muscle": "vastus-medialis",
            "status": "contradicts",
            "decided_by": ["martin-fuentes-2020b-wide", "martin-fuentes-2022-wide"],
        }
    ]
    text = run("evidence", "vastus-medialis").stdout
    assert "Martin-Fuentes 2020b" in text and "wide stance vs hip-width stance" in text


def test_map_never_shades_a_contradicted_claim(run_json: Json) -> None:
    regions = {r["muscle"]: r for v in run_json("map", "--wide")["views"] for r in v["regions"]}
    assert regions["vastus-medialis"]["direction"] == "no_difference"


# --- one leg, and the leg press against other exercises -----------------------------------------


def compared(run_json: Json, exercise: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    data = run_json("compare", exercise)
    return data, {row["id"]: row for row in data["muscles"]}


def studies(row: dict[str, Any]) -> dict[str, str]:
    return {s["source"]: s["result"] for s in row["studies"]}


def test_compare_squat(run_json: Json) -> None:
    data, rows = compared(run_json, "squat")
    assert (rows["hamstrings"]["direction"], rows["hamstrings"]["kind"]) == ("less", "group")
    assert studies(rows["hamstrings"]) == {"escamilla-1998": "less", "escamilla-2001": "less"}
    # The studies disagree on the quadriceps, and the answer keeps both.
    assert rows["quadriceps"]["direction"] == "mixed"
    assert studies(rows["quadriceps"]) == {"escamilla-2001": "less", "sjoberg-2021": "no_difference"}
    hip = [m for m in data["other_measures"] if m["measure"] == "hip-extension moment"]
    assert [(m["direction"], m["source"]) for m in hip] == [("more", "sjoberg-2021")]
    assert "gluteus-maximus" in data["not_measured"]


def test_compare_squat_keeps_the_articles_claims_honest(run_json: Json) -> None:
    data, _ = compared(run_json, "squat")
    claims = {c["id"]: c for c in data["claims"]}
    spine, trapped = claims["article-a-no-spinal-compression"], claims["article-b-cannot-get-trapped"]
    assert (spine["source"], spine["status"], spine["decided_by"]) == ("article-a", "not_tested", [])
    assert (trapped["source"], trapped["status"]) == ("article-b", "not_tested")
    assert "safety stops" in trapped["note"]


def test_compare_knee_extension(run_json: Json) -> None:
    _, rows = compared(run_json, "knee-extension")
    assert rows["rectus-femoris"]["direction"] == "less"
    assert rows["vastus-lateralis"]["direction"] == "more"
    assert studies(rows["vastus-lateralis"]) == {"escamilla-1998": "more", "stien-2021": "more"}
    assert studies(rows["rectus-femoris"]) == {"escamilla-1998": "less", "stien-2021": "less"}


def test_compare_hip_kickback(run_json: Json) -> None:
    data, rows = compared(run_json, "hip-kickback")
    assert rows["biceps-femoris"]["direction"] == "less"
    assert rows["gluteus-maximus"]["direction"] == "no_difference"
    assert {"vastus-lateralis", "rectus-femoris"} <= set(data["not_reported"])


def test_one_leg(run_json: Json) -> None:
    data = run_json("stance", "--one-leg")
    vl = next(m for m in data["muscles"] if m["id"] == "vastus-lateralis")
    assert (vl["direction"], vl["evidence"]) == ("no_difference", "moderate")
    force = [m for m in data["other_measures"] if m["measure"] == "force per leg"]
    assert {m["source"] for m in force} == {"magnus-farthing-2008", "macdonald-2014"}
    assert all(m["direction"] == "more" and not m["indirect"] for m in force)
    assert data["stance"]["legs"] == "one"


def test_muscle_says_how_the_leg_press_compares(run_json: Json) -> None:
    rf = run_json("muscle", "rectus-femoris")["muscle"]["compared_with_exercises"]
    assert {(c["exercise"], c["direction"]) for c in rf} >= {("knee-extension", "less"), ("squat", "mixed")}
    soleus = run_json("muscle", "soleus")["muscle"]["compared_with_exercises"]
    assert soleus == []
