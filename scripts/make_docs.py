"""Regenerate the pictures in docs/ with legpress itself, and the completion index of the
built-in data: `python scripts/make_docs.py`.

tests/test_map.py and tests/test_completion.py fail when a committed file differs from what this
script would write.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PICTURES: dict[str, list[str]] = {
    "map-high-wide.svg": ["map", "--high", "--wide"],
    "map-neutral.svg": ["map"],
    "muscles.svg": ["muscles"],
    "stance-high-wide.svg": ["stance", "--high", "--wide"],
}


def make(target: Path) -> list[Path]:
    """Write every picture into `target`; returns the files written."""
    target.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("LEGPRESS_DATA", None)
    written = []
    for name, args in PICTURES.items():
        path = target / name
        subprocess.run(
            [sys.executable, "-m", "legpress_cli", *args, "--svg", str(path)],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        written.append(path)
    return written


INDEX = ROOT / "src" / "legpress_cli" / "completion_index.py"


def index_text() -> str:
    """The completion index for the built-in data (fastcomplete.py answers TAB from it)."""
    from legpress_cli.catalog import builtin_data_dir
    from legpress_cli.fastcomplete import render_index

    return render_index(str(builtin_data_dir()))


if __name__ == "__main__":
    for path in make(ROOT / "docs"):
        print(path.relative_to(ROOT))
    INDEX.write_text(index_text(), encoding="utf-8")
    print(INDEX.relative_to(ROOT))
