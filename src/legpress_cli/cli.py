"""Typer wiring only: parse options, call one advisor function, hand the result to a renderer.

rich and pydantic are imported inside the commands that need them, so completion, --json
and --version never pay for what they do not use. No `from __future__ import annotations`:
Typer would evaluate every parameter's annotation string at start-up.
"""

import contextlib
import inspect
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TextIO, TypeVar, cast

import typer
from typer.core import TyperCommand, TyperGroup

from legpress_cli import __version__, advisor, results
from legpress_cli.commands import COMMANDS, WITH_JSON
from legpress_cli.errors import EXIT_DATA, EXIT_INTERRUPTED, EXIT_OK, LegpressError, OutputClosed, UsageProblem, shown
from legpress_cli.vocab import DIMENSION_SPECS, PHASES, ROLES, Phase, Role

DocumentFormat = Literal["html", "markdown", "pdf"]

if TYPE_CHECKING:
    from legpress_cli.advisor import Stance
    from legpress_cli.records import Catalog
    from legpress_cli.results import Result

if TYPE_CHECKING:
    CommandName = str
else:  # the schema command's choices: every command with a JSON envelope, from the registry
    CommandName = Literal[WITH_JSON]


def _say(line: str) -> None:
    """Write a line to stderr if there is one: a closed or full stderr never changes what
    legpress answers on stdout, nor its exit code."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(line)
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _note(message: str) -> None:
    _say(f"legpress: {shown(message)}\n")


def _wrote(name: str, detail: str = "") -> None:
    """Say which file was written; a stream or device written into is not a file to report."""
    if not name.startswith(("/dev/", "/proc/")):
        _note(f"wrote {name}{detail}")


def _read_as(guessed_from: str | None, name: str, json_: bool) -> None:
    """Say on stderr how a typo was read; JSON carries it as `guessed_from` instead."""
    if guessed_from and not json_:
        _note(f"reading {guessed_from!r} as {name}")


# An error echoes what the user gave; a 100 KB argument is cut, so the line stays one line.
_LONGEST_MESSAGE = 400


def _error_line(message: str, hint: str | None) -> None:
    if len(message) > _LONGEST_MESSAGE:
        message = message[: _LONGEST_MESSAGE - 1] + "…"
    if hint and len(hint) > _LONGEST_MESSAGE:
        hint = hint[: _LONGEST_MESSAGE - 1] + "…"
    line = f"legpress: error: {message}"
    if hint:
        line += f" (hint: {hint})"
    _say(shown(" ".join(line.split())) + "\n")


# Options of the root command, and how to write them, for a user who put one after a command.
_GLOBAL_OPTIONS = {
    "--data": "legpress --data DIR {command} ...",
    "--version": "legpress --version",
    "-V": "legpress -V",
    "--no-pager": "legpress --no-pager {command} ...",
    "--plain": "legpress --plain {command} ...",
}


def _usage_hint(path: str, unknown_option: str | None) -> str:
    """Point at the help, or, for a global option given after a command, at where it goes."""
    command = path.partition(" ")[2]
    if unknown_option in _GLOBAL_OPTIONS and command:
        return f"{unknown_option} goes before the command: " + _GLOBAL_OPTIONS[unknown_option].format(command=command)
    return f"see '{path} --help'"


# Set by a command whose whole answer went into a file (report -o FILE): a closed stdout then
# lost nothing, so it is no failure.
_ANSWERED_IN_A_FILE = False


def _guarded(call: Callable[[], Any]) -> int:
    """Run the app and turn every way it can end into an exit code; the only place that does."""
    try:
        result = call()
        if sys.stdout is None and not _ANSWERED_IN_A_FILE:  # every other answer goes to stdout
            raise LegpressError("cannot write output: standard output is closed", "run it with stdout open")
    except LegpressError as e:
        _error_line(e.message, e.hint)
        return e.exit_code
    except (OutputClosed, BrokenPipeError):  # Typer's help writes to stdout without _write
        _silence_stdout()
        return EXIT_OK
    except typer.Abort:
        _say("legpress: aborted\n")
        return EXIT_DATA
    except typer.TyperException as e:
        ctx = getattr(e, "ctx", None)
        path = ctx.command_path if ctx is not None else "legpress"
        _error_line(e.format_message(), _usage_hint(path, getattr(e, "option_name", None)))
        return e.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception:
        return _internal_error()
    return result if isinstance(result, int) else EXIT_OK


def _internal_error() -> int:
    from legpress_cli.catalog import forget_cached

    forget_cached()
    if os.environ.get("LEGPRESS_DEBUG") == "1":
        traceback.print_exc()
    else:
        _say(
            "legpress: internal error; this is a bug, please report it with the command you ran "
            "(set LEGPRESS_DEBUG=1 to see the traceback)\n"
        )
    return EXIT_DATA


def _write_failed(e: OSError) -> LegpressError:
    reason = e.strerror if e.strerror else str(e)
    return LegpressError(f"cannot write output: {reason}", "check the disk or the file stdout goes to")


T = TypeVar("T")


def _checked(call: Callable[[], T]) -> T:
    """A write to stdout, and the one place that says what its failure means: a reader that has
    gone is a quiet end (OutputClosed), any other failure one line on stderr."""
    try:
        return call()
    except BrokenPipeError:
        _silence_stdout()
        raise OutputClosed from None
    except OSError as e:
        _silence_stdout()
        raise _write_failed(e) from None
    except ValueError as e:  # a closed file
        _silence_stdout()
        raise LegpressError(f"cannot write output: {e}", "check the disk or the file stdout goes to") from None


class _CheckedStdout:
    """stdout while Typer prints help: its writes fail as every answer's do (rich, which prints
    it, would exit 1 on a closed pipe and show a traceback for a full disk)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def write(self, text: str) -> int:
        return _checked(lambda: self._stream.write(text))

    def flush(self) -> None:
        _checked(self._stream.flush)


class _HelpLikeOutput:
    def get_help(self, ctx: Any) -> str:  # Any: Typer's own click Context type is private
        real = sys.stdout
        if real is not None:
            sys.stdout = _CheckedStdout(real)
        try:
            return super().get_help(ctx)  # type: ignore[misc, no-any-return]
        finally:
            sys.stdout = real

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            # A flag takes no value; Typer would show <bool> (help, completion), inviting --help true.
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
        return params


class LegpressCommand(_HelpLikeOutput, TyperCommand):
    pass


START_HERE = """legpress: what the leg press works, how a foot position shifts that, and how sure we are.

Start here:
  legpress muscles                   every muscle it works, by role
  legpress stance --high             what high feet change, and the study behind each change
  legpress stance --high --vs low    one stance against another, as the studies compared them
  legpress target glutes             which stance trains a muscle or group
  legpress knee                      what it does to the knees, and what changes that
  legpress cues                      how to do it safely
  legpress grades                    what strong, moderate and weak mean
  legpress explore -o explorer.html  one offline page to click through every stance

More: legpress help COMMAND (or COMMAND --help); --json on any command for programs.
"""

GRADES_TEXT = """How sure legpress is: the grades

A grade says how sure we are that a change was measured, not how big the change is.

  strong     two or more independent samples (or a systematic review) measured this very
             comparison and agree
  moderate   one sample measured this very comparison
  weak       studies measured something one step away: another other side (high against low
             feet, for high against the usual middle), another load, another number of legs,
             a pattern within one repetition, or the press held still
  claim      an article or coaching practice says so; no study here measured it

Two steps away, a study says nothing about the question. Papers that may share participants
(one laboratory, one protocol) count as one sample, so a "no difference" from one small sample
is never strong. A claim never moves an arrow, a bar or the map: it is shown as "claimed".

Example: legpress stance --high shows the rectus femoris "less, moderate": Da Silva 2008 (14
women) compared high feet with the middle placement, at 40% and 80% of 1RM. The gluteus maximus
is "more, weak": the same study found it only against low feet, at 80%, one step from the
question; against the middle placement it was measured and nothing was reported.
"""


class LegpressGroup(_HelpLikeOutput, TyperGroup):
    """Runs the app in non-standalone mode so errors reach `_guarded`, for the console script
    and for CliRunner alike."""

    def resolve_command(self, ctx: typer.Context, args: list[str]) -> Any:  # type: ignore[override]
        """A first word that names a muscle, group or joint is pointed to the commands that
        answer it, instead of Typer's nearest command name ('glutes' is not 'cues')."""
        word = args[0] if args else ""
        if word and not word.startswith("-") and self.get_command(ctx, word) is None:
            hint = _name_hint(ctx, word)
            if hint is not None:
                raise UsageProblem(f"{word!r} is not a command", hint)
        return super().resolve_command(ctx, args)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = _guarded(
            lambda: super(LegpressGroup, self).main(
                args=args,
                prog_name=prog_name or "legpress",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        )
        if standalone_mode:
            sys.exit(code)
        return code


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="legpress",
        cls=LegpressGroup,
        help="What the leg press works, how foot position shifts it, how to do it safely, and how sure we are.",
        context_settings={"help_option_names": ["-h", "--help"]},
        invoke_without_command=True,
        pretty_exceptions_enable=False,
        rich_markup_mode="rich",
    )


app = _new_app()


def _name_hint(ctx: typer.Context, word: str) -> str | None:
    """The commands that answer a muscle, group or joint named as a first word, if it is one."""
    from legpress_cli.errors import UnknownName

    if advisor.joint_pointer(word) is not None:
        return "try 'legpress knee'"
    try:
        found = advisor.find(_catalog(ctx), word, groups=True)
    except (UnknownName, LegpressError):
        return None
    if found.kind == "group":
        return f"try 'legpress target {found.id}' or 'legpress muscles --group {found.id}'"
    return f"try 'legpress target {found.id}' or 'legpress muscle {found.id}'"


def _command_name(args: Sequence[str]) -> str | None:
    """The subcommand these arguments run, skipping the root's --data DIR and --no-pager; None if
    unclear."""
    words = iter(args)
    for word in words:
        if word == "--data":
            next(words, None)
        elif not word.startswith("--data=") and word not in ("--no-pager", "--plain"):
            return None if word.startswith("-") else word
    return None


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app to run for these arguments: just the named command when there is one.

    Typer turns every command's signature into Click parameters before it parses anything;
    building only the command that will run saves that on every start (callgrind: 1.8% of
    `muscles`, 2.4% of `muscles --json`). Help, completion and
    unknown commands get the full app, so listings and "did you mean" stay the same.
    """
    name = _command_name(args)
    chosen = [c for c in app.registered_commands if c.callback and (c.name or c.callback.__name__) == name]
    if len(chosen) != 1 or name == "help" or os.environ.get("_LEGPRESS_COMPLETE"):
        return app  # help names other commands: it needs them all
    single = _new_app()
    single.registered_callback = app.registered_callback
    single.registered_commands = chosen
    return single


# --- shared helpers --------------------------------------------------------------------


def _data_dir(ctx: typer.Context) -> Path | None:
    root = ctx.find_root()
    value = root.params.get("data") if root.params else None
    return Path(value) if isinstance(value, str) else None


def _catalog(ctx: typer.Context) -> "Catalog":
    from legpress_cli.catalog import load_catalog

    return load_catalog(_data_dir(ctx))


def _emit_json(payload: object) -> None:
    from legpress_cli.jsonview import dumps

    _write(dumps(payload), utf8=True)


# Whether a long answer on a terminal may go through a pager; --no-pager turns it off.
_PAGING = True


def _page(text: str) -> bool:
    """Show a long answer through a pager, as git does: only on a terminal, only when it is
    longer than the screen; LEGPRESS_PAGER, then PAGER, then 'less' with LESS=FRX unless set;
    an empty pager or 'cat' means none. False when it was not paged (the caller writes it)."""
    import shutil

    if not (_PAGING and sys.stdout is not None and sys.stdout.isatty()):
        return False
    if text.count("\n") < shutil.get_terminal_size().lines:
        return False
    command = os.environ.get("LEGPRESS_PAGER", os.environ.get("PAGER", "less"))
    if command.strip() in ("", "cat"):
        return False
    import shlex
    import subprocess

    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        sys.stdout.flush()
        subprocess.run(shlex.split(command), input=text.encode(sys.stdout.encoding or "utf-8", "replace"), env=env)
    except (OSError, ValueError):
        return False  # no such pager: write the answer as it is
    except KeyboardInterrupt:
        pass  # the reader quit the pager: done
    return True


def _write(text: str, *, utf8: bool = False) -> None:
    """Write to stdout like coreutils: a reader that left early is quiet success; a closed or
    full stdout is one line and exit 1, never a traceback and never exit 0 with output lost.

    utf8: the bytes are UTF-8 whatever the locale or PYTHONIOENCODING, for documents that say so
    themselves (JSON, the HTML handout's charset)."""
    if sys.stdout is None:  # started with stdout closed (`legpress muscles >&-`)
        raise LegpressError("cannot write output: standard output is closed", "run it with stdout open")
    with contextlib.suppress(AttributeError, ValueError):
        # An output encoding that cannot carry a character gets a replacement, not a crash.
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    binary = getattr(sys.stdout, "buffer", None) if utf8 else None

    def put() -> None:
        if binary is not None:
            sys.stdout.flush()
            binary.write(text.encode("utf-8"))
            binary.flush()
        else:
            sys.stdout.write(text)
        sys.stdout.flush()

    _checked(put)


def _silence_stdout() -> None:
    # The reader has gone; point stdout at /dev/null so the interpreter's final flush is quiet.
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _answer(ctx: typer.Context, result: "Result", json_: bool, svg: str | None = None, fmt: str = "text") -> None:
    """The one way a command answers: the --svg file first (so a reader closing the pipe cannot
    cost it), then JSON for --json, else the picture for people."""
    from legpress_cli.answer import render_result

    if fmt != "text":
        if json_:
            raise UsageProblem(f"--json and --format {fmt} both choose the output", "give one of them")
        _write(render_result(result, "csv" if fmt == "csv" else "bibtex"), utf8=True)
        return
    if svg == "-":  # the picture itself is the answer, on stdout
        if json_:
            raise UsageProblem("--svg - and --json both want standard output", "give --svg a file name")
        _write(render_result(result, "svg"), utf8=True)
        return
    if svg is not None:
        from legpress_cli.catalog import builtin_data_dir
        from legpress_cli.outfile import save

        _named_for(svg, (".svg",), f"--svg {svg}: the picture is SVG", "legs.svg")
        save(Path(svg), render_result(result, "svg"), _data_dir(ctx) or builtin_data_dir())
        _wrote(svg)
    answer = render_result(result, "json" if json_ else "text")
    if json_ or not _page(answer):
        _write(answer, utf8=json_)


def _complete_names(ctx: typer.Context, incomplete: str, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    from legpress_cli.catalog import completion_names
    from legpress_cli.names import complete

    try:
        names = completion_names(_data_dir(ctx))
        return complete(incomplete, [(i, spellings, shown) for i, spellings, shown, kind in names if kind in kinds])
    except Exception:  # a TAB press completes nothing rather than print an error into the shell
        return []


# The completers of names, and the kinds of name each offers: name_slots() reads this to tell
# the fast TAB path (fastcomplete.py) which words take which names.
NAME_KINDS: dict[Callable[..., Any], tuple[str, ...]] = {}


def _names_of(*kinds: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    def offer(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        return _complete_names(ctx, incomplete, kinds)

    NAME_KINDS[offer] = kinds
    return offer


complete_muscle = _names_of("muscle")
complete_target = _names_of("muscle", "group")
complete_group = _names_of("group")
complete_exercise = _names_of("exercise")


def name_slots() -> dict[tuple[str, ...], tuple[str, ...]]:
    """The words before a name -> the kinds of name that go there, from every command's
    parameters: `("target",)` for an argument, `("muscles", "--group")` for an option."""
    slots: dict[tuple[str, ...], tuple[str, ...]] = {}
    for command in app.registered_commands:
        callback = command.callback
        assert callback is not None
        name = command.name or callback.__name__
        for parameter in inspect.signature(callback, eval_str=True).parameters.values():
            for info in getattr(parameter.annotation, "__metadata__", ()):
                kinds = NAME_KINDS.get(getattr(info, "autocompletion", None))  # type: ignore[arg-type]
                if kinds is None:
                    continue
                if isinstance(info, typer.models.OptionInfo):
                    # Annotated options name their flags first, where a default would go.
                    decls = (info.default, *(info.param_decls or ()))
                    flags = [d for d in decls if isinstance(d, str) and d.startswith("--")]
                    slots[(name, flags[0])] = kinds
                else:
                    slots[(name,)] = kinds
    return slots


def _version(value: bool) -> None:
    if value:
        _write(f"legpress {__version__}\n")
        raise typer.Exit()


def _one_of(values: tuple[str, ...], value: str) -> str:
    """`value` as one of `values`, whatever its case; typer.BadParameter naming them if none."""
    for known in values:
        if known.casefold() == value.casefold():
            return known
    raise typer.BadParameter(f"{value!r} is not one of {', '.join(values)}")


def _choice(flag: str, values: tuple[str, ...], help: str, *, checked: bool = True, **extra: Any) -> Any:
    """An option that takes one of `values`, whatever its case (`--phase Bottom`), completes
    them, shows them in help, and names them when given something else, in Typer's own
    'Invalid value' line. Without `checked` the command checks it (_stance does, for the nine
    stance options: Typer inspects each callback's signature on every run, ~0.05 ms apiece)."""

    def check(value: str | None) -> str | None:
        return None if value is None else _one_of(values, value)

    def offer(incomplete: str) -> list[str]:
        return [v for v in values if v.startswith(incomplete.casefold())]

    return typer.Option(
        flag,
        help=help,
        metavar="[" + "|".join(values) + "]",
        callback=check if checked else None,
        autocompletion=offer,
        **extra,
    )


# metavar="": a flag takes no value, so its help shows none (Typer would print <bool>).
JsonFlag = Annotated[
    bool, typer.Option("--json", help="Write JSON (a versioned envelope) instead of a table.", metavar="")
]
# A str, not a Path: Typer converts a Path through pydantic, which a warm start never imports.
SvgFile = Annotated[
    str | None,
    typer.Option("--svg", metavar="FILE", help="Also write the picture to FILE as a standalone SVG."),
]

TableFormat = Annotated[
    str,
    _choice("--format", ("text", "csv"), "text: a table for people; csv: rows for a spreadsheet or a script."),
]
BibFormat = Annotated[
    str, _choice("--format", ("text", "bibtex"), "text: for people; bibtex: one entry per source for a reference list.")
]


@app.callback()
def root(
    ctx: typer.Context,
    # A str, made a Path in _data_dir: Typer converts a Path option through pydantic, whose
    # import alone was ~60 ms of every run with --data or LEGPRESS_DATA.
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="DIR",
            envvar="LEGPRESS_DATA",
            help="Read the data from DIR instead of the built-in copy (never written to).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.", metavar=""
        ),
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager", help="Never page a long answer (it is paged only on a terminal, as git does).", metavar=""
        ),
    ] = False,
    plain: Annotated[
        bool,
        typer.Option("--plain", help="Text for a screen reader: no pictures, rules or colour.", metavar=""),
    ] = False,
) -> None:
    """What the leg press works, how foot position shifts it, how to do it safely, and how sure we are.

    Start with [bold]legpress muscles[/bold]; add [bold]--json[/bold] to any command for JSON.
    """
    # Set on every run, both ways: CliRunner runs many commands in one process.
    global _PAGING, _ANSWERED_IN_A_FILE
    _PAGING = not no_pager
    _ANSWERED_IN_A_FILE = False
    if plain or "legpress_cli.render" in sys.modules:  # --json never needs to import rich for this
        from legpress_cli import render

        render.PLAIN = plain
    if ctx.invoked_subcommand is None:
        _write(START_HERE)


# --- commands ----------------------------------------------------------------------------


@app.command(
    epilog=(
        "Examples:  legpress muscles  |  legpress muscles --role primary  |  legpress muscles --group hamstrings --json"
    )
)
def muscles(
    ctx: typer.Context,
    role: Annotated[str | None, _choice("--role", ROLES, "Only muscles with this role.")] = None,
    group: Annotated[
        str | None,
        typer.Option(
            "--group",
            metavar="GROUP",
            help="Only this group (quadriceps, glutes, ...).",
            autocompletion=complete_group,
        ),
    ] = None,
    json_: JsonFlag = False,
    svg: SvgFile = None,
    format_: TableFormat = "text",
) -> None:
    """Every muscle the leg press works, as primary movers, secondary movers and stabilizers."""
    catalog = _catalog(ctx)
    group_id = advisor.find_group(catalog, group) if group is not None else None
    chosen = cast("Role | None", role)  # _choice returned one of ROLES
    items = advisor.list_muscles(catalog, chosen, group_id)
    _answer(ctx, results.MusclesResult(catalog, items, chosen, group_id), json_, svg, format_)


@app.command(
    epilog=(
        "Examples:  legpress muscle vastus-medialis  |  legpress muscle vmo  |  legpress muscle 'vastus medalis' --json"
    )
)
def muscle(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(help="A muscle's id, name or alias, e.g. vmo.", autocompletion=complete_muscle),
    ],
    json_: JsonFlag = False,
) -> None:
    """One muscle in detail: where it is, what it does, its role, and the stances that change it."""
    catalog = _catalog(ctx)
    found = advisor.find(catalog, name, groups=False)
    m = catalog.muscle(found.id)
    effects = advisor.option_effects(catalog, m)
    from legpress_cli import exercises

    compared = exercises.compared_for(catalog, m)
    _read_as(found.guessed_from, m.name, json_)
    _answer(ctx, results.MuscleResult(catalog, m, effects, found.guessed_from, compared), json_)


@app.command(epilog=("Examples:  legpress cues  |  legpress cues --phase bottom  |  legpress cues --json"))
def cues(
    ctx: typer.Context,
    phase: Annotated[str | None, _choice("--phase", PHASES, "Only the cues for this phase of the lift.")] = None,
    json_: JsonFlag = False,
    format_: TableFormat = "text",
) -> None:
    """How to do the lift safely, phase by phase, with why each cue matters."""
    catalog = _catalog(ctx)
    chosen = cast("Phase | None", phase)  # _choice returned one of PHASES
    _answer(ctx, results.CuesResult(catalog, advisor.list_cues(catalog, chosen), chosen), json_, fmt=format_)


@app.command(epilog=("Examples:  legpress sources  |  legpress sources --json"))
def sources(ctx: typer.Context, json_: JsonFlag = False, format_: BibFormat = "text") -> None:
    """Numbered citations with DOIs, and every claim in the data that each one supports."""
    catalog = _catalog(ctx)
    _answer(ctx, results.SourcesResult(catalog, advisor.source_uses(catalog)), json_, fmt=format_)


_S = "Stance"


def _flag_param(flag: str) -> str:
    return flag.lstrip("-").replace("-", "_")


@cache
def _stance_parameters() -> tuple[inspect.Parameter, ...]:
    """The stance options, built from vocab.DIMENSION_SPECS: a shorthand flag per value that has
    one, and a long option per dimension; a new dimension there appears here with no edit. Built
    once for the commands that share them (Typer copies each option's info before changing it)."""
    out: list[inspect.Parameter] = []
    for spec in DIMENSION_SPECS:
        for f in spec.flags:
            option = typer.Option(f.flag, help=f.help, rich_help_panel=_S, metavar="")
            out.append(
                inspect.Parameter(
                    _flag_param(f.flag),
                    inspect.Parameter.KEYWORD_ONLY,
                    default=False,
                    annotation=Annotated[bool, option],
                )
            )
        option = _choice(f"--{spec.name}", spec.values, spec.help, checked=False, rich_help_panel=_S)
        out.append(
            inspect.Parameter(
                spec.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=None,
                annotation=Annotated[str | None, option],
            )
        )
    vs = typer.Option(
        "--vs",
        metavar="STANCE",
        help=(
            "Measure the stance against this one instead of the neutral stance: its values, comma-separated "
            "(low; high,narrow; one; neutral). Unnamed dimensions are the usual ones; the load is the stance's."
        ),
        rich_help_panel=_S,
        autocompletion=complete_vs,
    )
    out.append(
        inspect.Parameter("vs", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Annotated[str | None, vs])
    )
    return tuple(out)


def complete_vs(incomplete: str) -> list[str]:
    """The values --vs takes, after any already typed before a comma."""
    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    words = ["neutral", *(v for spec in DIMENSION_SPECS for v in spec.values)]
    return [prefix + w for w in words if w.startswith(last)]


def _against(ctx: typer.Context, given: dict[str, Any], chosen: "Stance") -> "Stance | None":
    """The stance given with --vs, or None for the neutral one. Each word is a value of one
    dimension (values are unique across dimensions) or dimension=value; the load, a condition
    rather than a position, is the stance's own unless named."""
    from legpress_cli.advisor import Stance

    spec = given.get("vs")
    if spec is None:
        return None
    hint = f"see '{ctx.command_path} --help'"
    owner = {v: s.name for s in DIMENSION_SPECS for v in s.values}
    picked: dict[str, str] = {}
    for word in (w.strip().lower() for w in spec.split(",")):
        if word in ("", "neutral"):
            continue
        dimension, _, value = word.rpartition("=")
        if not dimension:
            dimension = owner.get(value, "")
        allowed = next((s.values for s in DIMENSION_SPECS if s.name == dimension), ())
        if value not in allowed:
            shown_word = word if len(word) <= 40 else word[:39] + "…"
            choices = ", ".join(owner)
            raise UsageProblem(f"--vs: {shown_word!r} is not a stance value", f"choose from: {choices}; {hint}")
        if picked.get(dimension, value) != value:
            raise UsageProblem(f"--vs names two values for the {dimension}", hint)
        picked[dimension] = value
    picked.setdefault("load", chosen.load)
    against = Stance.of(**picked)
    if against == chosen:
        raise UsageProblem("--vs names the same stance as the one asked about", hint)
    return against


def _with_stance_options(func: Callable[..., None]) -> Callable[..., None]:
    """Give a command that takes **stance the stance options, after its context parameter."""
    signature = inspect.signature(func)
    own = [p for p in signature.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
    rest = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own[1:]]
    func.__signature__ = signature.replace(parameters=[own[0], *_stance_parameters(), *rest])  # type: ignore[attr-defined]
    return func


def _stance(ctx: typer.Context, given: dict[str, Any]) -> "Stance":
    """Fold the flags into one stance; two different values for one dimension is a usage error."""
    from legpress_cli.advisor import Stance

    chosen: dict[str, str] = {}
    for spec in DIMENSION_SPECS:
        used = [(f.flag, f.value) for f in spec.flags if given.get(_flag_param(f.flag))]
        value = given.get(spec.name)
        if value is not None:
            try:
                value = _one_of(spec.values, value)
            except typer.BadParameter as e:
                e.ctx, e.param_hint = ctx, f"'--{spec.name}'"
                raise
            used.append((f"--{spec.name} {value}", value))
        if len({v for _, v in used}) > 1:
            flags = " and ".join(flag for flag, _ in used)
            raise UsageProblem(f"{flags} both set the {spec.words}; choose one", f"see '{ctx.command_path} --help'")
        if used:
            chosen[spec.name] = used[0][1]
    return Stance.of(**chosen)


@app.command(
    epilog=(
        "Examples:  legpress stance --high --wide  |  "
        "legpress stance --high --vs low  |  "
        "legpress stance --high --wide --vs high,narrow  |  "
        "legpress stance --low --deep --load heavy  |  "
        "legpress stance --height high --json"
    )
)
@_with_stance_options
def stance(
    ctx: typer.Context,
    json_: JsonFlag = False,
    svg: SvgFile = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="The full account: every finding behind each muscle, silent ones too.", metavar=""
        ),
    ] = False,
    format_: TableFormat = "text",
    **given: Any,
) -> None:
    """How a foot position shifts the work between muscles, and what was measured behind each shift."""
    chosen = _stance(ctx, given)
    against = _against(ctx, given, chosen)
    catalog = _catalog(ctx)
    result = results.StanceResult(catalog, advisor.assess(catalog, chosen, against), explain)
    _answer(ctx, result, json_, svg, format_)


@app.command(
    epilog=(
        "Examples:  legpress target glutes  |  legpress target 'inner thigh'  |  legpress target vastus-medialis --json"
    )
)
def target(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="A muscle or group, e.g. glutes, quads, inner thigh.",
            autocompletion=complete_target,
        ),
    ],
    json_: JsonFlag = False,
) -> None:
    """Which stance to pick to train a muscle or group, best first, with the evidence for each."""
    catalog = _catalog(ctx)
    found = advisor.find(catalog, name, groups=True)
    from legpress_cli import targets

    report = targets.rank(catalog, found)
    _read_as(found.guessed_from, report.name, json_)
    _answer(ctx, results.TargetResult(catalog, report, found.guessed_from), json_)


@app.command(
    "map",
    epilog=("Examples:  legpress map  |  legpress map --high --wide  |  legpress map --low --svg legs.svg"),
)
@_with_stance_options
def map_(ctx: typer.Context, json_: JsonFlag = False, svg: SvgFile = None, **given: Any) -> None:
    """A body map of the hips and legs, front and back, shaded by how a stance changes each muscle."""
    chosen = _stance(ctx, given)
    against = _against(ctx, given, chosen)
    catalog = _catalog(ctx)
    _answer(ctx, results.MapResult(catalog, advisor.assess(catalog, chosen, against)), json_, svg)


@app.command(
    epilog=("Examples:  legpress evidence  |  legpress evidence vastus-medialis  |  legpress evidence glute --json")
)
def evidence(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            help="Only the findings and claims about this muscle or group.",
            autocompletion=complete_target,
        ),
    ] = None,
    json_: JsonFlag = False,
    format_: TableFormat = "text",
) -> None:
    """Every finding behind the arrows, by muscle, and every claim with what research says of it."""
    catalog = _catalog(ctx)
    found = advisor.find(catalog, name, groups=True) if name is not None else None
    from legpress_cli import matrix

    report = matrix.evidence(catalog, found.id if found else None)
    if found is not None:
        _read_as(found.guessed_from, catalog.display_name(found.id), json_)
    _answer(ctx, results.EvidenceResult(catalog, report, found.id if found else None), json_, fmt=format_)


@app.command(
    epilog=(
        "Examples:  legpress compare squat  |  legpress compare knee-extension  |  legpress compare kickback --json"
    )
)
def compare(
    ctx: typer.Context,
    exercise: Annotated[
        str,
        typer.Argument(
            help="The exercise to set the leg press against, e.g. squat.",
            autocompletion=complete_exercise,
        ),
    ],
    json_: JsonFlag = False,
) -> None:
    """The leg press against another exercise: muscle by muscle, what else was measured, and what the articles claim."""
    catalog = _catalog(ctx)
    from legpress_cli import exercises

    found, guessed = exercises.find_exercise(catalog, exercise)
    _read_as(guessed, found.name, json_)
    _answer(ctx, results.CompareResult(catalog, exercises.compare(catalog, found), guessed), json_)


@app.command(epilog=("Examples:  legpress knee  |  legpress knee --json"))
def knee(ctx: typer.Context, json_: JsonFlag = False) -> None:
    """What the leg press does to the knees, what changes that, and the cues that protect them."""
    from legpress_cli.knee import knee as knee_report

    catalog = _catalog(ctx)
    _answer(ctx, results.KneeResult(catalog, knee_report(catalog)), json_)


@app.command(
    epilog=(
        "Examples:  legpress report --high --wide -o handout.html  |  legpress report --one-leg -o -  |  "
        "legpress report --low --format markdown -o notes.md"
    )
)
@_with_stance_options
def report(
    ctx: typer.Context,
    output: Annotated[
        str,
        typer.Option(
            "-o", "--output", metavar="FILE", help="Write the handout to FILE; '-' writes it to standard output."
        ),
    ],
    format_: Annotated[
        DocumentFormat | None,
        typer.Option(
            "--format",
            help="html: one page to print or email; markdown: for notes; pdf: printed by Chromium. "
            "Default: from the file's suffix (.html, .md, .pdf), html for '-'.",
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="A title of your own for the page.")
    ] = None,
    client: Annotated[str | None, typer.Option("--for", metavar="NAME", help="Whom the handout is for.")] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A note from you, the coach.")] = None,
    log: Annotated[
        bool, typer.Option("--log", help="Add a blank log of sets, reps and load to fill in.", metavar="")
    ] = False,
    **given: Any,
) -> None:
    """A handout for one stance: the body map, muscles, cues and sources on one printable page."""
    fmt = _document_format(output, format_)
    personal = results.Personal(
        _own_words("--title", title, 80), _own_words("--for", client, 60), _own_words("--note", note, 400), log
    )
    chosen = _stance(ctx, given)
    against = _against(ctx, given, chosen)
    catalog = _catalog(ctx)
    result = results.ReportResult(
        catalog, advisor.assess(catalog, chosen, against), advisor.list_cues(catalog, stance=chosen), _today(), personal
    )
    from legpress_cli.answer import render_document

    text = render_document(result, "markdown" if fmt == "markdown" else "html")
    body: str | bytes = text
    pages = ""
    if fmt == "pdf":
        from legpress_cli.pdf import html_to_pdf, page_count

        body = html_to_pdf(text)
        count = page_count(body)
        pages = f", {count} page{'s' if count != 1 else ''}"
    if output == "-":
        if isinstance(body, bytes):
            raise UsageProblem("a PDF is not written to standard output", "give -o a file name, e.g. handout.pdf")
        _write(body, utf8=True)  # the page says it is UTF-8, whatever the locale
        return
    from legpress_cli.catalog import builtin_data_dir
    from legpress_cli.outfile import save

    save(output, body, _data_dir(ctx) or builtin_data_dir(), f"handout.{_SUFFIX_OF[fmt]}")
    _wrote(output, pages)
    global _ANSWERED_IN_A_FILE
    _ANSWERED_IN_A_FILE = True


def _own_words(flag: str, text: str | None, longest: int) -> str | None:
    """A coach's text for the handout: one line, printable, not too long (it is untrusted like
    any input, and escaped where it is drawn)."""
    if text is None:
        return None
    said = " ".join(text.split())
    if not said:
        return None
    if len(said) > longest:
        raise UsageProblem(f"{flag} is {len(said)} characters; at most {longest} fit the page", "shorten it")
    if shown(said) != said or any(not c.isprintable() for c in said):
        raise UsageProblem(f"{flag} holds a control or invisible character", "type it again as plain text")
    return said


_FORMAT_OF_SUFFIX: dict[str, DocumentFormat] = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".pdf": "pdf",
}
_SUFFIX_OF: dict[str, str] = {"html": "html", "markdown": "md", "pdf": "pdf"}


def _named_for(name: str, suffixes: tuple[str, ...], wrong: str, example: str) -> None:
    """A file's name says what it holds: a folder, or a suffix that says something else, is a
    usage error (`wrong`, with `example` as the hint). '-' and /dev/ names are streams."""
    if name == "-" or name.startswith("/dev/"):
        return
    if name.endswith(("/", os.sep)) or os.path.isdir(name):  # noqa: PTH112  pathlib costs start-up here
        raise UsageProblem(f"cannot write {name}: it is a folder", f"give a file name, e.g. {example}")
    if os.path.splitext(name)[1].lower() not in suffixes:  # noqa: PTH122  a name, not a path to touch
        listed = ", ".join(suffixes[:-1]) + " or " + suffixes[-1] if len(suffixes) > 1 else suffixes[0]
        raise UsageProblem(wrong, f"end the name in {listed}, e.g. {example}")


def _document_format(output: str, given: DocumentFormat | None) -> DocumentFormat:
    """The handout's format: what --format says, else the file's suffix; the two must agree,
    so a file is always what its name says."""
    if output == "-" or output.startswith("/dev/"):
        return given or "html"
    suffixes = tuple(_FORMAT_OF_SUFFIX)
    _named_for(output, suffixes, f"-o {output}: a handout is HTML, Markdown or PDF", "handout.html")
    implied = _FORMAT_OF_SUFFIX[os.path.splitext(output)[1].lower()]  # noqa: PTH122
    if given is not None and given != implied:
        raise UsageProblem(f"--format {given} and -o {output} disagree", f"name the file .{_SUFFIX_OF[given]}")
    return implied


def _today() -> str:
    """Today's date, or the one SOURCE_DATE_EPOCH gives, so a handout can be made reproducibly."""
    import datetime

    pinned = os.environ.get("SOURCE_DATE_EPOCH")
    if pinned is None:
        return datetime.date.today().isoformat()
    try:
        return datetime.datetime.fromtimestamp(int(pinned), tz=datetime.UTC).date().isoformat()
    except (ValueError, OverflowError, OSError):
        raise UsageProblem(
            f"SOURCE_DATE_EPOCH is {pinned!r}, not a number of seconds since 1970",
            "unset it, or set it to a whole number such as 1700000000",
        ) from None


@app.command(
    epilog=("Examples:  legpress explore -o explorer.html  |  legpress --data mypack explore -o mine.html"),
)
def explore(
    ctx: typer.Context,
    output: Annotated[
        str,
        typer.Option(
            "-o", "--output", metavar="FILE", help="Write the page to FILE (.html); '-' writes it to standard output."
        ),
    ],
) -> None:
    """One offline page to explore every stance with toggles, on a phone or a laptop."""
    _named_for(output, (".html", ".htm"), f"-o {output}: the explorer is an HTML page", "explorer.html")
    from legpress_cli.explore import page

    text = page(_catalog(ctx), version=__version__)
    if output == "-":
        _write(text, utf8=True)
        return
    from legpress_cli.catalog import builtin_data_dir
    from legpress_cli.outfile import save

    save(output, text, _data_dir(ctx) or builtin_data_dir(), "explorer.html")
    _wrote(output, f", {len(text.encode()) // 1024} KB")
    global _ANSWERED_IN_A_FILE
    _ANSWERED_IN_A_FILE = True


@app.command(epilog=("Examples:  legpress schema  |  legpress schema stance"))
def schema(
    command: Annotated[CommandName | None, typer.Argument(help="Only this command's envelope.")] = None,
) -> None:
    """Print the JSON Schema of the --json output (all commands, or one)."""
    from legpress_cli.jsonview import schema as make_schema

    _emit_json(make_schema(command))


@app.command(epilog=("Examples:  legpress grades"))
def grades() -> None:
    """What strong, moderate, weak and claim mean: how sure, not how big."""
    _write(GRADES_TEXT)


@app.command("help", epilog=("Examples:  legpress help  |  legpress help stance"))
def help_(
    ctx: typer.Context,
    command: Annotated[str | None, typer.Argument(help="The command to explain.")] = None,
) -> None:
    """Where to start, or one command's help."""
    if command is None:
        _write(START_HERE)
        return
    root = ctx.find_root()
    group = root.command
    sub = group.get_command(root, command) if isinstance(group, TyperGroup) else None
    if sub is None:
        known = ", ".join(c.name for c in COMMANDS)
        raise UsageProblem(f"no command {command!r}", f"choose one of: {known}")
    with sub.make_context(command, [], parent=root, resilient_parsing=True) as sub_ctx:
        _write(sub.get_help(sub_ctx) + "\n")


# Every command prints its help the way _HelpLikeOutput arranges (Typer takes cls per command).
for _info in app.registered_commands:
    if _info.cls in (None, TyperCommand):
        _info.cls = LegpressCommand
