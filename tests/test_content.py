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
        # Claimed, never measured: shown as claimed, moving nothing.
        assert (m[a]["direction"], m[a]["evidence"], m[a]["change"]) == ("not_measured", None, 0)
        assert [(c["claim"], c["status"]) for c in m[a]["claimed"]] == [("article-a-wide-stance", "not_tested")]


def test_high_and_wide_keeps_the_hamstrings_below_the_quadriceps(run_json: Json) -> None:
    data = run_json("stance", "--high", "--wide")
    # Every option's claims stay with the verdict, not only the last option's.
    assert [c["claim"] for c in data["contradicted"]] == ["article-a-wide-stance"]
    m = muscles(run_json, "--high", "--wide")
    for h in HAMSTRINGS:
        assert m[h]["change"] <= 1 and m[h]["evidence"] in ("weak", None)
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
    # Escamilla 2001 recorded the quadriceps for low against high feet and reported nothing.
    assert m["vastus-medialis"]["direction"] == "not_reported"
    assert m["vastus-intermedius"]["direction"] == "not_measured"
    # The hamstrings: measured with high feet, nothing reported; the article's claim not borne out.
    for h in ("biceps-femoris", "semitendinosus"):
        assert (m[h]["direction"], m[h]["change"]) == ("not_reported", 0)
        assert [(c["claim"], c["status"]) for c in m[h]["claimed"]] == [("article-a-high-feet", "not_supported")]
    studies = {x["finding"] for x in m["biceps-femoris"]["measured"]}
    assert {"da-silva-high-vs-middle-40", "da-silva-high-vs-middle-80", "escamilla-2001-low-vs-high"} <= studies
    # The gluteus maximus follows the reported change (against low feet, 80%) at its indirect
    # grade, with the silent direct comparisons beside it.
    gm = m["gluteus-maximus"]
    assert (gm["direction"], gm["evidence"], gm["findings"]) == ("more", "weak", ["da-silva-high-vs-low-80"])
    silent = {x["finding"] for x in gm["measured"] if x["result"] == "not_reported" and not x["indirect"]}
    assert silent == {"da-silva-high-vs-middle-40", "da-silva-high-vs-middle-80"}


def test_claims_move_no_bar(run_json: Json) -> None:
    narrow = muscles(run_json, "--narrow")["vastus-lateralis"]
    assert (narrow["direction"], narrow["change"], narrow["emphasis"]) == (
        "not_measured",
        0,
        narrow["baseline_emphasis"],
    )
    assert [(c["claim"], c["status"]) for c in narrow["claimed"]] == [("article-a-narrow-stance", "not_tested")]
    low = muscles(run_json, "--low")
    for q in ("vastus-medialis", "vastus-intermedius"):
        assert low[q]["change"] == 0 and low[q]["emphasis"] == low[q]["baseline_emphasis"]
        assert [c["claim"] for c in low[q]["claimed"]] == ["article-a-low-feet"]


def test_high_and_narrow_carries_escamillas_hamstring_result(run_json: Json) -> None:
    m = muscles(run_json, "--high", "--narrow")
    for h in ("biceps-femoris", "semitendinosus"):
        assert (m[h]["direction"], m[h]["evidence"], m[h]["findings"]) == (
            "less",
            "weak",
            ["escamilla-2001-wide-vs-narrow-high"],
        )


def test_heads_as_recorded(run_json: Json) -> None:
    m = muscles(run_json, "--toes-out")
    assert m["vastus-intermedius"]["direction"] == "not_measured"
    # Martin-Fuentes 2020b and 2022 are one sample: strong only with Escamilla 2001 beside them.
    for q in ("vastus-lateralis", "vastus-medialis", "rectus-femoris"):
        sources = {x["source"] for x in m[q]["measured"]}
        assert m[q]["evidence"] == "strong" and "escamilla-2001" in sources
    ev = {f["id"]: f for f in run_json("evidence")["findings"]}
    assert ev["escamilla-2001-toes-out"]["heads"] == [
        "vastus-lateralis",
        "vastus-medialis",
        "rectus-femoris",
        "biceps-femoris",
        "semitendinosus",
        "gastrocnemius",
    ]
    assert ev["martin-fuentes-2022-wide"]["sample"] == ev["martin-fuentes-2020b-wide"]["sample"]


def test_deep_range_moves_no_bar_on_a_pattern(run_json: Json) -> None:
    data = run_json("stance", "--deep")
    assert all(m["change"] == 0 for m in data["muscles"])
    measures = {(o["measure"], o["source"]) for o in data["other_measures"]}
    assert {("knee joint compression", "escamilla-1998"), ("quadriceps growth (ultrasound)", "larsen-2025")} <= measures
    deep = next(e for e in data["explanations"] if e["value"] == "deep")
    assert all(name in deep["caution"] for name in ("Escamilla 1998", "Wilk", "Steinkamp 1993"))
    partial = {o["source"] for o in run_json("stance", "--partial")["other_measures"]}
    assert {"wilk", "steinkamp-1993"} <= partial


def test_heavy_load_raises_the_recorded_quadriceps_heads(run_json: Json) -> None:
    m = muscles(run_json, "--load", "heavy")
    for q in ("vastus-lateralis", "vastus-medialis", "rectus-femoris"):
        assert m[q]["direction"] == "more"
        # 90% against 70% of 1RM is not legpress's heavy against light (about 40%): one step.
        assert m[q]["evidence"] == "weak"
        assert any("90% with 70%" in step for x in m[q]["measured"] for step in x["indirect"])
    assert m["vastus-intermedius"]["direction"] == "not_measured"


def test_one_leg_marks_two_leg_findings_indirect(run_json: Json) -> None:
    m = muscles(run_json, "--one-leg", "--high")
    da_silva = [x for v in m.values() for x in v["measured"] if x["source"] == "da-silva-2008"]
    assert da_silva and all("measured with both legs" in x["indirect"] for x in da_silva)


def test_target_adductors_lists_the_claim_apart(run_json: Json) -> None:
    data = run_json("target", "adductors")
    assert data["recommendations"] == []
    assert [(c["claim"], c["label"], c["status"]) for c in data["claimed"]] == [
        ("article-a-wide-stance", "wide stance", "not_tested")
    ]


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
    assert (light["direction"], light["findings"], light["evidence"]) == ("not_reported", [], None)
    assert [c["status"] for c in light["claimed"]] == ["not_supported"]
    any_load = muscles(run_json, "--high")["gluteus-maximus"]
    assert "Da Silva 2008 at 40% of 1RM: nothing reported" in any_load["load_notes"]


def test_target_glutes_and_hamstrings(run_json: Json) -> None:
    glutes = run_json("target", "glutes")
    assert glutes["recommendations"][0]["label"] == "high feet"
    hams = run_json("target", "hamstrings")
    assert all(r["evidence"] == "weak" for r in hams["recommendations"])
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
    # EMG and modelled activity are separate rows: never "studies disagree" between them.
    quads = [r for r in data["muscles"] if r["id"] == "quadriceps"]
    assert [(r["method"], r["direction"], list(studies(r))) for r in quads] == [
        ("emg", "less", ["escamilla-2001"]),
        ("modelled", "no_difference", ["sjoberg-2021"]),
    ]
    assert all(r["direction"] != "mixed" for r in data["muscles"])
    assert "gastrocnemius" not in data["not_measured"] and "gastrocnemius" in data["not_reported"]
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
    data, _ = compared(run_json, "knee-extension")
    rows = {(r["id"], r["method"]): r for r in data["muscles"]}
    # The rectus femoris works and grows less in the leg press, in EMG and in growth.
    assert rows["rectus-femoris", "emg"]["direction"] == "less"
    assert rows["rectus-femoris", "growth"]["direction"] == "less"
    assert studies(rows["rectus-femoris", "growth"]) == {"burke-2024": "less", "msse-2026": "less"}
    # The vasti grew alike (MSSE 2026); the vastus lateralis' EMG and growth studies disagree, and say so.
    for head in ("vastus-medialis", "vastus-intermedius"):
        assert rows[head, "growth"]["direction"] == "no_difference"
    assert rows["vastus-lateralis", "emg"]["direction"] == "mixed"
    assert studies(rows["vastus-lateralis", "emg"])["stien-2021"] == "more"
    # Growth the leg press alone gave: the gluteus maximus and the adductor magnus.
    assert rows["gluteus-maximus", "growth"]["direction"] == "more"
    assert rows["adductor-magnus", "growth"]["direction"] == "more"


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
    direct = {m["source"] for m in force if not m["indirect"]}
    assert direct == {"magnus-farthing-2008", "macdonald-2014", "janzen-2006"}
    assert all(m["direction"] == "more" for m in force if not m["indirect"])
    held = [m for m in force if m["indirect"]]  # the 2021 study held the press still
    assert [(m["source"], m["direction"]) for m in held] == [("deficit-2021", "no_difference")]
    assert data["stance"]["legs"] == "one"


def test_muscle_says_how_the_leg_press_compares(run_json: Json) -> None:
    rf = run_json("muscle", "rectus-femoris")["muscle"]["compared_with_exercises"]
    assert {(c["exercise"], c["direction"]) for c in rf} >= {("knee-extension", "less"), ("squat", "less")}
    soleus = run_json("muscle", "soleus")["muscle"]["compared_with_exercises"]
    assert soleus == []


def test_every_stance_moves_only_on_measurements(catalog: Any) -> None:
    """The sweep: in every stance, nothing moves, shades or sets a direction on a claim alone, and
    no head an applicable finding recorded is left as not measured."""
    from legpress_cli.advisor import all_stances, assess

    checked = 0
    for stance in all_stances():
        verdicts = assess(catalog, stance).verdicts
        for v in verdicts:
            # Bars move one step at most and never past a muscle they were not measured to out-work.
            assert abs(v.level - v.baseline) <= 1 and v.change in (-1, 0, 1)
            assert all(v.level < o.level for o in verdicts if v.baseline < o.baseline), (stance, v.muscle.id)
            reported = [a for a in v.findings if a.reported]
            if v.change:
                assert any(a.direction == v.direction for a in reported), (stance, v.muscle.id)
            if v.level != v.baseline:
                assert v.change, (stance, v.muscle.id)
            if v.direction in ("more", "less", "mixed", "no_difference"):
                assert reported, (stance, v.muscle.id)
            if v.findings:
                assert v.direction != "not_measured", (stance, v.muscle.id)
            if v.shade == "claimed":
                assert not v.findings and v.change == 0
            if not v.muscle.surface_emg:
                assert v.direction in ("not_measured", "not_reported") or any(
                    v.muscle.id in a.finding.measured for a in v.findings
                ), (stance, v.muscle.id)
            checked += 1
    assert checked > 0


def test_high_against_low_feet(run_json: Json) -> None:
    data = run_json("stance", "--high", "--vs", "low")
    assert (data["stance"]["height"], data["against"]["height"]) == ("high", "low")
    m = {x["id"]: x for x in data["muscles"]}
    gm = m["gluteus-maximus"]
    assert (gm["direction"], gm["findings"]) == ("more", ["da-silva-high-vs-low-80"])
    assert not next(x for x in gm["measured"] if x["finding"] == "da-silva-high-vs-low-80")["indirect"]
    rf = m["rectus-femoris"]
    assert rf["direction"] == "less" and set(rf["findings"]) == {"da-silva-high-vs-low-40", "da-silva-high-vs-low-80"}
    assert all(not x["indirect"] for x in rf["measured"] if x["finding"] in rf["findings"])
    light = {x["id"]: x for x in run_json("stance", "--high", "--vs", "low", "--load", "light")["muscles"]}
    assert light["gluteus-maximus"]["direction"] == "not_reported"


def test_wide_against_narrow_with_the_feet_high(run_json: Json) -> None:
    data = run_json("stance", "--high", "--wide", "--vs", "high,narrow")
    m = {x["id"]: x for x in data["muscles"]}
    for h in ("biceps-femoris", "semitendinosus"):
        assert (m[h]["direction"], m[h]["evidence"]) == ("more", "moderate")
        assert m[h]["findings"] == ["escamilla-2001-wide-vs-narrow-high"]
    # Martin-Fuentes compared wide with hip width: one step from wide against narrow.
    assert (m["rectus-femoris"]["direction"], m["rectus-femoris"]["evidence"]) == ("no_difference", "weak")
    assert not any(x["source"] == "da-silva-2008" for x in m["rectus-femoris"]["measured"])  # height held


def test_the_knee(run_json: Json) -> None:
    data = run_json("knee")
    positions = {(p["finding"], p["measure"]): p for p in data["positions"]}
    # Escamilla 2001: no difference in knee forces between foot heights or toe angles.
    assert positions["escamilla-2001-low-vs-high", "knee forces"]["result"] == "no_difference"
    assert positions["escamilla-2001-toes-out", "knee forces"]["result"] == "no_difference"
    # Knee loading rises with depth: Escamilla 1998, Wilk, Steinkamp 1993.
    depth = {p["source"] for p in data["positions"] if p["dimensions"] == ["depth"]}
    assert {"escamilla-1998", "wilk", "steinkamp-1993"} <= depth
    # The leg extension by angle (Steinkamp 1993).
    ext = {(e["measure"], e["result"]) for e in data["exercises"] if e["source"] == "steinkamp-1993"}
    assert ext == {
        ("kneecap joint stress, knee bent 0-30 degrees", "less"),
        ("kneecap joint stress, knee bent 60-90 degrees", "more"),
    }
    assert "knees-track-toes" in data["cues"] and "clinician" in data["advice"]


def test_seat_and_technique_as_options(run_json: Json) -> None:
    seat = {m["id"]: m for m in run_json("stance", "--seat", "reclined")["muscles"]}
    assert [seat[m]["direction"] for m in ("vastus-lateralis", "biceps-femoris", "gluteus-maximus")] == [
        "more",
        "less",
        "no_difference",
    ]
    assert all(seat[m]["findings"] == ["marchetti-2023-seat"] for m in ("vastus-lateralis", "biceps-femoris"))
    toes = {m["id"]: m for m in run_json("stance", "--toes-up")["muscles"]}
    for head in ("vastus-medialis", "rectus-femoris"):
        assert toes[head]["direction"] == "more"
        assert any("isometric" in step for x in toes[head]["measured"] for step in x["indirect"])
    ball = {m["id"]: m for m in run_json("stance", "--ball-squeeze")["muscles"]}
    thighs = {m["id"]: m for m in run_json("stance", "--thigh-squeeze")["muscles"]}
    assert ball["vastus-medialis"]["direction"] == "more" and thighs["vastus-medialis"]["direction"] == "no_difference"


def test_growth_is_shown_beside_emg(run_json: Json) -> None:
    roles = {m["id"]: m for m in run_json("muscles")["muscles"]}
    for mid in ("gluteus-maximus", "adductor-magnus"):
        assert roles[mid]["evidence"] == "moderate" and "msse-2026" in roles[mid]["sources"]


def test_sources_count_and_what_was_left_out(run_json: Json) -> None:
    data = run_json("sources")
    assert data["studies"] == sum(1 for s in data["sources"] if s["kind"] in ("study", "review"))
    assert any("Paoli" in x["name"] for x in data["left_out"])
    assert all(x["reason"] for x in data["left_out"])


def test_machines_as_recorded(run_json: Json) -> None:
    machines = run_json("stance", "--high")["machines"]
    da_silva = next(m for m in machines if "da-silva-2008" in m["sources"])
    assert "not checked" in da_silva["machine"]


def test_the_default_answers_fit_one_screen(run: Any, catalog: Any) -> None:
    """muscles, stance with up to two options, target NAME and muscle NAME fit 100x40."""
    from itertools import combinations

    from legpress_cli.vocab import DIMENSION_SPECS

    def lines(*args: str) -> int:
        result = run(*args, env={"COLUMNS": "100"})
        assert result.exit_code == 0, (args, result.stderr)
        return len(result.stdout.splitlines())

    assert lines("muscles") <= 40
    for m in catalog.muscles:
        assert lines("muscle", m.id) <= 40, m.id
    for target in [*(m.id for m in catalog.muscles), *(g.id for g in catalog.groups)]:
        assert lines("target", target) <= 40, target
    flags = [f.flag for spec in DIMENSION_SPECS for f in spec.flags[:1]]
    for pair in [*((f,) for f in flags), *combinations(flags, 2)]:
        assert lines("stance", *pair) <= 40, pair
