"""What the records' rules mean to pydantic, and the checks of a record that span its fields:
used only when data is checked (a cache miss), never on a warm start. records.py declares each
record once; datafiles.py has one model per data file, built from these, and the checks between
files.

No `from __future__ import annotations` here: pydantic would have to compile and evaluate
every annotation string, which costs ~10 ms of start-up.
"""

import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, Field, Strict, StringConstraints

from legpress_cli.paths import path_tokens
from legpress_cli.records import (
    Choice,
    Claim,
    Comparison,
    Cue,
    Finding,
    Muscle,
    Outcome,
    Rule,
    View,
)
from legpress_cli.vocab import CHOICES, NEUTRAL, SPECS, Dimension

# Text from a data pack reaches terminals: C0 controls (but tab and newline), DEL, C1 controls
# and bidirectional overrides could move the cursor, retitle the window or reorder a grade; line
# and paragraph separators break lines where none shows; zero-width characters and tag
# characters hide text or make two names look alike.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\U000e0000-\U000e007f]"
)


def _safe(text: str) -> str:
    found = UNSAFE.search(text)
    if found:
        raise ValueError(
            f"contains the control character U+{ord(found.group()):04X}, which is not allowed in data text"
        )
    return text


def _check_partial(stance: dict[Dimension, str]) -> dict[Dimension, str]:
    for dimension, value in stance.items():
        if SPECS[dimension].context and value == NEUTRAL[dimension]:
            raise ValueError(f"{dimension} = {value!r} is not a load to compare: give the study's load_percent instead")
        if value not in CHOICES[dimension]:
            raise ValueError(f"{value!r} is not one of {', '.join(CHOICES[dimension])} for {dimension}")
    return stance


def _path(path: str) -> str:
    path_tokens(path)
    return path


# Each rule's name, and the pydantic metadata it stands for given its limits.
RULES: dict[str, Callable[..., tuple[object, ...]]] = {
    "id": lambda: (StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60),),
    "name": lambda: (StringConstraints(strip_whitespace=True, min_length=1, max_length=80), AfterValidator(_safe)),
    "text": lambda: (StringConstraints(strip_whitespace=True, min_length=1, max_length=800), AfterValidator(_safe)),
    "short": lambda: (StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9]{1,3}$"),),
    "doi": lambda: (StringConstraints(strip_whitespace=True, pattern=r"^10\.[0-9]{4,9}/[-._;()/:A-Za-z0-9]+$"),),
    "strict": lambda: (Strict(),),
    "count": lambda **limits: (Strict(), Field(**limits)),
    "size": lambda **limits: (Field(**limits),),
    "stance": lambda: (AfterValidator(_check_partial),),
    "path": lambda: (StringConstraints(min_length=1, max_length=4000), AfterValidator(_path)),
}


def rule_schema(rule: Rule, source: Any, handler: Any) -> Any:
    """The schema of `source` under `rule` (pydantic's GetCoreSchemaHandler hook)."""
    return handler.generate_schema(Annotated[source, *RULES[rule.name](**rule.limits)])


# --- checks of one record across its fields ---------------------------------------------------


def _muscle(m: Muscle) -> Muscle:
    baselines = [p.role for p in m.roles if p.baseline]
    if len(baselines) != 1:
        found = ", ".join(baselines) or "none"
        raise ValueError(f"needs exactly one role with baseline = true (found: {found})")
    seen = [p.role for p in m.roles]
    if len(seen) != len(set(seen)):
        raise ValueError("lists the same role twice")
    return m


def _cue(c: Cue) -> Cue:
    for dimension, value in c.when.items():
        if value not in CHOICES[dimension]:
            raise ValueError(f"when.{dimension}: {value!r} is not one of {', '.join(CHOICES[dimension])}")
    return c


def _choice(c: Choice) -> Choice:
    allowed = CHOICES[c.dimension]
    if c.value not in allowed:
        raise ValueError(f"value {c.value!r} is not one of {', '.join(allowed)} for {c.dimension}")
    return c


def _results_measured(measured: tuple[str, ...], results: Mapping[str, str], outcomes: tuple[Outcome, ...]) -> None:
    if not measured and not outcomes:
        raise ValueError("a finding must measure a muscle or record an outcome")
    for target in results:
        if target not in measured:
            raise ValueError(f"results name {target!r}, which is not in measured")


def _finding(f: Finding) -> Finding:
    if set(f.a) != set(f.b):
        raise ValueError("a and b must name the same dimensions (say what was held the same in both)")
    if all(f.a[d] == f.b[d] for d in f.a):
        raise ValueError("a and b are the same condition; a finding compares two")
    _results_measured(f.measured, f.results, f.outcomes)
    if f.load_percent is not None and any(SPECS[d].context for d in f.a):
        raise ValueError("a finding that compares loads has no single load_percent")
    return f


def _claim(c: Claim) -> Claim:
    if all(v == NEUTRAL[d] for d, v in c.when.items()):
        raise ValueError("when names only neutral positions; a claim is about a change")
    return c


def _comparison(c: Comparison) -> Comparison:
    _results_measured(c.measured, c.results, c.outcomes)
    return c


def _view(v: View) -> View:
    widths = {len(r) for r in v.rows}
    if len(widths) != 1:
        raise ValueError(f"rows must all have the same width (found {sorted(widths)})")
    for key in v.regions:
        if len(key) != 1 or not key.islower():
            raise ValueError(f"region key {key!r} must be one lowercase letter")
    allowed = set(v.regions) | {k.upper() for k in v.regions} | {" ", "."}
    for n, row in enumerate(v.rows):
        for ch in row:
            if ch not in allowed:
                raise ValueError(f"rows[{n}] uses {ch!r}, which is not a region key")
    if v.shape or v.outline:
        _check_drawing(v)
    return v


def _check_drawing(v: View) -> None:
    if v.size is None or v.outline is None:
        raise ValueError("a view with shapes needs both size and outline")
    width, height = v.size
    seen: set[str] = set()
    for n, sh in enumerate(v.shape):
        where = f"shape[{n}]"
        if sh.muscle in seen:
            raise ValueError(f"{where}: {sh.muscle!r} is drawn twice in this view; join its parts in one path")
        seen.add(sh.muscle)
        _inside(sh.path, width, height, where)
        if not (0 <= sh.label[0] <= width and 0 <= sh.label[1] <= height):
            raise ValueError(f"{where}.label: {list(sh.label)} is outside the view's size {width}x{height}")
    _inside(v.outline, width, height, "outline")


def _inside(path: str, width: int, height: int, where: str) -> None:
    numbers = [t for t in path_tokens(path) if isinstance(t, float)]
    xs, ys = numbers[0::2], numbers[1::2]
    if any(not 0 <= x <= width for x in xs) or any(not 0 <= y <= height for y in ys):
        raise ValueError(f"{where}: a point lies outside the view's size {width}x{height}")


# Each record that has them, with its checks across fields: what a data file's model lists.
CheckedMuscle = Annotated[Muscle, AfterValidator(_muscle)]
CheckedCue = Annotated[Cue, AfterValidator(_cue)]
CheckedChoice = Annotated[Choice, AfterValidator(_choice)]
CheckedFinding = Annotated[Finding, AfterValidator(_finding)]
CheckedClaim = Annotated[Claim, AfterValidator(_claim)]
CheckedComparison = Annotated[Comparison, AfterValidator(_comparison)]
CheckedView = Annotated[View, AfterValidator(_view)]
