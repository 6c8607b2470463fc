"""Name matching that needs neither pydantic nor rich, so shell completion stays cheap."""

from __future__ import annotations

import unicodedata

# Not typing.TYPE_CHECKING: a TAB press imports this module, and typing costs it ~4 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

# A token this short must match exactly: "vl" is not a typo of "vi".
_SHORT = 3
# Per-token similarity that counts as a typo ("medalis" ~ "medialis" is 0.93).
_TYPO = 0.8
# No name is longer than this; a longer word is no typo of one, and is never handed to difflib,
# whose time grows with the product of the lengths (a 128 KB argument took seconds).
_LONGEST_WORD = 80


def normalize(name: str) -> str:
    """The form names are compared in: Unicode form (NFKC, so text pasted from macOS or a PDF
    matches), case (casefold, so ß matches ss), hyphens, underscores and spacing do not matter."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(folded.replace("-", " ").replace("_", " ").split())


def unaccented(normalized: str) -> str:
    """A normalized name without its accents: 'glúteo' reads as 'gluteo'."""
    if normalized.isascii():
        return normalized
    decomposed = unicodedata.normalize("NFD", normalized)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


class Spelling(tuple[str, str]):
    """(text, owner): a normalized spelling and the id it names. A plain tuple subclass rather
    than a NamedTuple, which would import typing on every TAB press."""

    __slots__ = ()

    def __new__(cls, text: str, owner: str) -> Spelling:
        return tuple.__new__(cls, (text, owner))

    @property
    def text(self) -> str:
        return self[0]

    @property
    def owner(self) -> str:
        return self[1]


class Match(tuple[tuple[str, ...], bool]):
    """(owners, exact): owners empty when nothing is close, one when resolved, several when
    ambiguous; exact when the name was spelled as written, not read as a typo or prefix."""

    __slots__ = ()

    def __new__(cls, owners: tuple[str, ...], exact: bool) -> Match:
        return tuple.__new__(cls, (owners, exact))

    @property
    def owners(self) -> tuple[str, ...]:
        return self[0]

    @property
    def exact(self) -> bool:
        return self[1]


def _token_score(query: Sequence[str], candidate: Sequence[str]) -> float:
    from difflib import SequenceMatcher  # only a typo needs it; exact names skip the import

    if len(query) != len(candidate):
        return 0.0
    scores = []
    for q, c in zip(query, candidate, strict=True):
        if q == c:
            scores.append(1.0)
        elif min(len(q), len(c)) <= _SHORT or max(len(q), len(c)) > _LONGEST_WORD:
            return 0.0
        else:
            scores.append(SequenceMatcher(None, q, c).ratio())
    return min(scores)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def match(query: str, spellings: Sequence[Spelling]) -> Match:
    """Exact spelling first (then exact but for accents), then a word-by-word typo match,
    then a prefix.

    Matching word by word keeps "biceps brachii" from landing on "biceps femoris":
    every word must be close, not just the string as a whole.
    """
    q = normalize(query)
    if not q:
        return Match((), exact=False)
    exact = _unique(s.owner for s in spellings if s.text == q)
    if exact:
        return Match(exact, exact=True)
    bare = unaccented(q)
    exact = _unique(s.owner for s in spellings if unaccented(s.text) == bare)
    if exact:
        return Match(exact, exact=True)
    q_tokens = q.split()
    scored = [(_token_score(q_tokens, s.text.split()), s.owner) for s in spellings]
    best = max((score for score, _ in scored), default=0.0)
    if best >= _TYPO:
        return Match(_unique(o for score, o in scored if score == best), exact=False)
    prefixed = _unique(s.owner for s in spellings if len(q) >= _SHORT and s.text.startswith(q))
    return Match(prefixed, exact=False)


def complete(incomplete: str, names: Sequence[tuple[str, Sequence[str], str]]) -> list[tuple[str, str]]:
    """(value, help) pairs for a TAB press: every id, name or alias that starts with what was
    typed, offered as one shell word (spaces become hyphens, which matching ignores), so
    `hip<TAB>` finds "hip adductors" and a translated name completes like an English one.

    `names` holds (id, spellings, display name) for each muscle or group.
    """
    q = normalize(incomplete)
    found = _completions(incomplete, q, names, loose=unaccented(q) == q)
    # Typed without accents, a name matches whatever its accents; typed with them, it must
    # agree, unless nothing does ('glú' still finds 'gluteus').
    return found or _completions(incomplete, unaccented(q), names, loose=True)


def _completions(
    incomplete: str, q: str, names: Iterable[tuple[str, Sequence[str], str]], loose: bool
) -> list[tuple[str, str]]:
    out: dict[str, str] = {}
    seen: set[str] = set()
    for owner, spellings, shown in names:
        for spelling in (owner, *spellings):
            n = normalize(spelling)
            if n.startswith(q) or (loose and unaccented(n).startswith(q)):
                word = n.replace(" ", "-")
                if not shell_safe(word):  # judged before the user's own typed prefix is kept
                    continue
                word = _as_typed(incomplete, word)
                if unaccented(word) not in seen:  # the id 'gluteo-mayor' already stands for 'glúteo mayor'
                    seen.add(unaccented(word))
                    out.setdefault(word, _safe_help(shown))
    return sorted(out.items())


def shell_safe(word: str) -> bool:
    """Whether a completion word is letters and digits (any script) joined by hyphens and dots:
    nothing any shell reads as quoting, escaping, expansion or a separator. A name that is not
    is never offered, whatever the shell's own escaping would make of it."""
    return bool(word) and word[0].isalnum() and all(c.isalnum() or c in "-." for c in word)


def _safe_help(text: str) -> str:
    """A completion's description, or nothing where it holds a character a shell could read."""
    return text if all(c.isalnum() or c in " -.," for c in text) else ""


def _as_typed(incomplete: str, value: str) -> str:
    """Keep the letters already typed (`Vas` -> `Vastus-medialis`): shells that filter what
    they are offered by the typed prefix then keep it."""
    typed = incomplete.casefold().replace(" ", "-").replace("_", "-")
    # Casefolding can lengthen what was typed ('ß' -> 'ss'): compare, then cut, by its folded length.
    if value.startswith(typed):
        return incomplete + value[len(typed) :]
    return value
