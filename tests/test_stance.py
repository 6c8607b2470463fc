"""Stance effects, their composition over every combination, and target ranking."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import product
from typing import Any

import pytest

from conftest import Run
from legpress_cli.advisor import Found, Stance, all_stances, assess, rank
from legpress_cli.model import Catalog

QUADS = ("vastus-lateralis", "vastus-medialis", "vastus-intermedius", "rectus-femoris")


def changes(run_json: Callable[..., Any], *flags: str) -> dict[str, tuple[int, str]]:
    data = run_json("stance", *flags)
    return {m["id"]: (m["change"], m["evidence"]) for m in data["muscles"]}


def test_high_feet(run_json: Callable[..., Any]) -> None:
    c = changes(run_json, "--high")
    assert c["gluteus-maximus"][0] > 0 and c["biceps-femoris"][0] > 0
    assert all(c[q][0] <= 0 for q in QUADS)


def test_low_feet(run_json: Callable[..., Any]) -> None:
    c = changes(run_json, "--low")
    assert c["rectus-femoris"][0] > 0 and c["vastus-lateralis"][0] > 0
    assert c["gastrocnemius"] == (1, "moderate")


def test_wide_stance_shows_folklore_and_evidence(run_json: Callable[..., Any]) -> None:
    c = changes(run_json, "--wide")
    assert any(c[a][0] > 0 for a in ("adductor-magnus", "adductor-longus", "adductor-brevis"))
    assert c["vastus-medialis"] == (1, "contradicted")


def test_narrow_stance(run_json: Callable[..., Any]) -> None:
    assert changes(run_json, "--narrow")["vastus-lateralis"] == (1, "contradicted")


def test_toes_out_changes_nothing(run_json: Callable[..., Any]) -> None:
    data = run_json("stance", "--toes-out")
    assert all(m["change"] <= 0 for m in data["muscles"])
    assert all(m["change"] == 0 for m in data["muscles"])
    (explanation,) = data["explanations"]
    assert "found any difference" in explanation["effects"][0]["reason"]
    assert data["summary"].startswith("toes turned out: no reliable change to any muscle")


def test_neutral_stance(run_json: Callable[..., Any]) -> None:
    data = run_json("stance")
    assert data["stance"] == {
        "height": "middle",
        "width": "hip",
        "depth": "normal",
        "toes": "straight",
    }
    assert all(m["change"] == 0 for m in data["muscles"])
    assert all(m["emphasis"] == m["baseline_emphasis"] for m in data["muscles"])
    assert data["explanations"] == []


def test_deep_and_partial(run_json: Callable[..., Any]) -> None:
    deep = changes(run_json, "--deep")
    assert all(deep[q] == (1, "moderate") for q in QUADS)
    assert deep["gluteus-maximus"] == (1, "weak")
    partial = changes(run_json, "--partial")
    assert all(partial[q] == (-1, "moderate") for q in QUADS)


def test_changes_add_up(run_json: Callable[..., Any]) -> None:
    c = changes(run_json, "--high", "--wide")
    # high +1 (weak) and wide +1 (weak) on the hamstrings
    assert c["biceps-femoris"] == (2, "weak")
    # low +1 (claim), wide +1 (contradicted): the weakest grade wins
    assert changes(run_json, "--low", "--wide")["vastus-medialis"] == (2, "contradicted")
    # high -1 (moderate), deep +1 (moderate) cancel out on the rectus femoris
    assert changes(run_json, "--high", "--deep")["rectus-femoris"] == (0, "moderate")
    # a zero-change effect does not dilute a real one's grade
    assert changes(run_json, "--low", "--toes-out")["rectus-femoris"] == (1, "moderate")


def test_emphasis_stays_on_the_scale(catalog: Catalog) -> None:
    for stance in all_stances():
        for s in assess(catalog, stance).shifts:
            assert 1 <= s.emphasis <= 5 and -2 <= s.change <= 2
            assert s.emphasis == max(1, min(5, s.baseline + s.change))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("--high", "--low"),
        ("--wide", "--narrow"),
        ("--deep", "--partial"),
    ],
)
def test_two_choices_for_one_dimension(run: Run, first: str, second: str) -> None:
    result = run("stance", first, second)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{first} and {second} both set the" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_flag_against_value(run: Run) -> None:
    result = run("stance", "--height", "low", "--high")
    assert result.exit_code == 2
    assert result.stderr == (
        "legpress: error: --high and --height low both set the foot height; choose one "
        "(hint: see 'legpress stance --help')\n"
    )
    result = run("stance", "--toes", "straight", "--toes-out")
    assert "--toes-out and --toes straight both set the toe angle" in result.stderr


def test_repeating_the_same_choice_is_fine(run_json: Callable[..., Any]) -> None:
    assert run_json("stance", "--high", "--height", "high", "--high")["stance"]["height"] == "high"


def test_bad_stance_value(run: Run) -> None:
    result = run("stance", "--height", "sky")
    assert result.exit_code == 2
    assert "'sky' is not one of 'low', 'middle', 'high'" in result.stderr


HEIGHTS, WIDTHS, DEPTHS, TOES = (
    ("low", "middle", "high"),
    ("narrow", "hip", "wide"),
    ("partial", "normal", "deep"),
    ("straight", "out"),
)


@pytest.mark.parametrize(("height", "width", "depth", "toes"), list(product(HEIGHTS, WIDTHS, DEPTHS, TOES)))
def test_every_combination(run: Run, height: str, width: str, depth: str, toes: str) -> None:
    result = run("stance", "--height", height, "--width", width, "--depth", depth, "--toes", toes, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["stance"] == {"height": height, "width": width, "depth": depth, "toes": toes}
    assert len(data["muscles"]) == 13
    chosen = [
        v
        for v, neutral in (
            (height, "middle"),
            (width, "hip"),
            (depth, "normal"),
            (toes, "straight"),
        )
        if v != neutral
    ]
    assert len(data["explanations"]) == len(chosen)


def test_summary_names_groups_and_keeps_the_quads_in_view(run_json: Callable[..., Any]) -> None:
    assert run_json("stance", "--high", "--wide")["summary"] == (
        "high feet, wide stance: more glutes, hamstrings and hip adductors; "
        "less vastus lateralis, rectus femoris and gastrocnemius; "
        "research contradicts the claimed change in vastus medialis; the quadriceps still do most of the work"
    )


# --- target ------------------------------------------------------------------------------


def recommendations(run_json: Callable[..., Any], name: str) -> list[dict[str, Any]]:
    recs: list[dict[str, Any]] = run_json("target", name)["recommendations"]
    return recs


def test_target_glutes_puts_high_feet_first(run_json: Callable[..., Any]) -> None:
    recs = recommendations(run_json, "glutes")
    assert recs[0]["stance"]["height"] == "high"
    assert [r["rank"] for r in recs] == list(range(1, len(recs) + 1))
    assert any(r["evidence"] == "moderate" for r in recs)


def test_target_quadriceps_puts_low_feet_first(run_json: Callable[..., Any]) -> None:
    assert recommendations(run_json, "quadriceps")[0]["stance"]["height"] == "low"
    assert recommendations(run_json, "quads")[0]["stance"]["height"] == "low"


def test_target_lists_only_stances_whose_every_option_helps(run_json: Callable[..., Any]) -> None:
    for name in ("glutes", "quads", "hamstrings", "gastrocnemius"):
        for r in recommendations(run_json, name):
            assert r["stance"]["toes"] == "straight"


def test_contradicted_claims_never_recommend(run_json: Callable[..., Any]) -> None:
    recs = recommendations(run_json, "vastus-medialis")
    assert all(r["stance"]["width"] != "wide" for r in recs)
    assert all(r["stance"]["width"] != "narrow" for r in recommendations(run_json, "vastus lateralis"))


def test_target_says_when_evidence_is_thin(run_json: Callable[..., Any]) -> None:
    data = run_json("target", "inner thigh")
    assert data["target"] == {
        "id": "adductors",
        "name": "Hip adductors",
        "kind": "group",
        "muscles": ["adductor-magnus", "adductor-longus", "adductor-brevis"],
    }
    assert [r["label"] for r in data["recommendations"]] == ["wide stance"]
    assert data["note"] == "No stance has good evidence for raising the hip adductors: the best support is claim."
    soleus = run_json("target", "soleus")
    assert soleus["recommendations"] == []
    assert soleus["note"] == "No foot position in the data changes the soleus; it works the same in every stance."


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("biceps brachii", "legpress: error: the leg press does not train the biceps brachii"),
        ("xyz", "legpress: error: unknown muscle or group 'xyz'"),
    ],
)
def test_target_unknown(run: Run, name: str, message: str) -> None:
    result = run("target", name)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(message)


def test_rank_is_deterministic(catalog: Catalog) -> None:
    found = Found("glutes", "group", None)
    assert rank(catalog, found) == rank(catalog, found)
    assert assess(catalog, Stance()) == assess(catalog, Stance())


def test_conflict_hint_names_the_running_command(run: Run) -> None:
    result = run("map", "--deep", "--partial")
    assert result.exit_code == 2
    assert result.stderr == (
        "legpress: error: --deep and --partial both set the depth; choose one (hint: see 'legpress map --help')\n"
    )
