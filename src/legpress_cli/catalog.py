"""Finds, reads, validates and caches the data: the built-in copy or one named by --data.

Nothing here writes to the data folder; it is only ever opened for reading.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from legpress_cli.errors import DataError

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from legpress_cli.model import Catalog

M = TypeVar("M", bound="BaseModel")

# Far above any real data file; stops a mistaken --data from reading something huge.
MAX_BYTES = 1_000_000
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


def read_toml(path: Path) -> dict[str, Any]:
    """Read one data file as TOML, turning every way it can fail into a DataError."""
    where = str(path)
    if not path.exists():
        raise DataError(f"{where}: file not found", _HINT)
    if not path.is_file():
        raise DataError(f"{where}: not a regular file", _HINT)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DataError(f"{where}: file is {size:,} bytes; the limit is {MAX_BYTES:,}", _HINT)
    raw = path.read_bytes()
    if not raw.strip():
        raise DataError(f"{where}: file is empty", _HINT)
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise DataError(f"{where}: binary data, not text (a NUL byte at offset {nul})", _HINT)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise DataError(f"{where}: line {line}: not UTF-8 text (byte 0x{raw[e.start]:02x})", _HINT) from e
    import tomllib  # here, not at the top: a cached catalog never parses TOML

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise DataError(f"{where}: invalid TOML: {e}", _HINT) from e


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


def _validate(model: type[M], path: Path) -> M:
    from pydantic import ValidationError

    data = read_toml(path)
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise DataError(describe_validation_error(str(path), e), _HINT) from e


def _resolve_dir(data_dir: Path | None) -> Path:
    directory = builtin_data_dir() if data_dir is None else data_dir
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
)


def cache_dir() -> Path | None:
    """Where validated catalogs are kept between runs; None when caching is off."""
    configured = os.environ.get("LEGPRESS_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no home directory: run without a cache
            return None
    return Path(base) / "legpress"


def _cache_file(directory: Path) -> Path | None:
    """A cache entry named by everything that could change the catalog: legpress's and
    pydantic's versions and each data file's identity, size and modification time."""
    where = cache_dir()
    if where is None:
        return None
    from hashlib import sha256

    from pydantic import VERSION

    from legpress_cli import __version__

    key = [__version__, VERSION, sys.version]
    for name in DATA_FILES:
        try:
            st = (directory / name).stat()
        except OSError:
            return None  # let the loader report the missing file
        key.append(f"{(directory / name).resolve()}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}")
    return where / (sha256("\n".join(key).encode()).hexdigest()[:32] + ".pickle")


def _read_cache(path: Path | None) -> Catalog | None:
    from legpress_cli.model import Catalog

    if path is None:
        return None
    try:
        with path.open("rb") as f:
            found = pickle.load(f)
    except Exception:  # a missing, partial or foreign entry only costs a fresh load
        return None
    return found if isinstance(found, Catalog) else None


def _write_cache(path: Path | None, catalog: Catalog) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(path)  # atomic, so a concurrent reader never sees half a file
    except OSError:
        pass  # a read-only home or full disk must not stop the tool


@cache
def load_catalog(data_dir: Path | None = None) -> Catalog:
    """Load and cross-check every data file; cached per folder for the life of the process,
    and across runs in the user's cache folder (never beside the data)."""
    directory = _resolve_dir(data_dir)
    entry = _cache_file(directory)
    cached = _read_cache(entry)
    if cached is not None:
        return cached
    with _no_pydantic_plugins():
        catalog = _load(directory)
    _write_cache(entry, catalog)
    return catalog


def _load(directory: Path) -> Catalog:
    from legpress_cli import datafiles as files

    parts = (
        _validate(files.MusclesFile, directory / "muscles.toml"),
        _validate(files.CuesFile, directory / "cues.toml"),
        _validate(files.StancesFile, directory / "stances.toml"),
        _validate(files.SourcesFile, directory / "sources.toml"),
        _validate(files.BodyMapFile, directory / "bodymap.toml"),
        _validate(files.FindingsFile, directory / "findings.toml"),
        _validate(files.ClaimsFile, directory / "claims.toml"),
    )
    try:
        return files.link_catalog(*parts)
    except files.ReferenceProblem as e:
        raise DataError(f"{directory / e.file!s}: {e.path}: {e.message}", _HINT) from e


@cache
def completion_names(data_dir: Path | None = None) -> tuple[tuple[str, str, str], ...]:
    """(id, name, kind) for every muscle and group, read without validation.

    Completion runs on every TAB press, so it skips pydantic; a broken file simply
    completes nothing rather than printing an error into the user's shell.
    """
    try:
        raw = read_toml(_resolve_dir(data_dir) / "muscles.toml")
    except DataError:
        return ()
    out: list[tuple[str, str, str]] = []
    for kind in ("muscle", "group"):
        for item in raw.get(kind, []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                out.append((item["id"], str(item.get("name", item["id"])), kind))
    return tuple(out)
