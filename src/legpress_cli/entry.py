"""The console script. Answers `--version` and TAB completion of names before importing anything
heavy, then hands over to the Typer app, whose group class maps every error to one line and an
exit code. Nothing here imports more than the interpreter has loaded at start (not contextlib,
which brings collections and functools: ~3 ms of a TAB press)."""

from __future__ import annotations

import gc
import os
import sys

from legpress_cli import __version__


def _quiet_stdout() -> None:
    # Point stdout at /dev/null so the interpreter's last flush has nothing to complain about.
    try:  # noqa: SIM105 - contextlib costs a TAB press ~3 ms
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    except OSError:
        pass


def _fast_completion() -> bool:
    """Answer a TAB press for a name from the generated index, before Typer loads; False
    when Typer must answer (fastcomplete.py says which requests it knows)."""
    try:
        from legpress_cli.fastcomplete import answer, builtin_data

        found = answer(os.environ, builtin_data())
        if found is None:
            return False
        sys.stdout.write(found.text)
        sys.stdout.flush()
    except Exception:  # anything odd: Typer's path answers, or completes nothing
        return False
    if found.code:
        sys.exit(found.code)
    return True


def main() -> None:
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):
        try:
            sys.stdout.write(f"legpress {__version__}\n")
            sys.stdout.flush()
        except BrokenPipeError:
            _quiet_stdout()
        except (AttributeError, OSError, ValueError) as e:  # stdout closed (None) or full
            reason = getattr(e, "strerror", None) or "standard output is closed"
            _quiet_stdout()
            sys.stderr.write(f"legpress: error: cannot write output: {reason}\n")
            sys.exit(1)
        return
    if "_LEGPRESS_COMPLETE" in os.environ and _fast_completion():
        return
    # A run lasts well under a second (every data file is capped at 1 MB) and allocates some
    # 45,000 tracked objects, nearly all of them the libraries' modules, classes and functions,
    # which live until exit. The cyclic collector would walk them ~70 times, and once more at
    # shutdown, to free almost nothing: ~4% of start-up by instruction count, for +0.4 MiB peak.
    gc.disable()
    try:
        from legpress_cli import coercion
        from legpress_cli.cli import app_for

        # Values Typer would hand back unchanged skip its TypeAdapters (coercion.py: ~6%).
        coercion.install()
    except KeyboardInterrupt:
        from legpress_cli.errors import EXIT_INTERRUPTED

        sys.exit(EXIT_INTERRUPTED)
    try:
        app_for(args)(prog_name="legpress")
    except SystemExit as e:
        _leave(e.code)
    _leave(0)


def _leave(code: object) -> None:
    """Flush what was written and end the process without tearing the interpreter down.

    Every answer is written and flushed by then, the cache entry is renamed into place, and no
    legpress code registers atexit work; what is left is freeing some 45,000 module objects one
    by one, 6-8% of a run. A flush that fails here is reported as any write failure is."""
    status = code if isinstance(code, int) else (0 if code is None else 1)
    if not isinstance(code, int | None) and sys.stderr is not None:
        try:  # noqa: SIM105  not contextlib: see the module docstring
            sys.stderr.write(f"{code}\n")
        except (OSError, ValueError):
            pass
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except BrokenPipeError:
            pass  # the reader left: quiet, as when the answer itself met the closed pipe
        except (OSError, ValueError) as e:
            if stream is sys.stdout and status == 0:
                try:  # not contextlib: see the module docstring
                    sys.stderr.write(f"legpress: error: cannot write output: {getattr(e, 'strerror', None) or e}\n")
                    sys.stderr.flush()
                except (AttributeError, OSError, ValueError):  # no stderr either
                    pass
                status = 1
    os._exit(status)
