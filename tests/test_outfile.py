"""`report -o` and `--svg` write files the way a careful shell's `>` would: refused where `>` is
refused, the standard streams written as they are, and a regular file replaced whole."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Run

LEGPRESS = [sys.executable, "-m", "legpress_cli"]
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def legpress_sh(tmp_path: Path) -> str:
    """A `legpress` command line a shell can run: this interpreter and this checkout."""
    import shlex

    return shlex.join(LEGPRESS)


def test_dev_stdout_is_written_where_the_shell_points_it(tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    lp = legpress_sh(tmp_path)
    for redirect in (">", ">>"):
        out.write_text("", encoding="utf-8")
        script = f"{{ echo A; {lp} report --high -o /dev/stdout; echo B; }} {redirect} {out}"
        result = subprocess.run(["sh", "-c", script], capture_output=True, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        text = out.read_text(encoding="utf-8")
        assert text.startswith("A\n<!DOCTYPE html>") and text.endswith("</html>\nB\n"), redirect


def test_dev_stderr_is_written_where_the_shell_points_it(tmp_path: Path) -> None:
    log = tmp_path / "run.log"
    log.write_text("kept\n", encoding="utf-8")
    script = f"{legpress_sh(tmp_path)} map --high --svg /dev/stderr > /dev/null 2>> {log}"
    result = subprocess.run(["sh", "-c", script], capture_output=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("kept\n<svg") and text.rstrip().endswith("</svg>")


def _outcome(command: list[str], cwd: Path) -> int:
    return subprocess.run(command, capture_output=True, cwd=cwd).returncode


@contextlib.contextmanager
def _two_alike(tmp_path: Path, make: str) -> Iterator[tuple[Path, Path]]:
    """The same situation twice: once for the shell, once for legpress."""
    sides = []
    for name in ("shell", "legpress"):
        side = tmp_path / name
        side.mkdir()
        subprocess.run(["sh", "-c", make], cwd=side, check=True)
        sides.append(side)
    try:
        yield sides[0], sides[1]
    finally:
        for side in sides:
            subprocess.run(["chmod", "-R", "u+w", str(side)], check=False)


@pytest.mark.parametrize(
    "make",
    [
        "echo old > f.html && chmod 444 f.html",  # a read-only file
        "mkdir d && echo old > d/f.html && chmod 555 d",  # a file in a folder we may not write
        "echo old > f.html",  # an ordinary file
        "ln -s missing f.html",  # a dangling symlink
    ],
    ids=["read-only", "read-only-folder", "ordinary", "dangling-link"],
)
def test_refused_exactly_where_the_shell_is_refused(tmp_path: Path, make: str) -> None:
    target = "d/f.html" if "mkdir d" in make else "f.html"
    with _two_alike(tmp_path, make) as (shell_side, ours):
        shell_ok = _outcome(["sh", "-c", f"echo new > {target}"], shell_side) == 0
        result = subprocess.run([*LEGPRESS, "report", "--high", "-o", target], capture_output=True, cwd=ours)
        if "ln -s" in make:
            # The shell creates the link's target; legpress refuses to follow a link to nowhere.
            assert result.returncode == 1 and not (ours / "missing").exists()
            return
        assert (result.returncode == 0) == shell_ok, result.stderr
        if not shell_ok:
            assert result.returncode == 1
            assert result.stderr.decode().count("\n") == 1 and b"cannot write" in result.stderr
            assert (ours / target).read_text(encoding="utf-8") == "old\n"


def _nobody() -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam("nobody")
    return entry.pw_uid, entry.pw_gid


@pytest.fixture
def protected_symlinks() -> Iterator[None]:
    setting = Path("/proc/sys/fs/protected_symlinks")
    if not ROOT_USER or not setting.exists():
        pytest.skip("needs root, to own a link as another user and set fs.protected_symlinks")
    before = setting.read_text(encoding="ascii")
    try:
        setting.write_text("1", encoding="ascii")
    except OSError:
        pytest.skip("fs.protected_symlinks cannot be set here")
    try:
        yield
    finally:
        setting.write_text(before, encoding="ascii")


def test_another_users_symlink_in_a_sticky_folder_is_refused_like_the_shell(
    tmp_path: Path, protected_symlinks: None
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("victim\n", encoding="utf-8")
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    link = shared / "handout.html"
    link.symlink_to(victim)
    os.lchown(link, *_nobody())
    shell = subprocess.run(["sh", "-c", f"echo x > {link}"], capture_output=True)
    assert shell.returncode != 0  # the kernel refuses the shell
    result = subprocess.run([*LEGPRESS, "report", "--high", "-o", str(link)], capture_output=True)
    assert result.returncode == 1
    assert result.stderr.decode() == f"legpress: error: cannot write {link}: permission denied " + (
        "(hint: check you may write to that folder)\n"
    )
    assert victim.read_text(encoding="utf-8") == "victim\n"


@pytest.mark.skipif(not ROOT_USER, reason="needs root, to make a file another user owns")
def test_another_users_writable_file_keeps_its_owner(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs.html"
    theirs.write_text("old\n", encoding="utf-8")
    uid, gid = _nobody()
    os.chown(theirs, uid, gid)
    theirs.chmod(0o664)
    result = subprocess.run([*LEGPRESS, "report", "--high", "-o", str(theirs)], capture_output=True)
    assert result.returncode == 0, result.stderr
    info = theirs.stat()
    assert (info.st_uid, stat.S_IMODE(info.st_mode)) == (uid, 0o664)  # written into, as `>` does
    assert theirs.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_long_legal_file_name_is_written(run: Run, tmp_path: Path) -> None:
    name = "h" * 245 + ".html"  # 250 bytes: legal, though a temporary name built from it is not
    result = run("report", "--high", "-o", str(tmp_path / name))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / name).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no partial file left


def test_a_name_ending_in_a_slash_is_a_folder(run: Run, tmp_path: Path) -> None:
    result = run("report", "--high", "-o", str(tmp_path / "newdir") + "/")
    assert result.exit_code == 2
    assert "it is a folder" in result.stderr and result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_sigterm_mid_write_leaves_no_partial_file(tmp_path: Path) -> None:
    """A write stopped by SIGTERM: the partial file goes, and the previous file stays."""
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from legpress_cli import outfile\n"
        "real = os.fsync\n"
        "def stop(fd):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    return real(fd)\n"
        "os.fsync = stop\n"
        f"outfile.save(Path({str(tmp_path / 'h.html')!r}), 'new', Path({str(tmp_path / 'data')!r}))\n"
    )
    (tmp_path / "h.html").write_text("old", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert result.returncode == 128 + 15, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.html"]
    assert (tmp_path / "h.html").read_text(encoding="utf-8") == "old"


@pytest.mark.parametrize(
    ("args", "code", "answer"),
    [
        (["muscle", "vastus-medalis"], 0, "Vastus medialis\n"),  # the typo note cannot be said
        (["stance", "--high", "--low"], 2, ""),  # a usage error stays a usage error
        (["nosuch"], 2, ""),
    ],
)
def test_a_closed_stderr_changes_neither_answer_nor_exit_code(
    tmp_path: Path, args: list[str], code: int, answer: str
) -> None:
    import shlex

    script = f"{legpress_sh(tmp_path)} {shlex.join(args)} 2>&-"
    result = subprocess.run(["sh", "-c", script], capture_output=True, text=True)
    assert result.returncode == code
    assert result.stdout.startswith(answer)
