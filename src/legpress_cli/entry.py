"""The console script. Answers `--version` before importing anything heavy, then hands over to
the Typer app, whose group class maps every error to one line and an exit code."""

from __future__ import annotations

import sys

from legpress_cli import __version__


def main() -> None:
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):
        sys.stdout.write(f"legpress {__version__}\n")
        return
    try:
        from legpress_cli.cli import app_for
    except KeyboardInterrupt:
        sys.exit(130)
    app_for(args)(prog_name="legpress")
