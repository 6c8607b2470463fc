"""The wheel carries the data and works from a fresh environment outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import PINNED, ROOT
from legpress_cli import __version__
from legpress_cli.catalog import builtin_data_dir

pytestmark = pytest.mark.slow
DATA_FILES = sorted(p.name for p in (ROOT / "data").glob("*.toml"))


def test_editable_install_finds_the_data_in_the_checkout() -> None:
    assert builtin_data_dir() == ROOT / "data"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("legpress-*.whl")
    return built


def test_wheel_contains_the_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for name in DATA_FILES:
        assert f"legpress_cli/data/{name}" in names
    assert "legpress_cli/snapshot.json" in names  # a first run starts from it, not from pydantic


def test_wheel_installs_and_runs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    # The runtime dependencies come from the test environment, so the test needs no network;
    # legpress itself must come from the wheel, which a .pth line added last cannot shadow.
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site / "zz_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    away = tmp_path / "elsewhere"
    away.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LEGPRESS_DATA")}
    env.update(PINNED)
    result = subprocess.run(
        [str(venv / "bin" / "legpress"), "muscles"],
        cwd=away,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
    # The exact table is the golden's job (test_cli); here, that the installed script answers.
    assert result.stdout.startswith("Muscle ") and "\nPrimary movers\n" in result.stdout
    where = subprocess.run(
        [str(python), "-c", "from legpress_cli.catalog import builtin_data_dir as d; print(d())"],
        cwd=away,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where) == site / "legpress_cli" / "data"
    # The command is bin/legpress, pointed at this environment's interpreter, not pip's
    # generated wrapper, which imports `re` before anything else (a TAB press's budget).
    script = (venv / "bin" / "legpress").read_text(encoding="utf-8")
    assert script.startswith(f"#!{venv}/bin/python") and "\nimport re\n" not in script
    module = subprocess.run(
        [str(python), "-m", "legpress_cli", "--version"], cwd=away, env=env, capture_output=True, text=True
    )
    assert (module.returncode, module.stdout) == (0, f"legpress {__version__}\n")
