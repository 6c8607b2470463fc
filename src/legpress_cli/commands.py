"""The one list of legpress's commands. The CLI's schema choices, the JSON contract's envelope
table and the tests' command lists are checked against it (tests/test_registry.py), so a
command is added here, in cli.py (its function) and in its result's render and JSON views.

Plain Python, no imports: completion and --version can read it for free.
"""

from typing import NamedTuple


class Command(NamedTuple):
    name: str
    json: bool  # answers --json with an envelope of its own (schema prints JSON already)
    svg: bool  # takes --svg FILE


COMMANDS: tuple[Command, ...] = (
    Command("muscles", json=True, svg=True),
    Command("muscle", json=True, svg=False),
    Command("cues", json=True, svg=False),
    Command("sources", json=True, svg=False),
    Command("stance", json=True, svg=True),
    Command("target", json=True, svg=False),
    Command("map", json=True, svg=True),
    Command("evidence", json=True, svg=False),
    Command("compare", json=True, svg=False),
    Command("knee", json=True, svg=False),
    Command("report", json=False, svg=False),
    Command("explore", json=False, svg=False),
    Command("schema", json=False, svg=False),
    Command("grades", json=False, svg=False),
    Command("help", json=False, svg=False),
)
NAMES: tuple[str, ...] = tuple(c.name for c in COMMANDS)
WITH_JSON: tuple[str, ...] = tuple(c.name for c in COMMANDS if c.json)
