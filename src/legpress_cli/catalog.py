"""Finds, reads, validates and caches the data: the built-in copy or one named by --data.

Nothing here writes to the data folder; it is only ever opened for reading.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from legpress_cli.errors import DataError

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from legpress_cli.records import Catalog

M = TypeVar("M", bound="BaseModel")

# Far above any real data file; stops a mistaken --data from reading something huge.
# LEGPRESS_MAX_FILE_BYTES raises it deliberately (the benchmark's 100x packs need ~5 MB).
MAX_BYTES = 1_000_000


# However LEGPRESS_MAX_FILE_BYTES is set, no data file is read past this.
MAX_BYTES_CEILING = 64_000_000


def max_bytes() -> int:
    try:
        return min(max(MAX_BYTES, int(os.environ.get("LEGPRESS_MAX_FILE_BYTES", ""))), MAX_BYTES_CEILING)
    except (ValueError, OverflowError):
        return MAX_BYTES


_HINT = "fix the file, or leave out --data / LEGPRESS_DATA to use the built-in data"
_DIR_HINT = "check the path, or leave out --data / LEGPRESS_DATA to use the built-in data"


def builtin_data_dir() -> Path:
    """The data shipped with legpress.

    A wheel carries it inside the package (hatchling force-include); an editable install or a
    source checkout has it at the top of the repository instead.
    """
    package = Path(__file__).resolve().parent
    packaged = package / "data"
    return packaged if packaged.is_dir() else package.parents[1] / "data"


def read_data_file(path: Path) -> bytes:
    """A data file's bytes, read once; every way that can fail is a DataError naming the file."""
    where = str(path)
    try:
        # O_NONBLOCK: a FIFO named like a data file is refused below instead of hanging here.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise DataError(f"{where}: file not found", _HINT) from None
    except OSError as e:
        raise DataError(f"{where}: cannot read: {_reason(e)}", _HINT) from None
    limit = max_bytes()
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise DataError(f"{where}: not a regular file", _HINT)
        if st.st_size > limit:
            raise DataError(f"{where}: file is {st.st_size:,} bytes; the limit is {limit:,}", _HINT)
        with os.fdopen(fd, "rb", closefd=False) as f:
            raw = f.read(limit + 1)
    except OSError as e:
        raise DataError(f"{where}: cannot read: {_reason(e)}", _HINT) from None
    finally:
        os.close(fd)
    if len(raw) > limit:  # it grew while we read it
        raise DataError(f"{where}: file is over {limit:,} bytes, the limit", _HINT)
    return raw


def _reason(e: OSError) -> str:
    return (e.strerror or str(e)).lower()


_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def parse_toml(where: str, raw: bytes) -> dict[str, Any]:
    """Parse one data file's bytes as UTF-8 TOML; every way that can fail is a DataError."""
    if raw.startswith(_UTF8_BOM):  # editors on Windows add one; it carries no meaning
        raw = raw[len(_UTF8_BOM) :]
    if not raw.strip():
        raise DataError(f"{where}: file is empty", _HINT)
    if raw.startswith(_UTF16_BOMS) or _looks_utf16(raw):
        raise DataError(f"{where}: UTF-16 text; legpress reads UTF-8 (save the file as UTF-8)", _HINT)
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise DataError(f"{where}: binary data, not text (a NUL byte at offset {nul})", _HINT)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise DataError(f"{where}: line {line}: not UTF-8 text (byte 0x{raw[e.start]:02x})", _HINT) from e
    _shallow_keys(where, text)
    import tomllib  # here, not at the top: a cached catalog never parses TOML

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise DataError(f"{where}: invalid TOML: {e}", _HINT) from e
    except RecursionError:
        raise DataError(f"{where}: arrays or tables nested too deeply", _HINT) from None


MAX_KEY_DOTS = 64


def _shallow_keys(where: str, text: str) -> None:
    """Refuse keys nested absurdly deep before tomllib sees them: its time grows with the square
    of a dotted key's length (a 1 MB header would take minutes), this check's with the text."""
    if text.count(".") <= MAX_KEY_DOTS:
        return
    import re

    strings = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')
    for n, line in enumerate(text.split("\n"), start=1):
        if line.count(".") > MAX_KEY_DOTS and strings.sub("", line).count(".") > MAX_KEY_DOTS:
            raise DataError(f"{where}: line {n}: a key nested more than {MAX_KEY_DOTS} levels deep", _HINT)


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte order mark: ASCII text with a NUL beside every character."""
    head = raw[:64]
    return len(head) >= 4 and (head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4)


def read_toml(path: Path) -> dict[str, Any]:
    """Read and parse one data file."""
    return parse_toml(str(path), read_data_file(path))


def _field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def describe_validation_error(where: str, error: ValidationError) -> str:
    """`file: field.path: message`, for the first problem, counting the rest."""
    problems = error.errors(include_url=False)
    first = problems[0]
    message = first["msg"]
    if first["type"] not in ("missing", "extra_forbidden") and "input" in first:
        shown = repr(first["input"])
        if len(shown) <= 40:
            message += f" (got {shown})"
    if first["type"] == "extra_forbidden":
        message = "unknown field"
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{where}: {_field_path(tuple(first['loc']))}: {message}{more}"


def _validate(model: type[M], path: Path, raw: bytes) -> M:
    from pydantic import ValidationError

    data = parse_toml(str(path), raw)
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise DataError(describe_validation_error(str(path), e), _HINT) from e
    except RecursionError:
        raise DataError(f"{path}: values nested too deeply", _HINT) from None


def _resolve_dir(data_dir: Path | None) -> Path:
    directory = builtin_data_dir() if data_dir is None else data_dir
    try:
        directory.stat()
    except OSError as e:
        if e.errno == errno.ELOOP:  # exists() would call it missing
            raise DataError(f"{directory!s}: a loop of symbolic links", _DIR_HINT) from None
    except ValueError:  # a NUL byte in the name: no such folder can exist
        raise DataError(f"{directory!s}: data folder not found", _DIR_HINT) from None
    if not directory.exists():
        raise DataError(f"{directory!s}: data folder not found", _DIR_HINT)
    if not directory.is_dir():
        raise DataError(f"{directory!s}: not a folder", _DIR_HINT)
    return directory


@contextmanager
def _no_pydantic_plugins() -> Iterator[None]:
    """Building our models would otherwise make pydantic scan every installed package's entry
    points for plugins (tens of ms at start-up); legpress uses none. Typer does the same."""
    previous = os.environ.get("PYDANTIC_DISABLE_PLUGINS")
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    try:
        yield
    finally:
        if previous is None:
            del os.environ["PYDANTIC_DISABLE_PLUGINS"]
        else:
            os.environ["PYDANTIC_DISABLE_PLUGINS"] = previous


DATA_FILES = (
    "muscles.toml",
    "cues.toml",
    "stances.toml",
    "sources.toml",
    "bodymap.toml",
    "findings.toml",
    "claims.toml",
    "exercises.toml",
)


@cache
def load_catalog(data_dir: Path | None = None) -> Catalog:
    """Load and cross-check every data file; kept for the life of the process, and across runs
    in the user's cache folder (cache.py), never beside the data.

    Each file is read once: the cache key is a hash of exactly the bytes that a cache miss
    then checks, so a file edited mid-run cannot be cached under the old contents' key.
    """
    from legpress_cli import cache as store

    directory = _resolve_dir(data_dir)
    raw = {name: read_data_file(directory / name) for name in DATA_FILES}
    # The built-in data as checked when the release was made (cache.SNAPSHOT), before the user's
    # cache, which for these files could only hold the same; a folder given with --data is
    # always checked here, whatever it holds.
    found = store.read_snapshot(raw) if data_dir is None else None
    if found is not None:
        return found
    where = store.cache_dir(directory)
    key = store.entry_key(raw)
    found = store.read(where, key)
    if found is not None:
        _FROM_CACHE.append((where, key))
        return found
    with _no_pydantic_plugins():
        catalog = _check(directory, raw)
    from legpress_cli.records import to_plain

    store.write(where, key, to_plain(catalog))
    return catalog


def snapshot_text(data_dir: Path | None = None) -> str:
    """The snapshot of this data (cache.SNAPSHOT): scripts/make_docs.py writes it for the built-in
    data, and a test checks the committed one is current."""
    from legpress_cli import cache as store

    directory = _resolve_dir(data_dir)
    raw = {name: read_data_file(directory / name) for name in DATA_FILES}
    with _no_pydantic_plugins():
        catalog = _check(directory, raw)
    from legpress_cli.records import to_plain
    from legpress_cli.targets import all_rankings

    return store.snapshot_text(raw, to_plain(catalog), to_plain(all_rankings(catalog)))


# Cache entries this process used; an internal error forgets them (see forget_cached).
_FROM_CACHE: list[tuple[Path | None, str]] = []


def forget_cached() -> None:
    """After an internal error, drop the cache entries used, in case one of them was the cause:
    the next run then starts from the data instead of failing the same way for ever."""
    from legpress_cli import cache as store

    for where, key in _FROM_CACHE:
        store.forget(where, key)


def _check(directory: Path, raw: dict[str, bytes]) -> Catalog:
    from legpress_cli import datafiles as files

    def check(model: type[M], name: str) -> M:
        return _validate(model, directory / name, raw[name])

    parts = files.Files(
        check(files.MusclesFile, "muscles.toml"),
        check(files.CuesFile, "cues.toml"),
        check(files.StancesFile, "stances.toml"),
        check(files.SourcesFile, "sources.toml"),
        check(files.BodyMapFile, "bodymap.toml"),
        check(files.FindingsFile, "findings.toml"),
        check(files.ClaimsFile, "claims.toml"),
        check(files.ExercisesFile, "exercises.toml"),
    )
    try:
        return files.link(parts)
    except files.ReferenceProblem as e:
        raise DataError(f"{directory / e.file!s}: {e.path}: {e.message}", _HINT) from e


@cache
def completion_names(data_dir: Path | None = None) -> tuple[tuple[str, tuple[str, ...], str, str], ...]:
    """(id, spellings, display name, kind) for every muscle, group and exercise.

    The built-in data is read without validation (it was checked when the release was made, and
    completion runs on every TAB press); a folder from --data or LEGPRESS_DATA is untrusted, so
    its names come only from the checked catalog. Whatever is wrong completes nothing rather than
    printing an error into the user's shell.
    """
    try:
        directory = _resolve_dir(data_dir)
        if data_dir is not None and directory.resolve() != builtin_data_dir().resolve():
            catalog = load_catalog(data_dir)
            return tuple(
                [(m.id, (m.name, *m.aliases), m.name, "muscle") for m in catalog.muscles]
                + [(g.id, (g.name, *g.aliases), g.name, "group") for g in catalog.groups]
                + [(e.id, (e.name, *e.aliases), e.name, "exercise") for e in catalog.exercises]
            )
        raw = read_toml(directory / "muscles.toml")
        with contextlib.suppress(Exception):  # a broken exercises file: the muscles still complete
            raw["exercise"] = read_toml(directory / "exercises.toml").get("exercise", [])
        out: list[tuple[str, tuple[str, ...], str, str]] = []
        for kind in ("muscle", "group", "exercise"):
            for item in raw.get(kind, []):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    name = item.get("name")
                    name = name if isinstance(name, str) else item["id"]
                    aliases = item.get("aliases")
                    extra = [a for a in aliases if isinstance(a, str)] if isinstance(aliases, list) else []
                    out.append((item["id"], (name, *extra), name, kind))
        return tuple(out)
    except Exception:  # whatever is wrong, a TAB press must not print it into the shell
        return ()
