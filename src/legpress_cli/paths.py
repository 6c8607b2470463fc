"""SVG path data as the map file may give it: absolute move, line, quadratic and cubic curve
and close only. Checked by model.py when data is validated; mirrored by vector.py when drawn.
No pydantic here: drawing a map from the cache must not import it.
"""

import itertools
import re

# Absolute move, line, quadratic and cubic curve and close only,
# so that mirroring a leg is arithmetic on x and nothing in a data pack can reach the SVG but
# letters from this set and numbers.
PATH_ARITY = {"M": 2, "L": 2, "Q": 4, "C": 6, "Z": 0}
_PATH_TOKEN = re.compile(r"\s*(?:([MLQCZ])|(-?\d{1,4}(?:\.\d{1,2})?))\s*,?")


def path_tokens(path: str) -> list[str | float]:
    """The commands and numbers of `path`; ValueError naming what is wrong with it."""
    out: list[str | float] = []
    at = 0
    while at < len(path):
        m = _PATH_TOKEN.match(path, at)
        if m is None or m.end() == at:
            raise ValueError(f"unexpected {path[at : at + 10]!r} at character {at} (use M, L, Q, C, Z and numbers)")
        out.append(m.group(1) if m.group(1) else float(m.group(2)))
        at = m.end()
    if not out or out[0] != "M":
        raise ValueError("must start with M")
    commands = [n for n, t in enumerate(out) if isinstance(t, str)] + [len(out)]
    for start, end in itertools.pairwise(commands):
        command, count = out[start], end - start - 1
        arity = PATH_ARITY[str(command)]
        if (count % arity if arity else count) or (arity and not count):
            wanted = f"numbers in sets of {arity}" if arity else "no numbers"
            raise ValueError(f"{command} takes {wanted}, found {count}")
    return out


def drawn(path: str, mirror_width: int | None = None) -> str:
    """`path` rewritten from its tokens (so only its letters and numbers reach the SVG), and
    reflected left to right inside a view `mirror_width` wide when one is given."""
    out: list[str] = []
    index = 0
    for token in path_tokens(path):
        if isinstance(token, str):
            out.append(token)
            index = 0
            continue
        flip = mirror_width is not None and index % 2 == 0
        out.append(f"{(mirror_width - token) if mirror_width is not None and flip else token:g}")
        index += 1
    return " ".join(out)
