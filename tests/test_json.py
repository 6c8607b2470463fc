"""--json on every command: plain JSON only, valid against the schema the tool prints."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest

from conftest import Run
from legpress_cli import jsonview

COMMANDS: list[list[str]] = [
    ["muscles"],
    ["muscles", "--role", "stabilizer"],
    ["muscle", "vmo"],
    ["muscle", "vastus medalis"],
    ["cues"],
    ["cues", "--phase", "setup"],
    ["sources"],
    ["stance"],
    ["stance", "--low", "--narrow", "--deep", "--toes-out"],
    ["target", "glutes"],
    ["target", "soleus"],
    ["map", "--high", "--wide"],
    ["stance", "--high", "--load", "heavy"],
    ["evidence"],
    ["evidence", "vastus-medialis"],
    ["stance", "--one-leg"],
    ["compare", "squat"],
    ["compare", "kickback"],
    ["knee"],
    ["stance", "--high", "--vs", "low"],
    ["map", "--high", "--vs", "low"],
]
ESCAPE = re.compile(r"\x1b\[")


def schema_for(run: Run, command: str) -> dict[str, Any]:
    result = run("schema", command)
    assert result.exit_code == 0
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_output_matches_its_schema(run: Run, args: list[str]) -> None:
    result = run(*args, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 3 and data["command"] == args[0]
    jsonschema.validate(data, schema_for(run, args[0]))


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("env", [{"COLUMNS": "20"}, {"FORCE_COLOR": "1", "NO_COLOR": None, "COLUMNS": "20"}])
def test_json_is_never_wrapped_or_coloured(run: Run, args: list[str], env: dict[str, str | None]) -> None:
    result = run(*args, "--json", env=env)
    assert result.exit_code == 0
    assert not ESCAPE.search(result.stdout)
    json.loads(result.stdout)
    assert result.stderr == ""


def test_schema_rejects_a_wrong_shape(run: Run) -> None:
    good = json.loads(run("muscles", "--json").stdout)
    schema = schema_for(run, "muscles")
    bad = json.loads(json.dumps(good))
    bad["muscles"][0]["role"] = "boss"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    extra = json.loads(json.dumps(good))
    extra["muscles"][0]["percent"] = 42
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(extra, schema)


def test_full_schema_lists_every_command(run: Run) -> None:
    data = json.loads(run("schema").stdout)
    assert set(data["commands"]) == {
        "muscles",
        "muscle",
        "cues",
        "sources",
        "stance",
        "target",
        "map",
        "evidence",
        "compare",
        "knee",
    }
    assert data["schema_version"] == 3
    for sub in data["commands"].values():
        jsonschema.Draft202012Validator.check_schema(sub)


def test_schema_unknown_command(run: Run) -> None:
    result = run("schema", "nope")
    assert result.exit_code == 2
    assert "'nope' is not one of" in result.stderr


def test_json_keeps_non_ascii_text_on_utf8(run: Run, data_copy: Any) -> None:
    path = data_copy / "muscles.toml"
    path.write_text(path.read_text().replace('name = "Soleus"', 'name = "Sóleo"'), encoding="utf-8")
    result = run("--data", str(data_copy), "muscle", "soleus", "--json")
    assert '"name": "Sóleo"' in result.stdout


def test_the_schema_file_is_current() -> None:
    """`legpress schema` reads the schema made with the release; it must be what pydantic makes
    of contract.py now (`python scripts/make_docs.py` rewrites it)."""
    assert jsonview.SCHEMA.read_text(encoding="utf-8") == jsonview.schema_text(), (
        "stale: run python scripts/make_docs.py"
    )
