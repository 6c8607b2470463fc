"""Files legpress is asked to write (--svg, report -o): whole or not at all, never over the data
it reads, and never where a careful shell's `>` would be refused.

The text goes to a temporary file beside the target, then replaces it in one rename, so a full
disk or a crash leaves the previous file as it was and no half-written one. Before that, the
kernel is asked whether `>` could open the target (read-only files, another user's files and
symlinks stay refused). A standard stream (/dev/stdout) is written to as it is; a FIFO or a
device is written into, never replaced.
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


def save(path: Path | str, text: str | bytes, data_dir: Path, example: str = "legs.svg") -> None:
    """Write `text` to `path` the way a careful shell's `>` would, but whole or not at all.

    Refused (a usage error, exit 2): a folder, a name ending in a slash, anything in the data
    folder. Refused like the shell (exit 1, the system's reason): a file `>` could not open for
    writing (read-only, another user's), a symlink the kernel will not follow for us (another
    user's link in a sticky folder). The standard streams and their /dev and /proc names are
    written to as they are, never reopened or replaced; other special files (a FIFO, a device)
    are written into; a regular file is replaced atomically, keeping its permissions."""
    shown = Path(path)
    if str(path).endswith(("/", os.sep)) or _is_dir(shown):
        raise UsageProblem(f"cannot write {shown}: it is a folder", f"give a file name, e.g. {example}")
    fd = _stream_fd(str(path))
    body = text.encode("utf-8") if isinstance(text, str) else text
    if fd is not None:  # /dev/stdout, /dev/fd/2: what the caller's redirection opened, as it is
        _write_fd(fd, body, shown)
        return
    try:
        target = Path(os.path.realpath(shown))  # through a symlink to the file it names
    except OSError as e:  # a relative name in a working folder that was deleted
        raise LegpressError(
            f"cannot write {shown}: {(e.strerror or str(e)).lower()}", "give an absolute path, or cd to a folder"
        ) from None
    data = Path(os.path.realpath(data_dir))
    if target == data or data in target.parents:
        raise UsageProblem(
            f"cannot write {shown}: it is inside the data folder {data}, which legpress only reads",
            "choose a file outside the data folder",
        )
    if _special(shown):  # a FIFO, a device: no rename can stand in for it; write into it, as cp does
        _write_into(shown, body, shown=shown)
        return
    _may_open_for_writing(shown)
    if _owned_by_someone_else(target):
        # `>` would write into it, keeping its owner; a rename would hand it to us.
        _write_into(shown, body, shown=shown)
        return
    _replace(target, body, shown=shown)


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False


def _owned_by_someone_else(target: Path) -> bool:
    try:
        return target.stat().st_uid != os.geteuid()
    except OSError:
        return False


_STREAM_NAMES = {"/dev/stdout": 1, "/dev/stderr": 2, "/proc/self/fd/1": 1, "/proc/self/fd/2": 2}


def _stream_fd(name: str) -> int | None:
    """The descriptor a name for one of our own standard streams stands for, else None."""
    if name in _STREAM_NAMES:
        return _STREAM_NAMES[name]
    for prefix in ("/dev/fd/", "/proc/self/fd/"):
        if name.startswith(prefix) and name[len(prefix) :].isdigit():
            return int(name[len(prefix) :])
    return None


def _write_fd(fd: int, body: bytes, shown: Path) -> None:
    try:
        view = memoryview(body)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as e:
        raise _failed(e, shown) from None


def _may_open_for_writing(path: Path) -> None:
    """Ask the kernel what `>` would be told: open the existing file for writing, following a
    symlink as the shell does (so fs.protected_symlinks and the file's own permissions apply),
    without truncating it. A name that does not exist yet is the folder's business."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        if path.is_symlink():  # a dangling link: `>` would create its target; we do not follow it
            raise LegpressError(
                f"cannot write {path}: it is a symlink to a file that does not exist",
                "remove the link or give another name",
            ) from None
        return
    except OSError as e:
        raise _failed(e, path) from None
    os.close(fd)


def _special(path: Path) -> bool:
    """Something that exists and is neither a regular file nor a folder."""
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


class _Stopped(Exception):
    """SIGTERM or SIGHUP arrived while a file was being written."""


def _replace(target: Path, body: bytes, shown: Path) -> None:
    import signal
    import tempfile

    partial: str | None = None

    def stop(signum: int, frame: object) -> None:
        raise _Stopped(signum)

    # A stop mid-write removes the partial file before legpress goes (the finally below).
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        # A short temporary name, so a legal long file name never fails because of it.
        fd, partial = tempfile.mkstemp(dir=target.parent, prefix=".lp-", suffix=".partial")
        with os.fdopen(fd, "wb") as f:
            f.write(body)
            f.flush()
            os.fsync(f.fileno())  # the data is on disk before the rename makes it the file
        Path(partial).chmod(_mode_for(target))
        Path(partial).replace(target)
        partial = None
    except OSError as e:
        raise _failed(e, shown) from None
    except _Stopped as e:
        signum = e.args[0]
        if partial is not None:
            with contextlib.suppress(OSError):
                Path(partial).unlink()
            partial = None
        os._exit(128 + signum)
    finally:
        if partial is not None:
            with contextlib.suppress(OSError):
                Path(partial).unlink()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


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
