"""A start-up shortcut in Typer's value coercion, for values it would hand back unchanged.

Typer 0.29 builds a pydantic TypeAdapter for every parameter it processes, before looking at
the value: even to turn the None of an option the user left out into None, or a word from the
command line into the same `str`. The first adapter also imports pydantic's plugin loader and
importlib.metadata; for `legpress muscles` that was ~8% of start-up by instruction count.

`install()` makes Typer use a pass-through coercer for exactly the values it would hand back
unchanged: a missing value of a single-valued parameter, a `str` given for a plain `str`
parameter, and a word spelled exactly as one of a case-sensitive Literal's strings. Everything
else (paths, lists, a choice in the wrong case or not a choice at all, so its error message)
still goes through Typer's own adapters, and the required check and callbacks still run in
Typer's code. It relies on private names of Typer's (`_TyperParameter`, `_runtime_param`,
`type_descriptor`); if a release drops them, `install()` changes nothing and returns None, or
the shortcut simply stops applying, and a test fails so it can be brought up to date.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class _AsGiven:
    """Stands in for Typer's runtime coercion where its answer is the value itself."""

    def coerce(self, value: Any, param: object, ctx: object) -> Any:
        return value


def passes_through(param: Any, value: Any, ctx: Any) -> bool:
    """Whether Typer's coercion would return this value unchanged."""
    if param.multiple or param.nargs != 1:
        return False  # Typer turns a missing multi-value into () and splits the rest
    if value is None:
        return True
    descriptor = getattr(param, "type_descriptor", None)
    info = getattr(descriptor, "parameter_info", None)
    if type(value) is not str or info is None or getattr(info, "parser", 0) is not None:
        return False
    if getattr(descriptor, "annotation", None) is str:
        return True
    # A word spelled exactly as one of a Literal's strings: Typer's choice matching returns it.
    choices = getattr(descriptor, "choices", None)
    return (
        isinstance(choices, tuple)
        and all(type(c) is str for c in choices)
        and value in choices
        and getattr(descriptor, "case_sensitive", False) is True
        and getattr(ctx, "token_normalize_func", 0) is None
    )


def install() -> Callable[[], None] | None:
    """Put the shortcut in place and return how to take it out again; None if Typer does not
    have the shape it relies on. Only the console script (entry.py) installs it, so importing
    the CLI (tests, other programs) never patches Typer for the whole process."""
    import typer.core

    param_class = getattr(typer.core, "_TyperParameter", None)
    original = getattr(param_class, "process_value", None)
    if param_class is None or original is None or not hasattr(param_class, "get_runtime_param"):
        return None
    as_given = _AsGiven()

    def process_value(self: Any, ctx: Any, value: Any) -> Any:
        if getattr(self, "_runtime_param", 0) is not None or not passes_through(self, value, ctx):
            return original(self, ctx, value)
        self._runtime_param = as_given
        try:
            return original(self, ctx, value)
        finally:
            self._runtime_param = None

    param_class.process_value = process_value

    def uninstall() -> None:
        param_class.process_value = original

    return uninstall
