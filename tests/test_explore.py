"""The offline explorer (`legpress explore -o FILE`): one closed page whose every answer is the
advisor's, shown in a real browser exactly as `legpress stance --json` gives it."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from browser import Browser, Page
from test_browser import CONTRAST

from conftest import Run
from legpress_cli import explore
from legpress_cli.advisor import NEUTRAL_STANCE, Stance
from legpress_cli.answer import render_result
from legpress_cli.catalog import load_catalog
from legpress_cli.results import StanceResult
from legpress_cli.vocab import DIMENSION_SPECS

LEGPRESS = str(Path(sys.executable).parent / "legpress")
OWNER = {v: spec.name for spec in DIMENSION_SPECS for v in spec.values}


def built(run: Run, tmp_path: Path, *args: str) -> tuple[Path, str]:
    out = tmp_path / "e.html"
    result = run(*args, "explore", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out, out.read_text(encoding="utf-8")


def test_one_file_reported_on_stderr_and_under_500_kb(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "e.html"
    result = run("explore", "-o", str(out))
    size = out.stat().st_size
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"legpress: wrote {out}, {size // 1024} KB\n"
    assert size <= 500 * 1024
    assert [p.name for p in tmp_path.iterdir()] == ["e.html"]


def test_no_address_but_the_doi_links(run: Run, tmp_path: Path) -> None:
    _, html = built(run, tmp_path)
    assert re.findall(r"https?:[^\s\"'<>]*", html) == ["https://doi.org/"]
    assert not re.search(r"<(link|img|iframe|object|embed)\b|\bsrc=", html)


def test_the_policy_allows_only_its_own_script_and_style(run: Run, tmp_path: Path) -> None:
    _, html = built(run, tmp_path)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    script = re.search(r"<script>(.*?)</script>", html, re.DOTALL)
    style = re.search(r"<style>(.*?)</style>", html, re.DOTALL)
    assert script is not None and style is not None

    def digest(text: str) -> str:
        return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert policy.group(1) == (
        f"default-src 'none'; script-src '{digest(script.group(1))}'; "
        f"style-src '{digest(style.group(1))}'; img-src data:"
    )


def test_to_standard_output_and_bad_names(run: Run, tmp_path: Path) -> None:
    result = run("explore", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>") and result.stderr == ""
    bad = run("explore", "-o", str(tmp_path / "e.pdf"))
    assert bad.exit_code == 2
    assert bad.stderr.strip().splitlines() == [
        f"legpress: error: -o {tmp_path / 'e.pdf'}: the explorer is an HTML page (hint: end the name in .html or "
        ".htm, e.g. explorer.html)"
    ]
    assert run("explore").exit_code == 2  # -o is required
    assert list(tmp_path.iterdir()) == []


def test_a_hostile_pack_cannot_close_the_data_block(run: Run, data_copy: Path, tmp_path: Path) -> None:
    muscles = data_copy / "muscles.toml"
    text = muscles.read_text(encoding="utf-8")
    muscles.write_text(text.replace('name = "Soleus"', 'name = "Sol</script><script>alert(1)</script>"', 1))
    _, html = built(run, tmp_path, "--data", str(data_copy))
    assert html.count("</script>") == 2  # the data block's and the script's own
    assert "Sol<\\/script><script>alert(1)<\\/script>" in html


def test_every_question_is_a_stance_with_few_changes_against_neutral_or_one_swap() -> None:
    asked = explore.questions()
    assert len(asked) == len(set(asked))
    for stance, base in asked:
        assert len(stance.chosen()) <= explore.MAX_CHANGES
        assert base == NEUTRAL_STANCE or len(stance.differs(base)) == 1


# --- in a real browser ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("explore") / "e.html"
    subprocess.run([LEGPRESS, "explore", "-o", str(out)], check=True, capture_output=True)
    return out


def test_opens_with_no_console_error_and_no_request(browser: Browser, page_file: Path) -> None:
    page = browser.open(page_file)
    assert page.errors == []
    assert page.requests == [page_file.resolve().as_uri()]
    assert page.evaluate("document.querySelectorAll('#lp-table tbody tr[data-muscle]').length") == len(
        load_catalog(None).muscles
    )


ROWS = """
[...document.querySelectorAll('#lp-table tbody tr[data-muscle]')].map(
  (tr) => [tr.dataset.muscle, tr.dataset.direction, tr.dataset.grade || null, Number(tr.dataset.level)])
"""
# Through the page's own reading of a fragment: setting location.hash 1,500 times would meet
# Chromium's limit on navigations (about 200 in 10 seconds), which ignores the rest.
EVERY_ANSWER = (
    "Object.keys(D.answers).map((k) => { fromFragment(k); update(false); return [k, " + ROWS.strip() + "]; })"
)


def _stance(words: str) -> dict[str, str]:
    return {OWNER[v]: v for v in words.split(",") if v}


def _expected(key: str) -> list[list[Any]]:
    """What `legpress stance --json` answers for the question a page key names."""
    stance_words, _, base_words = key.partition(";vs=")
    stance = Stance.of(**_stance(stance_words))
    base = Stance.of(**_stance(base_words)) if ";vs=" in key else NEUTRAL_STANCE
    from legpress_cli.advisor import assess

    catalog = load_catalog(None)
    data = json.loads(render_result(StanceResult(catalog, assess(catalog, stance, base)), "json"))
    return sorted([m["id"], m["direction"], m["evidence"], m["emphasis"]] for m in data["muscles"])


def test_every_answer_on_the_page_is_what_stance_json_says(browser: Browser, page_file: Path) -> None:
    page = browser.open(page_file)
    shown = dict(page.evaluate(EVERY_ANSWER))
    assert len(shown) == len(explore.questions())
    for key, rows in shown.items():
        assert sorted(rows) == _expected(key), key
    assert page.errors == []


@pytest.mark.parametrize("key", ["high,wide", "low;vs=high", "deep,one,heavy;vs=partial,one,heavy"])
def test_a_sample_matches_the_command_itself(browser: Browser, page_file: Path, key: str) -> None:
    stance_words, _, base_words = key.partition(";vs=")
    flags = [f"--{OWNER[v]}={v}" for v in stance_words.split(",")]
    vs = ["--vs", base_words] if base_words else []
    result = subprocess.run([LEGPRESS, "stance", *flags, *vs, "--json"], capture_output=True, text=True, check=True)
    expected = sorted(
        [m["id"], m["direction"], m["evidence"], m["emphasis"]] for m in json.loads(result.stdout)["muscles"]
    )
    page = browser.open(page_file)
    page.evaluate(f"location.hash = {json.dumps(key)}; 0")
    page.evaluate("new Promise((done) => setTimeout(done, 50))")  # the page follows its hashchange
    assert sorted(page.evaluate(ROWS)) == expected


def _opened_at(browser: Browser, page_file: Path, fragment: str, width: int = 1280) -> Page:
    """The page opened with a fragment in its address, as a link would open it."""
    target = page_file.resolve().as_uri() + "#" + fragment
    page = browser.open(page_file, width=width)
    page.evaluate(f"location.replace({json.dumps(target)}); 0")
    page.evaluate("new Promise((done) => setTimeout(done, 50))")
    return page


def test_a_link_opens_that_stance(browser: Browser, page_file: Path) -> None:
    page = _opened_at(browser, page_file, "high,wide")
    assert page.evaluate("[$('lp-dim-height').value, $('lp-dim-width').value, $('lp-dim-depth').value]") == [
        "high",
        "wide",
        "normal",
    ]
    assert page.evaluate("$('lp-question').textContent").startswith("Leg press: high feet, wide stance, against")


@pytest.mark.parametrize("width", [320, 390, 640])  # 640: a laptop at 200% zoom
def test_no_sideways_scroll_on_a_phone(browser: Browser, page_file: Path, width: int) -> None:
    for fragment in ("", "high,wide", "deep,toes-up,ball;vs=partial,toes-up,ball"):
        page = _opened_at(browser, page_file, fragment, width=width)
        scrolled, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scrolled <= viewport, fragment


def _tab(page: Page) -> str:
    for kind in ("keyDown", "keyUp"):
        page.call("Input.dispatchKeyEvent", {"type": kind, "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9})
    return str(page.evaluate("document.activeElement.id"))


def test_tab_reaches_every_control_and_each_is_labelled(browser: Browser, page_file: Path) -> None:
    page = browser.open(page_file)
    controls = page.evaluate("[...document.querySelectorAll('select')].map((s) => s.id)")
    reached = [_tab(page) for _ in range(len(controls))]
    assert reached == controls
    unlabelled = page.evaluate(
        "[...document.querySelectorAll('select')].filter((s) => !s.labels.length || !s.labels[0].textContent.trim())"
        ".map((s) => s.id)"
    )
    assert unlabelled == []


def test_a_key_press_changes_the_stance(browser: Browser, page_file: Path) -> None:
    page = browser.open(page_file)
    page.evaluate("$('lp-dim-height').focus(); 0")
    for kind in ("keyDown", "keyUp"):
        page.call(
            "Input.dispatchKeyEvent",
            {"type": kind, "key": "ArrowDown", "code": "ArrowDown", "windowsVirtualKeyCode": 40},
        )
    page.evaluate("new Promise((done) => setTimeout(done, 50))")
    assert page.evaluate("$('lp-dim-height').value") == "low"
    assert page.evaluate("location.hash") == "#low"
    rows = {m: d for m, d, _, _ in page.evaluate(ROWS)}
    assert rows == {m: d for m, d, _, _ in _expected("low")}


def test_text_contrast_is_at_least_4_5(browser: Browser, page_file: Path) -> None:
    for fragment in ("", "high,wide"):
        page = _opened_at(browser, page_file, fragment)
        assert page.evaluate(CONTRAST) == [], fragment


def test_more_changes_than_the_page_holds_names_the_command(browser: Browser, page_file: Path) -> None:
    page = _opened_at(browser, page_file, "high,wide,deep,out")
    assert page.evaluate("$('lp-answer').hidden") is True
    said = page.evaluate("$('lp-beyond').textContent")
    assert said.endswith("legpress stance --height high --width wide --depth deep --toes out")
    page = _opened_at(browser, page_file, "high,wide,deep,out;vs=low,wide,deep,out")
    said = page.evaluate("$('lp-beyond').textContent")
    assert said.endswith("legpress stance --height high --width wide --depth deep --toes out --vs low,wide,deep,out")


def test_printing_prints_the_current_stance_without_the_controls(browser: Browser, page_file: Path) -> None:
    page = _opened_at(browser, page_file, "high,wide")
    page.call("Emulation.setEmulatedMedia", {"media": "print"})
    assert page.evaluate("getComputedStyle($('lp-controls')).display") == "none"
    assert page.evaluate("$('lp-question').textContent").startswith("Leg press: high feet, wide stance")
    assert page.evaluate("getComputedStyle($('lp-answer')).display") != "none"
    from browser import A4, LETTER, pdf_pages

    assert pdf_pages(page.pdf(A4)) <= 3 and pdf_pages(page.pdf(LETTER)) <= 3
