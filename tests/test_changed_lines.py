"""Changed lines only: `--new-from-rev REV` and `--diff FILE` through the real CLI, on real
git repositories; SARIF checked against the published 2.1.0 schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from gofixleak.changed_lines import parse_diff
from sarif_apply import sarif_applied
from test_cli import LEAK

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())

OLD_LEAK = LEAK.decode()  # the same leaky module as the CLI tests

NEW_FUNCTION = """
func poll(in <-chan int) {
	for {
		select {
		case <-in:
		case <-time.After(2 * time.Second):
			return
		}
	}
}
"""

FIRST = """package m

func compute() int { return 1 }

func first(skip bool) int {
	ch := make(chan int)
	go func() {
		ch <- compute()
	}()
	_ = skip
	return <-ch
}
"""


def gofixleak(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "gofixleak.cli", *args], cwd=cwd, input=stdin, capture_output=True, timeout=120
    )


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", *args],
        cwd=cwd, check=True, capture_output=True, text=True,
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git("init", "-q", cwd=root)
    (root / "go.mod").write_text("module m\n\ngo 1.21\n")
    return root


def commit(root: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", message, cwd=root)


def sarif_results(out: bytes) -> list[tuple[str, str, int]]:
    document = json.loads(out)
    jsonschema.validate(document, SCHEMA)
    return [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
         r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in document["runs"][0]["results"]
    ]


def test_new_from_rev_reports_only_the_leak_of_the_last_commit_as_valid_sarif(repo: Path) -> None:
    commit(repo, {"a.go": OLD_LEAK, "b.go": OLD_LEAK.replace("consume", "other")}, "old leaks")
    commit(repo, {"a.go": OLD_LEAK + NEW_FUNCTION}, "new leak")

    everything = gofixleak("--format", "sarif", cwd=repo)
    assert len(sarif_results(everything.stdout)) == 3

    result = gofixleak("--new-from-rev", "HEAD~1", "--format", "sarif", cwd=repo)
    assert result.returncode == 1, result.stderr
    new_line = (OLD_LEAK + NEW_FUNCTION).splitlines().index("\t\tcase <-time.After(2 * time.Second):") + 1
    assert sarif_results(result.stdout) == [("time-after-in-loop", "a.go", new_line)]
    # Applying the SARIF fixes gives what `--write` writes for the same change.
    from_sarif = sarif_applied(repo, json.loads(result.stdout))
    assert gofixleak("--new-from-rev", "HEAD~1", "--write", cwd=repo).returncode == 0
    assert from_sarif == {"a.go": (repo / "a.go").read_bytes()}


def test_new_from_rev_writes_only_the_fix_in_scope(repo: Path) -> None:
    commit(repo, {"a.go": OLD_LEAK}, "old leak")
    commit(repo, {"a.go": OLD_LEAK + NEW_FUNCTION}, "new leak")
    assert gofixleak("--new-from-rev", "HEAD~1", "--write", cwd=repo).returncode == 0
    fixed = (repo / "a.go").read_text()
    assert "case <-time.After(time.Second):" in fixed  # the old leak is left for its own change
    assert "time.After(2 * time.Second)" not in fixed
    # Against the work tree: the fix itself is now a change, and nothing is left in it.
    assert gofixleak("--new-from-rev", "HEAD", cwd=repo).returncode == 0


def test_a_new_early_return_makes_an_old_acquisition_count(repo: Path) -> None:
    commit(repo, {"first.go": FIRST}, "goroutine with a receiver")
    assert gofixleak("first.go", cwd=repo).returncode == 0
    commit(repo, {"first.go": FIRST.replace("\t_ = skip\n", "\tif skip {\n\t\treturn 0\n\t}\n")}, "early return")

    result = gofixleak("--new-from-rev", "HEAD~1", "--format", "sarif", cwd=repo)
    assert sarif_results(result.stdout) == [("goroutine-blocked-send", "first.go", 6)]
    # A change elsewhere in the function that adds no exit does not bring it in.
    commit(repo, {"first.go": FIRST.replace("\t_ = skip\n", "\tif skip {\n\t\treturn 0\n\t}\n\t_ = 1\n")}, "noise")
    assert sarif_results(gofixleak("--new-from-rev", "HEAD~1", "--format", "sarif", cwd=repo).stdout) == []


def test_a_return_inside_a_func_literal_does_not_count(repo: Path) -> None:
    source = FIRST.replace("\t_ = skip\n", "\tf := func() int {\n\t\treturn 0\n\t}\n\t_ = f\n")
    commit(repo, {"first.go": FIRST}, "one")
    commit(repo, {"first.go": source}, "closure")
    assert sarif_results(gofixleak("--new-from-rev", "HEAD~1", "--format", "sarif", cwd=repo).stdout) == []


def test_renames_deletions_binaries_and_missing_newlines_do_not_confuse_it(repo: Path) -> None:
    commit(repo, {"a.go": OLD_LEAK, "gone.go": "package m\n\nconst Gone = 1\n", "blob.bin": "\0\1\2"}, "one")
    git("mv", "a.go", "renamed.go", cwd=repo)
    (repo / "renamed.go").write_text((OLD_LEAK + NEW_FUNCTION).rstrip("\n"))
    (repo / "gone.go").unlink()
    (repo / "blob.bin").write_bytes(b"\0\3\4\5")
    (repo / "new.go").write_text(FIRST.replace("\t_ = skip\n", "\tif skip {\n\t\treturn 0\n\t}\n"))
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "two", cwd=repo)

    text = git("diff", "HEAD~1", "--find-renames", cwd=repo)
    assert "rename from a.go" in text and "deleted file" in text and "Binary files" in text
    assert "\\ No newline at end of file" in text
    assert set(parse_diff(text, repo)) == {(repo / "renamed.go").resolve(), (repo / "new.go").resolve()}

    result = gofixleak("--new-from-rev", "HEAD~1", "--format", "sarif", cwd=repo)
    new_line = (OLD_LEAK + NEW_FUNCTION).splitlines().index("\t\tcase <-time.After(2 * time.Second):") + 1
    assert sarif_results(result.stdout) == [
        ("goroutine-blocked-send", "new.go", 6),  # a new file: every line is new
        ("time-after-in-loop", "renamed.go", new_line),  # renamed: only its edits count
    ]


def test_diff_file_and_stdin(repo: Path, tmp_path: Path) -> None:
    commit(repo, {"a.go": OLD_LEAK}, "one")
    commit(repo, {"a.go": OLD_LEAK + NEW_FUNCTION}, "two")
    diff = git("diff", "HEAD~1", "HEAD", cwd=repo)
    (tmp_path / "pr.diff").write_text(diff)
    from_file = gofixleak("--diff", str(tmp_path / "pr.diff"), "--format", "sarif", cwd=repo)
    from_stdin = gofixleak("--diff", "-", "--format", "sarif", cwd=repo, stdin=diff.encode())
    assert sarif_results(from_file.stdout) == sarif_results(from_stdin.stdout)
    assert len(sarif_results(from_file.stdout)) == 1
    # Paths of the diff are read from the work tree's root, wherever the run starts.
    (repo / "sub").mkdir()
    from_sub = gofixleak("--diff", str(tmp_path / "pr.diff"), "--format", "sarif", "..", cwd=repo / "sub")
    assert [rule for rule, _, _ in sarif_results(from_sub.stdout)] == ["time-after-in-loop"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--new-from-rev", "no-such-rev"], b"git diff no-such-rev"),
        (["--new-from-rev", "--output=x"], b"is not a revision"),
        (["--diff", "missing.diff"], b"missing.diff: cannot read"),
        (["--diff", "-", "--new-from-rev", "HEAD"], b"cannot be used together"),
    ],
)
def test_diff_errors_exit_2(repo: Path, args: list[str], message: bytes) -> None:
    commit(repo, {"a.go": OLD_LEAK}, "one")
    result = gofixleak(*args, cwd=repo)
    assert result.returncode == 2 and message in result.stderr, result.stderr


def test_new_from_rev_outside_a_work_tree_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.go").write_text(OLD_LEAK)
    result = gofixleak("--new-from-rev", "HEAD", cwd=tmp_path)
    assert result.returncode == 2 and b"needs a git work tree" in result.stderr
