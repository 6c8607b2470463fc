"""TAB completion of names before Typer is imported.

A TAB press runs the whole program; importing Typer alone takes most of it. The common
request, a muscle, group or exercise name as a command's argument, is answered here from
`completion_index.py`, generated from the built-in data with the hashes of the files it was
made from. Anything else (a command or option word, --data or LEGPRESS_DATA, PowerShell, an
index that no longer matches the data) returns None, and Typer answers as before.
tests/test_completion.py runs the same requests through both paths and compares the bytes.

The output copies Typer's own completion classes (typer/_completion_classes.py) for the
Typer versions pyproject.toml allows.
"""

from __future__ import annotations

import os

# Not typing.TYPE_CHECKING, nor re or shlex: each would cost this path milliseconds.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from hashlib import blake2b
    from typing import Any
else:
    try:  # the C builtin: hashlib would load OpenSSL first
        from _blake2 import blake2b
    except ImportError:
        from hashlib import blake2b


def _digest(data: bytes) -> str:
    """As cache.content_hash: BLAKE2b, 32 bytes, a third of SHA-256's instructions."""
    return blake2b(data, digest_size=32).hexdigest()


INDEXED_FILES = ("muscles.toml", "exercises.toml")
# The whitespace shlex splits on; a line with quotes, escapes or other spaces goes to Typer.
_SPLIT_ON = " \t\r\n"


class Answer:
    """What the fast path prints and the exit code it ends with."""

    __slots__ = ("code", "text")

    def __init__(self, text: str, code: int = 0) -> None:
        self.text, self.code = text, code


def answer(environ: Mapping[str, str], data_dir: str) -> Answer | None:
    """The completion Typer would print for this request, or None to let Typer answer."""
    if environ.get("LEGPRESS_DATA"):
        return None
    request = _request(environ)
    if request is None:
        return None
    shell, args, incomplete = request
    if incomplete.startswith("-"):
        return None
    index = _index(data_dir)
    if index is None:
        return None
    kinds = index.SLOTS.get(tuple(args))
    if kinds is None:
        return None
    names: tuple[tuple[str, tuple[str, ...], str, str], ...] = index.NAMES
    from legpress_cli.names import complete

    items = [
        (v, h) for v, h in complete(incomplete, [n[:3] for n in names if n[3] in kinds]) if v.startswith(incomplete)
    ]
    return _format(shell, items, environ)


def _request(environ: Mapping[str, str]) -> tuple[str, list[str], str] | None:
    shell = environ.get("_LEGPRESS_COMPLETE", "")
    if shell == "complete_bash":
        try:
            words = _split(environ["COMP_WORDS"])
            cword = int(environ["COMP_CWORD"])
        except (KeyError, ValueError):
            return None
        if words is None or cword < 1:
            return None
        return "bash", words[1:cword], words[cword] if cword < len(words) else ""
    if shell in ("complete_zsh", "complete_fish"):
        line = environ.get("_TYPER_COMPLETE_ARGS", "")
        split = _split(line)
        if split is None:
            return None
        args = split[1:]
        if args and not line.endswith(" "):
            return shell[9:], args[:-1], args[-1]
        return shell[9:], args, ""
    return None  # PowerShell and anything new: Typer's own path


def _split(line: str) -> list[str] | None:
    """The words as Typer's shlex split would give them, for lines where that is a plain split
    on spaces; None (Typer decides) when there are quotes, escapes or unusual whitespace."""
    if any(c in "\"'\\" or (c.isspace() and c not in _SPLIT_ON) for c in line):
        return None
    return line.split()


def builtin_data() -> str:
    """catalog.builtin_data_dir() without pathlib: inside the package in a wheel, at the top of
    the repository in a checkout."""
    package = os.path.dirname(os.path.realpath(__file__))  # noqa: PTH120
    packaged = os.path.join(package, "data")  # noqa: PTH118
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(os.path.dirname(package)), "data")  # noqa: PTH112, PTH118, PTH120


def _index(data_dir: str) -> Any:
    """The index (a module) if it was generated from exactly these data files, else None."""
    from legpress_cli import completion_index

    for name in INDEXED_FILES:
        try:
            # os, not pathlib: pathlib's import would cost every TAB press more than the rest.
            with open(os.path.join(data_dir, name), "rb") as f:  # noqa: PTH123, PTH118
                digest = _digest(f.read())
        except OSError:
            return None
        if completion_index.HASHES.get(name) != digest:
            return None
    return completion_index


def _format(shell: str, items: list[tuple[str, str]], environ: Mapping[str, str]) -> Answer | None:
    if shell == "bash":
        return Answer("\n".join(v for v, _ in items) + "\n")
    if any("[" in h or "]" in h for _, h in items):  # rich would read them as markup in zsh/fish help
        return None
    if shell == "zsh":
        if not items:
            return Answer("_files\n")
        lines = "\n".join(f'"{_zsh_escape(v)}":"{_zsh_escape(h)}"' if h else f'"{_zsh_escape(v)}"' for v, h in items)
        return Answer(f"_arguments '*: :(({lines}))'\n")
    action = environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
    if action == "is-args":
        return Answer("", 0 if items else 1)
    if action == "get-args" and items:
        return Answer("\n".join(f"{v}\t{_spaced(h)}" if h else v for v, h in items) + "\n")
    return Answer("\n")


def _spaced(text: str) -> str:
    return "".join(" " if c.isspace() else c for c in text)


def _zsh_escape(s: str) -> str:
    return s.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:")


def render_index(data_dir: str, slots: dict[tuple[str, ...], tuple[str, ...]]) -> str:
    """The source of completion_index.py for this data and these slots, the words before a name
    and the kinds of name that go there (cli.name_slots; scripts/make_docs.py writes it)."""
    from legpress_cli.catalog import completion_names

    hashes = {}
    for name in INDEXED_FILES:
        with open(os.path.join(data_dir, name), "rb") as f:  # noqa: PTH123, PTH118
            hashes[name] = _digest(f.read())
    from pathlib import Path

    names = completion_names(Path(data_dir))
    lines = [
        '"""Generated by scripts/make_docs.py from the built-in data and the commands: the names TAB',
        "completion offers before Typer loads, and where (fastcomplete.py). Do not edit; a test fails",
        'when it is stale."""',
        "",
        f"HASHES: dict[str, str] = {hashes!r}",
        "# The words before the one being completed -> the kinds of name that go there.",
        f"SLOTS: dict[tuple[str, ...], tuple[str, ...]] = {dict(sorted(slots.items()))!r}",
        "NAMES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (",
        *(f"    {n!r}," for n in names),
        ")",
        "",
    ]
    return "\n".join(lines)
