"""The handout in a real browser: headless Chromium loads it with no console errors and no
requests, shows the map, prints it on at most two A4 or Letter pages, and its text contrast
holds. Outside CI these skip when no browser is installed; .ci/run installs Debian's chromium
and sets LEGPRESS_REQUIRE_BROWSER=1, so there they fail instead of skipping."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from browser import A4, LETTER, Browser, Page, ink_fraction, pdf_pages

LEGPRESS = str(Path(sys.executable).parent / "legpress")


def handout(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "h.html"
    subprocess.run([LEGPRESS, "report", *args, "-o", str(out)], check=True)
    return out


def opened(browser: Browser, tmp_path: Path, *args: str) -> tuple[Path, Page]:
    path = handout(tmp_path, *args)
    return path, browser.open(path)


@pytest.mark.parametrize("stance", [["--high", "--wide"], ["--high", "--vs", "low"]], ids=["high-wide", "high-vs-low"])
def test_loads_with_no_console_errors_and_no_requests(browser: Browser, tmp_path: Path, stance: list[str]) -> None:
    path, page = opened(browser, tmp_path, *stance)
    assert page.errors == []
    assert page.requests == [path.resolve().as_uri()]  # the page itself, nothing else


def test_a_page_that_fetches_is_caught(browser: Browser, tmp_path: Path) -> None:
    """The check above can fail: a page with a remote image shows a request or a blocked one."""
    path = tmp_path / "bad.html"
    path.write_text(
        handout(tmp_path, "--high")
        .read_text(encoding="utf-8")
        .replace("</main>", '<img src="https://example.org/x.png" alt=""/></main>')
    )
    page = browser.open(path)
    assert page.errors  # the Content-Security-Policy refuses it, and says so


def test_the_screenshot_shows_the_map(browser: Browser, tmp_path: Path) -> None:
    _, page = opened(browser, tmp_path, "--high", "--wide")
    box = page.evaluate(
        "(() => { const r = document.querySelector('svg.bodymap').getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width, height: r.height}; })()"
    )
    assert box["width"] > 200 and box["height"] > 250
    inked = ink_fraction(page.screenshot(box))
    assert inked > 0.15  # outlines and shading, not a blank box


@pytest.mark.parametrize(
    "stance",
    [
        [],
        ["--high", "--wide"],
        ["--low"],
        ["--one-leg"],
        ["--high", "--wide", "--deep", "--toes-out"],
        ["--high", "--vs", "low"],
    ],
    ids=["neutral", "high-wide", "low", "one-leg", "four-options", "high-vs-low"],
)
def test_prints_on_at_most_two_pages(browser: Browser, tmp_path: Path, stance: list[str]) -> None:
    _, page = opened(browser, tmp_path, *stance)
    assert pdf_pages(page.pdf(A4)) <= 2
    assert pdf_pages(page.pdf(LETTER)) <= 2


def test_no_table_row_is_cut_across_pages(browser: Browser, tmp_path: Path) -> None:
    _, page = opened(browser, tmp_path, "--high", "--wide")
    rule = page.evaluate("getComputedStyle(document.querySelector('tbody tr')).breakInside")
    assert rule == "avoid"


CONTRAST = """
(() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const background = el => { for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c; }
    return [255, 255, 255]; };
  const worst = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    const inSvg = el.closest('svg');
    if (inSvg && !['text', 'tspan'].includes(el.tagName)) continue;
    const style = getComputedStyle(el);
    const fg = rgb(inSvg ? style.fill : style.color);
    const bg = inSvg ? [255, 255, 255] : background(el);
    const [a, b] = [lum(fg) + 0.05, lum(bg) + 0.05];
    const ratio = Math.max(a, b) / Math.min(a, b);
    if (ratio < 4.5) worst.push([n.textContent.trim().slice(0, 40), ratio]);
  }
  return worst;
})()
"""


@pytest.mark.parametrize("stance", [["--high", "--wide"], ["--high", "--vs", "low"]], ids=["high-wide", "high-vs-low"])
def test_text_contrast_is_at_least_4_5(browser: Browser, tmp_path: Path, stance: list[str]) -> None:
    _, page = opened(browser, tmp_path, *stance)
    assert page.evaluate(CONTRAST) == []


def test_the_map_file_loads_alone(browser: Browser, tmp_path: Path) -> None:
    out = tmp_path / "m.svg"
    subprocess.run([LEGPRESS, "map", "--high", "--svg", str(out)], check=True, stdout=subprocess.DEVNULL)
    page = browser.open(out)
    assert page.errors == []
    assert page.requests == [out.resolve().as_uri()]
    assert ink_fraction(page.screenshot({"x": 0, "y": 0, "width": 460, "height": 500})) > 0.15


@pytest.mark.parametrize("stance", [["--high", "--wide"], ["--high", "--vs", "low"]], ids=["high-wide", "high-vs-low"])
def test_nothing_scrolls_sideways_on_a_phone(browser: Browser, tmp_path: Path, stance: list[str]) -> None:
    path = handout(tmp_path, *stance)
    page = browser.open(path, width=390, height=800)
    width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= viewport


def test_a_client_handout_with_a_log_still_prints_on_two_pages(browser: Browser, tmp_path: Path) -> None:
    _, page = opened(
        browser, tmp_path, "--high", "--for", "Sam", "--note", "Heels down, slow on the way down.", "--log"
    )
    assert pdf_pages(page.pdf(A4)) <= 2
    assert pdf_pages(page.pdf(LETTER)) <= 2


@pytest.mark.parametrize("stance", [[], ["--high", "--wide"]], ids=["neutral", "high-wide"])
def test_the_printed_map_key_is_at_least_7_points(browser: Browser, tmp_path: Path, stance: list[str]) -> None:
    """Inside the scaled drawing a key came out near 3.5 pt; as the page's own text it keeps its size."""
    _, page = opened(browser, tmp_path, *stance)
    page.call("Emulation.setEmulatedMedia", {"media": "print"})
    sizes = page.evaluate(
        "[...document.querySelectorAll('ul.key li')].map(li => parseFloat(getComputedStyle(li).fontSize) * 0.75)"
    )
    entries = page.evaluate("[...document.querySelectorAll('ul.key li')].map(li => li.textContent.trim())")
    assert min(sizes) >= 7
    expected = ["primary mover", "secondary mover", "stabilizer"] if not stance else ["more work", "less work"]
    assert all(words in entries for words in expected)
    assert any(e.endswith("Vastus lateralis") for e in entries)  # the letter key names each drawn muscle
    # Every swatch is filled with a pattern the drawing defines.
    missing = page.evaluate(
        "[...document.querySelectorAll('svg.swatch rect')].map(r => r.getAttribute('fill'))"
        ".filter(f => f.startsWith('url(#') && !document.getElementById(f.slice(5, -1)))"
    )
    assert missing == []
