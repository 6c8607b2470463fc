"""The evidence engine on a small catalog made for these tests, then the stance options."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from conftest import Run
from legpress_cli import advisor, targets, words
from legpress_cli.advisor import Found, Stance, Step, all_stances, assess, claim_status, judge
from legpress_cli.records import Catalog
from legpress_cli.targets import rank
from legpress_cli.vocab import CHOICES, DIMENSION_SPECS, DIMENSIONS, NEUTRAL
from minicatalog import claim, finding, mini

HIGH_VS_MIDDLE = ({"height": "high"}, {"height": "middle"})
HIGH_VS_LOW = ({"height": "high"}, {"height": "low"})


def verdict(catalog: Catalog, muscle: str, **stance: str) -> tuple[str, str | None]:
    v = judge(catalog, catalog.muscle(muscle), Stance.of(**stance))
    return v.direction, v.grade


# --- grading ------------------------------------------------------------------------------


def test_one_direct_finding_is_moderate_and_two_sources_are_strong() -> None:
    one = mini([finding("f1", *HIGH_VS_MIDDLE, {"big-front": "less"})])
    assert verdict(one, "big-front", height="high") == ("less", "moderate")
    two = mini(
        [
            finding("f1", *HIGH_VS_MIDDLE, {"big-front": "less"}),
            finding("f2", *HIGH_VS_MIDDLE, {"big-front": "less"}, source="study-b"),
        ]
    )
    assert verdict(two, "big-front", height="high") == ("less", "strong")


def test_two_findings_of_one_study_are_not_independent() -> None:
    cat = mini(
        [
            finding("f40", *HIGH_VS_MIDDLE, {"big-front": "less"}, load_percent=40),
            finding("f80", *HIGH_VS_MIDDLE, {"big-front": "less"}, load_percent=80),
        ]
    )
    assert verdict(cat, "big-front", height="high") == ("less", "moderate")


def test_a_direct_review_is_strong() -> None:
    cat = mini([finding("r", *HIGH_VS_MIDDLE, {"big-front": "more"}, source="review-r")])
    assert verdict(cat, "big-front", height="high") == ("more", "strong")


def test_another_other_side_is_indirect_and_weak() -> None:
    cat = mini([finding("f", *HIGH_VS_LOW, {"back-one": "more"})])
    assert verdict(cat, "back-one", height="high") == ("more", "weak")
    # The same finding read from its other side: low feet against high.
    assert verdict(cat, "back-one", height="low") == ("less", "weak")
    v = judge(cat, cat.muscle("back-one"), Stance.of(height="high"))
    assert v.findings[0].indirect == (Step("other_side", "height", "low"),)
    assert words.steps(cat, v.findings[0].indirect) == ["measured against low"]  # the fixture has no labels


def test_a_finding_never_speaks_for_the_neutral_stance() -> None:
    cat = mini([finding("f", *HIGH_VS_MIDDLE, {"back-one": "more"})])
    assert verdict(cat, "back-one") == ("not_measured", None)


def test_a_proxy_is_never_more_than_weak() -> None:
    cat = mini([finding("p", {"depth": "deep"}, {"depth": "normal"}, {"big-front": "more"}, proxy="Within a rep.")])
    assert verdict(cat, "big-front", depth="deep") == ("more", "weak")


def test_load_another_load_is_indirect_two_steps_do_not_apply() -> None:
    cat = mini(
        [
            finding("mid80", *HIGH_VS_MIDDLE, {"big-front": "less"}, load_percent=80),
            finding("low80", *HIGH_VS_LOW, {"back-one": "more"}, load_percent=80),
        ]
    )
    assert verdict(cat, "big-front", height="high", load="heavy") == ("less", "moderate")
    assert verdict(cat, "big-front", height="high", load="light") == ("less", "weak")
    assert verdict(cat, "back-one", height="high", load="heavy") == ("more", "weak")
    # Against low feet AND at another load: it says nothing about this question.
    assert verdict(cat, "back-one", height="high", load="light") == ("not_measured", None)


def test_load_alone_moves_nothing() -> None:
    cat = mini([finding("mid80", *HIGH_VS_MIDDLE, {"big-front": "less"}, load_percent=80)])
    assert verdict(cat, "big-front", load="heavy") == ("not_measured", None)


def test_where_loads_disagree_the_answer_says_so() -> None:
    cat = mini(
        [
            finding("l40", *HIGH_VS_LOW, {"back-one": "more"}, load_percent=40, measured=["back-one", "big-front"]),
            finding("l80", *HIGH_VS_LOW, {"big-front": "less"}, load_percent=80, measured=["back-one", "big-front"]),
        ]
    )
    v = judge(cat, cat.muscle("back-one"), Stance.of(height="high"))
    # Silent findings apply too (measured, nothing reported), so each load notes the other.
    said = [words.load_note(cat, n) for n in v.load_notes]
    assert said == ["Study-A at 80% of 1RM: nothing reported", "Study-A at 40% of 1RM: more"]
    assert judge(cat, cat.muscle("back-one"), Stance.of(height="high", load="light")).load_notes == ()


def test_held_conditions_must_be_part_of_the_stance() -> None:
    wide_at_high = finding(
        "w", {"height": "high", "width": "wide"}, {"height": "high", "width": "narrow"}, {"back-one": "more"}
    )
    cat = mini([wide_at_high])
    assert verdict(cat, "back-one", width="wide") == ("not_measured", None)
    assert verdict(cat, "back-one", height="high", width="wide")[0] == "more"
    assert verdict(cat, "back-one", height="low", width="wide") == ("not_measured", None)


def test_not_reported_is_not_no_difference() -> None:
    cat = mini([finding("f", *HIGH_VS_MIDDLE, {"big-front": "less"}, measured=["big-front", "back-one"])])
    # Silence is measured: its own state, neither "no difference" nor "not measured".
    assert verdict(cat, "back-one", height="high") == ("not_reported", None)
    v = judge(cat, cat.muscle("back-one"), Stance.of(height="high"))
    assert [(a.finding.id, a.direction, a.reported) for a in v.findings] == [("f", "not_reported", False)]
    assert v.change == 0 and v.deciding == ()


def test_silence_does_not_hide_an_indirect_result() -> None:
    cat = mini(
        [
            finding("mid", *HIGH_VS_MIDDLE, {}, measured=["back-one"]),
            finding("low", *HIGH_VS_LOW, {"back-one": "more"}, source="study-b"),
        ]
    )
    v = judge(cat, cat.muscle("back-one"), Stance.of(height="high"))
    assert (v.direction, v.grade) == ("more", "weak")
    assert [(a.finding.id, a.direction, a.indirect != ()) for a in v.findings] == [
        ("low", "more", True),
        ("mid", "not_reported", False),
    ]


def test_a_claim_silence_bears_on_is_not_supported() -> None:
    cat = mini(
        [finding("mid", *HIGH_VS_MIDDLE, {}, measured=["back-one"])],
        [claim("c", {"height": "high"}, ["back-one"])],
    )
    use = claim_status(cat, cat.claims[0], cat.muscle("back-one"))
    assert (use.status, use.decided_by) == ("not_supported", ("mid",))
    v = judge(cat, cat.muscle("back-one"), Stance.of(height="high"))
    assert (v.direction, v.change) == ("not_reported", 0)
    assert [u.status for u in v.claimed] == ["not_supported"]


def test_a_group_result_never_speaks_for_a_head_surface_emg_cannot_reach() -> None:
    cat = mini([finding("g", {"toes": "out"}, {"toes": "straight"}, {"front": "no_difference"})], deep=["small-front"])
    assert verdict(cat, "big-front", toes="out") == ("no_difference", "moderate")
    assert verdict(cat, "small-front", toes="out") == ("not_measured", None)
    named = mini([finding("n", {"toes": "out"}, {"toes": "straight"}, {"small-front": "more"})], deep=["small-front"])
    assert verdict(named, "small-front", toes="out") == ("more", "moderate")


def test_papers_of_one_sample_count_once() -> None:
    one_lab = [
        finding("a", *HIGH_VS_MIDDLE, {"big-front": "less"}, sample="lab"),
        finding("b", *HIGH_VS_MIDDLE, {"big-front": "less"}, source="study-b", sample="lab"),
    ]
    assert verdict(mini(one_lab), "big-front", height="high") == ("less", "moderate")
    two = [finding("a", *HIGH_VS_MIDDLE, {"big-front": "less"}), one_lab[1]]
    assert verdict(mini(two), "big-front", height="high") == ("less", "strong")


def test_a_dimension_a_finding_leaves_out_is_held_at_its_usual_value() -> None:
    cat = mini([finding("h", *HIGH_VS_MIDDLE, {"big-front": "less"})])
    assert verdict(cat, "big-front", height="high") == ("less", "moderate")
    # Two legs were measured: for one leg it is one step away.
    v = judge(cat, cat.muscle("big-front"), Stance.of(height="high", legs="one"))
    assert (v.direction, v.grade) == ("less", "weak")
    assert words.steps(cat, v.findings[0].indirect) == ["measured with both"]  # the fixture has no labels
    # Two steps (against low feet, and with both legs): it does not apply.
    low = mini([finding("l", *HIGH_VS_LOW, {"big-front": "less"})])
    assert verdict(low, "big-front", height="high", legs="one") == ("not_measured", None)


def test_a_pattern_within_one_rep_is_a_step_of_its_own() -> None:
    pattern = finding("p", {"depth": "deep"}, {"depth": "partial"}, {"front": "more"}, proxy="within a rep")
    cat = mini([pattern])
    # Deep against partial, within one rep: two steps from deep against the usual depth.
    assert verdict(cat, "big-front", depth="deep") == ("not_measured", None)
    usual = mini([{**pattern, "b": {"depth": "normal"}}])
    assert verdict(usual, "big-front", depth="deep") == ("more", "weak")


def test_a_load_comparison_answers_the_load_alone() -> None:
    cat = mini([finding("l", {"load": "heavy"}, {"load": "light"}, {"front": "more"})])
    assert verdict(cat, "big-front", load="heavy") == ("more", "moderate")
    assert verdict(cat, "big-front", load="light") == ("less", "moderate")
    assert verdict(cat, "big-front") == ("not_measured", None)
    assert verdict(cat, "big-front", load="heavy", height="high") == ("not_measured", None)


def test_claim_status_is_judged_under_the_stance_load() -> None:
    cat = mini(
        [finding("h80", *HIGH_VS_MIDDLE, {"back-one": "more"}, load_percent=80)],
        [claim("c", {"height": "high"}, ["back-one"])],
    )
    c, m = cat.claims[0], cat.muscle("back-one")
    assert claim_status(cat, c, m).status == "supports"
    assert claim_status(cat, c, m, Stance.of(load="light")).status == "supports"  # one step: indirect
    low = mini(
        [finding("l80", *HIGH_VS_LOW, {"back-one": "more"}, load_percent=80)],
        [claim("c", {"height": "high"}, ["back-one"])],
    )
    assert claim_status(low, low.claims[0], m).status == "supports"
    assert claim_status(low, low.claims[0], m, Stance.of(load="light")).status == "not_tested"


def test_findings_in_one_tier_that_disagree_are_mixed() -> None:
    cat = mini(
        [
            finding("f1", *HIGH_VS_MIDDLE, {"big-front": "more"}),
            finding("f2", *HIGH_VS_MIDDLE, {"big-front": "no_difference"}, source="study-b"),
        ]
    )
    assert verdict(cat, "big-front", height="high")[0] == "mixed"


def test_a_group_result_applies_to_each_member() -> None:
    cat = mini([finding("g", {"toes": "out"}, {"toes": "straight"}, {"front": "no_difference"})])
    assert verdict(cat, "big-front", toes="out") == ("no_difference", "moderate")
    assert verdict(cat, "small-front", toes="out") == ("no_difference", "moderate")
    assert verdict(cat, "back-one", toes="out") == ("not_measured", None)


# --- claims -----------------------------------------------------------------------------------


def test_claims_never_move_anything() -> None:
    cat = mini(claims=[claim("c", {"width": "wide"}, ["back"])])
    assert verdict(cat, "back-one", width="wide") == ("not_measured", None)
    assert claim_status(cat, cat.claims[0], cat.muscle("back-one")).status == "not_tested"
    report = assess(cat, Stance.of(width="wide"))
    v = report.by_muscle()["back-one"]
    assert (v.change, v.level, v.shade) == (0, v.baseline, "claimed")
    assert [(u.claim.id, u.status) for u in v.claimed] == [("c", "not_tested")]


def test_a_claim_never_cancels_a_finding() -> None:
    cat = mini(
        [
            finding(
                "w", {"width": "wide", "height": "high"}, {"width": "narrow", "height": "high"}, {"back-one": "more"}
            )
        ],
        [claim("c", {"height": "high"}, ["back-one"], "less")],
    )
    v = judge(cat, cat.muscle("back-one"), Stance.of(height="high", width="narrow"))
    assert (v.direction, v.grade) == ("less", "weak")


def test_a_claim_direct_findings_did_not_bear_out_is_contradicted_and_never_counts() -> None:
    cat = mini(
        [finding("w", {"width": "wide"}, {"width": "hip"}, {"big-front": "no_difference"})],
        [claim("c", {"width": "wide"}, ["big-front"])],
    )
    report = assess(cat, Stance.of(width="wide"))
    v = report.by_muscle()["big-front"]
    assert (v.direction, v.grade, v.change) == ("no_difference", "moderate", 0)
    assert [(u.claim.id, u.status, u.decided_by) for u in v.claims] == [("c", "contradicts", ("w",))]
    assert [(c.claim.id, c.muscle_ids) for c in report.contradicted] == [("c", ("big-front",))]


def test_a_claim_an_indirect_finding_agrees_with_is_supported() -> None:
    cat = mini([finding("f", *HIGH_VS_LOW, {"back-one": "more"})], [claim("c", {"height": "high"}, ["back-one"])])
    assert claim_status(cat, cat.claims[0], cat.muscle("back-one"))[1:] == ("supports", ("f",))
    # the finding outranks the claim: weak, not claim
    assert verdict(cat, "back-one", height="high") == ("more", "weak")


# --- composition -----------------------------------------------------------------------------


def test_options_pointing_the_same_way_never_add_up() -> None:
    cat = mini(
        [
            finding("h", *HIGH_VS_MIDDLE, {"back-one": "more"}),
            finding("w", {"width": "wide"}, {"width": "hip"}, {"back-one": "more"}, source="study-b"),
        ]
    )
    v = judge(cat, cat.muscle("back-one"), Stance.of(height="high", width="wide"))
    assert (v.direction, v.change, v.grade) == ("more", 1, "moderate")
    assert len(v.parts) == 2


def test_options_pointing_different_ways_are_mixed() -> None:
    cat = mini(
        [
            finding("h", *HIGH_VS_MIDDLE, {"back-one": "more"}),
            finding("d", {"depth": "deep"}, {"depth": "normal"}, {"back-one": "less"}),
        ]
    )
    assert verdict(cat, "back-one", height="high", depth="deep") == ("mixed", "moderate")


def test_no_difference_needs_every_option_measured() -> None:
    cat = mini([finding("t", {"toes": "out"}, {"toes": "straight"}, {"big-front": "no_difference"})])
    assert verdict(cat, "big-front", toes="out")[0] == "no_difference"
    # Measured for one option and not for the other: no change reported, not "no difference".
    assert verdict(cat, "big-front", toes="out", height="high") == ("not_reported", None)


def test_a_rise_never_lifts_a_muscle_to_one_it_was_not_measured_to_out_work() -> None:
    cat = mini([finding("h", *HIGH_VS_MIDDLE, {"back-one": "more", "small-front": "less"})])
    report = assess(cat, Stance.of(height="high"))
    levels = {v.muscle.id: (v.baseline, v.level) for v in report.verdicts}
    # back-one (2) may not rise to meet small-front (3, falling to 2 at worst): both bars stay put.
    assert levels == {"big-front": (4, 4), "small-front": (3, 3), "back-one": (2, 2)}
    roomy = mini([finding("h", *HIGH_VS_MIDDLE, {"small-front": "more"})])
    assert assess(roomy, Stance.of(height="high")).by_muscle()["small-front"].level == 3  # 4 would tie big-front


# --- ranking ------------------------------------------------------------------------------------


def _scores_both_ways(cat: Catalog, target: str) -> tuple[dict[Stance, Any], dict[Stance, Any]]:
    muscles = [cat.muscle(i) for i in cat.expand(target)]
    shared = targets._judge_by_what_matters(cat, muscles)
    one_by_one = {s: targets._score(cat, muscles, s) for s in advisor.candidate_stances()}
    by_what_matters = {s: targets._score(cat, muscles, s, shared) for s in advisor.candidate_stances()}
    return one_by_one, by_what_matters


def test_ranking_judges_once_per_combination_the_evidence_tells_apart(catalog: Catalog) -> None:
    """Sharing judgements between stances that agree on a muscle's relevant dimensions scores
    every stance exactly as judging each one would: on the real data, every target, and on a
    small catalog where load, held positions, claims and two options meet."""
    small = mini(
        [
            finding("h", *HIGH_VS_LOW, {"back-one": "more"}, load_percent=80),
            finding("w", {"width": "wide", "height": "high"}, {"width": "hip", "height": "high"}, {"back": "more"}),
            finding("n", {"width": "narrow"}, {"width": "hip"}, {"small-front": "no_difference"}),
            finding("l", {"load": "heavy"}, {"load": "light"}, {"big-front": "more"}),
        ],
        [claim("c", {"depth": "deep"}, ["back"]), claim("d", {"height": "low"}, ["small-front"], "less")],
    )
    for cat in (catalog, small):
        asked = [m.id for m in cat.muscles] + [g.id for g in cat.groups]
        for target in asked:
            one_by_one, shared = _scores_both_ways(cat, target)
            assert shared == one_by_one, target
    assert targets.relevant_dimensions(small, small.muscle("back-one")) == ("height", "width", "depth", "legs", "load")


def test_rank_prefers_evidence_then_findings_then_simplicity() -> None:
    cat = mini(
        [
            finding("h", *HIGH_VS_LOW, {"back-one": "more"}),
            finding("w", {"width": "wide"}, {"width": "hip"}, {"back-one": "more"}),
            finding("w2", {"width": "wide"}, {"width": "hip"}, {"back-one": "more"}, source="study-b"),
        ],
        [claim("c", {"depth": "deep"}, ["back-one"])],
    )
    report = rank(cat, Found("back", "group", None))
    # The claim is listed apart, never ranked.
    claimed = [(c.claim.id, words.stance_label(cat, Stance.of(**c.claim.when)), c.status) for c in report.claimed]
    assert claimed == [("c", "deep", "not_tested")]
    assert [(words.stance_label(cat, r.stance), r.evidence) for r in report.recommendations] == [
        ("wide", "strong"),
        ("high", "weak"),
    ]
    assert words.target_note(cat, report) == "Back note."


def test_rank_never_recommends_on_a_contradicted_claim() -> None:
    cat = mini(
        [finding("w", {"width": "wide"}, {"width": "hip"}, {"back-one": "no_difference"})],
        [claim("c", {"width": "wide"}, ["back-one"])],
    )
    report = rank(cat, Found("back-one", "muscle", None))
    assert report.recommendations == ()
    assert (
        words.target_note(cat, report) == "No foot position in our sources was shown to raise the back one. Back note."
    )


def test_rank_says_when_nothing_was_measured() -> None:
    cat = mini()
    report = rank(cat, Found("small-front", "muscle", None))
    assert words.target_note(cat, report) == (
        "No study in our sources measured the small front in any foot position, so legpress has no stance to "
        "recommend for it; that is not the same as it working the same in every stance."
    )


# --- dimensions are declared once ----------------------------------------------------------------


def test_dimensions_come_from_one_declaration(run: Run) -> None:
    help_text = run("stance", "--help").stdout
    for spec in DIMENSION_SPECS:
        assert f"--{spec.name}" in help_text
        for f in spec.flags:
            assert f.flag in help_text
    assert tuple(Stance().as_dict()) == DIMENSIONS
    assert Stance().as_dict() == NEUTRAL
    schema = json.loads(run("schema", "stance").stdout)
    props = schema["$defs"]["StanceDict"]["properties"]
    assert {k: tuple(v["enum"]) for k, v in props.items()} == CHOICES


def test_every_combination_runs(run: Run) -> None:
    combos = list(all_stances())[::101]
    for stance in combos:
        args = [f"--{d}={v}" for d, v in stance.as_dict().items()]
        result = run("stance", *args, "--json")
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        assert data["stance"] == stance.as_dict()
        assert len(data["explanations"]) == len(stance.chosen())


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
    assert "'sky' is not one of middle, low, high" in result.stderr


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


def test_a_ranking_never_sums_sources_across_options() -> None:
    cat = mini(
        [
            finding("h", *HIGH_VS_LOW, {"back-one": "more"}),
            finding("w", {"width": "wide"}, {"width": "narrow"}, {"back-one": "more"}, source="study-b"),
        ]
    )
    report = rank(cat, Found("back-one", "muscle", None))
    # Each option has one (indirect) study: together they are not two sources for one rise.
    assert [(words.stance_label(cat, r.stance), r.evidence) for r in report.recommendations] == [
        ("high", "weak"),
        ("wide", "weak"),
    ]


def test_the_summary_says_a_claim_as_a_claim() -> None:
    cat = mini(
        [finding("f", *HIGH_VS_MIDDLE, {"big-front": "less"})],
        [claim("c", {"height": "high"}, ["back-one"])],
    )
    report = assess(cat, Stance.of(height="high"))
    assert words.summary(cat, report)[0] == (
        "high: less big front; claimed, not measured: more back one with high (Article-X); "
        "the quadriceps still do most of the work"
    )


# --- any two stances ---------------------------------------------------------------------------


def test_a_finding_of_exactly_the_two_stances_asked_is_direct() -> None:
    cat = mini([finding("l", *HIGH_VS_LOW, {"back-one": "more"})])
    base = Stance.of(height="low")
    v = judge(cat, cat.muscle("back-one"), Stance.of(height="high"), base)
    assert (v.direction, v.grade) == ("more", "moderate")
    assert v.findings[0].indirect == ()
    # The other way round reads the finding backwards.
    assert judge(cat, cat.muscle("back-one"), base, Stance.of(height="high"))[1:3] == ("less", "moderate")
    # Against the neutral stance the same finding is one step away.
    assert verdict(cat, "back-one", height="high") == ("more", "weak")


def test_a_finding_about_a_dimension_the_question_does_not_vary_says_nothing() -> None:
    cat = mini(
        [
            finding("h", *HIGH_VS_MIDDLE, {"back-one": "more"}),
            finding("w", {"height": "high", "width": "wide"}, {"height": "high", "width": "narrow"}, {"back": "more"}),
        ]
    )
    a, b = Stance.of(height="high", width="wide"), Stance.of(height="high", width="narrow")
    v = judge(cat, cat.muscle("back-one"), a, b)
    assert (v.direction, v.grade, [x.finding.id for x in v.findings]) == ("more", "moderate", ["w"])
    report = assess(cat, a, b)
    assert report.base == b and not report.against_neutral
    assert words.summary(cat, report)[0].startswith("high, wide against high, narrow: ")


def test_the_same_comparison_at_the_asked_load_outranks_it_at_another() -> None:
    cat = mini(
        [
            finding("l40", *HIGH_VS_LOW, {}, load_percent=40, measured=["back-one"]),
            finding("l80", *HIGH_VS_LOW, {"back-one": "more"}, load_percent=80),
        ]
    )
    high, low = Stance.of(height="high", load="light"), Stance.of(height="low", load="light")
    # At 40% the study compared exactly this and reported nothing; its 80% result is not carried over.
    assert judge(cat, cat.muscle("back-one"), high, low)[1:3] == ("not_reported", None)
    assert judge(
        cat,
        cat.muscle("back-one"),
        high._replace(values=(*high.values[:-1], "heavy")),
        low._replace(values=(*low.values[:-1], "heavy")),
    )[1:3] == ("more", "moderate")


def test_the_rankings_kept_with_the_built_in_data_are_what_the_advisor_works_out(catalog: Catalog) -> None:
    """`legpress target` reads the snapshot's rankings for the built-in data; they must be the
    advisor's own (test_the_snapshot_is_current checks the file, this the catalog loaded from it)."""
    for target in ("quadriceps", "glutes", "vastus-medialis", "soleus"):
        assert catalog.ranked(target) == targets.ranked_stances(catalog, target), target
    assert catalog.ranked("quadriceps")  # the loaded catalog came with them


def test_a_claim_in_the_sources_list_names_its_whole_stance() -> None:
    # A claim made for two positions together is listed with both, as the summary says it.
    cat = mini([], [claim("c", {"height": "high", "width": "wide"}, ["back"])])
    line = words.support(cat, advisor.Support(cat.claims[0]))
    stance = words.stance_label(cat, Stance.of(height="high", width="wide"))
    assert line == f"claim: {stance} gives more back"
    assert "," in stance  # two positions named
