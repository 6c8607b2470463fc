"""`legpress report`: the handout as self-contained HTML or Markdown, one stance, written to a
file or to stdout. The browser checks (print, screenshot, console) are in test_browser.py."""

from __future__ import annotations

import itertools
import os
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import Run
from legpress_cli.catalog import load_catalog

XHTML = re.compile(r"<!DOCTYPE html>\n")


def page(run: Run, *args: str) -> str:
    result = run("report", *args, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def parsed(html: str) -> ET.Element:
    """The page as XML: it is written well-formed, every element closed and attribute quoted."""
    return ET.fromstring(XHTML.sub("", html, count=1))


def test_high_wide_writes_a_file_with_the_map_and_the_table(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "h.html"
    result = run("report", "--high", "--wide", "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"legpress: wrote {out}\n")
    html = out.read_text(encoding="utf-8")
    root = parsed(html)
    assert root.get("lang") == "en"
    svg = root.find(".//{http://www.w3.org/2000/svg}svg")
    assert svg is not None
    muscles = [p.get("data-muscle") for p in svg.iter("{http://www.w3.org/2000/svg}path") if p.get("data-muscle")]
    drawn = [(v.id, s.muscle) for v in load_catalog(None).views for s in v.shape]
    assert len(muscles) == len(drawn)  # every shape of every view, a muscle in two views twice
    table = root.find(".//table")
    assert table is not None
    headers = [th.text for th in table.iter("th") if th.get("scope") == "col"]
    assert headers == ["Muscle", "Group", "Emphasis", "Change", "Evidence"]


def test_nothing_is_fetched_from_anywhere(run: Run) -> None:
    html = page(run, "--high", "--wide")
    links = re.findall(r"""(?:src|href|xlink:href)\s*=\s*["']([^"']*)""", html)
    assert links and all(link.startswith("https://doi.org/10.") for link in links)
    assert all(
        u.startswith("https://doi.org/") for u in re.findall(r"https?://[^\s\"'<>)]+", html) if "w3.org" not in u
    )
    assert "url(" not in html.replace("url(#lp-", "") and "@import" not in html and "<script" not in html
    assert "Content-Security-Policy\" content=\"default-src 'none'" in html
    # the only links are in the sources list
    sources = html[html.index('<ol class="sources">') :]
    assert html.count("<a ") == sources.count("<a ")


def test_the_page_holds_every_part_of_the_handout(run: Run) -> None:
    root = parsed(page(run, "--high", "--wide"))
    headings = [(int(h.tag[1]), "".join(h.itertext())) for h in root.iter() if re.fullmatch(r"h[1-6]", h.tag)]
    assert headings[0] == (1, "Leg press: high feet, wide stance")
    titles = [text for level, text in headings if level == 2]
    assert titles == [
        "Which muscles work, and how this stance changes them",
        "What the studies measured",
        "Claims the research contradicts",
        "Why this stance does what it does",
        "How to do it",
        "Sources",
    ]
    levels = [level for level, _ in headings]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # no skipped level
    text = "".join(root.itertext())
    assert "Contradicted. Article A: A wide stance brings in more of the inner-thigh adductors" in text
    assert "Made with legpress 0.1.0 on 2026-11-22. Not medical advice" in text
    assert "Why: A failed rep can trap your knees against your chest" in text


def test_sources_on_the_page_carry_their_doi(run: Run) -> None:
    root = parsed(page(run, "--high"))
    items = ["".join(li.itertext()) for li in root.iter("li") if li.find("a") is not None]
    assert any(i.startswith("Da Silva 2008.") and "doi:10.1519/JSC.0b013e3181739445" in i for i in items)
    links = [a.get("href") for a in root.iter("a")]
    assert "https://doi.org/10.1519/JSC.0b013e3181739445" in links


def test_one_leg_cues_only_in_a_one_leg_handout(run: Run) -> None:
    assert "With one leg:" not in page(run, "--high")
    assert page(run, "--one-leg").count("With one leg:") == 3
    assert "one-leg-level-hips" in run("cues", "--json").stdout  # the cues command still lists all


def test_markdown_has_the_same_muscles_and_cues(run: Run) -> None:
    md = page(run, "--high", "--format", "markdown")
    root = parsed(page(run, "--high"))
    names = [th.text or "" for th in root.iter("th") if th.get("scope") == "row"]
    assert sorted(names) == sorted(m.name for m in load_catalog(None).muscles)
    for name in names:
        assert f"| {name} |" in md
    catalog = load_catalog(None)
    cues = [c.cue for c in catalog.cues if not c.when]  # a two-leg stance's handout: cues for any stance
    assert cues
    for cue in cues:
        assert f"- **{cue}** Prevents:" in md
        assert f"<li><strong>{cue}</strong> Prevents:" in html_text(root)


def html_text(root: ET.Element) -> str:
    return ET.tostring(root, encoding="unicode")


def test_markdown_escapes_marks_from_the_data(run: Run, data_copy: Path) -> None:
    path = data_copy / "muscles.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('name = "Soleus"', 'name = "Sol*eus* | [x](y) <b>"', 1), encoding="utf-8")
    md = run("--data", str(data_copy), "report", "--format", "markdown", "-o", "-").stdout
    assert "| Sol\\*eus\\* \\| \\[x\\](y) \\<b\\> |" in md
    html = run("--data", str(data_copy), "report", "-o", "-").stdout
    parsed(html)
    assert "Sol*eus* | [x](y) &lt;b&gt;" in html


def test_the_date_follows_source_date_epoch(run: Run) -> None:
    assert "on 2001-09-09." in run("report", "-o", "-", env={"SOURCE_DATE_EPOCH": "1000000000"}).stdout
    bad = run("report", "-o", "-", env={"SOURCE_DATE_EPOCH": "soon"})
    assert bad.exit_code == 2
    assert bad.stderr == (
        "legpress: error: SOURCE_DATE_EPOCH is 'soon', not a number of seconds since 1970 "
        "(hint: unset it, or set it to a whole number such as 1700000000)\n"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], "Missing option '-o' / '--output'."),
        (["-o", "-", "--format", "epub"], "'epub' is not one of 'html', 'markdown', 'pdf'."),
        (["-o", "-", "--high", "--low"], "--high and --low both set the foot height; choose one"),
    ],
    ids=["no output", "bad format", "clashing options"],
)
def test_usage_errors(run: Run, args: list[str], expected: str) -> None:
    result = run("report", *args)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


def test_refuses_a_folder_and_the_data_folder(run: Run, tmp_path: Path, data_copy: Path) -> None:
    folder = run("report", "-o", str(tmp_path))
    assert folder.exit_code == 2
    assert (
        folder.stderr
        == f"legpress: error: cannot write {tmp_path}: it is a folder (hint: give a file name, e.g. handout.html)\n"
    )
    inside = run("--data", str(data_copy), "report", "-o", str(data_copy / "h.html"))
    assert inside.exit_code == 2 and "inside the data folder" in inside.stderr
    assert not (data_copy / "h.html").exists()


def test_replaces_a_file_whole_and_keeps_its_mode(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "h.md"
    out.write_text("old")
    out.chmod(0o600)
    assert run("report", "--format", "markdown", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Leg press: neutral stance\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def _chromium_or_skip() -> None:
    from legpress_cli.pdf import find_chromium

    if find_chromium() is None:
        if os.environ.get("LEGPRESS_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required here")
        pytest.skip("no Chromium installed")


def test_a_pdf_name_gets_a_real_pdf_of_two_pages_at_most(run: Run, tmp_path: Path) -> None:
    _chromium_or_skip()
    out = tmp_path / "client.pdf"
    result = run("report", "--high", "--vs", "low", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    from legpress_cli.pdf import page_count

    assert data.startswith(b"%PDF-") and 1 <= page_count(data) <= 2
    assert result.stderr == f"legpress: wrote {out}, {page_count(data)} page{'s' if page_count(data) > 1 else ''}\n"


def test_without_chromium_a_pdf_is_a_usage_error_with_a_way_round(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {**os.environ, "PATH": str(tmp_path), "LEGPRESS_CHROMIUM": ""}
    result = subprocess.run(
        [sys.executable, "-m", "legpress_cli", "report", "-o", str(tmp_path / "c.pdf")], capture_output=True, env=env
    )
    assert result.returncode == 2
    assert b"writing a PDF needs Chromium" in result.stderr and b"-o handout.html" in result.stderr
    assert not (tmp_path / "c.pdf").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "-o", "c.png"], "-o c.png: a handout is HTML, Markdown or PDF"),
        (["report", "--format", "html", "-o", "notes.md"], "--format html and -o notes.md disagree"),
        (["map", "--svg", "map.png"], "--svg map.png: the picture is SVG (hint: end the name in .svg, e.g. legs.svg)"),
        (["report", "--format", "pdf", "-o", "-"], "a PDF is not written to standard output"),
    ],
)
def test_a_file_is_what_its_name_says(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    if "pdf" in args:
        _chromium_or_skip()
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"legpress: error: {message}") and result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_the_suffix_chooses_the_format_and_the_file_is_reported(run: Run, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    result = run("report", "--high", "-o", str(notes))
    assert result.exit_code == 0 and result.stderr == f"legpress: wrote {notes}\n"
    assert notes.read_text(encoding="utf-8").startswith("# Leg press: high feet")


def test_a_handout_for_one_client(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "sam.html"
    args = ["--title", "Leg day <b>plan</b>", "--for", "Sam & Jo", "--note", "Heels *down*", "--log"]
    result = run("report", "--high", *args, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "<h1>Leg day &lt;b&gt;plan&lt;/b&gt;</h1>" in html and "For Sam &amp; Jo" in html
    assert "Note from your coach: Heels *down*" in html and "<caption>Fill in after each session</caption>" in html
    md = run("report", "--high", *args, "-o", "-", "--format", "markdown").stdout
    assert "# Leg day \\<b\\>plan\\</b\\>" in md and "Sam \\& Jo" in md and "Heels \\*down\\*" in md


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--note", "x" * 401], "--note is 401 characters; at most 400 fit the page"),
        (["--for", "Sam\u200bJo"], "--for holds a control or invisible character"),
    ],
)
def test_a_coachs_words_are_checked(run: Run, tmp_path: Path, args: list[str], message: str) -> None:
    result = run("report", *args, "-o", str(tmp_path / "h.html"))
    assert result.exit_code == 2 and message in result.stderr and not (tmp_path / "h.html").exists()
