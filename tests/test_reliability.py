"""Reliability under faults, through the real command line: Ctrl-C during a parallel write,
symbolic links, permissions, owners and hard links, outputs that cannot be written, odd file
names in patches, FIFOs, bad go.mod files, empty trees, build-ignored files, JSON counts.

Tests that need a process of their own (signals, another user, a possible hang) run
`python -m gofixleak` in a subprocess; the others use typer's CliRunner."""

from __future__ import annotations

import contextlib
import functools
import os
import pwd
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from gofixleak import writer
from test_cli import LEAK, scan, scan_json  # the leaky module and runners of the CLI tests

RULE = "time-after-in-loop"
GO_MOD = "module m\n\ngo 1.21\n"



def leak(package: str = "m", function: str = "consume") -> bytes:
    return LEAK.replace(b"package m", f"package {package}".encode()).replace(b"func consume", f"func {function}".encode())


@pytest.fixture
def module(tmp_path: Path, monkeypatch) -> Path:
    """An empty go 1.21 module, made the working directory."""
    root = tmp_path / "mod"
    root.mkdir()
    (root / "go.mod").write_text(GO_MOD)
    monkeypatch.chdir(root)
    return root


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "gofixleak", *args]


def run_tool(*args: str, cwd: Path, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(*args), cwd=cwd, capture_output=True, text=True, timeout=timeout, **kwargs)


@functools.cache
def fixed_leak() -> bytes:
    """What --write makes of LEAK (asked of the tool itself, in a scratch directory)."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "go.mod").write_text(GO_MOD)
        (root / "a.go").write_bytes(LEAK)
        result = run_tool("a.go", "--select", RULE, "--write", "-q", cwd=root)
        assert result.returncode == 0, result.stderr
        fixed = (root / "a.go").read_bytes()
    assert fixed != LEAK
    return fixed


def temporary_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".gofixleak")]


# ------------------------------------------------------------------ Ctrl-C (items 1 and 2)


def _process_group(pgid: int) -> list[int]:
    """Live processes of the group (zombies of an exited leader included are not counted)."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path("/proc", entry, "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry))
    return members


def _tree(root: Path, packages: int, files: int) -> dict[Path, bytes]:
    (root / "go.mod").write_text(GO_MOD)
    made = {}
    for p in range(packages):
        (root / f"p{p}").mkdir()
        for i in range(files):
            path = root / f"p{p}" / f"f{i}.go"
            path.write_bytes(leak(f"p{p}", f"consume{i}"))
            made[path] = path.read_bytes()
    return made


@pytest.mark.skipif(not Path("/proc/self/stat").exists() or os.name != "posix", reason="needs /proc and POSIX signals")
def test_ctrl_c_during_a_parallel_write_exits_130_and_leaves_every_file_whole(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it, or to the main
    process only) at several moments of `--write -j 2` over a 320-file tree: exit 130 within seconds, no process left, no
    temporary file, every file either its old or its new text, and the count of written
    files printed matches the files that changed."""
    template = tmp_path / "template"
    template.mkdir()
    old = _tree(template, packages=8, files=40)
    relative = sorted(p.relative_to(template) for p in old)
    new_text = {rel: fixed_for(rel) for rel in relative}
    first = relative[0]  # files are written in sorted order

    def when_workers_run(proc: subprocess.Popen, root: Path) -> None:
        while len(_process_group(proc.pid)) < 3 and proc.poll() is None:  # main + 2 workers
            time.sleep(0.002)

    def when_writing(proc: subprocess.Popen, root: Path) -> None:
        while (root / first).read_bytes() == old[template / first] and proc.poll() is None:
            time.sleep(0.001)

    def to_group(proc: subprocess.Popen) -> None:  # a terminal's Ctrl-C
        os.killpg(proc.pid, signal.SIGINT)

    def to_main(proc: subprocess.Popen) -> None:  # `timeout -s INT`, `kill -INT`
        os.kill(proc.pid, signal.SIGINT)

    moments = [
        ("analysis", when_workers_run, to_group, 1),
        ("analysis, twice", when_workers_run, to_group, 2),
        ("writing", when_writing, to_main, 1),
        ("writing, twice", when_writing, to_group, 2),
    ]
    for name, wait_for, send, presses in moments:
        root = tmp_path / name.replace(", ", "-")
        shutil.copytree(template, root)
        proc = subprocess.Popen(
            command(".", "--write", "-j", "2", "-q", "--select", RULE),
            cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
        )
        try:
            wait_for(proc, root)
            assert proc.poll() is None, f"{name}: the run ended before the moment came"
            for press in range(presses):
                send(proc)
                time.sleep(0.02)
            pressed = time.monotonic()
            _, err = proc.communicate(timeout=10)
            took = time.monotonic() - pressed
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        deadline = time.monotonic() + 3
        while _process_group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.02)

        assert proc.returncode == 130, (name, err[-2000:])
        assert took < 5, (name, took)
        assert _process_group(proc.pid) == [], name
        assert temporary_files(root) == [], name
        assert "Traceback" not in err and "Exception ignored" not in err, (name, err[-2000:])
        changed = 0
        for rel in relative:
            data = (root / rel).read_bytes()
            assert data in (old[template / rel], new_text[rel]), (name, rel)
            changed += data == new_text[rel]
        if name.startswith("writing"):
            assert 0 < changed < len(relative), (name, changed)
            written = "1 file" if changed == 1 else f"{changed} files"  # a press right after the first write
            assert f"interrupted: {written} written, {len(relative) - changed} left unchanged" in err, (name, err[-500:])
        else:
            assert changed == 0 and "interrupted; no file was written" in err, (name, err[-500:])


def fixed_for(rel: Path) -> bytes:
    """The --write result for the generated file at `rel` (p<P>/f<I>.go)."""
    base = fixed_leak()
    return base.replace(b"package m", f"package {rel.parent.name}".encode()).replace(
        b"func consume", f"func consume{rel.stem[1:]}".encode()
    )


def test_ctrl_c_while_a_file_is_written_finishes_that_file_then_stops(module: Path, monkeypatch) -> None:
    """SIGINT in the middle of writing the first file: that file is completed (no temporary
    file, no half text), the others are not started, exit 130 with what was written."""
    for name in ("a.go", "b.go", "c.go"):
        (module / name).write_bytes(leak(function=name[0]))
    real_fsync = os.fsync

    def interrupted_fsync(fd: int) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        real_fsync(fd)

    monkeypatch.setattr(writer.os, "fsync", interrupted_fsync)
    code, out, err = scan(".", "--select", RULE, "--write")
    assert code == 130, err
    assert "interrupted: 1 file written, 2 left unchanged" in err
    assert "a.go:13:10: [time-after-in-loop]" in err and "(fixed)" in err
    texts = {name: (module / name).read_bytes() for name in ("a.go", "b.go", "c.go")}
    assert texts == {
        "a.go": fixed_leak().replace(b"func consume", b"func a"),
        "b.go": leak(function="b"),
        "c.go": leak(function="c"),
    }
    assert temporary_files(module) == []


# ------------------------------------------------------------------ symbolic links (item 3)


def _linked(module: Path, tmp_path: Path) -> tuple[Path, Path]:
    outside = tmp_path / "shared"
    outside.mkdir()
    (outside / "go.mod").write_text(GO_MOD)
    target = outside / "leak.go"
    target.write_bytes(LEAK)
    (module / "pkg").mkdir()
    link = module / "pkg" / "leak.go"
    link.symlink_to(target)
    return link, target


def test_a_symlink_met_in_a_walk_is_reported_and_skipped(module: Path, tmp_path: Path) -> None:
    link, target = _linked(module, tmp_path)
    code, out, err = scan(".", "--select", RULE, "--write")
    assert code == 0
    assert "pkg/leak.go: symbolic link skipped (name it, or use --follow-symlinks)" in err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == LEAK


@pytest.mark.parametrize("how", [["pkg/leak.go"], [".", "--follow-symlinks"]])
def test_a_named_or_followed_symlink_has_its_target_fixed_and_stays_a_link(module: Path, tmp_path: Path, how: list[str]) -> None:
    link, target = _linked(module, tmp_path)
    code, out, err = scan(*how, "--select", RULE, "--write")
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == fixed_leak()


def test_a_file_and_a_link_to_it_are_one_file(module: Path) -> None:
    (module / "a.go").write_bytes(LEAK)
    (module / "b.go").symlink_to(module / "a.go")
    code, report = scan_json(".", "a.go", "b.go", "--select", RULE, "--write", "--follow-symlinks")
    assert (code, report["files_scanned"], report["errors"]) == (0, 1, [])
    assert (module / "b.go").is_symlink() and (module / "a.go").read_bytes() == fixed_leak()


# ------------------------------------------------------------------ permissions, owners, hard links (item 4)


def _nobody() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no `nobody` user to run the permission check as")


@contextlib.contextmanager
def unprivileged(user: pwd.struct_passwd | None) -> Iterator[None]:
    """Run the block with `user`'s effective ids when the tests run as root (the kernel checks
    permissions against them), as the current user otherwise. In this process, because the
    interpreter of the tests may sit where another user cannot reach it."""
    if user is None:
        yield
        return
    with tempfile.TemporaryDirectory() as empty:  # load what the command imports lazily
        scan(empty, "--format", "json")
    groups = os.getgroups()
    os.setgroups([])
    os.setegid(user.pw_gid)
    os.seteuid(user.pw_uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)
        os.setgroups(groups)


def _shared_dir(owner: pwd.struct_passwd | None) -> Path:
    """A directory another user can reach (pytest's own are private to root)."""
    made = Path(tempfile.mkdtemp(prefix="gofixleak-perm-"))
    made.chmod(0o755)
    if owner is not None:
        os.chown(made, owner.pw_uid, owner.pw_gid)
    return made


def test_a_file_the_user_cannot_write_is_an_error_and_left_alone(monkeypatch) -> None:
    monkeypatch.chdir("/")
    owner = _nobody() if os.geteuid() == 0 else None
    root = _shared_dir(owner)
    try:
        (root / "go.mod").write_text(GO_MOD)
        locked, open_ = root / "locked.go", root / "open.go"
        locked.write_bytes(LEAK)
        open_.write_bytes(LEAK)
        locked.chmod(0o444)
        for path in (root / "go.mod", locked, open_):
            if owner is not None:
                os.chown(path, owner.pw_uid, owner.pw_gid)
        os.chdir(root)
        with unprivileged(owner):
            code, _, err = scan(".", "--select", RULE, "--write")
        assert code == 2, err
        assert "locked.go: cannot write: Permission denied" in err
        assert locked.read_bytes() == LEAK and stat.S_IMODE(locked.stat().st_mode) == 0o444
        assert open_.read_bytes() == fixed_leak()  # one refused file does not stop the others
        assert temporary_files(root) == []
    finally:
        shutil.rmtree(root)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_write_keeps_the_owner_and_mode_of_a_file(module: Path) -> None:
    user = _nobody()
    target = module / "a.go"
    target.write_bytes(LEAK)
    os.chown(target, user.pw_uid, user.pw_gid)
    target.chmod(0o640)
    assert scan(".", "--select", RULE, "--write")[0] == 0
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (user.pw_uid, user.pw_gid, 0o640)
    assert target.read_bytes() == fixed_leak()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs a file owned by another user that this user may write")
def test_a_writable_file_of_another_owner_is_rewritten_in_place(monkeypatch) -> None:
    monkeypatch.chdir("/")
    """nobody may write root's group-writable file but not give a new file to root: the file
    is rewritten in place, so it stays root's."""
    user = _nobody()
    root = _shared_dir(user)
    try:
        (root / "go.mod").write_text(GO_MOD)
        target = root / "a.go"
        target.write_bytes(LEAK)
        os.chown(target, 0, user.pw_gid)
        target.chmod(0o664)
        inode = target.stat().st_ino
        os.chdir(root)
        with unprivileged(user):
            code, _, err = scan(".", "--select", RULE, "--write")
        assert code == 0, err
        info = target.stat()
        assert (info.st_uid, info.st_ino) == (0, inode)
        assert target.read_bytes() == fixed_leak()
    finally:
        shutil.rmtree(root)


def test_a_hard_linked_file_is_rewritten_in_place(module: Path, tmp_path: Path) -> None:
    target = module / "a.go"
    target.write_bytes(LEAK)
    elsewhere = tmp_path / "elsewhere.go"
    os.link(target, elsewhere)
    assert scan(".", "--select", RULE, "--write")[0] == 0
    assert target.read_bytes() == elsewhere.read_bytes() == fixed_leak()
    assert target.stat().st_ino == elsewhere.stat().st_ino and target.stat().st_nlink == 2


def test_two_hard_links_in_one_tree_are_one_file(module: Path) -> None:
    (module / "a.go").write_bytes(LEAK)
    os.link(module / "a.go", module / "b.go")
    code, report = scan_json(".", "--select", RULE, "--write")
    assert (code, report["files_scanned"], report["errors"]) == (0, 1, [])
    assert (module / "b.go").read_bytes() == fixed_leak()


# ------------------------------------------------------------------ outputs checked first (item 6)


def test_an_unwritable_patch_file_stops_before_any_source_is_touched(module: Path) -> None:
    (module / "a.go").write_bytes(LEAK)
    (module / "b.go").write_bytes(leak(function="other"))
    code, out, err = scan(".", "--select", RULE, "--write", "--patch", "/missing/dir/x.patch")
    assert code == 2
    assert (module / "a.go").read_bytes() == LEAK and (module / "b.go").read_bytes() == leak(function="other")
    assert "error: /missing/dir/x.patch: cannot write patch: No such file or directory" in err
    assert "a.go:13:10: [time-after-in-loop]" in err and "b.go:13:10: [time-after-in-loop]" in err
    assert "no source file was written (2 to fix), as an output could not be" in err
    assert "fixed 0 of 2 findings in 0 files; 2 files scanned" in err


# ------------------------------------------------------------------ patch paths (item 7)


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


def _headers(patch: bytes) -> list[bytes]:
    return [line for line in patch.splitlines() if line.startswith((b"diff --git ", b"--- ", b"+++ "))]


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("patch") is None, reason="needs git and GNU patch")
def test_odd_file_names_are_spelled_as_git_does_and_apply_with_git_and_patch(tmp_path: Path, monkeypatch) -> None:
    repo = tmp_path / "repo"
    names = ["with space.go", "with\ttab.go", "caf\u00e9.go", 'quote".go', "back\\slash.go", "sp ace\tand tab.go"]
    repo.mkdir()
    assert _git("init", "-q", cwd=repo).returncode == 0
    (repo / "go.mod").write_text(GO_MOD)
    for i, name in enumerate(names):
        (repo / name).write_bytes(leak(function=f"consume{i}"))
    _git("add", ".", cwd=repo)
    assert _git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "leaks", cwd=repo).returncode == 0
    pristine = tmp_path / "pristine"
    shutil.copytree(repo, pristine)
    monkeypatch.chdir(repo)

    code, _, err = scan(".", "--select", RULE, "--patch", str(tmp_path / "fix.patch"))
    assert code == 1, err
    ours = (tmp_path / "fix.patch").read_bytes()
    assert scan(".", "--select", RULE, "--write")[0] == 0
    written = {name: (repo / name).read_bytes() for name in names}
    # Byte for byte the header lines git itself prints for the same change.
    theirs = subprocess.run(["git", "-c", "core.quotePath=true", "diff"], cwd=repo, capture_output=True).stdout
    assert _headers(ours) == _headers(theirs)
    assert b".." not in b"".join(_headers(ours))

    for tool in (["git", "apply"], ["patch", "-p1", "--batch", "--quiet", "-i"]):
        copy = tmp_path / f"apply-{tool[0]}"
        shutil.copytree(pristine, copy)
        applied = subprocess.run([*tool, str(tmp_path / "fix.patch")], cwd=copy, capture_output=True, text=True)
        assert applied.returncode == 0, (tool, applied.stdout, applied.stderr)
        assert {name: (copy / name).read_bytes() for name in names} == written, tool


def test_a_patch_path_never_climbs_out_with_dot_dot(tmp_path: Path, monkeypatch) -> None:
    here, there = tmp_path / "a", tmp_path / "b"
    here.mkdir()
    there.mkdir()
    (there / "go.mod").write_text(GO_MOD)
    (there / "leak.go").write_bytes(LEAK)
    monkeypatch.chdir(here)
    code, _, err = scan("../b", "--select", RULE, "--write", "--patch", "fix.patch")
    assert code == 2
    assert "../b/leak.go: outside the working directory and any git work tree" in err
    assert not (here / "fix.patch").exists()
    assert (there / "leak.go").read_bytes() == LEAK  # outputs come first: nothing written

    # Inside a git work tree the same file is named from the root of the work tree.
    assert _git("init", "-q", cwd=tmp_path).returncode == 0
    code, _, err = scan("../b", "--select", RULE, "--patch", "fix.patch")
    assert code == 1, err
    assert _headers((here / "fix.patch").read_bytes())[0] == b"diff --git a/b/leak.go b/b/leak.go"


# ------------------------------------------------------------------ smaller edges (item 9)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_a_scanned_directory_is_skipped_with_a_note(module: Path) -> None:
    # The context leak makes the rule look for `keep` in the other files of the package,
    # so the FIFO beside it would block that read too.
    (module / "a.go").write_bytes(
        b'package m\n\nimport "context"\n\nfunc f() {\n\tctx, _ := context.WithCancel(context.Background())\n\tkeep(ctx)\n}\n'
    )
    os.mkfifo(module / "x.go")
    result = run_tool(".", cwd=module, timeout=30)
    assert result.returncode == 1, result.stderr
    assert "x.go: not a regular file, skipped" in result.stderr
    assert "a.go:6:12: [context-cancel-leak]" in result.stderr
    named = run_tool("x.go", cwd=module, timeout=30)
    assert named.returncode == 2 and "x.go: not a regular file" in named.stderr


def test_a_malformed_or_unreadable_go_mod_is_named_on_stderr(module: Path) -> None:
    (module / "a.go").write_bytes(LEAK)
    (module / "go.mod").write_text("module m\n\ngo 1.x\n")
    code, out, err = scan(".", "--select", RULE)
    assert f"gofixleak: warning: {module / 'go.mod'}: malformed go line 'go 1.x': assuming go 1.16" in err
    (module / "go.mod").write_bytes(b"module m\n\ngo 1.21\n// \xff\n")
    assert "not UTF-8 text" in scan(".", "--select", RULE)[2]
    (module / "go.mod").write_text(GO_MOD)
    assert "warning" not in scan(".", "--select", RULE)[2]
    # --go-version replaces go.mod, so a broken one does not matter then.
    (module / "go.mod").write_text("module m\n\ngo 1.x\n")
    assert "warning" not in scan(".", "--select", RULE, "--go-version", "1.21")[2]


def test_an_unreadable_go_mod_is_named_on_stderr(monkeypatch) -> None:
    monkeypatch.chdir("/")
    owner = _nobody() if os.geteuid() == 0 else None
    root = _shared_dir(owner)
    try:
        (root / "a.go").write_bytes(LEAK)
        (root / "go.mod").write_text(GO_MOD)
        (root / "go.mod").chmod(0)
        os.chdir(root)
        with unprivileged(owner):
            err = scan(".", "--select", RULE)[2]
        assert f"gofixleak: warning: {root / 'go.mod'}: cannot read (Permission denied): assuming go 1.27" in err
    finally:
        shutil.rmtree(root)


def test_a_path_without_go_files_is_warned_about(module: Path) -> None:
    (module / "empty").mkdir()
    (module / "docs").mkdir()
    (module / "docs" / "notes.txt").write_text("no Go here\n")
    (module / "a.go").write_bytes(LEAK)
    code, out, err = scan("empty", "docs", "a.go", "--select", RULE)
    assert code == 1
    assert "gofixleak: warning: empty: no .go files found" in err
    assert "gofixleak: warning: docs: no .go files found" in err
    assert "a.go: no .go files" not in err


@pytest.mark.parametrize("value, accepted", [("1.22", True), ("1.22.3", True), ("0.1", False), ("go1.22", False), ("1", False), ("2.0", False), ("1.22rc1", False)])
def test_go_version_accepts_1_n_and_1_n_p_only(module: Path, value: str, accepted: bool) -> None:
    (module / "a.go").write_bytes(LEAK)
    code, out, err = scan(".", "--select", RULE, "--go-version", value)
    if accepted:
        assert code == 1, err
    else:
        assert code == 2 and "not a Go version (expected 1.N or 1.N.P" in err


def test_build_ignored_files_are_skipped_in_walks_and_analysed_when_named(module: Path) -> None:
    ignored = b"//go:build ignore\n\n" + LEAK
    (module / "gen.go").write_bytes(ignored)
    (module / "a.go").write_bytes(LEAK)
    code, out, err = scan(".", "--select", RULE, "--write", "--verbose")
    assert code == 0
    assert "gen.go: skipped: marked `//go:build ignore`" in err
    assert (module / "gen.go").read_bytes() == ignored
    code, out, err = scan("gen.go", "--select", RULE, "--write")
    assert code == 0 and (module / "gen.go").read_bytes() != ignored


def test_json_counts_name_what_they_count(module: Path) -> None:
    (module / "a.go").write_bytes(LEAK)
    (module / "clean.go").write_bytes(b"package m\n")
    code, report = scan_json(".", "--select", RULE)
    assert (report["files_with_fixes"], report["files_written"], report["files_changed"]) == (1, 0, 1)
    code, report = scan_json(".", "--select", RULE, "--write")
    assert (report["files_with_fixes"], report["files_written"], report["files_changed"]) == (1, 1, 1)


# ------------------------------------------------------------------ random bytes around a fix


def _around_a_leak(doc: bytes, text: bytes, note: bytes) -> bytes:
    """LEAK with `doc` in a comment above the function, `text` in a string on a line near
    the fix, and `note` in a comment on the very line the fix rewrites."""
    return (
        b'package m\n\nimport (\n\t"fmt"\n\t"time"\n)\n\n// ' + doc + b"\nfunc consume(in <-chan int) {\n"
        b"\tfor {\n\t\tselect {\n\t\tcase v := <-in:\n\t\t\tfmt.Println(v, \"" + text + b'")\n'
        b"\t\tcase <-time.After(time.Second): // " + note + b"\n\t\t\treturn\n\t\t}\n\t}\n}\n"
    )


def _patch_equals_write(source: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch, contextlib.chdir(scratch):
        root = Path(scratch)
        (root / "go.mod").write_text(GO_MOD)
        (root / "a.go").write_bytes(source)
        (root / "copy").mkdir()
        (root / "copy" / "a.go").write_bytes(source)
        code, _, err = scan("a.go", "--select", RULE, "--patch", "fix.patch")
        assert code == 1, err
        applied = subprocess.run(["git", "apply", "../fix.patch"], cwd=root / "copy", capture_output=True)
        code, _, err = scan("a.go", "--select", RULE, "--write")
        assert code == 0, err
        written = (root / "a.go").read_bytes()
        assert written != source
        assert applied.returncode == 0, applied.stderr
        assert (root / "copy" / "a.go").read_bytes() == written


def _without(forbidden: bytes) -> st.SearchStrategy[bytes]:
    return st.binary(max_size=24).map(lambda raw: bytes(b for b in raw if b not in forbidden))


def _property(shrink: bool = True, **strategies: st.SearchStrategy[bytes]):
    """A hypothesis property with a few examples; without shrinking for a known failure."""
    phases = [Phase.explicit, Phase.generate] + ([Phase.shrink] if shrink else [])
    return lambda test: settings(
        max_examples=25, deadline=None, database=None, phases=phases, suppress_health_check=[HealthCheck.too_slow]
    )(given(**strategies)(test))


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@needs_git
@_property(doc=_without(b"\n\r\0"), text=_without(b'"\\\n\r\0'), note=_without(b"\n\r\0"))
def test_random_bytes_around_a_fix_the_patch_applies_and_equals_write(doc: bytes, text: bytes, note: bytes) -> None:
    """Any bytes (invalid UTF-8 and control bytes included; no line break, and no NUL, which
    Go source cannot hold) in comments and a string: `git apply` of the --patch output gives
    exactly the bytes --write gives."""
    assume(b"nolint" not in note and b"gofixleak:ignore" not in note)  # those silence the finding
    _patch_equals_write(_around_a_leak(doc, text, note))


@needs_git
@_property(shrink=False, before=_without(b"\n\r\0"), after=_without(b"\n\r\0"))
def test_a_lone_carriage_return_in_a_comment_the_patch_applies_and_equals_write(before: bytes, after: bytes) -> None:
    assume(b"nolint" not in before + after and b"gofixleak:ignore" not in before + after)
    _patch_equals_write(_around_a_leak(b"doc", b"text", before + b"\r" + after))
