"""Pin everything in the environment that changes output, so tests pass the same anywhere."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from legpress_cli.catalog import builtin_data_dir, load_catalog
from legpress_cli.cli import app
from legpress_cli.records import Catalog

WIDTH = 100
# Every test process shares one throw-away cache, never the user's ~/.cache.
CACHE = tempfile.mkdtemp(prefix="legpress-test-cache-")
PINNED = {
    "LEGPRESS_CACHE_DIR": CACHE,
    "COLUMNS": str(WIDTH),
    "LINES": "50",
    "NO_COLOR": "1",
    "TERM": "xterm-256color",
    "PYTHONIOENCODING": "utf-8",
    "SOURCE_DATE_EPOCH": "1795305600",  # the handout's date: 2026-11-22
}
UNSET = (
    "FORCE_COLOR",
    "CLICOLOR_FORCE",
    "GITHUB_ACTIONS",
    "CI",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "LEGPRESS_DATA",
    "LEGPRESS_DEBUG",
    "TYPER_USE_RICH",
    "_TYPER_FORCE_DISABLE_TERMINAL",
    "_LEGPRESS_COMPLETE",
)
# Set at import so anything read at import time (rich, typer) sees the pinned values too.
os.environ.update(PINNED)
for _name in UNSET:
    os.environ.pop(_name, None)

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(autouse=True)
def _pinned_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in PINNED.items():
        monkeypatch.setenv(name, value)
    for name in UNSET:
        monkeypatch.delenv(name, raising=False)


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Invoke the app in-process: run("muscles", "--json", env={...})."""

    def invoke(*args: str, env: dict[str, str | None] | None = None) -> Result:
        return CliRunner().invoke(app, list(args), env=env)

    return invoke


@pytest.fixture
def run_json(run: Run) -> Callable[..., Any]:
    def invoke(*args: str) -> Any:
        result = run(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return invoke


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(None)


@pytest.fixture
def data_copy(tmp_path: Path) -> Iterator[Path]:
    """A private copy of the built-in data for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(builtin_data_dir(), target)
    load_catalog.cache_clear()
    yield target
    load_catalog.cache_clear()


def golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; LEGPRESS_UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("LEGPRESS_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with LEGPRESS_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium for the page tests. Outside CI they skip when no browser is installed;
    .ci/run installs Debian's chromium and sets LEGPRESS_REQUIRE_BROWSER=1, so there they fail."""
    from browser import Browser, find_browser

    executable = find_browser()
    if executable is None:
        if os.environ.get("LEGPRESS_REQUIRE_BROWSER") == "1":
            pytest.fail("no Chromium found, and LEGPRESS_REQUIRE_BROWSER=1 (CI) requires one")
        pytest.skip("no Chromium installed (apt-get install chromium, or set LEGPRESS_CHROMIUM)")
    with Browser(executable) as b:
        yield b
