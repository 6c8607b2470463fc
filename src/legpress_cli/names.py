"""Name matching that needs neither pydantic nor rich, so shell completion stays cheap."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

# A token this short must match exactly: "vl" is not a typo of "vi".
_SHORT = 3
# Per-token similarity that counts as a typo ("medalis" ~ "medialis" is 0.93).
_TYPO = 0.8


def normalize(name: str) -> str:
    """The form names are compared in: case, hyphens, underscores and spacing do not matter."""
    return " ".join(name.lower().replace("-", " ").replace("_", " ").split())


class Spelling(NamedTuple):
    text: str  # normalized
    owner: str  # the id it names


class Match(NamedTuple):
    owners: tuple[str, ...]  # empty: nothing close; one: resolved; several: ambiguous
    exact: bool


def _token_score(query: Sequence[str], candidate: Sequence[str]) -> float:
    from difflib import SequenceMatcher  # only a typo needs it; exact names skip the import

    if len(query) != len(candidate):
        return 0.0
    scores = []
    for q, c in zip(query, candidate, strict=True):
        if q == c:
            scores.append(1.0)
        elif min(len(q), len(c)) <= _SHORT:
            return 0.0
        else:
            scores.append(SequenceMatcher(None, q, c).ratio())
    return min(scores)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def match(query: str, spellings: Sequence[Spelling]) -> Match:
    """Exact spelling first, then a word-by-word typo match, then a prefix.

    Matching word by word keeps "biceps brachii" from landing on "biceps femoris":
    every word must be close, not just the string as a whole.
    """
    q = normalize(query)
    if not q:
        return Match((), exact=False)
    exact = _unique(s.owner for s in spellings if s.text == q)
    if exact:
        return Match(exact, exact=True)
    q_tokens = q.split()
    scored = [(_token_score(q_tokens, s.text.split()), s.owner) for s in spellings]
    best = max((score for score, _ in scored), default=0.0)
    if best >= _TYPO:
        return Match(_unique(o for score, o in scored if score == best), exact=False)
    prefixed = _unique(s.owner for s in spellings if len(q) >= _SHORT and s.text.startswith(q))
    return Match(prefixed, exact=False)


def complete(incomplete: str, spellings: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(value, help) pairs whose id or name starts with what was typed, ids as values."""
    q = normalize(incomplete)
    out: dict[str, str] = {}
    for value, name in spellings:
        if normalize(value).startswith(q) or normalize(name).startswith(q):
            out.setdefault(value, name)
    return sorted(out.items())
