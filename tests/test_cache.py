"""The catalog cache as an attacker or an unlucky user meets it: planted files, symlinks, FIFOs,
shared folders, old formats, edits that keep size and time, failed writes."""

from __future__ import annotations

import json
import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import PINNED
from legpress_cli import cache
from legpress_cli import catalog as loading
from legpress_cli.catalog import DATA_FILES, load_catalog
from legpress_cli.records import BadRecord, Catalog, from_plain, to_plain

LEGPRESS = str(Path(sys.executable).parent / "legpress")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own (not yet created)."""
    where = tmp_path / "cache"
    monkeypatch.setenv("LEGPRESS_CACHE_DIR", str(where))
    return where


def key_of(data: Path) -> str:
    return cache.entry_key({name: (data / name).read_bytes() for name in DATA_FILES})


def fresh(data: Path) -> Catalog:
    load_catalog.cache_clear()
    return load_catalog(data)


def served_from_cache(data: Path) -> bool:
    loading._FROM_CACHE.clear()
    fresh(data)
    return bool(loading._FROM_CACHE)


def legpress(*args: str, cache_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **PINNED, "LEGPRESS_CACHE_DIR": str(cache_dir)}
    return subprocess.run([LEGPRESS, *args], capture_output=True, text=True, env=env, timeout=60, encoding="utf-8")


def rename_soleus(entry: Path, new_name: str) -> None:
    doc = json.loads(entry.read_text(encoding="utf-8"))
    for m in doc["catalog"]["muscles"]:
        if m["id"] == "soleus":
            m["name"] = new_name
    entry.write_text(json.dumps(doc), encoding="utf-8")


def test_round_trip_in_a_private_folder(data_copy: Path, store: Path) -> None:
    first = fresh(data_copy)
    (entry,) = store.iterdir()
    assert entry.name == f"{key_of(data_copy)}.json"
    assert stat.S_IMODE(store.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert served_from_cache(data_copy)
    assert load_catalog(data_copy) == first
    assert sorted(p.name for p in data_copy.iterdir()) == sorted(DATA_FILES)


def test_a_planted_pickle_is_never_run(data_copy: Path, tmp_path: Path, store: Path) -> None:
    marker = tmp_path / "owned"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.mkdir, (str(marker),))

    store.mkdir(mode=0o700)
    planted = pickle.dumps(Payload())
    (store / f"{key_of(data_copy)}.json").write_bytes(planted)  # where the next entry goes
    (store / ("0" * 32 + ".pickle")).write_bytes(planted)  # where an older release kept them
    result = legpress("--data", str(data_copy), "muscle", "soleus", cache_dir=store)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("Soleus\n")
    assert not marker.exists()
    # The pickle is never read, and never removed either: legpress prunes only what it wrote.
    assert sorted(p.name for p in store.iterdir()) == sorted([f"{key_of(data_copy)}.json", "0" * 32 + ".pickle"])


def _plant_tampered(data: Path, where: Path) -> None:
    fresh(data)
    rename_soleus(where / f"{key_of(data)}.json", "Tampered")


def test_an_entry_others_can_write_is_ignored(data_copy: Path, store: Path) -> None:
    _plant_tampered(data_copy, store)
    entry = store / f"{key_of(data_copy)}.json"
    entry.chmod(0o666)
    assert fresh(data_copy).muscle("soleus").name == "Soleus"


def test_a_folder_others_can_write_is_ignored(data_copy: Path, store: Path) -> None:
    _plant_tampered(data_copy, store)
    store.chmod(0o777)
    assert fresh(data_copy).muscle("soleus").name == "Soleus"
    assert not served_from_cache(data_copy)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away")
def test_an_entry_or_folder_of_another_user_is_ignored(data_copy: Path, store: Path) -> None:
    _plant_tampered(data_copy, store)
    entry = store / f"{key_of(data_copy)}.json"
    os.chown(entry, 65534, 65534)
    assert fresh(data_copy).muscle("soleus").name == "Soleus"
    os.chown(entry, 0, 0)
    os.chown(store, 65534, 65534)
    assert fresh(data_copy).muscle("soleus").name == "Soleus"
    assert not served_from_cache(data_copy)


def test_a_same_size_same_mtime_edit_is_seen(data_copy: Path, store: Path) -> None:
    muscles = data_copy / "muscles.toml"
    assert fresh(data_copy).muscle("soleus").name == "Soleus"
    before = muscles.stat()
    text = muscles.read_text(encoding="utf-8").replace('name = "Soleus"', 'name = "Soleux"')
    muscles.write_text(text, encoding="utf-8")
    os.utime(muscles, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = muscles.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    result = legpress("--data", str(data_copy), "muscle", "soleus", cache_dir=store)
    assert result.stdout.startswith("Soleux\n")


def test_a_symlink_in_place_of_an_entry_is_neither_read_nor_written_through(
    data_copy: Path, tmp_path: Path, store: Path
) -> None:
    fresh(data_copy)
    entry = store / f"{key_of(data_copy)}.json"
    victim = tmp_path / "victim.json"
    victim.write_bytes(entry.read_bytes())
    rename_soleus(victim, "Through a symlink")
    entry.unlink()
    entry.symlink_to(victim)
    before = victim.read_bytes()
    assert fresh(data_copy).muscle("soleus").name == "Soleus"
    assert victim.read_bytes() == before
    assert not entry.is_symlink()  # replaced by a real entry, the symlink's target untouched


def test_temporary_names_are_not_predictable(data_copy: Path, tmp_path: Path, store: Path) -> None:
    """An older release wrote `<hash>.<pid>.tmp` and followed symlinks there."""
    store.mkdir(mode=0o700)
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    for name in (f"{key_of(data_copy)[:32]}.{os.getpid()}.tmp", f".partial-{os.getpid()}.json"):
        (store / name).symlink_to(victim)
    fresh(data_copy)
    assert victim.read_text() == "keep me"


def test_a_fifo_in_place_of_an_entry_does_not_hang(data_copy: Path, store: Path) -> None:
    store.mkdir(mode=0o700)
    os.mkfifo(store / f"{key_of(data_copy)}.json")
    result = legpress("--data", str(data_copy), "muscle", "soleus", cache_dir=store)  # the timeout is the test
    assert result.returncode == 0 and result.stdout.startswith("Soleus\n")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda doc: doc.update(format=0), id="older-format"),
        pytest.param(lambda doc: doc.update(key="0" * 64), id="other-key"),
        pytest.param(lambda doc: doc["catalog"]["muscles"][0].pop("short"), id="missing-field"),
        pytest.param(lambda doc: doc["catalog"]["muscles"][0].update(extra=1), id="unknown-field"),
        pytest.param(lambda doc: doc["catalog"]["muscles"][0].update(emphasis="3"), id="wrong-type"),
        pytest.param(lambda doc: doc["catalog"]["cues"][0].update(phase="sideways"), id="not-a-choice"),
        pytest.param(lambda doc: doc.update(catalog=[]), id="not-a-table"),
    ],
)
def test_an_old_or_damaged_entry_means_a_fresh_load(data_copy: Path, store: Path, damage: object) -> None:
    expected = fresh(data_copy)
    entry = store / f"{key_of(data_copy)}.json"
    doc = json.loads(entry.read_text(encoding="utf-8"))
    damage(doc)  # type: ignore[operator]
    entry.write_text(json.dumps(doc), encoding="utf-8")
    loading._FROM_CACHE.clear()
    assert fresh(data_copy) == expected
    assert not loading._FROM_CACHE
    assert served_from_cache(data_copy)  # rewritten whole by the fresh load


@pytest.mark.parametrize("junk", [b"", b"{", b"[" * 100_000, b"\xff\xfe"])
def test_junk_in_an_entry_means_a_fresh_load(data_copy: Path, store: Path, junk: bytes) -> None:
    fresh(data_copy)
    (store / f"{key_of(data_copy)}.json").write_bytes(junk)
    assert fresh(data_copy).muscle("soleus").name == "Soleus"


def test_a_failed_write_leaves_nothing_behind(data_copy: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", full_disk)
    assert fresh(data_copy).muscle("soleus").name == "Soleus"
    assert list(store.iterdir()) == []


def test_old_entries_are_pruned(data_copy: Path, store: Path) -> None:
    store.mkdir(mode=0o700)
    for n in range(cache.KEEP + 5):
        old = store / f"{n:064x}.json"
        old.write_text(f'{{"format":{cache.FORMAT},"key":"{n:064x}","check":"","catalog":{{}}}}')
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
    (store / "notes.txt").write_text("not ours to remove")
    fresh(data_copy)
    names = sorted(p.name for p in store.iterdir())
    assert len(names) == cache.KEEP + 1
    assert f"{key_of(data_copy)}.json" in names and "notes.txt" in names
    assert f"{cache.KEEP + 4:064x}.json" in names and f"{0:064x}.json" not in names  # newest kept


def test_a_shared_folder_keeps_every_file_legpress_did_not_write(data_copy: Path, store: Path) -> None:
    """LEGPRESS_CACHE_DIR pointed at a folder with other files: 20 runs later all are still there."""
    store.mkdir(mode=0o700)
    theirs = {f"{n:064x}.json": "{}" for n in range(12)}
    theirs |= {"0" * 32 + ".pickle": "x", "1" * 32 + ".3.tmp": "x", ".partial-x.json": "x", "notes.txt": "x"}
    for name, text in theirs.items():
        (store / name).write_text(text)
        os.utime(store / name, (1_000_000, 1_000_000))
    for n in range(20):
        (data_copy / "cues.toml").write_text((data_copy / "cues.toml").read_text() + f"\n# edit {n}\n")
        fresh(data_copy)
    left = {p.name for p in store.iterdir()}
    assert set(theirs) <= left
    assert len(left - set(theirs)) == cache.KEEP  # its own entries, pruned to KEEP


def test_another_users_symlink_is_no_cache_folder(data_copy: Path, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root, to own a link as another user")
    import pwd

    victim = tmp_path / "victim"
    victim.mkdir(mode=0o700)
    (victim / f"{0:064x}.json").write_text("{}")
    link = tmp_path / "cache-link"
    link.symlink_to(victim)
    os.lchown(link, pwd.getpwnam("nobody").pw_uid, -1)
    result = legpress("--data", str(data_copy), "muscles", cache_dir=link)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in victim.iterdir()) == [f"{0:064x}.json"]


def test_a_damaged_snapshot_or_entry_is_a_silent_miss(data_copy: Path, store: Path) -> None:
    fresh(data_copy)
    entry = store / f"{key_of(data_copy)}.json"
    doc = json.loads(entry.read_text())
    doc["catalog"]["muscles"][0]["group"] = "no-such-group"  # parses, and would break the lookups
    entry.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    result = legpress("--data", str(data_copy), "muscles", cache_dir=store)
    assert (result.returncode, result.stderr) == (0, "")


def test_where_the_cache_goes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    monkeypatch.delenv("LEGPRESS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir(data) == tmp_path / "xdg" / "legpress"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as the XDG spec says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir(data) == tmp_path / "home" / ".cache" / "legpress"
    for off in ("", "relative"):
        monkeypatch.setenv("LEGPRESS_CACHE_DIR", off)
        assert cache.cache_dir(data) is None
    for inside in (data, data / "cache"):
        monkeypatch.setenv("LEGPRESS_CACHE_DIR", str(inside))
        assert cache.cache_dir(data) is None


def test_no_home_directory_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("LEGPRESS_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache.cache_dir(tmp_path) is None


def test_a_file_where_the_folder_should_be(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("LEGPRESS_CACHE_DIR", str(blocked))
    assert fresh(data_copy).muscle("soleus").name == "Soleus"
    assert blocked.read_text() == "a file where the cache folder should be"


def test_an_internal_error_forgets_the_entry_it_used(
    data_copy: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from legpress_cli import advisor
    from legpress_cli.cli import app

    fresh(data_copy)
    assert served_from_cache(data_copy)

    def broken(*args: object, **kwargs: object) -> object:
        raise KeyError("a muscle the catalog does not have")

    monkeypatch.setattr(advisor, "list_muscles", broken)
    result = CliRunner().invoke(app, ["--data", str(data_copy), "muscles"])
    assert result.exit_code == 1 and "internal error" in result.stderr
    assert list(store.iterdir()) == []


# --- records: the plain form the cache holds ---------------------------------------------------


def test_records_keep_everything_that_was_checked() -> None:
    checked = _builtin_checked()
    plain = json.loads(json.dumps(to_plain(checked)))
    assert from_plain(plain) == checked
    assert to_plain(from_plain(plain)) == plain


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"format": 1}, "unknown fields"),
        ([], "expected a table"),
        (None, "expected a table"),
    ],
)
def test_from_plain_is_strict(value: object, problem: str) -> None:
    with pytest.raises(BadRecord, match=problem):
        from_plain(value)


def _builtin_checked() -> Catalog:
    return loading._check(
        loading.builtin_data_dir(), {n: (loading.builtin_data_dir() / n).read_bytes() for n in DATA_FILES}
    )


def _builtin_plain() -> Any:
    return json.loads(json.dumps(to_plain(_builtin_checked())))


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda p: p["muscles"][1].__setitem__("aliases", ["ok", 3]),
            r"^catalog\.muscles\[1\]\.aliases\[1\]: expected str$",
        ),
        (lambda p: p["muscles"][0].pop("name"), r"^catalog\.muscles\[0\]: missing name$"),
        (lambda p: p["sources"][0].__setitem__("kind", True), r"^catalog\.sources\[0\]\.kind: True is not one of"),
        (lambda p: p["findings"][0].__setitem__("results", {"quads": "up"}), r"\.findings\[0\]\.results\.quads: 'up'"),
        (lambda p: p["muscles"][0].__setitem__("emphasis", "4"), r"^catalog\.muscles\[0\]\.emphasis: expected int$"),
        (lambda p: p["muscles"][0].__setitem__("emphasis", True), r"^catalog\.muscles\[0\]\.emphasis: expected int$"),
        (lambda p: p["sources"][0].__setitem__("year", 1998), r"^catalog\.sources\[0\]: unknown fields \['year'\]$"),
    ],
)
def test_from_plain_names_where_a_nested_value_is_wrong(change: Any, problem: str) -> None:
    plain = _builtin_plain()
    change(plain)
    with pytest.raises(BadRecord, match=problem):
        from_plain(plain)


# --- the packaged snapshot of the built-in data -------------------------------------------


def test_the_snapshot_is_current() -> None:
    """It is the fresh check of the built-in data with this code; LEGPRESS_UPDATE_GOLDEN=1
    rewrites it, as it does the goldens (or run scripts/make_docs.py)."""
    text = loading.snapshot_text()
    if os.environ.get("LEGPRESS_UPDATE_GOLDEN") == "1":
        cache.SNAPSHOT.write_text(text, encoding="utf-8")
    assert cache.SNAPSHOT.read_text(encoding="utf-8") == text, "stale: run python scripts/make_docs.py"
    built = {n: (loading.builtin_data_dir() / n).read_bytes() for n in DATA_FILES}
    assert cache.read_snapshot(built) == from_plain(_builtin_plain())


def _probe(code: str, env: dict[str, str]) -> str:
    """Run Python code in a fresh process with the pinned environment plus `env`."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **PINNED, **env},
        timeout=60,
        check=True,
    )
    return result.stdout


LOAD_AND_REPORT = (
    "import sys; from legpress_cli.catalog import load_catalog as load; from pathlib import Path\n"
    "data = sys.argv[1] if len(sys.argv) > 1 else None\n"
    "c = load(Path(data) if data else None)\n"
    "print(c.muscle('soleus').name, 'pydantic' in sys.modules)"
)


@pytest.fixture
def fresh_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A snapshot made now, in place of the committed one: these tests are about how a snapshot
    is used, and a data edit should fail only test_the_snapshot_is_current."""
    path = tmp_path / "snapshot.json"
    path.write_text(loading.snapshot_text(), encoding="utf-8")
    monkeypatch.setattr(cache, "SNAPSHOT", path)
    return path


def test_without_a_cache_the_built_in_data_comes_from_the_snapshot_without_pydantic(fresh_snapshot: Path) -> None:
    use = f"import legpress_cli.cache as k; from pathlib import Path; k.SNAPSHOT = Path({str(fresh_snapshot)!r})\n"
    out = _probe(use + LOAD_AND_REPORT, {"LEGPRESS_CACHE_DIR": ""})
    assert out == "Soleus False\n"


def test_a_folder_given_with_data_is_checked_even_if_it_matches_the_snapshot(data_copy: Path) -> None:
    code = LOAD_AND_REPORT.replace("sys.argv[1] if len(sys.argv) > 1 else None", repr(str(data_copy)))
    assert _probe(code, {"LEGPRESS_CACHE_DIR": ""}) == "Soleus True\n"


@pytest.mark.usefixtures("fresh_snapshot")
def test_a_snapshot_of_other_files_is_not_used() -> None:
    built = {n: (loading.builtin_data_dir() / n).read_bytes() for n in DATA_FILES}
    edited = {**built, "muscles.toml": built["muscles.toml"] + b"\n# an edit\n"}
    assert cache.read_snapshot(built) is not None
    assert cache.read_snapshot(edited) is None


def _imported_by(roots: tuple[str, ...]) -> set[str]:
    """legpress's modules that `roots` import, at the top or inside a function, transitively:
    worked out with ast, as Python reads them."""
    import ast

    here = Path(cache.__file__).parent
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for node in ast.walk(ast.parse((here / name).read_bytes())):
            if isinstance(node, ast.ImportFrom) and node.module == "legpress_cli":
                todo += [f"{a.name}.py" for a in node.names if (here / f"{a.name}.py").is_file()]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("legpress_cli."):
                todo.append(f"{node.module.split('.')[1]}.py")  # type: ignore[union-attr]
            elif isinstance(node, ast.Import):
                todo += [f"{a.name.split('.')[1]}.py" for a in node.names if a.name.startswith("legpress_cli.")]
    return seen


@pytest.mark.parametrize("roots", [("catalog.py", "datafiles.py", "cache.py"), ("targets.py",)])
def test_the_key_covers_every_module_the_checking_code_imports(roots: tuple[str, ...]) -> None:
    # The cache and snapshot keys hash this code: a module it misses could change what a valid
    # catalog is without changing the key (paths.py once was missed).
    assert set(cache.checking_code(roots)) == _imported_by(roots)
    assert {"paths.py", "records.py", "model.py"} <= set(cache.checking_code())
