"""The catalog cache: checked data kept as JSON between runs, so a warm start skips TOML parsing
and pydantic (which it then never imports).

What may go wrong is assumed to: the folder may be shared, planted or swapped, an entry may be
old, damaged, a symlink or a FIFO, the disk may be full. Reading an entry runs nothing from it
(JSON, turned into records field by field); an entry is named by a hash of the data files'
contents and of the code that checks them, so any edit or upgrade is a different entry; a folder
or entry that another user owns or could have written is ignored. Every problem here only costs
a fresh load of the data; none is ever reported.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from legpress_cli.records import Catalog

FORMAT = 1
# Entries kept after a write; older ones (other data packs, older releases) are removed.
KEEP = 8
# Far above any catalog the data-size cap allows, so a huge planted entry is never read.
MAX_ENTRY_BYTES = 64_000_000
# A temporary file this old belongs to a run that was killed mid-write.
STALE_SECONDS = 3600
_ENTRY = re.compile(r"^[0-9a-f]{64}\.json$")
# Temporary files of an interrupted write: legpress's own prefix, nothing another tool would use.
_LEFTOVER = re.compile(r"^\.legpress-partial-[A-Za-z0-9_]+\.json$")
# The code that decides what a valid catalog is, and how it is stored: these modules and every
# module of legpress they import, found by reading them (a change to any is a new cache key).
_CHECKING_ROOTS = ("catalog.py", "datafiles.py", "cache.py")
_IMPORTS = re.compile(
    rb"^\s*(?:from legpress_cli(?:\.(\w+))? import (\([^)]*\)|[\w, ]+)|import legpress_cli\.(\w+))", re.M
)


if TYPE_CHECKING:
    from hashlib import blake2b
else:
    try:  # the C builtin: hashlib would load OpenSSL first, ~3 ms of every start
        from _blake2 import blake2b
    except ImportError:  # a build without the builtin
        from hashlib import blake2b


def content_hash(data: bytes = b"") -> blake2b:
    """The hash of keys and contents: BLAKE2b with a 32-byte digest, which hashes the ~110 kB a
    warm start reads (data and checking code) in a third of SHA-256's instructions (~4M a start)."""
    return blake2b(data, digest_size=32)


def cache_dir(data_dir: Path) -> Path | None:
    """Where catalogs are cached, or None when caching is off or the place is not safe to use.

    LEGPRESS_CACHE_DIR wins (empty turns the cache off); then $XDG_CACHE_HOME/legpress, then
    ~/.cache/legpress. A relative path is ignored, as the XDG spec says, because it would put
    the cache wherever the command happens to run. The cache is never inside the data folder.
    """
    configured = os.environ.get("LEGPRESS_CACHE_DIR")
    if configured is not None:
        if not configured or not Path(configured).is_absolute():
            return None
        where = Path(configured)
    else:
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not Path(base).is_absolute():
            try:
                base = str(Path.home() / ".cache")
            except (RuntimeError, KeyError):  # no home directory: run without a cache
                return None
        where = Path(base) / "legpress"
    try:
        data = data_dir.resolve()
        inside = where.resolve()
    except (OSError, RuntimeError):
        return None
    if inside == data or data in inside.parents:
        return None
    return where


def entry_key(files: Mapping[str, bytes]) -> str:
    """A hash of every data file's name and contents, of the code that checks them and of the
    pydantic release that ran it."""
    return content_hash(b"cache\n" + _contents_digest(files) + _pydantic_version()).hexdigest()


def snapshot_key(files: Mapping[str, bytes]) -> str:
    """The snapshot's key: as entry_key, without pydantic's release, because the snapshot is not
    made on this machine: the test suite checks it against a fresh check of the data. The
    ranking code (targets.py, with the advisor it imports) is in it too, because the snapshot
    holds its rankings."""
    return content_hash(b"snapshot\n" + _contents_digest(files, (*_CHECKING_ROOTS, "targets.py"))).hexdigest()


def _contents_digest(files: Mapping[str, bytes], roots: tuple[str, ...] = ()) -> bytes:
    from legpress_cli import __version__

    digest = content_hash(f"legpress-cache {FORMAT} {__version__}\n".encode())
    for name, text in checking_code(roots or _CHECKING_ROOTS).items():
        digest.update(name.encode() + content_hash(text).digest())
    for name, raw in files.items():
        digest.update(f"{name} {len(raw)}\n".encode())
        digest.update(content_hash(raw).digest())
    return digest.digest()


def checking_code(roots: tuple[str, ...] = _CHECKING_ROOTS) -> dict[str, bytes]:
    """The checking modules' names and source, from the roots through legpress's own imports."""
    here = Path(__file__).parent
    present = {path.name for path in here.iterdir()}  # one listing, not a stat per import
    found: dict[str, bytes] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in found:
            continue
        try:
            found[name] = (here / name).read_bytes()
        except OSError:
            found[name] = b"unreadable"
            continue
        for module, names, plain in _imports(found[name]):
            # `from legpress_cli import a, b` names modules; `from legpress_cli.x import y` names x.
            modules = [module or plain] if module or plain else re.findall(rb"\w+", names)
            todo += [file for m in modules if (file := f"{m.decode()}.py") in present]
    return dict(sorted(found.items()))


def _imports(source: bytes) -> list[tuple[bytes, bytes, bytes]]:
    """What `_IMPORTS` finds in `source`, tried only on the lines that name legpress_cli: a
    search of the whole text for a line-anchored pattern took ~0.6 ms of every start."""
    found = []
    at = source.find(b"legpress_cli")
    while at != -1:
        match = _IMPORTS.match(source, source.rfind(b"\n", 0, at) + 1)
        if match is not None:
            module, names, plain = match.groups(b"")
            found.append((module, names, plain))
        at = source.find(b"legpress_cli", at + 1)
    return found


def _pydantic_version() -> bytes:
    """pydantic decides what validates, so its release is part of the key; read from its files
    rather than by importing it, which a warm start never does."""
    from importlib.machinery import PathFinder  # already loaded; importlib.util costs ~3 ms

    try:
        spec = PathFinder.find_spec("pydantic")
        origin = spec.origin if spec is not None else None
        return Path(origin).with_name("version.py").read_bytes() if origin else b"no pydantic"
    except (OSError, ImportError, ValueError):
        return b"pydantic unknown"


def _trusted(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else: nothing another user could have planted."""
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _usable_dir(where: Path, create: bool) -> bool:
    if not hasattr(os, "geteuid"):
        return False  # no POSIX ownership to check (Windows): no cache
    try:
        link = where.lstat()
    except OSError:
        link = None
    if link is not None and stat.S_ISLNK(link.st_mode) and link.st_uid != os.geteuid():
        return False  # another user's symlink: it could point into anyone's folder
    if create:
        if not where.parent.parent.is_dir():
            return False  # a home that does not exist (HOME=/nonexistent) is never made, even as root
        try:
            where.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return False
    try:
        st = where.stat()
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _trusted(st)


def read(where: Path | None, key: str) -> Catalog | None:
    """The cached catalog for this key, or None for any reason at all."""
    if where is None or not _usable_dir(where, create=False):
        return None
    try:
        # O_NOFOLLOW: never a symlink; O_NONBLOCK: a FIFO planted here cannot hang the open.
        fd = os.open(where / f"{key}.json", os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not _trusted(st) or st.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            raw = f.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return _decode(raw, key)


def _decode(raw: bytes, key: str) -> Catalog | None:
    from legpress_cli.records import from_plain

    try:
        head = _head(key)
        # The checksum covers the bytes after the head, as written: checked before parsing.
        if not raw.startswith(head) or raw[len(head) + 64 : len(head) + 66] != b'",':
            return None
        if raw[len(head) : len(head) + 64] != content_hash(raw[len(head) + 66 :].rstrip(b"\n")).hexdigest().encode():
            return None  # damaged, or edited by hand: a miss, never an answer from it
        doc = json.loads(raw)
        return from_plain(doc["catalog"], doc.get("ranked", {}))
    except Exception:  # whatever is wrong with an entry, it is a miss and never reported
        return None


def _head(key: str) -> bytes:
    """How an entry begins, up to its checksum: the format and the key it was written for."""
    return f'{{"format":{FORMAT},"key":"{key}","check":"'.encode()


def _ours(path: Path, key: str) -> bool:
    """Whether a file is a cache entry legpress wrote: its first bytes say so, with its own key."""
    try:
        with path.open("rb") as f:
            head = f.read(100)
    except OSError:
        return False
    return head.startswith(f'{{"format":{FORMAT},"key":"{key}"'.encode())


# The built-in data as checked when the release was made, in the cache's format: a first run,
# or one with no usable cache folder, starts as fast as a warm one instead of importing
# pydantic. Used only for the built-in data, and only while its files are byte-identical to the
# ones it was made from.
SNAPSHOT = Path(__file__).with_name("snapshot.json")


def read_snapshot(files: Mapping[str, bytes]) -> Catalog | None:
    """The packaged snapshot if it was made from exactly these files and this code, else None."""
    try:
        raw = SNAPSHOT.read_bytes()
    except OSError:
        return None
    return _decode(raw, snapshot_key(files))


def snapshot_text(files: Mapping[str, bytes], plain: Mapping[str, Any], ranked: Mapping[str, Any]) -> str:
    """The snapshot file for these data files, their checked plain form and the ranking of
    stances for every muscle and group (`legpress target` reads it instead of judging some
    thousand stances; a test checks it is what the advisor works out now)."""
    return _document(snapshot_key(files), plain, ranked) + "\n"


def _document(key: str, plain: Mapping[str, Any], ranked: Mapping[str, Any] | None = None) -> str:
    """The entry: its head, the checksum of the rest, then the catalog (and rankings)."""
    body: dict[str, Any] = {"catalog": plain, **({"ranked": ranked} if ranked else {})}
    rest = json.dumps(body, ensure_ascii=False, separators=(",", ":"))[1:]  # '"catalog":...}'
    return f'{_head(key).decode()}{content_hash(rest.encode()).hexdigest()}",{rest}'


def write(where: Path | None, key: str, plain: Mapping[str, Any]) -> None:
    """Store a catalog's plain form; quietly does nothing when that is not possible or safe."""
    if where is None or not _usable_dir(where, create=True):
        return
    import tempfile

    body = _document(key, plain)
    partial: str | None = None
    try:
        # mkstemp: a random name, created exclusively, never through a symlink, mode 0600.
        fd, partial = tempfile.mkstemp(dir=where, prefix=".legpress-partial-", suffix=".json")
        with os.fdopen(fd, "wb") as f:
            f.write(body.encode())
        Path(partial).replace(where / f"{key}.json")  # atomic: readers see all of it or none
        partial = None
    except OSError:
        pass  # a read-only home or a full disk must not stop the tool
    finally:
        if partial is not None:
            _remove(Path(partial))
    _prune(where, keep=f"{key}.json")


def forget(where: Path | None, key: str) -> None:
    """Drop an entry that led to an internal error, so the next run starts from the data."""
    if where is not None and _usable_dir(where, create=False):
        _remove(where / f"{key}.json")


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _prune(where: Path, keep: str) -> None:
    """Remove our older entries, other releases' leftovers and abandoned temporary files."""
    try:
        listing = list(os.scandir(where))
    except OSError:
        return
    now = time.time()
    entries: list[tuple[float, str]] = []
    for item in listing:
        try:
            st = item.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or item.name == keep:
            continue
        # Only what legpress wrote: a file another tool keeps here is never touched.
        if _ENTRY.match(item.name) and _ours(where / item.name, item.name.removesuffix(".json")):
            entries.append((st.st_mtime, item.name))
        elif _LEFTOVER.match(item.name) and now - st.st_mtime > STALE_SECONDS:
            _remove(where / item.name)
    entries.sort(reverse=True)
    for _, name in entries[KEEP - 1 :]:
        _remove(where / name)
