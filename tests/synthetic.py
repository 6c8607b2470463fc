"""Synthetic data packs: the built-in data with every muscle, group, cue, finding, claim and
comparison with another exercise copied
`scale` times under new ids and names, for tests and benchmarks of how work grows with data.

Copy 0 keeps the real ids, so every command that works on the real data works on a pack.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from legpress_cli.catalog import DATA_FILES, builtin_data_dir


def write_pack(target: Path, scale: int) -> Path:
    """Write a pack `scale` times the built-in data into `target` (created); return it."""
    source = builtin_data_dir()
    data = {name: tomllib.loads((source / name).read_text(encoding="utf-8")) for name in DATA_FILES}
    muscles, cues, findings, claims, exercises = (
        data["muscles.toml"],
        data["cues.toml"],
        data["findings.toml"],
        data["claims.toml"],
        data["exercises.toml"],
    )
    ids = {item["id"] for kind in ("muscle", "group") for item in muscles[kind]}

    def copies(items: list[dict[str, Any]], change: Callable[[dict[str, Any], int], dict[str, Any]]) -> list[Any]:
        return [item if k == 0 else change(json.loads(json.dumps(item)), k) for k in range(scale) for item in items]

    def ref(some_id: str, k: int) -> str:
        return f"{some_id}-copy{k}" if some_id in ids else some_id

    def body(item: dict[str, Any], k: int) -> dict[str, Any]:
        item["id"] = ref(item["id"], k)
        item["name"] = f"{item['name']} {k}"
        item["aliases"] = [f"{a} {k}" for a in item.get("aliases", [])]
        if "group" in item:
            item["group"] = ref(item["group"], k)
        return item

    def finding(item: dict[str, Any], k: int) -> dict[str, Any]:
        item["id"] = f"{item['id']}-copy{k}"
        item["measured"] = [ref(t, k) for t in item.get("measured", [])]
        item["results"] = {ref(t, k): r for t, r in item.get("results", {}).items()}
        return item

    def claim(item: dict[str, Any], k: int) -> dict[str, Any]:
        item["id"] = f"{item['id']}-copy{k}"
        item["targets"] = [ref(t, k) for t in item["targets"]]
        return item

    def cue(item: dict[str, Any], k: int) -> dict[str, Any]:
        item["id"] = f"{item['id']}-copy{k}"
        return item

    muscles["group"] = copies(muscles["group"], body)
    muscles["muscle"] = copies(muscles["muscle"], body)
    cues["cue"] = copies(cues["cue"], cue)
    findings["finding"] = copies(findings["finding"], finding)
    claims["claim"] = copies(claims["claim"], claim)
    exercises["comparison"] = copies(exercises.get("comparison", []), finding)
    target.mkdir(parents=True, exist_ok=True)
    for name, content in data.items():
        (target / name).write_text(_toml(content), encoding="utf-8")
    return target


def _toml(document: dict[str, Any]) -> str:
    """TOML for a document of arrays of tables and plain values: one inline table per record."""
    lines = []
    for key, value in document.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key} = [")
            lines.extend(f"  {_value(item)}," for item in value)
            lines.append("]")
        else:
            lines.append(f"{key} = {_value(value)}")
    return "\n".join(lines) + "\n"


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | str):
        return json.dumps(value)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no TOML for {value!r}")
