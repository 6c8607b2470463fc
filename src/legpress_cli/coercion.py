"""A start-up shortcut in Typer's value coercion, for values it would hand back unchanged.

Typer 0.29 builds a pydantic TypeAdapter for every parameter it processes, before looking at
the value: even to turn the None of an option the user left out into None, or a word from the
command line into the same `str`. The first adapter also imports pydantic's plugin loader and
importlib.metadata; for `legpress muscles` that was ~8% of start-up by instruction count.

`install()` makes Typer use a pass-through coercer for exactly the values it would hand back
unchanged: a missing value of a single-valued parameter, a `str` given for a plain `str`
parameter, and a word spelled exactly as one of a case-sensitive Literal's strings. Everything
else (paths, lists, a choice in the wrong case or not a choice at all, so its error message)
still goes through Typer's own adapters, as does a required parameter left out (for Typer's
message). It wraps `process_value` (click's Parameter method) of Typer's `TyperOption` and
`TyperArgument`, and reads what Typer records of each parameter's type (`type_descriptor`), all
public names but not documented ones, so Typer is pinned to 0.29; if a release drops them,
`install()` returns None or the shortcut stops applying, and tests fail so it can be brought up
to date (tests/test_cli.py counts the adapters built, tests/test_process.py finds pydantic).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


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

    classes = [getattr(typer.core, name, None) for name in ("TyperOption", "TyperArgument")]
    if not all(hasattr(cls, "process_value") and hasattr(cls, "value_is_missing") for cls in classes):
        return None
    # The classes' own process_value, if they have one; else they inherit Typer's, restored by
    # deleting ours.
    own = {cls: vars(cls).get("process_value") for cls in classes}

    def shortcut(original: Callable[..., Any]) -> Callable[..., Any]:
        def process_value(self: Any, ctx: Any, value: Any) -> Any:
            if not passes_through(self, value, ctx) or (self.required and self.value_is_missing(value)):
                return original(self, ctx, value)
            # What Typer's process_value does with a value its coercion returns unchanged.
            return value if self.callback is None else self.callback(ctx, self, value)

        return process_value

    for cls in classes:
        cls.process_value = shortcut(cls.process_value)  # type: ignore[union-attr]

    def uninstall() -> None:
        for cls, method in own.items():
            if method is None:
                del cls.process_value  # type: ignore[union-attr]
            else:
                cls.process_value = method  # type: ignore[union-attr]

    return uninstall
