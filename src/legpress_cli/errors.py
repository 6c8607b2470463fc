"""The project's exceptions. The CLI maps them to exit codes in one place (cli._guarded).

Exit codes: 0 success, 1 a runtime or data error, 2 a usage error, 130 interrupted.
"""

from __future__ import annotations

import re

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


# What must not reach a terminal raw from an argument or a path: C0 and C1 controls, DEL,
# bidirectional overrides, and the lone surrogates Python makes of bytes that are not UTF-8.
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


def shown(text: str) -> str:
    """Text safe to echo on a terminal: anything unsafe becomes a visible escape (\\x1b)."""
    return re.sub(_UNSAFE, _escape, text)


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, shown as that byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
