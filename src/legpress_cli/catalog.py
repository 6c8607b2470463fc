"""Finds, reads, validates and caches the data: the built-in copy or one named by --data.

Nothing here writes to the data folder; it is only ever opened for reading.
"""

from __future__ import annotations

import os
import tomllib
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
        raise DataError(f"{directory!s}: data folder not found", _HINT)
    if not directory.is_dir():
        raise DataError(f"{directory!s}: not a folder", _HINT)
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


@cache
def load_catalog(data_dir: Path | None = None) -> Catalog:
    """Load and cross-check every data file; cached per folder for the life of the process."""
    with _no_pydantic_plugins():
        from legpress_cli import model

    directory = _resolve_dir(data_dir)
    parts = (
        _validate(model.MusclesFile, directory / "muscles.toml"),
        _validate(model.CuesFile, directory / "cues.toml"),
        _validate(model.StancesFile, directory / "stances.toml"),
        _validate(model.SourcesFile, directory / "sources.toml"),
        _validate(model.BodyMapFile, directory / "bodymap.toml"),
    )
    try:
        return model.link_catalog(*parts)
    except model.ReferenceProblem as e:
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
