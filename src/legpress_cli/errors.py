"""The project's exceptions. The CLI maps them to exit codes in one place (entry.py).

Exit codes: 0 success, 1 a runtime or data error, 2 a usage error, 130 interrupted.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class LegpressError(Exception):
    """An error a user can cause and fix; carries a one-line message and a hint."""

    exit_code = EXIT_DATA

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class DataError(LegpressError):
    """A data file is missing, unreadable or invalid."""


class UsageProblem(LegpressError):
    """The command line asks for something that does not exist or does not fit together."""

    exit_code = EXIT_USAGE


class UnknownName(UsageProblem):
    """A muscle or group name that matches nothing; may carry suggestions."""

    def __init__(self, message: str, hint: str | None = None, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message, hint)
        self.suggestions = suggestions


class OutputClosed(Exception):
    """Whoever was reading stdout has gone (`legpress muscles | head -1`): stop quietly."""
