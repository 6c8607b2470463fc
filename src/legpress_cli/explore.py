"""The offline explorer: one self-contained HTML page with a control for every stance dimension
and for the stance to compare against, for anyone who will never open a terminal.

Every answer the page can show is worked out here, by the advisor, when the page is built: the
page holds those answers as data (a JSON block), and its script only looks them up and shows
them (which muscles change, the map's shading, the short "why" lines, the summary, the cues and
the sources). It is not a second engine. The answers cover every stance with at most
MAX_CHANGES changes from the neutral one (what the studies can speak to; legpress ranks stances
the same way), each against the neutral stance and against the same stance with one of its
changes swapped for that dimension's other value ("high feet against low feet"). A stance
beyond that is named, with the command that answers it.

Closed and offline: no request leaves the page, and its Content-Security-Policy allows only its
own script and style, by hash. Text from the data only ever reaches the page as JSON, read with
JSON.parse and shown with textContent, and the map is vector.py's escaped SVG.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from typing import TYPE_CHECKING, Any

from legpress_cli import words
from legpress_cli.advisor import NEUTRAL_STANCE, Stance, all_stances, assess, list_cues, list_muscles
from legpress_cli.vector import SHADES, letters, map_svg
from legpress_cli.vocab import DIMENSION_SPECS, NEUTRAL, ROLES, SPECS
from legpress_cli.vocab import SHADES as SHADE_KEYS

if TYPE_CHECKING:
    from legpress_cli.advisor import StanceReport, Verdict
    from legpress_cli.records import Catalog, Choice

MAX_CHANGES = 3


def questions() -> list[tuple[Stance, Stance]]:
    """Every (stance, against) pair the page answers, the neutral stance first."""
    out: list[tuple[Stance, Stance]] = []
    for stance in all_stances():
        chosen = stance.chosen()
        if len(chosen) > MAX_CHANGES:
            continue
        out.append((stance, NEUTRAL_STANCE))
        for d, v in chosen:
            for other in SPECS[d].values:
                if other not in (v, NEUTRAL[d]):
                    out.append((stance, Stance.of(**{**dict(chosen), d: other})))
    return out


def key(stance: Stance) -> str:
    """A stance as the page names it, and its URL fragment: its changes' values in dimension
    order ('high,wide'); '' for the neutral stance. Values are unique across dimensions."""
    return ",".join(v for _, v in stance.chosen())


class _Interned:
    """Each distinct value once, in a list; what refers to it holds its index."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._seen: dict[str, int] = {}

    def __call__(self, value: Any) -> int:
        token = json.dumps(value, ensure_ascii=False)
        found = self._seen.get(token)
        if found is None:
            found = self._seen[token] = len(self.items)
            self.items.append(value)
        return found


def data(catalog: Catalog) -> dict[str, Any]:
    """Everything the page shows, for every question it answers."""
    texts, verdicts, lists = _Interned(), _Interned(), _Interned()
    muscles = list_muscles(catalog)  # by role, as every table lists them
    source_number = {s.id: n for n, s in enumerate(catalog.sources)}
    answers: dict[str, list[Any]] = {}
    for stance, base in questions():
        report = assess(catalog, stance, base)
        # The page says the question itself; each answer keeps what it was measured to change.
        said = words.changes(catalog, report)
        also = [
            *(words.capital(words.contradicted_claim(catalog, c)) + "." for c in report.contradicted),
            *(f"Also measured: {line}" for line in words.measured_briefly(catalog, report.measures)),
        ]
        by_muscle = report.by_muscle()
        row = [verdicts(_verdict(catalog, report, by_muscle[m.id])) for m in muscles]
        why = [texts(_why_line(d, g, names, reason)) for d, g, names, reason in words.why_groups(catalog, report)]
        cues = list_cues(catalog, stance=stance)
        cited = {
            *(a.finding.source for v in report.verdicts for a in v.findings),
            *(u.claim.source for v in report.verdicts for u in v.claims),
            *(s for c in cues for s in c.sources),
        }
        name = key(stance) + (f";vs={key(base)}" if base != NEUTRAL_STANCE else "")
        answers[name] = [
            lists(row),
            texts(words.capital(said) + "."),
            lists([texts(line) for line in also]),
            lists(why),
            lists([texts(_option_text(c)) for c in report.choices]),
            lists([n for n, c in enumerate(catalog.cues) if c in cues]),
            lists(sorted(source_number[s] for s in cited)),
        ]
    return {
        "dims": [
            {
                "name": spec.name,
                "title": words.capital(spec.words),
                "values": [[v, catalog.label(spec.name, v)] for v in spec.values],
            }
            for spec in DIMENSION_SPECS
        ],
        "max": MAX_CHANGES,
        "muscles": [{"id": m.id, "name": m.name, "role": words.ROLE_TITLE[m.role]} for m in muscles],
        "cues": [
            {"phase": words.PHASE_TITLE[c.phase], "cue": c.cue, "fault": c.fault, "evidence": c.evidence}
            for c in catalog.cues
        ],
        "sources": [{"label": s.label, "citation": s.citation, "doi": s.doi} for s in catalog.sources],
        "words": {**words.DIRECTION_WORDS},
        "arrows": {**words.ARROW},
        "shades": {**words.SHADE_WORDS},
        "texts": texts.items,
        "verdicts": verdicts.items,
        "lists": lists.items,
        "answers": answers,
    }


def _verdict(catalog: Catalog, report: StanceReport, v: Verdict) -> list[Any]:
    claimed = "; ".join(
        f"claimed {u.claim.direction} ({catalog.source(u.claim.source).label}, {words.STATUS_WORDS[u.status]})"
        for u in v.claimed
    )
    # The grade of the change, and the grade of the muscle's role (what the neutral stance shows).
    return [v.direction, v.grade or "", v.level, report.shade_of(v), claimed, v.muscle.baseline.evidence]


def _why_line(direction: str, grade: str | None, names: str, reason: str) -> str:
    said = f"{words.ARROW[direction]} {words.capital(names)}, {words.DIRECTION_WORDS[direction]}"
    return f"{said} ({grade or 'no grade'}): {reason}"


def _option_text(choice: Choice) -> str:
    text = f"{words.capital(choice.label)}: {choice.mechanism}"
    return text + (f" Caution: {choice.caution}" if choice.caution else "")


def page(catalog: Catalog, *, version: str) -> str:
    """The explorer as one HTML page."""
    neutral = assess(catalog, NEUTRAL_STANCE)
    # The drawing without its key: the page sets the key as text, and shades the shapes itself.
    # Inline SVG needs no namespace: without it the page names no http address but its DOI links.
    drawing = map_svg(catalog, neutral, key=False, titled=False).replace(' xmlns="http://www.w3.org/2000/svg"', "")
    payload = json.dumps(data(catalog), ensure_ascii=False, separators=(",", ":"))
    # Inside <script>, "</" could end the block early; JSON allows "<\/" for "</".
    payload = payload.replace("</", "<\\/").replace("<!--", "<\\!--")
    shades = "".join(
        f'<li data-shade="{s}"><svg class="swatch" viewBox="0 0 20 12" aria-hidden="true"><rect x="0.5" y="0.5"'
        f' width="19" height="11" fill="url(#lp-{s})" stroke="#1a1a1a"/></svg> {escape(words.SHADE_WORDS[s])}</li>'
        for s in (*ROLES, *SHADE_KEYS)
        if s in SHADES
    )
    named = "".join(f"<li><b>{escape(k)}</b> {escape(n)}</li>" for k, n in letters(catalog, neutral))
    policy = f"default-src 'none'; script-src '{_hash(SCRIPT)}'; style-src '{_hash(STYLE)}'; img-src data:"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        "<title>Leg press explorer: what each foot position works</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        '<header><h1>Leg press explorer</h1><p class="lead" id="lp-question" aria-live="polite"></p></header>\n'
        '<main>\n<form id="lp-controls" aria-label="The stance"><fieldset><legend>Stance</legend>'
        '<div id="lp-dims" class="dims"></div></fieldset>'
        '<fieldset><legend>Compare with</legend><label for="lp-vs">Against</label>'
        '<select id="lp-vs"></select></fieldset></form>\n'
        '<p id="lp-beyond" class="caution" hidden></p>\n'
        '<section id="lp-answer" aria-labelledby="lp-answer-title"><h2 id="lp-answer-title">What it works</h2>'
        '<p id="lp-summary" aria-live="polite"></p>'
        f'<div class="overview"><figure><div class="drawing">{drawing}</div>'
        f'<figcaption><ul class="key" id="lp-shades">{shades}<li><svg class="swatch" viewBox="0 0 20 12"'
        ' aria-hidden="true"><rect x="0.5" y="0.5" width="19" height="11" fill="none" stroke="#1a1a1a"'
        ' stroke-dasharray="4 2.5"/></svg> deep muscle</li></ul>'
        f'<ul class="key letters">{named}</ul></figcaption></figure>'
        '<table id="lp-table"><caption>Each muscle: its emphasis, the change and how sure that is</caption>'
        '<thead><tr><th scope="col">Muscle</th><th scope="col">Emphasis</th><th scope="col">Change</th>'
        '<th scope="col">Evidence</th></tr></thead><tbody></tbody></table></div>'
        '<h3>Why</h3><ul id="lp-why"></ul><h3>The options</h3><ul id="lp-options"></ul>'
        f'<p class="note">{escape(words.HOW_SURE)}: strong, two or more independent samples measured this very'
        " comparison and agree; moderate, one did; weak, a measurement one step away; claim, said but never"
        " measured. A claim never moves an arrow, a bar or the map.</p></section>\n"
        '<section aria-labelledby="lp-cues-title"><h2 id="lp-cues-title">How to do it safely</h2>'
        '<ul id="lp-cues"></ul></section>\n'
        '<section aria-labelledby="lp-sources-title"><h2 id="lp-sources-title">Sources</h2>'
        '<ol id="lp-sources" class="sources"></ol></section>\n</main>\n'
        f"<footer><p>Made with legpress {escape(version)}. {escape(words.NOT_ADVICE)}</p></footer>\n"
        f'<script type="application/json" id="lp-data">{payload}</script>\n'
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


STYLE = """
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
        font-size: 15px; line-height: 1.4; color: #1a1a1a; background: #ffffff; }
body { max-width: 68rem; margin: 0 auto; padding: 0.5rem 1rem 2rem; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; margin: 0.4rem 0 0.2rem; }
h2 { font-size: 1.2rem; margin: 1.2rem 0 0.4rem; border-bottom: 1px solid #767676; }
h3 { font-size: 1rem; margin: 0.8rem 0 0.3rem; }
.lead { font-size: 1.05rem; margin: 0.2rem 0 0.6rem; }
form { display: flex; flex-wrap: wrap; gap: 0.6rem; }
form fieldset:first-child { flex: 1 1 28rem; }
form fieldset:last-child { flex: 1 1 14rem; align-self: start; }
fieldset { border: 1px solid #8c8c8c; border-radius: 0.3rem; margin: 0; padding: 0.4rem 0.6rem; min-width: 0; }
legend { font-weight: bold; padding: 0 0.3rem; }
.dims { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: 0.4rem 0.8rem; }
label { display: block; font-size: 0.85rem; color: #333333; }
select { font: inherit; width: 100%; max-width: 100%; padding: 0.25rem; border: 1px solid #595959;
         border-radius: 0.25rem; background: #ffffff; color: #1a1a1a; }
select:focus-visible { outline: 3px solid #0a4a94; outline-offset: 1px; }
.caution { border-left: 4px solid #8a5a00; padding: 0.3rem 0.6rem; background: #fff7e0; }
.overview { display: grid; grid-template-columns: minmax(0, 22rem) minmax(0, 1fr); gap: 1rem; align-items: start; }
figure { margin: 0; }
svg.bodymap { width: 100%; height: auto; }
figcaption { font-size: 0.85rem; }
ul.key { list-style: none; padding: 0; margin: 0.3rem 0 0; }
ul.key li { display: inline-block; margin: 0 0.8em 0.1em 0; white-space: nowrap; }
ul.key li[hidden] { display: none; }
ul.key svg.swatch { width: 1.6em; height: 1em; vertical-align: -0.15em; }
ul.key b { display: inline-block; min-width: 1.2em; text-align: center; border: 1px solid #1a1a1a;
           border-radius: 50%; font-size: 0.85em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
th, td { border: 1px solid #8c8c8c; padding: 0.15rem 0.4rem; text-align: left; vertical-align: top;
         overflow-wrap: normal; }
td.bar { white-space: nowrap; }
thead th { background: #e6e6e6; }
tbody th { background: #f2f2f2; font-weight: normal; }
tr.group th { background: #ffffff; font-weight: bold; }
.claimed { display: block; font-size: 0.8rem; color: #6b4e00; }
.note, footer { font-size: 0.85rem; color: #404040; }
ol.sources { font-size: 0.85rem; }
a { color: #0a4a94; }
@media (max-width: 40rem) {
  body { padding: 0.4rem 0.5rem 1.5rem; }
  .overview { display: block; }
  table { font-size: 0.8rem; }
  th, td { padding: 0.1rem 0.25rem; }
}
/* The narrowest phones (320 px): a long muscle name may break rather than the page scroll. */
@media (max-width: 22rem) {
  th, td { overflow-wrap: anywhere; }
}
@media print {
  :root { font-size: 9pt; }
  form, #lp-beyond { display: none; }
  body { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  a { color: #1a1a1a; }
}
"""

# Looks answers up and shows them; works nothing out. Every text from the data is set with
# textContent, never parsed as markup.
SCRIPT = """
"use strict";
const D = JSON.parse(document.getElementById("lp-data").textContent);
const $ = (id) => document.getElementById(id);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls; return e; };
const owner = {};
D.dims.forEach((d) => d.values.forEach(([v]) => { owner[v] = d.name; }));
const state = {};
let vs = "";
function chosen(values) { return D.dims.map((d) => values[d.name]).filter((v, i) => v !== D.dims[i].values[0][0]); }
function keyOf(values) { return chosen(values).join(","); }
function label(dim, value) { return D.dims.find((d) => d.name === dim).values.find(([v]) => v === value)[1]; }
// The state a fragment names: "high,wide" or "high,wide;vs=low,wide" (the stance to compare against).
function fromFragment(fragment) {
  const [stance, against] = decodeURIComponent(fragment).split(";vs=");
  D.dims.forEach((d) => { state[d.name] = d.values[0][0]; });
  (stance || "").split(",").filter(Boolean).forEach((v) => { if (owner[v]) state[owner[v]] = v; });
  vs = "";
  if (against !== undefined) {
    const base = Object.assign({}, state);
    against.split(",").filter(Boolean).forEach((v) => { if (owner[v]) base[owner[v]] = v; });
    const swapped = D.dims.filter((d) => base[d.name] !== state[d.name]);
    if (swapped.length === 1) vs = swapped[0].name + "=" + base[swapped[0].name];
  }
}
function baseValues() {
  const base = Object.assign({}, state);
  if (vs) { const [d, v] = vs.split("="); base[d] = v; }
  return base;
}
function buildControls() {
  const box = $("lp-dims");
  D.dims.forEach((d) => {
    const wrap = el("div");
    const id = "lp-dim-" + d.name;
    const lab = el("label", d.title); lab.htmlFor = id;
    const sel = el("select"); sel.id = id; sel.dataset.dim = d.name;
    d.values.forEach(([v, text], i) => {
      const o = el("option", i ? text : text + " (usual)"); o.value = v; sel.append(o);
    });
    sel.addEventListener("change", () => { state[d.name] = sel.value; if (vs && vs.split("=")[0] === d.name) vs = "";
      update(true); });
    wrap.append(lab, sel); box.append(wrap);
  });
  $("lp-vs").addEventListener("change", () => { vs = $("lp-vs").value; update(true); });
}
function vsOptions() {
  const sel = $("lp-vs"); sel.textContent = "";
  const first = el("option", "the neutral stance"); first.value = ""; sel.append(first);
  D.dims.forEach((d) => {
    const v = state[d.name];
    if (v === d.values[0][0]) return;
    d.values.slice(1).forEach(([w, text]) => { if (w === v) return;
      const o = el("option", text + " instead of " + label(d.name, v)); o.value = d.name + "=" + w; sel.append(o); });
  });
  if (![...sel.options].some((o) => o.value === vs)) vs = "";
  sel.value = vs;
}
function emphasis(level) { return "■".repeat(level) + "□".repeat(5 - level); }
function update(push) {
  const started = performance.now();
  D.dims.forEach((d) => { $("lp-dim-" + d.name).value = state[d.name]; });
  vsOptions();
  const key = keyOf(state) + (vs ? ";vs=" + keyOf(baseValues()) : "");
  if (push) history.replaceState(null, "", "#" + key);
  const answer = D.answers[key];
  const beyond = $("lp-beyond");
  const changes = chosen(state);
  const stanceWords = changes.length ? changes.map((v) => label(owner[v], v)).join(", ") : "neutral stance";
  const against = vs ? chosen(baseValues()).map((v) => label(owner[v], v)).join(", ") : "the neutral stance";
  $("lp-question").textContent = "Leg press: " + stanceWords + ", against " + against + ".";
  if (!answer) {
    beyond.hidden = false;
    beyond.textContent = "This page answers stances with up to " + D.max + " changes from the usual one. " +
      "For this one, run: legpress stance " + changes.map((v) => "--" + owner[v] + " " + v).join(" ") +
      (vs ? " --vs " + chosen(baseValues()).join(",") : "");
    $("lp-answer").hidden = true;
    window.lpLastUpdate = performance.now() - started;
    return;
  }
  beyond.hidden = true; $("lp-answer").hidden = false;
  const [row, headline, also, why, options, cues, sources] = answer;
  const neutral = !changes.length && !vs;
  $("lp-summary").textContent = D.texts[headline];
  const verdicts = D.lists[row].map((n) => D.verdicts[n]);
  const byId = {};
  D.muscles.forEach((m, i) => { byId[m.id] = verdicts[i]; });
  document.querySelectorAll("svg.bodymap path.muscle").forEach((p) => {
    const v = byId[p.dataset.muscle]; if (!v) return;
    p.setAttribute("fill", "url(#lp-" + v[3] + ")");
    p.setAttribute("class", "muscle " + v[3] + (p.classList.contains("deep") ? " deep" : ""));
    const name = D.muscles.find((m) => m.id === p.dataset.muscle).name;
    const grade = neutral ? v[5] : v[1];
    p.querySelector("title").textContent = name + ": " + D.shades[v[3]] + (grade ? ", " + grade + " evidence" : "");
  });
  const shown = new Set(verdicts.map((v) => v[3]));
  document.querySelectorAll("#lp-shades li[data-shade]").forEach((li) => {
    const s = li.dataset.shade; const isRole = s === "primary" || s === "secondary" || s === "stabilizer";
    li.hidden = neutral ? !isRole : (isRole || !shown.has(s));
  });
  const body = $("lp-table").tBodies[0]; body.textContent = "";
  let group = "";
  D.muscles.forEach((m, i) => {
    const v = verdicts[i];
    if (m.role !== group) { group = m.role; const tr = el("tr", undefined, "group"); const th = el("th", group);
      th.colSpan = 4; th.scope = "rowgroup"; tr.append(th); body.append(tr); }
    const tr = el("tr"); tr.dataset.muscle = m.id; tr.dataset.direction = v[0]; tr.dataset.grade = v[1];
    tr.dataset.level = String(v[2]);
    const th = el("th", m.name); th.scope = "row";
    const bar = el("td", emphasis(v[2]), "bar"); bar.setAttribute("aria-label", v[2] + " of 5");
    const change = el("td", neutral ? "" : D.arrows[v[0]] + " " + D.words[v[0]]);
    if (v[4]) change.append(el("span", v[4], "claimed"));
    tr.append(th, bar, change, el("td", neutral ? v[5] : v[1] || "none")); body.append(tr);
  });
  const list = (id, items) => {
    const ul = $(id); ul.textContent = ""; items.forEach((n) => ul.append(el("li", D.texts[n])));
  };
  list("lp-why", [...D.lists[why], ...D.lists[also]]);
  list("lp-options", D.lists[options]);
  if (!D.lists[why].length) {
    const none = neutral ? "The usual stance: nothing is compared." : "No muscle was measured to change.";
    $("lp-why").append(el("li", none));
  }
  const cueList = $("lp-cues"); cueList.textContent = "";
  D.lists[cues].forEach((n) => {
    const c = D.cues[n]; const li = el("li"); li.append(el("strong", c.phase + ": " + c.cue + " "));
    li.append(document.createTextNode("Prevents: " + c.fault + " (" + c.evidence + ")")); cueList.append(li);
  });
  const srcList = $("lp-sources"); srcList.textContent = "";
  D.lists[sources].forEach((n) => {
    const s = D.sources[n]; const li = el("li"); li.append(el("strong", s.label + ". "));
    li.append(document.createTextNode(s.citation + " "));
    if (s.doi) { const a = el("a", "doi:" + s.doi); a.href = "https://doi.org/" + encodeURI(s.doi); li.append(a); }
    srcList.append(li);
  });
  window.lpLastUpdate = performance.now() - started;
}
buildControls();
fromFragment(location.hash.slice(1));
update(false);
// When the first answer is on screen, counted from the start of navigation (the benchmark reads it).
requestAnimationFrame(() => requestAnimationFrame(() => { window.lpFirstRender = performance.now(); }));
window.addEventListener("hashchange", () => { fromFragment(location.hash.slice(1)); update(false); });
"""
