"""unified_diff: hunk headers that match the files, the no-newline marker, CRLF, context,
and patches that `git apply` and `patch -p1` accept and that turn old into new exactly."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from unidiff import PatchSet

from gofixleak.patch import check_patch, unified_diff

PATH = "pkg/sub/file.go"


def lines(n: int, eol: bytes = b"\n") -> list[bytes]:
    return [f"line {i}".encode() + eol for i in range(1, n + 1)]


def parse(diff: bytes) -> PatchSet:
    return PatchSet(diff.decode("utf-8"))


def rebuild(old: bytes, diff: bytes) -> bytes:
    """Apply `diff` to `old` from unidiff's reading of it, checking every hunk header
    against the lines of `old` on the way."""
    (patched,) = parse(diff)
    assert patched.source_file == f"a/{PATH}" and patched.target_file == f"b/{PATH}"
    old_lines = old.splitlines(keepends=True)
    out: list[bytes] = []
    cursor = 0  # 0-based index into old_lines
    for hunk in patched:
        source = [l for l in hunk if l.is_context or l.is_removed]
        target = [l for l in hunk if l.is_context or l.is_added]
        assert hunk.source_length == len(source) and hunk.target_length == len(target)
        # An empty range names the line before it, so its start is one less.
        start = hunk.source_start - 1 if hunk.source_length else hunk.source_start
        assert start >= cursor
        out.extend(old_lines[cursor:start])
        expected_target_start = len(out) + (1 if hunk.target_length else 0)
        assert hunk.target_start == expected_target_start
        for offset, line in enumerate(source):
            assert old_lines[start + offset].rstrip(b"\r\n") == line.value.rstrip("\r\n").encode()
        cursor = start + len(source)
        out.extend(l.value.encode() for l in target)
    out.extend(old_lines[cursor:])
    return b"".join(out)


def git_apply(tmp: Path, old: bytes, diff: bytes) -> bytes:
    target = tmp / "git" / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(old)
    (tmp / "change.patch").write_bytes(diff)
    for args in (["--check"], []):
        result = subprocess.run(
            ["git", "apply", *args, "--whitespace=nowarn", str(tmp / "change.patch")],
            cwd=tmp / "git", capture_output=True, text=True,
        )
        assert result.returncode == 0, result.stderr
    return target.read_bytes()


def patch_apply(tmp: Path, old: bytes, diff: bytes) -> bytes | None:
    """The result of `patch -p1` (after a clean --dry-run), or None without `patch`."""
    if shutil.which("patch") is None:
        return None
    target = tmp / "patch" / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(old)
    for args in (["--dry-run"], []):
        result = subprocess.run(
            ["patch", "-p1", "--quiet", "--no-backup-if-mismatch", *args],
            input=diff, cwd=tmp / "patch", capture_output=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    return target.read_bytes()


def assert_applies(tmp: Path, old: bytes, new: bytes) -> bytes:
    diff = unified_diff(PATH, old, new)
    assert git_apply(tmp, old, diff) == new
    by_patch = patch_apply(tmp, old, diff)
    assert by_patch is None or by_patch == new
    return diff


def test_equal_input_gives_an_empty_diff() -> None:
    text = b"".join(lines(5))
    assert unified_diff(PATH, text, text) == b""
    assert unified_diff(PATH, b"", b"") == b""


def test_headers_and_one_hunk(tmp_path: Path) -> None:
    old = lines(10)
    new = old[:4] + [b"inserted a\n", b"inserted b\n"] + old[4:]
    new[8] = b"changed\n"
    diff = assert_applies(tmp_path, b"".join(old), b"".join(new))
    assert diff.startswith(f"diff --git a/{PATH} b/{PATH}\n--- a/{PATH}\n+++ b/{PATH}\n".encode())
    (patched,) = parse(diff)
    assert (patched.added, patched.removed) == (3, 1)
    (hunk,) = patched
    assert (hunk.source_start, hunk.source_length, hunk.target_start, hunk.target_length) == (2, 9, 2, 11)
    assert rebuild(b"".join(old), diff) == b"".join(new)


def test_distant_changes_make_separate_hunks_with_three_lines_of_context(tmp_path: Path) -> None:
    old = lines(40)
    new = list(old)
    new[4] = b"five\n"
    new[29] = b"thirty\n"
    del new[35]
    diff = assert_applies(tmp_path, b"".join(old), b"".join(new))
    hunks = list(parse(diff)[0])
    assert len(hunks) == 2
    first, second = hunks
    assert (first.source_start, first.source_length) == (2, 7)  # lines 2-4, 5, 6-8
    assert [l.is_context for l in first].count(True) == 6
    # Lines 30 and 36 are 5 lines apart (< 2 * 3 context): one hunk, lines 27-39.
    assert (second.source_start, second.source_length) == (27, 13)
    assert (second.target_start, second.target_length) == (27, 12)
    assert rebuild(b"".join(old), diff) == b"".join(new)


def test_changes_near_the_edges_get_shorter_context(tmp_path: Path) -> None:
    old = lines(8)
    new = [b"first\n"] + old[1:7] + [b"last\n"]
    diff = assert_applies(tmp_path, b"".join(old), b"".join(new))
    hunks = list(parse(diff)[0])
    assert [(h.source_start, h.source_length) for h in hunks] == [(1, 8)]


@pytest.mark.parametrize(
    "old_eol_at_end, new_eol_at_end",
    [(False, True), (True, False), (False, False)],
    ids=["old-lacks", "new-lacks", "both-lack"],
)
def test_no_newline_at_end_of_file_marker(tmp_path: Path, old_eol_at_end: bool, new_eol_at_end: bool) -> None:
    old = b"".join(lines(6))
    new = old.replace(b"line 6\n", b"line six\n")
    if not old_eol_at_end:
        old = old[:-1]
    if not new_eol_at_end:
        new = new[:-1]
    diff = assert_applies(tmp_path, old, new)
    marker = b"\\ No newline at end of file\n"
    assert diff.count(marker) == (not old_eol_at_end) + (not new_eol_at_end)
    assert diff.endswith(b"\n")
    if not old_eol_at_end:
        assert b"-line 6\n" + marker in diff
    if not new_eol_at_end:
        assert b"+line six\n" + marker in diff
    parse(diff)  # unidiff accepts the marker


def test_no_newline_on_an_unchanged_last_line(tmp_path: Path) -> None:
    old = b"".join(lines(6))[:-1]
    new = old.replace(b"line 4", b"line four")
    diff = assert_applies(tmp_path, old, new)
    assert diff.endswith(b" line 6\n\\ No newline at end of file\n")


def test_crlf_lines_are_kept(tmp_path: Path) -> None:
    old = b"".join(lines(8, b"\r\n"))
    new = old.replace(b"line 4\r\n", b"line 4\r\n\tadded\r\n")
    diff = assert_applies(tmp_path, old, new)
    body = diff.split(b"@@\n", 1)[1]
    assert body and all(line.endswith(b"\r") for line in body.split(b"\n")[:-1])
    assert b"+\tadded\r\n" in diff
    assert rebuild(old, diff) == new


def test_whole_file_added_and_removed(tmp_path: Path) -> None:
    text = b"".join(lines(3))
    diff = assert_applies(tmp_path, b"", text)
    assert b"@@ -0,0 +1,3 @@\n" in diff
    diff = assert_applies(tmp_path, text, b"")
    assert b"@@ -1,3 +0,0 @@\n" in diff


def test_non_utf8_bytes_survive(tmp_path: Path) -> None:
    old = b"package p\n\nvar s = \"\xff\xfe\"\n"
    new = old + b"var t = 1\n"
    diff = unified_diff(PATH, old, new)
    assert b"\xff\xfe" in diff
    assert git_apply(tmp_path, old, diff) == new


def test_several_files_concatenated_apply_together(tmp_path: Path) -> None:
    one, two = b"".join(lines(5)), b"".join(lines(7))
    diff = unified_diff("a.go", one, one.replace(b"line 2", b"two")) + unified_diff(
        "dir/b.go", two, two.replace(b"line 7", b"seven")
    )
    check_patch(diff, ["a.go", "dir/b.go"])
    (tmp_path / "dir").mkdir()
    (tmp_path / "a.go").write_bytes(one)
    (tmp_path / "dir" / "b.go").write_bytes(two)
    (tmp_path / "all.patch").write_bytes(diff)
    result = subprocess.run(["git", "apply", "all.patch"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert b"two" in (tmp_path / "a.go").read_bytes()
    assert b"seven" in (tmp_path / "dir" / "b.go").read_bytes()


def test_check_patch_rejects_wrong_paths_and_garbage() -> None:
    diff = unified_diff("a.go", b"x\n", b"y\n")
    check_patch(diff, ["a.go"])
    with pytest.raises(ValueError, match="touches"):
        check_patch(diff, ["b.go"])
    with pytest.raises(ValueError):
        check_patch(diff.replace(b"@@ -1 +1 @@", b"@@ -1,5 +1,9 @@"), ["a.go"])


# ------------------------------------------------ lines as git reads them; diffs from edits

import random  # noqa: E402
import sys  # noqa: E402

from gofixleak.alignment import Alignment  # noqa: E402
from gofixleak.engine import apply_edits  # noqa: E402
from gofixleak.model import Edit  # noqa: E402
from gofixleak.patch import replay  # noqa: E402

LEAK_WITH = b"""package p

import "os"

func f(name string) error {
\tf, err := os.Open(name)
\tif err != nil {
\t\treturn err
\t}
\t_ = f // %s
\treturn nil
}
"""


def test_a_lone_carriage_return_stays_inside_its_line(tmp_path: Path) -> None:
    old = b"package p\n\nfunc f() {\n\t_ = f // old\rnote\n\tx := 1\n}\n"
    new = old.replace(b"x := 1", b"x := 2")
    diff = assert_applies(tmp_path, old, new)
    assert b" \t_ = f // old\rnote\n" in diff and NO_NEWLINE_MARK not in diff
    assert replay(old, diff) == new


NO_NEWLINE_MARK = b"\\ No newline"


def test_replay_refuses_a_diff_that_does_not_fit() -> None:
    old = b"".join(lines(8))
    diff = unified_diff(PATH, old, old.replace(b"line 4\n", b"four\n"))
    with pytest.raises(ValueError):
        replay(old.replace(b"line 3\n", b"three\n"), diff)


def test_diffs_built_from_the_edits_of_several_passes_apply() -> None:
    rng = random.Random(7)
    for _ in range(300):
        old = b"".join(rng.choice([b"a\n", b"b\n", b"}\n", b"\tx\r\n", b"c"]) for _ in range(rng.randint(0, 40)))
        text, alignment = old, Alignment(len(old))
        for _ in range(rng.randint(1, 3)):  # passes, each with its own edits
            edits, at = [], 0
            while at <= len(text) and len(edits) < 4:
                start = rng.randint(at, min(len(text), at + 12))
                end = rng.randint(start, min(len(text), start + 4))
                new = rng.choice([b"", b"n\n", b"\tm\n", b"q", b"}\n"]) or (b"z" if start == end else b"")
                edits.append(Edit(start, end, new))
                at = end + 1
            text, applied = apply_edits(text, edits)
            alignment.apply(applied)
        changes = alignment.changes(text)
        assert apply_edits(old, changes)[0] == text
        from_edits = unified_diff(PATH, old, text, changes=changes)
        assert replay(old, from_edits) == text
        assert replay(old, unified_diff(PATH, old, text)) == text  # the trimmed-text path too


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gofixleak.cli", *args], cwd=cwd, capture_output=True)


@pytest.mark.parametrize("comment", [b"old\rnote", b"caf\xe9 \xff\xfe not UTF-8"], ids=["lone-cr", "invalid-utf8"])
def test_dry_run_and_patch_output_apply_with_git_and_patch(tmp_path: Path, comment: bytes) -> None:
    source = LEAK_WITH % comment
    module = tmp_path / "mod"
    module.mkdir()
    (module / "go.mod").write_bytes(b"module example.com/p\n\ngo 1.22\n")
    (module / "leak.go").write_bytes(source)
    dry = _cli(module, ".", "--patch", str(tmp_path / "out.patch"))
    assert dry.returncode == 1, dry.stderr
    assert dry.stdout == (tmp_path / "out.patch").read_bytes()  # bytes as they are, not re-encoded
    assert comment in dry.stdout
    wrote = _cli(module, ".", "--write")
    assert wrote.returncode == 0, wrote.stderr
    fixed = (module / "leak.go").read_bytes()
    assert fixed != source and comment in fixed
    for tool in (["git", "apply"], ["patch", "-p1", "--quiet", "--no-backup-if-mismatch"]):
        if shutil.which(tool[0]) is None:
            continue
        copy = tmp_path / tool[0]
        copy.mkdir()
        (copy / "leak.go").write_bytes(source)
        applied = subprocess.run(tool, input=dry.stdout, cwd=copy, capture_output=True)
        assert applied.returncode == 0, applied.stdout + applied.stderr
        assert (copy / "leak.go").read_bytes() == fixed
