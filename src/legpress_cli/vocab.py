"""The project's fixed vocabulary, shared by the data models, the CLI and the JSON contract.

Plain typing only, no pydantic: the CLI needs these names on every start, completion included.
The stance dimensions are declared once, in DIMENSION_SPECS; everything else about them (the
CLI's flags, the JSON contract's stance object, the advisor's neutral stance, the tests) is
derived from it.
"""

from typing import Literal, NamedTuple

Grade = Literal["strong", "moderate", "weak", "claim", "contradicted"]
Role = Literal["primary", "secondary", "stabilizer"]
Phase = Literal["setup", "lowering", "bottom", "pressing", "top", "breathing"]
Dimension = Literal["height", "width", "depth", "toes", "legs", "seat", "heels", "squeeze", "load"]
# What a finding saw for one muscle, condition A against condition B.
Result = Literal["more", "less", "no_difference"]
# A finding as it bears on one muscle it recorded: a result, or silence ("not_reported": the
# study recorded the muscle in this comparison and reported nothing about it). Silence is
# measured, but it is not a result: it never moves anything.
Observed = Literal["more", "less", "no_difference", "not_reported"]
# What the advisor says about one muscle in a stance against the neutral stance. Only findings
# decide it; claims are shown beside it, never in it.
Direction = Literal["more", "less", "no_difference", "mixed", "not_reported", "not_measured"]
# What research says of a claim: `not_supported` when studies recorded the muscle in the claimed
# comparison (or one step from it) without reporting the claimed change.
Status = Literal["supports", "contradicts", "not_supported", "not_tested"]

# The vocabulary's order matters: ranking prefers earlier (stronger) grades.
GRADES: tuple[Grade, ...] = ("strong", "moderate", "weak", "claim", "contradicted")
ROLES: tuple[Role, ...] = ("primary", "secondary", "stabilizer")
PHASES: tuple[Phase, ...] = ("setup", "lowering", "bottom", "pressing", "top", "breathing")
RESULTS: tuple[Result, ...] = ("more", "less", "no_difference")
DIRECTIONS: tuple[Direction, ...] = ("more", "less", "no_difference", "mixed", "not_reported", "not_measured")
# How a map shades a muscle: its direction, or "claimed" where only a claim speaks of it.
SHADES: tuple[str, ...] = (*DIRECTIONS, "claimed")
STATUSES: tuple[Status, ...] = ("supports", "contradicts", "not_supported", "not_tested")


class Flag(NamedTuple):
    flag: str  # e.g. "--high"
    value: str
    help: str


class DimensionSpec(NamedTuple):
    name: Dimension
    words: str  # how a sentence names it: "foot height"
    values: tuple[str, ...]  # the neutral value first
    flags: tuple[Flag, ...]  # shorthand flags, one per non-neutral value that has one
    help: str  # help of the long option, e.g. --height
    # A context dimension (load) says under what conditions the comparison holds; it is not a
    # change of position, so choosing it alone moves nothing.
    context: bool = False
    # A finding that does not mention this dimension was done at its usual value (two legs),
    # so using the finding at another value is one step away from what it measured.
    usual_when_unsaid: bool = False


DIMENSION_SPECS: tuple[DimensionSpec, ...] = (
    DimensionSpec(
        "height",
        "foot height",
        ("middle", "low", "high"),
        (Flag("--high", "high", "Feet high on the platform."), Flag("--low", "low", "Feet low on the platform.")),
        "Foot height.",
    ),
    DimensionSpec(
        "width",
        "stance width",
        ("hip", "narrow", "wide"),
        (Flag("--wide", "wide", "Feet wider than the hips."), Flag("--narrow", "narrow", "Feet close together.")),
        "Stance width.",
    ),
    DimensionSpec(
        "depth",
        "depth",
        ("normal", "partial", "deep"),
        (
            Flag("--deep", "deep", "Knees brought toward the chest."),
            Flag("--partial", "partial", "A shorter range of motion."),
        ),
        "Range of motion.",
    ),
    DimensionSpec(
        "toes",
        "toe angle",
        ("straight", "out"),
        (Flag("--toes-out", "out", "Toes turned out."),),
        "Toe angle.",
    ),
    DimensionSpec(
        "legs",
        "number of legs",
        ("both", "one"),
        (Flag("--one-leg", "one", "Press with one leg at a time."),),
        "Legs pressing at once.",
        usual_when_unsaid=True,
    ),
    DimensionSpec(
        "seat",
        "seat angle",
        ("usual", "upright", "reclined"),
        (
            Flag("--reclined", "reclined", "Backrest reclined, about 125 degrees."),
            Flag("--upright", "upright", "Backrest upright, about 90 degrees."),
        ),
        "Backrest angle.",
    ),
    DimensionSpec(
        "heels",
        "how the foot presses",
        ("flat", "toes-up"),
        (Flag("--toes-up", "toes-up", "Press through the heels with the toes pulled up."),),
        "Pressing through the whole foot, or through the heels with the toes pulled up.",
    ),
    DimensionSpec(
        "squeeze",
        "knee squeeze",
        ("none", "ball", "thighs"),
        (
            Flag("--ball-squeeze", "ball", "Squeeze a ball between the knees while pressing."),
            Flag("--thigh-squeeze", "thighs", "Squeeze the thighs inward while pressing."),
        ),
        "Squeezing the knees together while pressing.",
    ),
    DimensionSpec(
        "load",
        "load",
        ("any", "light", "heavy"),
        (),
        "Load: light is about 40% of 1RM, heavy about 80% (default: any load).",
        context=True,
    ),
)

DIMENSIONS: tuple[Dimension, ...] = tuple(s.name for s in DIMENSION_SPECS)
CHOICES: dict[Dimension, tuple[str, ...]] = {s.name: s.values for s in DIMENSION_SPECS}
NEUTRAL: dict[Dimension, str] = {d: values[0] for d, values in CHOICES.items()}
SPECS: dict[Dimension, DimensionSpec] = {s.name: s for s in DIMENSION_SPECS}

# How a study's load (% of 1RM) maps onto the load dimension: at or above this is heavy.
HEAVY_FROM_PERCENT = 60


def load_class(percent: int | None) -> str | None:
    """The load dimension's value for a study's load, or None when the load was not given."""
    if percent is None:
        return None
    return "heavy" if percent >= HEAVY_FROM_PERCENT else "light"
