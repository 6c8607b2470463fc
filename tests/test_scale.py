"""Work grows linearly with the data. Each command runs on packs of 1, 10 and 20 times the
built-in data; the work each extra copy of the data adds must not grow with the size of the pack:
from 10x to 20x, at most 1.6 times what it was from 1x to 10x (work quadratic in the data would
make it about 2.7 times; linear work, 1).

Work is counted (lines of Python run, calls into C), not timed, so the bound holds anywhere."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from typer.testing import CliRunner

from legpress_cli.catalog import load_catalog
from legpress_cli.cli import app
from synthetic import write_pack

COMMANDS = [
    ["muscles"],
    ["muscles", "--json"],
    ["muscle", "vmo"],
    ["stance", "--high", "--wide"],
    ["stance", "--low", "--deep", "--json"],
    ["target", "glutes"],
    ["target", "inner thigh", "--json"],
    ["map", "--high"],
    ["cues"],
    ["sources"],
    ["evidence"],
    ["evidence", "--json"],
    ["compare", "squat"],
    ["compare", "knee-extension", "--json"],
]
SCALES = (1, 10, 20)
# Per copy of the data, 10x->20x against 1x->10x. Above 1 for rich's layout of longer tables.
BOUND = 1.6


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    where = tmp_path_factory.mktemp("packs")
    return [write_pack(where / f"x{k}", k) for k in SCALES]


def growth(work: list[int]) -> float:
    """Work per added copy from 10x to 20x, over work per added copy from 1x to 10x."""
    (w1, w10, w20), (k1, k10, k20) = work, SCALES
    return ((w20 - w10) / (k20 - k10)) / ((w10 - w1) / (k10 - k1))


def calls(work: Callable[[], object]) -> int:
    """Lines of Python run (every loop turn counts) plus calls into C."""
    count = 0

    def lines(frame: FrameType, event: str, arg: Any) -> Any:  # Any: the tracer returns itself
        nonlocal count
        count += 1
        return lines

    def c_calls(frame: FrameType, event: str, arg: object) -> None:
        nonlocal count
        if event == "c_call":
            count += 1

    sys.settrace(lines)
    sys.setprofile(c_calls)
    try:
        work()
    finally:
        sys.settrace(None)
        sys.setprofile(None)
    return count


def test_the_packs_are_what_they_say(packs: list[Path]) -> None:
    base, *bigger = (load_catalog(p) for p in packs)
    for k, catalog in zip(SCALES[1:], bigger, strict=True):
        assert len(catalog.muscles) == k * len(base.muscles) and len(catalog.findings) == k * len(base.findings)


def test_a_quadratic_step_would_be_caught() -> None:
    assert growth([k * 1000 for k in SCALES]) == 1.0
    assert growth([k * k * 1000 for k in SCALES]) > BOUND


def test_loading_is_linear(packs: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGPRESS_CACHE_DIR", "")
    work = [calls(partial(load_catalog.__wrapped__, p)) for p in packs]
    assert growth(work) <= BOUND, work


def _invoke(pack: Path, args: list[str], codes: list[int]) -> None:
    codes.append(CliRunner().invoke(app, ["--data", str(pack), *args]).exit_code)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_is_linear(packs: list[Path], args: list[str]) -> None:
    counts: list[int] = []
    codes: list[int] = []
    for pack in packs:
        load_catalog(pack)  # loaded outside the count: the test above covers it
        counts.append(calls(partial(_invoke, pack, args, codes)))
    assert codes == [0] * len(packs)
    assert growth(counts) <= BOUND, counts
