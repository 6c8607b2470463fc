"""Start-up benchmark: whole processes, in pairs against a yardstick app, on this machine.

    .venv/bin/python benchmarks/bench.py [--runs N] [--instructions]

It runs every command paired with its baseline (A B), in rounds through all the commands, so a
drift in the machine's speed hits a pair alike and a spell of noise is spread over the rows
instead of landing on one; it reports the median wall time, the median of the pairwise
ratios with their middle half (25th-75th percentile, to show how noisy the machine was), and
the peak memory (max RSS) of each process, with each target and whether the median meets it.
It never fails on a missed target: it reports. Finally it lists legpress's own modules from
`python -X importtime`.

With --instructions it also counts the instructions each process executes under valgrind's
callgrind, once each: slow, but the same count whatever else the machine is doing, so it
shows a change that wall-clock noise would hide.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PY = sys.executable
LEGPRESS = str(BIN / "legpress")
YARDSTICK = [PY, str(HERE / "yardstick.py")]
# A user's Python caches compiled modules; without that legpress would be timed compiling
# its own source on every run while the libraries' caches were made at install time.
BASE_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
COMPLETE_ENV = {"_LEGPRESS_COMPLETE": "complete_bash", "COMP_WORDS": "legpress muscle vastus", "COMP_CWORD": "2"}


PASS = [PY, "-c", "pass"]
# An empty LEGPRESS_CACHE_DIR turns the cache off, so every run reads the data afresh.
NO_CACHE = {"LEGPRESS_CACHE_DIR": ""}


@dataclass(frozen=True)
class Case:
    label: str
    argv: list[str]
    env: dict[str, str]
    wall_target: float | None  # at most this ratio to the baseline
    vs: tuple[str, ...] = tuple(YARDSTICK)  # the baseline it is paired with
    vs_env: tuple[tuple[str, str], ...] = ()
    memory: bool = True  # judged against the memory target


RENDERED, JSON = 0.60, 0.40


def cases(data_copy: Path) -> list[Case]:
    """Every timed row. `data_copy` is a copy of the built-in data, for the one cache miss that
    checks the data: the built-in data itself is served from the release's snapshot."""
    copy = [LEGPRESS, "--data", str(data_copy), "muscles"]
    from legpress_cli.catalog import load_catalog

    built_in = load_catalog(None)
    targets = [*(g.id for g in built_in.groups), *(m.id for m in built_in.muscles)]
    svg = str(data_copy.parent / "bench.svg")
    return [
        Case("legpress --version", [LEGPRESS, "--version"], {}, 0.45),
        Case("legpress muscles", [LEGPRESS, "muscles"], {}, RENDERED),
        Case("legpress muscles --json", [LEGPRESS, "muscles", "--json"], {}, JSON),
        Case("legpress stance --high --wide", [LEGPRESS, "stance", "--high", "--wide"], {}, RENDERED),
        Case("legpress stance --high --wide --json", [LEGPRESS, "stance", "--high", "--wide", "--json"], {}, JSON),
        Case("legpress cues", [LEGPRESS, "cues"], {}, RENDERED),
        Case("legpress target glutes", [LEGPRESS, "target", "glutes"], {}, RENDERED),
        Case("legpress map --high", [LEGPRESS, "map", "--high"], {}, RENDERED),
        Case("legpress compare squat", [LEGPRESS, "compare", "squat"], {}, RENDERED),
        Case("legpress compare squat --json", [LEGPRESS, "compare", "squat", "--json"], {}, JSON),
        Case("legpress report --high --wide -o -", [LEGPRESS, "report", "--high", "--wide", "-o", "-"], {}, RENDERED),
        Case("legpress muscles --svg FILE", [LEGPRESS, "muscles", "--svg", svg], {}, RENDERED),
        Case("legpress map --high --svg FILE", [LEGPRESS, "map", "--high", "--svg", svg], {}, RENDERED),
        Case("legpress sources", [LEGPRESS, "sources"], {}, RENDERED),
        Case("legpress knee", [LEGPRESS, "knee"], {}, RENDERED),
        Case("legpress evidence", [LEGPRESS, "evidence"], {}, RENDERED),
        Case("legpress schema", [LEGPRESS, "schema"], {}, JSON),
        Case("legpress target quadriceps --json", [LEGPRESS, "target", "quadriceps", "--json"], {}, JSON),
        *(Case(f"legpress target {t}", [LEGPRESS, "target", t], {}, RENDERED) for t in targets if t != "glutes"),
        Case("python -c pass", PASS, {}, None, memory=False),
        # Against other baselines: TAB against the bare interpreter, no cache against warm.
        Case("TAB: muscle vastus<TAB> vs python -c pass", [LEGPRESS], COMPLETE_ENV, 1.50, tuple(PASS), memory=False),
        Case(
            "no cache: muscles vs warm muscles",
            [LEGPRESS, "muscles"],
            NO_CACHE,
            1.25,
            (LEGPRESS, "muscles"),
            memory=False,
        ),
        Case("cache miss: --data copy vs warm", copy, NO_CACHE, 1.25, tuple(copy), memory=False),
    ]


MEMORY_TARGET = 0.65
SCALES = (1, 10, 100)
SCALE_COMMANDS = [
    ["muscles"],
    ["stance", "--high", "--wide"],
    ["cues"],
    ["target", "glutes"],
    ["map", "--high"],
    ["compare", "squat", "--json"],
]
# Goals: with 10x the data every command within 1.5x of its time on 1x; with 100x within 15x.
SCALE_TARGETS = {10: 1.5, 100: 15.0}


def once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MiB of one run, from the kernel's accounting of the child."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**BASE_ENV, **env})
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}")
    return wall, usage.ru_maxrss / 1024  # Linux reports KiB


def measure(cases: list[Case], runs: int) -> list[dict[str, float]]:
    """Each case's figures from `runs` rounds; a round runs every case once, each paired with its
    baseline. Taking the cases in turn, rather than one case's runs together, spreads a spell of
    noise on the machine over all the rows, where each row's median drops it, instead of letting
    it land on whichever row was running."""
    for case in cases:  # warm the file cache and .pyc files
        once(case.argv, case.env)
        once(list(case.vs), dict(case.vs_env))
    samples: list[dict[str, list[float]]] = [
        {k: [] for k in ("wall", "base", "ratio", "peak", "mem_ratio")} for _ in cases
    ]
    for _ in range(runs):
        for case, got in zip(cases, samples, strict=True):
            wall, peak = once(case.argv, case.env)
            base, base_peak = once(list(case.vs), dict(case.vs_env))
            for key, value in (
                ("wall", wall),
                ("base", base),
                ("ratio", wall / base),
                ("peak", peak),
                ("mem_ratio", peak / base_peak),
            ):
                got[key].append(value)
    out = []
    for got in samples:
        ratios = got["ratio"]
        low, _, high = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else (ratios[0],) * 3
        out.append(
            {
                "wall": statistics.median(got["wall"]),
                "yardstick": statistics.median(got["base"]),
                "ratio": statistics.median(ratios),
                "low": low,
                "high": high,
                "peak": statistics.median(got["peak"]),
                "mem_ratio": statistics.median(got["mem_ratio"]),
            }
        )
    return out


def instructions(argv: list[str], env: dict[str, str]) -> int:
    """Instructions one run executes, counted by callgrind (deterministic for the same inputs)."""
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out", *argv],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**BASE_ENV, **env},
            check=True,
        )
    found = re.search(r"Collected : (\d+)", result.stderr) or re.search(r"refs:\s+([\d,]+)", result.stderr)
    if found is None:
        raise SystemExit("could not read callgrind's instruction count")
    return int(found.group(1).replace(",", ""))


def verdict(value: float, target: float | None) -> str:
    if target is None:
        return ""
    return "met" if value <= target else "MISSED"


def importtime(top: int) -> list[str]:
    """legpress's own modules from `python -X importtime`, slowest (cumulative) first."""
    result = subprocess.run(
        [PY, "-X", "importtime", "-m", "legpress_cli", "muscles"],
        capture_output=True,
        text=True,
        check=True,
        env=BASE_ENV,
    )
    rows = []
    for line in result.stderr.splitlines():
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and "legpress_cli" in parts[2]:
            rows.append((int(parts[1]), int(parts[0]), parts[2]))
    rows.sort(reverse=True)
    return [f"  {cum / 1000:7.1f} ms cumulative  {own / 1000:6.1f} ms self  {name}" for cum, own, name in rows[:top]]


def scaling(runs: int, count_instructions: bool) -> int:
    """Median wall time of each command on synthetic packs 1x, 10x and 100x the built-in data
    (generated into a temporary folder; warm cache), and its ratio to the 1x time; with
    count_instructions, the same table in instructions, which noise cannot move."""
    sys.path.insert(0, str(HERE.parent / "tests"))
    from synthetic import write_pack

    missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        packs = {k: write_pack(Path(tmp) / f"pack{k}", k) for k in SCALES}
        env = {"LEGPRESS_MAX_FILE_BYTES": "100000000", "LEGPRESS_CACHE_DIR": str(Path(tmp) / "cache")}
        argvs = {
            (n, k): [LEGPRESS, "--data", str(pack), *c]
            for n, c in enumerate(SCALE_COMMANDS)
            for k, pack in packs.items()
        }
        for argv in argvs.values():
            once(argv, env)  # fills the cache
        walls: dict[tuple[int, int], list[float]] = {key: [] for key in argvs}
        for _ in range(runs):  # in rounds, as measure() does
            for key, argv in argvs.items():
                walls[key].append(once(argv, env)[0])
        print()
        print(f"scaling with the data (synthetic packs, warm cache, median of {runs}; goals: 10x <=1.5, 100x <=15)")
        missed += _scaling_table({key: statistics.median(w) * 1000 for key, w in walls.items()}, "ms")
        if count_instructions:
            print()
            print("the same in instructions (callgrind, one run each; for information: the goals are in time,")
            print("and instructions leave out costs every run pays alike, such as loading pages, so run higher)")
            counts = {key: instructions(argv, env) / 1e6 for key, argv in argvs.items()}
            _scaling_table(counts, "M", judged=False)
    return missed


def _scaling_table(figures: dict[tuple[int, int], float], unit: str, judged: bool = True) -> int:
    missed = 0
    print(f"{'command':40} " + " ".join(f"{f'{k}x {unit}':>9} {'ratio':>6}" for k in SCALES))
    for n, command in enumerate(SCALE_COMMANDS):
        cells = []
        for k in SCALES:
            ratio = figures[n, k] / figures[n, 1]
            target = SCALE_TARGETS.get(k) if judged else None
            ok = "" if target is None else ("" if ratio <= target else " MISSED")
            missed += bool(ok)
            cells.append(f"{figures[n, k]:9.1f} {ratio:6.2f}{ok}")
        print(f"{' '.join(command):40} " + " ".join(cells))
    return missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="paired runs per command (default 15)")
    parser.add_argument("--instructions", action="store_true", help="also count instructions with callgrind")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind on PATH")
    print(f"legpress start-up benchmark, {time.strftime('%Y-%m-%d')}, Python {platform.python_version()},")
    print(f"{os.cpu_count()} CPUs, {platform.machine()}; {args.runs} paired runs each, medians")
    print()
    print(
        f"{'command':40} {'wall ms':>7} {'yard ms':>7} {'ratio':>5} {'middle half':>11} {'target':>6} {'':6} "
        f"{'peak MiB':>8} {'mem':>4}"
    )
    missed = 0
    tmp = tempfile.mkdtemp(prefix="legpress-bench-")
    data_copy = shutil.copytree(HERE.parent / "data", Path(tmp) / "data")
    all_cases = cases(data_copy)
    for case, r in zip(all_cases, measure(all_cases, args.runs), strict=True):
        target = f"<={case.wall_target:.2f}" if case.wall_target is not None else ""
        wall_ok = verdict(r["ratio"], case.wall_target)
        mem_ok = verdict(r["mem_ratio"], MEMORY_TARGET if case.memory and case.wall_target is not None else None)
        missed += (wall_ok == "MISSED") + (mem_ok == "MISSED")
        print(
            f"{case.label:40} {r['wall'] * 1000:7.1f} {r['yardstick'] * 1000:7.1f} {r['ratio']:5.2f} "
            f"{r['low']:5.2f}-{r['high']:<5.2f} {target:>6} {wall_ok:6} "
            f"{r['peak']:8.1f} {r['mem_ratio']:4.2f} {mem_ok}"
        )
    print(f"(memory target: peak at most {MEMORY_TARGET:.2f}x the yardstick's)")
    missed += scaling(args.runs, args.instructions)
    missed += explorer(args.runs, Path(tmp))
    print("all targets met" if not missed else f"{missed} target(s) missed")
    print()
    if args.instructions:
        print("instructions executed (callgrind, one run each; deterministic), and the ratio to each")
        print("row's own baseline (the yardstick unless the row names another):")
        counted: dict[tuple[tuple[str, ...], tuple[tuple[str, str], ...]], int] = {}

        def count(argv: tuple[str, ...], env: tuple[tuple[str, str], ...]) -> int:
            if (argv, env) not in counted:
                counted[argv, env] = instructions(list(argv), dict(env))
            return counted[argv, env]

        print(f"  {'yardstick':40} {count(tuple(YARDSTICK), ()) / 1e6:8.1f} M")
        for case in all_cases:
            mine = count(tuple(case.argv), tuple(sorted(case.env.items())))
            base = count(case.vs, case.vs_env)
            target = f"<={case.wall_target:.2f} {verdict(mine / base, case.wall_target)}" if case.wall_target else ""
            print(f"  {case.label:40} {mine / 1e6:8.1f} M  {mine / base:5.2f}x  {target}")
        print()
    print("legpress modules on the `legpress muscles` path (python -X importtime):")
    print("\n".join(importtime(12)))
    shutil.rmtree(tmp, ignore_errors=True)


# The explorer (legpress explore): its build, and in headless Chromium its first render and a toggle.
EXPLORER_TARGETS = {"build": 2.0, "first render": 0.300, "toggle": 0.050}
# The page notes when its first answer is drawn (two frames after it is set), from navigation start.
FIRST_RENDER = """
new Promise((done) => { const wait = () => window.lpFirstRender ? done(window.lpFirstRender) : setTimeout(wait, 5);
  wait(); })
"""
# A real toggle: the select changes, the page answers, and two frames later the map is drawn.
TOGGLE = """
(async () => {
  const sel = document.getElementById("lp-dim-height");
  const times = [];
  for (const value of ["high", "low", "middle", "high", "low", "middle", "high", "low", "middle", "high", "low"]) {
    const start = performance.now();
    sel.value = value; sel.dispatchEvent(new Event("change"));
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    times.push(performance.now() - start);
  }
  return times;
})()
"""


def explorer(runs: int, tmp: Path) -> int:
    """Print the explorer's timings against their targets; the number of targets missed."""
    out = tmp / "explorer.html"
    builds = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([LEGPRESS, "explore", "-o", str(out)], check=True, env=BASE_ENV, capture_output=True)
        builds.append(time.perf_counter() - start)
    found = {"build": statistics.median(builds)}
    sys.path.insert(0, str(HERE.parent / "tests"))
    from browser import Browser, find_browser

    executable = find_browser()
    if executable is not None:
        paints, toggles = [], []
        with Browser(executable) as browser:
            for _ in range(runs):
                page = browser.open(out, width=390, height=800)
                paints.append(float(page.evaluate(FIRST_RENDER)) / 1000)
                toggles += [t / 1000 for t in page.evaluate(TOGGLE)]
        found["first render"] = statistics.median(paints)
        found["toggle"] = statistics.median(toggles)
    print()
    print(f"the explorer ({out.stat().st_size // 1024} KB; medians of {runs}; Chromium at 390 px)")
    missed = 0
    for name, target in EXPLORER_TARGETS.items():
        if name not in found:
            print(f"{name:40} not measured: no Chromium found")
            continue
        ok = "met" if found[name] <= target else "MISSED"
        missed += ok == "MISSED"
        print(f"{name:40} {found[name] * 1000:9.1f} ms   target <= {target * 1000:.0f} ms {ok}")
    return missed


if __name__ == "__main__":
    main()
