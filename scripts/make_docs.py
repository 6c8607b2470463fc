"""Regenerate the pictures in docs/ with legpress itself, the example handout and its
screenshot, and the completion index of the built-in data: `python scripts/make_docs.py`.

tests/test_map.py, tests/test_report.py and tests/test_completion.py fail when a committed file
differs from what this script would write. The screenshot needs Chromium (tests/browser.py); it
records the SHA-256 of the page it shows in a PNG text chunk, which is how its test knows it is
current without a browser.
"""

from __future__ import annotations

import hashlib
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PICTURES: dict[str, list[str]] = {
    "map-high-wide.svg": ["map", "--high", "--wide"],
    "map-neutral.svg": ["map"],
    "muscles.svg": ["muscles"],
    "stance-high-wide.svg": ["stance", "--high", "--wide"],
}


# The example handout: its date pinned, so the page changes only when legpress or its data do.
HANDOUT = "handout-high-wide.html"
HANDOUT_ARGS = ["report", "--high", "--wide"]
SCREENSHOT = "handout-high-wide.png"
SHOT_KEY = b"legpress-page-sha256"
DATE = "1795305600"  # 2026-11-22


def make(target: Path) -> list[Path]:
    """Write every picture and the example handout into `target`; returns the files written."""
    target.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": DATE}
    env.pop("LEGPRESS_DATA", None)
    handout = target / HANDOUT
    subprocess.run([sys.executable, "-m", "legpress_cli", *HANDOUT_ARGS, "-o", str(handout)], check=True, env=env)
    written = [handout]
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


def screenshot(page: Path, out: Path) -> bool:
    """The top of the page as the README shows it, tagged with the page's SHA-256. False when
    no browser is installed (the old screenshot stays, and its test says it is stale)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import Browser, find_browser

    executable = find_browser()
    if executable is None:
        return False
    with Browser(executable) as browser:
        shown = browser.open(page, width=860, height=1000)
        png = shown.screenshot({"x": 0, "y": 0, "width": 860, "height": 1000})
    out.write_bytes(tagged(png, hashlib.sha256(page.read_bytes()).hexdigest()))
    return True


def tagged(png: bytes, digest: str) -> bytes:
    """`png` with a tEXt chunk naming the page it shows, placed after the header chunk."""
    data = SHOT_KEY + b"\0" + digest.encode()
    chunk = struct.pack(">I", len(data)) + b"tEXt" + data + struct.pack(">I", zlib.crc32(b"tEXt" + data))
    end_of_header = 8 + 12 + struct.unpack(">I", png[8:12])[0]
    return png[:end_of_header] + chunk + png[end_of_header:]


def shown_page(png: bytes) -> str | None:
    """The SHA-256 a screenshot was tagged with, or None."""
    at = 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        if png[at + 4 : at + 8] == b"tEXt":
            key, _, value = png[at + 8 : at + 8 + length].partition(b"\0")
            if key == SHOT_KEY:
                return value.decode()
        at += 12 + length
    return None


INDEX = ROOT / "src" / "legpress_cli" / "completion_index.py"


def index_text() -> str:
    """The completion index for the built-in data (fastcomplete.py answers TAB from it)."""
    from legpress_cli.catalog import builtin_data_dir
    from legpress_cli.fastcomplete import render_index

    return render_index(str(builtin_data_dir()))


if __name__ == "__main__":
    for path in make(ROOT / "docs"):
        print(path.relative_to(ROOT))
    if screenshot(ROOT / "docs" / HANDOUT, ROOT / "docs" / SCREENSHOT):
        print(f"docs/{SCREENSHOT}")
    else:
        print(f"docs/{SCREENSHOT} not made: no Chromium found (install chromium, or set LEGPRESS_CHROMIUM)")
    INDEX.write_text(index_text(), encoding="utf-8")
    print(INDEX.relative_to(ROOT))
    from legpress_cli.cache import SNAPSHOT
    from legpress_cli.catalog import snapshot_text

    SNAPSHOT.write_text(snapshot_text(), encoding="utf-8")
    print(SNAPSHOT.relative_to(ROOT))
