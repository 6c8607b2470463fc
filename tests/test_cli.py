"""Every command and option through CliRunner: exit code, exact output, errors on stderr."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Run, golden
from legpress_cli import __version__
from legpress_cli.catalog import builtin_data_dir
from legpress_cli.commands import NAMES
from legpress_cli.records import Catalog
from legpress_cli.vocab import DIMENSION_SPECS, ROLES

QUADS = {"vastus-lateralis", "vastus-medialis", "vastus-intermedius", "rectus-femoris"}
HAMSTRINGS = {"biceps-femoris", "semitendinosus", "semimembranosus"}

GOLDEN_CASES = [
    ("muscles.txt", ["muscles"]),
    ("muscles-primary.txt", ["muscles", "--role", "primary"]),
    ("muscles-hamstrings.txt", ["muscles", "--group", "hams"]),
    ("muscle-vmo.txt", ["muscle", "vmo"]),
    ("cues.txt", ["cues"]),
    ("cues-breathing.txt", ["cues", "--phase", "breathing"]),
    ("sources.txt", ["sources"]),
    ("stance-neutral.txt", ["stance"]),
    ("stance-high-wide.txt", ["stance", "--high", "--wide"]),
    ("target-glutes.txt", ["target", "glutes"]),
    ("target-adductors.txt", ["target", "inner thigh"]),
    ("map-high.txt", ["map", "--high"]),
    ("stance-one-leg.txt", ["stance", "--one-leg"]),
    ("compare-squat.txt", ["compare", "squat"]),
    ("compare-knee-extension.txt", ["compare", "knee-extension"]),
    ("report-high-wide.md", ["report", "--high", "--wide", "--format", "markdown", "-o", "-"]),
]


@pytest.mark.parametrize(("name", "args"), GOLDEN_CASES, ids=[c[0] for c in GOLDEN_CASES])
def test_exact_output(run: Run, name: str, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    golden(name, result.stdout)


NARROW_CASES = [
    ("stance-high-wide-40.txt", ["stance", "--high", "--wide"], 40),
    ("muscle-vmo-80.txt", ["muscle", "vmo"], 80),
    ("target-glutes-40.txt", ["target", "glutes"], 40),
    ("compare-squat-40.txt", ["compare", "squat"], 40),
]


@pytest.mark.parametrize(("name", "args", "columns"), NARROW_CASES, ids=[c[0] for c in NARROW_CASES])
def test_narrow_layouts(run: Run, name: str, args: list[str], columns: int) -> None:
    """Narrow terminals get layouts of their own: no bar or heading is broken across lines, and
    the muscle's foot positions are listed rather than squeezed into a thin column."""
    result = run(*args, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= columns
    golden(name, result.stdout)


def test_muscles_json_roles(run_json: Callable[..., Any]) -> None:
    data = run_json("muscles")
    assert data["schema_version"] == 3 and data["command"] == "muscles"
    roles = {m["id"]: m["role"] for m in data["muscles"]}
    assert all(roles[m] == "primary" for m in QUADS)
    assert all(roles[m] != "primary" for m in HAMSTRINGS)
    assert roles["gastrocnemius"] == "stabilizer"
    for m in data["muscles"]:
        assert {"id", "name", "group", "role"} <= set(m)
    hamstring = next(m for m in data["muscles"] if m["id"] == "biceps-femoris")
    (dispute,) = hamstring["disputes"]
    assert (dispute["role"], dispute["evidence"], dispute["sources"]) == (
        "primary",
        "contradicted",
        ["article-b"],
    )


def test_muscles_filters(run_json: Callable[..., Any], catalog: Catalog) -> None:
    def ids(role: str | None = None, group: str | None = None) -> list[str]:
        """What the filters should keep, worked out from the data rather than written down."""
        return [
            m.id for m in catalog.muscles if (role is None or m.role == role) and (group is None or m.group == group)
        ]

    primary = run_json("muscles", "--role", "primary")
    assert [m["id"] for m in primary["muscles"]] == ids(role="primary") != []
    assert all(m["role"] == "primary" for m in primary["muscles"])
    hamstrings = run_json("muscles", "--group", "hamstrings")
    assert [m["id"] for m in hamstrings["muscles"]] == ids(group="hamstrings") != []
    both = run_json("muscles", "--group", "calves", "--role", "stabilizer")
    assert [m["id"] for m in both["muscles"]] == ids("stabilizer", "calves") != []
    assert (both["role"], both["group"]) == ("stabilizer", "calves")


def _an_empty_filter(catalog: Catalog) -> tuple[str, str]:
    taken = {(m.group, m.role) for m in catalog.muscles}
    return next((g.id, r) for g in catalog.groups for r in ROLES if (g.id, r) not in taken)


def test_muscles_empty_filter_says_so(run: Run, run_json: Callable[..., Any], catalog: Catalog) -> None:
    group, role = _an_empty_filter(catalog)
    result = run("muscles", "--group", group, "--role", role)
    assert (result.exit_code, result.stdout) == (0, "No muscle matches those filters.\n")
    assert run_json("muscles", "--group", group, "--role", role)["muscles"] == []


def test_bad_role_lists_the_valid_ones(run: Run) -> None:
    result = run("muscles", "--role", "boss")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "legpress: error: Invalid value for '--role': 'boss' is not one of primary, secondary, stabilizer "
        "(hint: see 'legpress muscles --help')\n"
    )


def test_bad_group(run: Run) -> None:
    result = run("muscles", "--group", "arms")
    assert result.exit_code == 2
    assert result.stderr == (
        "legpress: error: unknown group 'arms' "
        "(hint: choose one of: quadriceps, glutes, hamstrings, adductors, calves)\n"
    )


@pytest.mark.parametrize("name", ["vmo", "VMO", "vastus medialis", "Vastus-Medialis", "vastus_medialis", "inner quad"])
def test_muscle_by_any_spelling(run_json: Callable[..., Any], name: str) -> None:
    data = run_json("muscle", name)
    assert data["muscle"]["id"] == "vastus-medialis"
    assert data["guessed_from"] is None


def test_muscle_typo_resolves_with_a_note(run: Run) -> None:
    result = run("muscle", "vastus medalis")
    assert result.exit_code == 0
    assert result.stderr == "legpress: reading 'vastus medalis' as Vastus medialis\n"
    assert result.stdout.startswith("Vastus medialis\n")
    data = json.loads(run("muscle", "vastus medalis", "--json").stdout)
    assert (data["muscle"]["id"], data["guessed_from"]) == ("vastus-medialis", "vastus medalis")


def test_muscle_detail_lists_the_stances_that_change_it(run_json: Callable[..., Any]) -> None:
    effects = run_json("muscle", "gluteus maximus")["muscle"]["stance_effects"]
    assert [(e["value"], e["direction"], e["evidence"]) for e in effects] == [
        ("high", "more", "weak"),
        ("upright", "no_difference", "weak"),  # Marchetti 2023 measured it against a reclined seat
        ("reclined", "no_difference", "weak"),
        ("deep", "not_measured", None),  # only article A's claim: shown, never a direction
        ("low", "less", "weak"),
    ]


@pytest.mark.parametrize(
    ("name", "stderr"),
    [
        (
            "xyz",
            "legpress: error: unknown muscle 'xyz' (hint: run 'legpress muscles' to list them)\n",
        ),
        (
            "biceps brachii",
            "legpress: error: the leg press does not train the biceps brachii (front of the upper arm) "
            "(hint: run 'legpress muscles' to see the muscles it does train)\n",
        ),
        (
            "vastus",
            "legpress: error: 'vastus' could be vastus-lateralis, vastus-medialis, vastus-intermedius "
            "(hint: say which one)\n",
        ),
        (
            "quads",
            "legpress: error: 'quads' is a group, not one muscle "
            "(hint: try 'legpress muscles --group quadriceps' or 'legpress target quadriceps')\n",
        ),
        ("  ", "legpress: error: empty muscle name (hint: run 'legpress muscles' to list them)\n"),
    ],
)
def test_unknown_muscle_exits_2_with_one_line(run: Run, name: str, stderr: str) -> None:
    result = run("muscle", name)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", stderr)


def test_cues_cover_the_required_points(run_json: Callable[..., Any]) -> None:
    data = run_json("cues")
    text = " ".join(c["cue"].lower() for c in data["cues"])
    for phrase in (
        "flat on the seat pad",
        "hips start to tuck",
        "in line with your toes",
        "locking your knees",
        "do not hold your breath",
    ):
        assert phrase in text
    assert [c["phase"] for c in data["cues"]] == sorted(
        (c["phase"] for c in data["cues"]),
        key=["setup", "lowering", "bottom", "pressing", "top", "breathing"].index,
    )
    assert data["disclaimer"].startswith("Not medical advice")


def test_cues_by_phase(run_json: Callable[..., Any]) -> None:
    assert [c["id"] for c in run_json("cues", "--phase", "top")["cues"]] == ["no-lockout"]


def test_sources_are_numbered_with_what_they_support(run_json: Callable[..., Any], catalog: Catalog) -> None:
    sources = run_json("sources")["sources"]
    assert [s["number"] for s in sources] == list(range(1, len(sources) + 1))
    sale = next(s for s in sources if s["id"] == "sale-1994")
    # A cue by its words, never by its id.
    cue = next(c for c in catalog.cues if c.id == "exhale-through-press")
    assert sale["supports"] == [f"cue (breathing): {cue.cue} (weak)"]
    assert all(s["supports"] for s in sources)


def test_version(run: Run) -> None:
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"legpress {__version__}\n")


def test_bare_command_and_help_say_where_to_start(run: Run) -> None:
    for args in ([], ["help"]):
        result = run(*args)
        assert result.exit_code == 0
        assert result.stdout.startswith("legpress: what the leg press works")
        assert "  legpress stance --high --vs low " in result.stdout and "legpress grades" in result.stdout
    full = run("--help")
    assert "Usage: legpress [OPTIONS] COMMAND [ARGS]..." in full.stdout
    for command in NAMES:
        assert f"│ {command} " in full.stdout


def test_help_command_gives_one_commands_help(run: Run) -> None:
    assert run("help", "stance").stdout == run("stance", "--help").stdout
    bad = run("help", "nope")
    assert bad.exit_code == 2 and "no command 'nope' (hint: choose one of: muscles," in bad.stderr


@pytest.mark.parametrize(
    ("word", "hint"),
    [
        ("glutes", "try 'legpress target glutes' or 'legpress muscles --group glutes'"),
        ("vmo", "try 'legpress target vastus-medialis' or 'legpress muscle vastus-medialis'"),
        ("knees", "try 'legpress knee'"),
    ],
)
def test_a_first_word_that_names_a_muscle_points_to_its_commands(run: Run, word: str, hint: str) -> None:
    result = run(word)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"legpress: error: {word!r} is not a command (hint: {hint})\n"


def test_grades_are_explained_offline(run: Run) -> None:
    result = run("grades")
    assert result.exit_code == 0
    assert "how sure we are that a change was measured, not how big" in result.stdout
    assert "Example: legpress stance --high" in result.stdout


@pytest.mark.parametrize("command", ["", *NAMES])
def test_flags_show_no_bool_metavar(run: Run, command: str) -> None:
    """No flag's help shows <bool> (ours, --help, --install-completion), which invites --high true."""
    text = run(*([command] if command else []), "--help", env={"COLUMNS": "120"}).stdout
    assert "--help " in text
    assert "<bool>" not in text


def test_evidence_takes_a_group(run: Run, catalog: Any) -> None:
    result = run("evidence", "hamstrings", "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    heads = {m.id for m in catalog.members("hamstrings")}
    on = {f.id for h in heads for f in catalog.findings_on(h)}
    assert {f["id"] for f in data["findings"]} == on and on
    assert {c["muscle"] for claim in data["claims"] for c in claim["status"]} <= heads


def test_plain_does_not_leak_into_the_next_run_in_one_process(run: Run) -> None:
    plain = run("--plain", "stance", "--high").stdout
    after = run("stance", "--high").stdout
    assert "■" not in plain and "■" in after


@pytest.mark.parametrize("command", NAMES)
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_command_has_help_with_an_example(run: Run, command: str, flag: str) -> None:
    result = run(command, flag)
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"legpress {command}" in result.stdout


def test_mistyped_command_is_suggested(run: Run) -> None:
    result = run("muscels")
    assert result.exit_code == 2
    assert result.stderr == (
        "legpress: error: No such command 'muscels'. Did you mean 'muscles', 'muscle'? (hint: see 'legpress --help')\n"
    )


def test_unknown_option(run: Run) -> None:
    result = run("cues", "--fast")
    assert result.exit_code == 2
    assert result.stderr == (
        "legpress: error: No such option: --fast (Possible options: --format, --phase) "
        "(hint: see 'legpress cues --help')\n"
    )


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["muscles", "--data", "/x"],
            "legpress: error: No such option: --data "
            "(hint: --data goes before the command: legpress --data DIR muscles ...)\n",
        ),
        (
            ["stance", "--high", "--data=/x"],
            "legpress: error: No such option: --data (Possible options: --partial, --seat, --width) "
            "(hint: --data goes before the command: legpress --data DIR stance ...)\n",
        ),
        (
            ["sources", "--version"],
            "legpress: error: No such option: --version (Possible options: --json) "
            "(hint: --version goes before the command: legpress --version)\n",
        ),
    ],
)
def test_global_option_after_the_command_says_where_it_goes(run: Run, args: list[str], stderr: str) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", stderr)


def test_missing_argument_is_a_usage_error(run: Run) -> None:
    result = run("muscle")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "legpress: error: Missing argument 'name'. (hint: see 'legpress muscle --help')\n"


@pytest.mark.parametrize(
    ("args", "adapters"),
    [
        (["muscles"], []),
        (["muscle", "vmo"], []),
        (["muscles", "--group", "hams", "--role", "primary"], []),
        (["stance", "--high", "--width", "wide"], []),
        (["--data", str(builtin_data_dir()), "cues", "--phase", "top"], []),
    ],
)
def test_typer_converts_only_what_needs_converting(
    run: Run, monkeypatch: pytest.MonkeyPatch, args: list[str], adapters: list[str]
) -> None:
    """Start-up: options left out, plain words (--data is a str) and exact choices skip Typer's
    TypeAdapters; anything else still gets one (see coercion.py). Fails if a Typer release
    changes what that relies on."""
    import typer.core

    from legpress_cli import coercion

    built: list[str] = []
    real = typer.core.build_runtime_param  # type: ignore[attr-defined]

    def recording(descriptor: Any) -> Any:
        built.append(str(descriptor.annotation))
        return real(descriptor)

    monkeypatch.setattr(typer.core, "build_runtime_param", recording)
    uninstall = coercion.install()  # as the console script does
    assert uninstall is not None
    try:
        result = run(*args, "--json")
    finally:
        uninstall()
    assert result.exit_code == 0, result.stderr
    assert built == adapters


@pytest.mark.parametrize(
    "typed",
    [
        "glu\u0301teus maximus",
        "GLUTEUS MAXIMUS",
        "\uff47\uff4c\uff55\uff54\uff45\uff55\uff53 \uff4d\uff41\uff58\uff49\uff4d\uff55\uff53",
        "Glúteus Máximus",
    ],
    ids=["nfd", "upper", "fullwidth", "accented"],
)
def test_names_match_whatever_the_unicode_form(run: Run, typed: str) -> None:
    result = run("muscle", typed)
    assert (result.exit_code, result.stderr) == (0, "")  # exact: no "reading ... as" note
    assert result.stdout.startswith("Gluteus maximus\n")


def test_names_fold_case_fully(run: Run, data_copy: Path) -> None:
    muscles = data_copy / "muscles.toml"
    text = muscles.read_text(encoding="utf-8")
    muscles.write_text(text.replace('"glute max",', '"glute max", "Gesäßmuskel",', 1), encoding="utf-8")
    result = run("--data", str(data_copy), "muscle", "GESÄSSMUSKEL")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("Gluteus maximus\n")


def test_control_characters_in_arguments_are_escaped_in_messages(run: Run) -> None:
    result = run("muscle", "vm\x1b]0;owned\x07\u202e")
    assert result.exit_code == 2
    assert result.stderr.startswith("legpress: error: unknown muscle 'vm\\x1b]0;owned\\x07\\u202e'")
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr


@pytest.mark.parametrize(
    ("name", "stderr"),
    [
        (
            "deadlift",
            "legpress: error: no comparison with the exercise 'deadlift' (hint: legpress knows: {known})\n",
        ),
        (
            "",
            "legpress: error: no comparison with the exercise '' (hint: legpress knows: {known})\n",
        ),
    ],
)
def test_unknown_exercise_exits_2_naming_the_known_ones(run: Run, catalog: Any, name: str, stderr: str) -> None:
    known = ", ".join(e.id for e in catalog.exercises)  # whatever the data holds today
    result = run("compare", name)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", stderr.format(known=known))


def test_compare_reads_a_typo_and_says_so(run: Run) -> None:
    result = run("compare", "sqaut")
    assert result.exit_code == 0
    assert result.stderr == "legpress: reading 'sqaut' as Back squat\n"
    assert result.stdout.startswith("The leg press against the back squat\n")


def test_one_leg_is_a_stance_option_like_the_others(run: Run) -> None:
    both = run("stance", "--one-leg", "--legs", "both")
    assert both.exit_code == 2
    assert "--one-leg and --legs both both set the number of legs; choose one" in both.stderr
    assert run("stance", "--legs", "one").stdout == run("stance", "--one-leg").stdout


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["stance", "--high", "--vs", "sideways"],
            "legpress: error: --vs: 'sideways' is not a stance value (hint: choose from: "
            + ", ".join(v for spec in DIMENSION_SPECS for v in spec.values)
            + "; see 'legpress stance --help')\n",
        ),
        (
            ["stance", "--high", "--vs", "high"],
            "legpress: error: --vs names the same stance as the one asked about (hint: see 'legpress stance --help')\n",
        ),
        (
            ["stance", "--vs", "low,high"],
            "legpress: error: --vs names two values for the height (hint: see 'legpress stance --help')\n",
        ),
    ],
)
def test_vs_usage_errors(run: Run, args: list[str], stderr: str) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", stderr)


def test_vs_says_what_is_measured_against_what_and_fits_a_screen(run: Run) -> None:
    result = run("stance", "--high", "--vs", "low", env={"COLUMNS": "100"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Stance: high feet against low feet" and len(lines) <= 38
    assert run("stance", "--high", "--vs", "height=low").stdout == run("stance", "--high", "--vs", "low").stdout


def test_vs_completes_stance_values() -> None:
    from legpress_cli.cli import complete_vs

    assert complete_vs("lo") == ["low"]
    assert complete_vs("high,na") == ["high,narrow"]


@pytest.mark.parametrize("args", [["target", "knee"], ["muscle", "knees"], ["evidence", "Knee"]])
def test_the_knee_is_pointed_to_not_unknown(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert "is a joint, not a muscle (hint: run 'legpress knee'" in result.stderr
    assert result.stderr.count("\n") == 1


def test_knee_says_pain_needs_a_clinician(run: Run) -> None:
    result = run("knee", env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert "for a clinician to assess, not for a tool" in result.stdout
    assert result.stdout.startswith("The knee: what was measured, and what changes it\nBy foot height\n")


def test_evidence_as_csv_parses(run: Run, catalog: Any) -> None:
    import csv
    import io

    result = run("evidence", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and set(rows[0]) >= {"study", "comparison", "muscle", "result", "sample"}
    assert {r["result"] for r in rows} <= {"more", "less", "no_difference", "not_reported"}
    assert len(rows) == sum(len(catalog.recorded(f)) for f in catalog.findings)


def test_sources_as_bibtex_one_entry_each(run: Run, catalog: Any) -> None:
    text = run("sources", "--format", "bibtex").stdout
    entries = [e for e in text.split("\n@") if e.strip()]
    assert len(entries) == len(catalog.sources)
    for entry in entries:
        assert "author = {" in entry and "title = {" in entry and "year = {" in entry
    assert "doi = {10.1519/JSC.0b013e3181739445}" in text
    assert "author = {Da Silva EM and Brentano MA and Cadore EL" in text


def test_sources_show_dois(run: Run) -> None:
    assert "doi:10.1519/JSC.0b013e3181739445" in run("sources", env={"COLUMNS": "300"}).stdout


def test_format_and_json_both_is_a_usage_error(run: Run) -> None:
    result = run("muscles", "--json", "--format", "csv")
    assert result.exit_code == 2 and "--json and --format csv both choose the output" in result.stderr


def test_choices_match_whatever_their_case(run: Run) -> None:
    assert run("cues", "--phase", "Bottom").stdout == run("cues", "--phase", "bottom").stdout
    bad = run("muscles", "--role", "bogus")
    assert bad.exit_code == 2
    assert "Invalid value for '--role': 'bogus' is not one of primary, secondary, stabilizer" in bad.stderr
    assert "Value error" not in bad.stderr
