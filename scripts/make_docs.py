"""Regenerate everything made from the code and the data, with one command:
`python scripts/make_docs.py`. It writes the pictures in docs/, the example handout and its
screenshot, the completion index and the snapshot of the built-in data, the README's example
blocks, the JSON Schema, and the goldens (through their tests). `--check` writes nothing, names each stale file
and exits 1; CI runs it.

The tests fail, each with one line naming this script, when a committed file differs from what
it would write. The screenshot needs Chromium (tests/browser.py); it
records the SHA-256 of the page it shows in a PNG text chunk, which is how its test knows it is
current without a browser.
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import struct
import subprocess
import sys
import tempfile
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
EXPLORER = "explorer.html"
EXPLORER_SHOT = "explorer.png"
SHOT_KEY = b"legpress-page-sha256"
DATE = "1795305600"  # 2026-11-22


def make(target: Path) -> list[Path]:
    """Write every picture and the example handout into `target`; returns the files written."""
    target.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": DATE}
    env.pop("LEGPRESS_DATA", None)
    handout = target / HANDOUT
    subprocess.run(
        [sys.executable, "-m", "legpress_cli", *HANDOUT_ARGS, "-o", str(handout)],
        check=True,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    written = [handout]
    explorer = target / EXPLORER
    subprocess.run(
        [sys.executable, "-m", "legpress_cli", "explore", "-o", str(explorer)],
        check=True,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    written.append(explorer)
    for name, args in PICTURES.items():
        path = target / name
        subprocess.run(
            [sys.executable, "-m", "legpress_cli", *args, "--svg", str(path)],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        written.append(path)
    return written


def screenshot(page: Path, out: Path, fragment: str = "") -> bool:
    """The top of the page as the README shows it, tagged with the page's SHA-256. False when
    no browser is installed (the old screenshot stays, and its test says it is stale)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import Browser, find_browser

    executable = find_browser()
    if executable is None:
        return False
    with Browser(executable) as browser:
        shown = browser.open(page, width=860, height=1000)
        if fragment:  # the page reads its fragment when it changes, as when a link opens it
            shown.evaluate(f"location.hash = {fragment!r}; new Promise((done) => setTimeout(done, 100))")
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
    from legpress_cli.cli import name_slots
    from legpress_cli.fastcomplete import render_index

    return render_index(str(builtin_data_dir()), name_slots())


README = ROOT / "README.md"
EXAMPLE = re.compile(r"`(legpress [^`]+)`:\n\n```text\n(.*?)\n```", re.DOTALL)


def readme_text() -> str:
    """The README with every example block replaced by what its command prints now, at the
    tests' pinned width and environment."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import PINNED  # the tests' environment, so the blocks match what they check

    env = {**os.environ, **PINNED}
    env.pop("LEGPRESS_DATA", None)

    def block(match: re.Match[str]) -> str:
        command = match.group(1)
        shown = subprocess.run(
            [sys.executable, "-m", "legpress_cli", *shlex.split(command)[1:]],
            check=True,
            env=env,
            capture_output=True,
            text=True,
        ).stdout
        fresh = "\n".join(line.rstrip() for line in shown.rstrip().splitlines())
        return f"`{command}`:\n\n```text\n{fresh}\n```"

    return EXAMPLE.sub(block, README.read_text(encoding="utf-8"))


def generated(docs: Path) -> dict[Path, bytes]:
    """Every generated file but the screenshot and the goldens, as this code and data make it:
    the committed path, and its fresh content (the pictures are made in `docs`)."""
    from legpress_cli.cache import SNAPSHOT
    from legpress_cli.catalog import snapshot_text
    from legpress_cli.jsonview import SCHEMA, schema_text

    out = {ROOT / "docs" / p.name: p.read_bytes() for p in make(docs)}
    out[INDEX] = index_text().encode()
    out[SNAPSHOT] = snapshot_text().encode()
    out[README] = readme_text().encode()
    out[SCHEMA] = schema_text().encode()
    return out


def main(argv: list[str]) -> int:
    check = argv == ["--check"]
    if argv and not check:
        print("usage: python scripts/make_docs.py [--check]", file=sys.stderr)
        return 2
    page = ROOT / "docs" / HANDOUT
    shot = ROOT / "docs" / SCREENSHOT
    with tempfile.TemporaryDirectory() as scratch:
        fresh = generated(Path(scratch))
        stale = [path for path, text in fresh.items() if _differs(path, text, write=not check)]
    shots = ((page, shot, ""), (ROOT / "docs" / EXPLORER, ROOT / "docs" / EXPLORER_SHOT, "high,wide"))
    for shown, picture, fragment in shots:
        if not picture.exists() or shown_page(picture.read_bytes()) != hashlib.sha256(fresh[shown]).hexdigest():
            stale.append(picture)
            if not check:
                screenshot(shown, picture, fragment)  # without a browser the old one stays; see below
    if not check:
        # The goldens are the tests' own: their tests rewrite them when asked to.
        env = {**os.environ, "LEGPRESS_UPDATE_GOLDEN": "1"}
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_cli.py"],
            cwd=ROOT,
            env=env,
            check=False,
            stdout=subprocess.DEVNULL,
        )
    for path in stale:
        print(f"{'stale' if check else 'wrote'} {path.relative_to(ROOT)}")
    if check and stale:
        print("run: python scripts/make_docs.py", file=sys.stderr)
        return 1
    for shown, picture, _ in shots:
        if not check and shown_page(picture.read_bytes()) != hashlib.sha256(fresh[shown]).hexdigest():
            print(
                f"{picture.relative_to(ROOT)} not made: no Chromium found (install chromium, or set LEGPRESS_CHROMIUM)"
            )
            return 1
    return 0


def _differs(path: Path, text: bytes, *, write: bool) -> bool:
    if path.exists() and path.read_bytes() == text:
        return False
    if write:
        path.write_bytes(text)
    return True


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
