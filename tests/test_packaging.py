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


def _checkout_copy(tmp_path: Path) -> Path:
    """What a fresh clone holds of the package, without this checkout's venv or caches."""
    import shutil

    clone = tmp_path / "clone"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("src", "data", "bin"):
        shutil.copytree(ROOT / name, clone / name, ignore=ignore)
    for name in ("README.md", "pyproject.toml"):
        shutil.copy2(ROOT / name, clone / name)
    return clone


def _shell_env(tmp_path: Path, *first: str) -> dict[str, str]:
    """A login-like environment: no virtual environment active, no `legpress` on the PATH."""
    path = [p for p in os.environ.get("PATH", "").split(os.pathsep) if p and not (Path(p) / "legpress").exists()]
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "LEGPRESS_DATA")}
    env.update(PINNED)
    env["PATH"] = os.pathsep.join([*first, *path])
    env["HOME"] = str(tmp_path / "home")
    return env


def _readme_block(command: str) -> str:
    from test_readme import README

    assert f"```sh\n{command}\n```" in README
    return command


def test_the_readme_first_command_leaves_legpress_on_the_path(tmp_path: Path) -> None:
    """The Quick start as a newcomer types it: the first command, then `legpress muscles` as it is."""
    from test_readme import INSTALL

    clone = _checkout_copy(tmp_path)
    env = _shell_env(tmp_path)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    # The redirection takes the last command's answer only; pip's own lines go to the terminal.
    script = f"{_readme_block(INSTALL)} > first.txt\nlegpress muscles > again.txt\n"
    result = subprocess.run(["bash", "-c", script], cwd=clone, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    first = (clone / "first.txt").read_text(encoding="utf-8")
    assert first.startswith("Muscle ") and "\nPrimary movers\n" in first
    assert (clone / "again.txt").read_text(encoding="utf-8") == first


def test_pipx_install_puts_legpress_on_the_path(tmp_path: Path) -> None:
    from test_readme import PIPX

    clone = _checkout_copy(tmp_path)
    shims, apps = tmp_path / "shims", tmp_path / "pipx-bin"
    shims.mkdir()
    pipx = shims / "pipx"
    pipx.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m pipx "$@"\n', encoding="utf-8")
    pipx.chmod(0o755)
    env = _shell_env(tmp_path, str(shims), str(apps))
    env.update(PIPX_HOME=str(tmp_path / "pipx-home"), PIPX_BIN_DIR=str(apps), PIPX_MAN_DIR=str(tmp_path / "man"))
    result = subprocess.run(
        ["bash", "-c", f"{_readme_block(PIPX)} > answer.txt"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    answer = (clone / "answer.txt").read_text(encoding="utf-8")
    assert answer.startswith("Muscle ") and "\nPrimary movers\n" in answer
    assert (apps / "legpress").exists()
