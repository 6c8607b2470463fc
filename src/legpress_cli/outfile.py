"""Files legpress is asked to write (--svg): whole or not at all, never over the data it reads.

The text goes to a temporary file beside the target, then replaces it in one rename, so a full
disk or a crash leaves the previous file as it was and no half-written one. A target that is not
a regular file (/dev/stdout, a FIFO) is written into, never replaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from legpress_cli.errors import LegpressError, UsageProblem

_HINTS = {
    errno.ENOENT: "check the folder exists",
    errno.ENOTDIR: "check the folder exists",
    errno.EACCES: "check you may write to that folder",
    errno.EPERM: "check you may write to that folder",
    errno.EROFS: "the file system is read-only; choose another folder",
    errno.ENOSPC: "free some disk space and try again; the previous file, if any, is unchanged",
    errno.EDQUOT: "free some disk space and try again; the previous file, if any, is unchanged",
}


def save(path: Path, text: str, data_dir: Path, example: str = "legs.svg") -> None:
    """Write `text` to `path` atomically; refuse folders and anything in the data folder (a
    usage error, exit 2); a failed write is exit 1 with the system's reason."""
    target = Path(os.path.realpath(path))  # through a symlink to the file it names
    if target.is_dir() or str(path).endswith(os.sep):
        raise UsageProblem(f"cannot write {path}: it is a folder", f"give a file name, e.g. {example}")
    data = Path(os.path.realpath(data_dir))
    if target == data or data in target.parents:
        raise UsageProblem(
            f"cannot write {path}: it is inside the data folder {data}, which legpress only reads",
            "choose a file outside the data folder",
        )
    body = text.encode("utf-8")
    if _special(path):  # /dev/stdout, a FIFO: no rename can stand in for it; write into it, as cp does
        _write_into(path, body, shown=path)
    else:
        _replace(target, body, shown=path)


def _special(path: Path) -> bool:
    """Something that exists and is neither a regular file nor a folder. Asked of the path as
    given: /dev/stdout resolves to /proc/self/fd/1, which may name no file at all."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_into(target: Path, body: bytes, shown: Path) -> None:
    try:
        with target.open("wb") as f:
            f.write(body)
    except OSError as e:
        raise _failed(e, shown) from None


def _replace(target: Path, body: bytes, shown: Path) -> None:
    import tempfile

    partial: str | None = None
    try:
        fd, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
        with os.fdopen(fd, "wb") as f:
            f.write(body)
            f.flush()
            os.fsync(f.fileno())  # the data is on disk before the rename makes it the file
        Path(partial).chmod(_mode_for(target))
        Path(partial).replace(target)
        partial = None
    except OSError as e:
        raise _failed(e, shown) from None
    finally:
        if partial is not None:
            with contextlib.suppress(OSError):
                Path(partial).unlink()


def _failed(e: OSError, shown: Path) -> LegpressError:
    reason = (e.strerror or str(e)).lower()
    return LegpressError(f"cannot write {shown}: {reason}", _HINTS.get(e.errno or 0, "check the path"))


def _mode_for(target: Path) -> int:
    """An existing file keeps its permissions; a new one gets what the umask gives any new file
    (mkstemp's own 0600 would surprise whoever shares the picture)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
