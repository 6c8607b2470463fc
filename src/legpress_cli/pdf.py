"""The handout as a PDF: the HTML page printed by headless Chromium, the one tool here that lays
it out exactly as the browser tests check it. Nothing else in legpress starts a process.

Chromium is found as LEGPRESS_CHROMIUM names it, else on PATH; without it a PDF cannot be made,
and that is said as a usage error with a way round it (write HTML and print it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from legpress_cli.errors import LegpressError, UsageProblem

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
# Headless, printing only: no network at start (a closed network would only slow it), no
# profile of the user's, and no sandbox where it cannot start one (as root).
FLAGS = (
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-pdf-header-footer",
)
TIMEOUT_SECONDS = 60


def find_chromium() -> str | None:
    named = os.environ.get("LEGPRESS_CHROMIUM")
    if named:
        return named
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def html_to_pdf(html: str) -> bytes:
    """The page printed to PDF, or a LegpressError that says why not."""
    chromium = find_chromium()
    if chromium is None:
        raise UsageProblem(
            "writing a PDF needs Chromium, which is not installed",
            "install it (Debian: apt-get install chromium), or write -o handout.html and print that",
        )
    with tempfile.TemporaryDirectory(prefix="legpress-pdf-") as work:
        page = Path(work) / "handout.html"
        page.write_text(html, encoding="utf-8")
        out = Path(work) / "handout.pdf"
        sandbox = ("--no-sandbox",) if hasattr(os, "geteuid") and os.geteuid() == 0 else ()
        command = [
            chromium,
            *FLAGS,
            *sandbox,
            f"--user-data-dir={Path(work) / 'profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False, stdin=subprocess.DEVNULL)
            data = out.read_bytes()
        except (OSError, subprocess.SubprocessError) as e:
            raise LegpressError(
                f"Chromium could not print the handout: {e}", "write -o handout.html and print that"
            ) from None
    if not data.startswith(b"%PDF-"):
        raise LegpressError("Chromium did not write a PDF", "write -o handout.html and print that")
    return data


def page_count(data: bytes) -> int:
    """How many pages a PDF has: its page objects, not the page tree's node."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))
