"""The result cache, through the real CLI (a subprocess, with GOFIXLEAK_CACHE_DIR pointing
at a temporary directory): hits give the same output, every input that matters is in the
key, bad entries are ignored and rewritten, concurrent runs do not corrupt it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from go_snippets import calls_opener

LEAK = b"""package m

import (
\t"fmt"
\t"time"
)

func consume(in <-chan int) {
\tfor {
\t\tselect {
\t\tcase v := <-in:
\t\t\tfmt.Println(v)
\t\tcase <-time.After(time.Second):
\t\t\treturn
\t\t}
\t}
}
"""
MESSAGE = "time.After in a select inside a loop"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "mod"
    (root / "pkg").mkdir(parents=True)
    (root / "go.mod").write_text("module m\n\ngo 1.21\n")
    (root / "pkg" / "a.go").write_bytes(LEAK)
    (root / "pkg" / "b.go").write_bytes(b"package m\n\nfunc helper() {}\n")
    return root


def gofixleak(tree: Path, cache: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, GOFIXLEAK_CACHE_DIR=str(cache))
    return subprocess.run([sys.executable, "-m", "gofixleak.cli", *args], cwd=tree, env=env, capture_output=True)


def entries(cache: Path) -> dict[Path, dict]:
    return {path: json.loads(path.read_bytes()) for path in sorted(cache.rglob("*.json")) if path.name != "tree-index.json"}


def leaky_entry(cache: Path) -> Path:
    """The one entry with findings (the leaky file's)."""
    (path,) = [p for p, e in entries(cache).items() if e["findings"]]
    return path


def test_a_rerun_reads_the_cache_and_prints_the_same(tree: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = gofixleak(tree, cache, ".")
    assert cold.returncode == 1 and MESSAGE.encode() in cold.stderr
    assert len(entries(cache)) == 2  # one per file
    warm = gofixleak(tree, cache, ".")
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)

    # Proof that the second run read the entry: a (well-formed) edited entry is believed,
    # and --no-cache goes around it.
    path = leaky_entry(cache)
    entry = json.loads(path.read_bytes())
    entry["findings"][0][6] = "from the cache"
    path.write_text(json.dumps(entry))
    assert b"from the cache" in gofixleak(tree, cache, ".").stderr
    bypass = gofixleak(tree, cache, ".", "--no-cache")
    assert (bypass.stdout, bypass.stderr) == (cold.stdout, cold.stderr)
    assert json.loads(path.read_bytes())["findings"][0][6] == "from the cache"  # --no-cache writes nothing


@pytest.mark.parametrize("damage", ["truncated", "garbage", "foreign", "bad-edit"])
def test_a_bad_entry_is_ignored_and_rewritten(tree: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    cold = gofixleak(tree, cache, ".")
    path = leaky_entry(cache)
    good = path.read_bytes()
    entry = json.loads(good)
    if damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "garbage":
        path.write_bytes(b"\x00\xff not json")
    elif damage == "foreign":  # well formed, but written for another key
        path.write_text(json.dumps({**entry, "key": "0" * 40, "findings": []}))
    else:  # an edit beyond the end of the file
        path.write_text(json.dumps({**entry, "changes": [[10**6, 10**6 + 1, ""]]}))
    again = gofixleak(tree, cache, ".")
    assert (again.returncode, again.stdout, again.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    assert path.read_bytes() == good


USES_CTX = b"""package m

import "context"

func run(parent context.Context) error {
\tctx, _ := context.WithCancel(parent)
\treturn use(ctx)
}
"""
RETURNS = b"package m\n\nimport \"context\"\n\nfunc use(ctx context.Context) error { return ctx.Err() }\n"
KEEPS = b"package m\n\nimport \"context\"\n\nvar kept context.Context\n\nfunc use(ctx context.Context) error { kept = ctx; return nil }\n"


def test_an_entry_is_stale_once_a_file_its_analysis_read_changes(tree: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (tree / "pkg" / "a.go").write_bytes(USES_CTX)
    (tree / "pkg" / "b.go").write_bytes(RETURNS)
    first = gofixleak(tree, cache, ".", "--format", "json")
    assert [f["fix"] for f in json.loads(first.stdout)["findings"]] == ["available"]
    (reads,) = [e["reads"] for e in entries(cache).values() if e["findings"]]
    assert list(reads["files"]) == [str(tree / "pkg" / "b.go")]  # recorded with its hash
    # `use` now keeps the context: the fix must be withheld, whatever the cache holds.
    (tree / "pkg" / "b.go").write_bytes(KEEPS)
    second = gofixleak(tree, cache, ".", "--format", "json")
    assert [f["fix"] for f in json.loads(second.stdout)["findings"]] == ["none"]
    # `use` moves to a new file: the directory listing the analysis read has changed.
    (tree / "pkg" / "b.go").write_bytes(RETURNS)
    assert [f["fix"] for f in json.loads(gofixleak(tree, cache, ".", "--format", "json").stdout)["findings"]] == ["available"]
    (tree / "pkg" / "b.go").write_bytes(b"package m\n")
    (tree / "pkg" / "c.go").write_bytes(KEEPS)
    third = gofixleak(tree, cache, ".", "--format", "json")
    assert [f["fix"] for f in json.loads(third.stdout)["findings"]] == ["none"]


def test_the_key_covers_the_file_go_mod_and_options(tree: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert gofixleak(tree, cache, ".").returncode == 1
    # The governing go.mod: from go 1.23 the finding is info, hidden by default.
    (tree / "go.mod").write_text("module m\n\ngo 1.24\n")
    hidden = gofixleak(tree, cache, ".")
    assert hidden.returncode == 0 and MESSAGE.encode() not in hidden.stderr
    # An option that changes results.
    shown = gofixleak(tree, cache, ".", "--min-severity", "info")
    assert shown.returncode == 1 and MESSAGE.encode() in shown.stderr
    # The file itself, through --write: the fixed text is a new key, with nothing to fix.
    assert gofixleak(tree, cache, ".", "--write", "--min-severity", "info").returncode == 0
    written = (tree / "pkg" / "a.go").read_bytes()
    assert b"time.NewTimer" in written
    assert gofixleak(tree, cache, ".", "--min-severity", "info").returncode == 0


def test_write_from_a_cached_result_equals_write_without_cache(tree: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    gofixleak(tree, cache, ".")  # fills the cache
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(tree), str(copy)], check=True)
    assert gofixleak(tree, cache, ".", "--write").returncode == 0
    assert gofixleak(copy, tmp_path / "other", ".", "--write", "--no-cache").returncode == 0
    assert (tree / "pkg" / "a.go").read_bytes() == (copy / "pkg" / "a.go").read_bytes() != LEAK


def test_concurrent_runs_leave_only_whole_entries(tree: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for n in range(30):
        (tree / "pkg" / f"f{n}.go").write_bytes(LEAK.replace(b"consume", f"consume{n}".encode()))
    env = dict(os.environ, GOFIXLEAK_CACHE_DIR=str(cache))
    runs = [subprocess.Popen([sys.executable, "-m", "gofixleak.cli", ".", "-j", "1"], cwd=tree, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outputs = [run.communicate() for run in runs]
    assert all(run.returncode == 1 for run in runs)
    assert len({out for out in outputs}) == 1
    found = entries(cache)  # every entry parses
    assert len(found) == 32
    assert not [p for p in cache.rglob("*") if p.is_file() and not p.name.endswith(".json")]


def test_cache_clean_and_dir(tree: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    gofixleak(tree, cache, ".")
    where = gofixleak(tree, cache, "cache", "dir")
    assert where.returncode == 0 and where.stdout.decode().strip() == str(cache)
    cleaned = gofixleak(tree, cache, "cache", "clean")
    assert cleaned.returncode == 0 and not cache.exists()
    assert gofixleak(tree, cache, ".").returncode == 1 and entries(cache)


def test_runs_in_one_process_each_see_the_tree_as_it_is_then(tree: Path, tmp_path: Path) -> None:
    """An editor integration or a test may run gofixleak several times in one process: what
    one run saw of the files and directory listings that entries depend on must not stand
    in for the tree of the next."""
    from codemods import RULE_IDS
    from gofixleak.discovery import discover
    from gofixleak.engine import Settings
    from gofixleak.runner import run

    cache = tmp_path / "cache"
    (tree / "pkg" / "a.go").write_bytes(USES_CTX)
    (tree / "pkg" / "b.go").write_bytes(b"package m\n")

    def fixes() -> list[str]:
        results = run(discover([str(tree)]), list(RULE_IDS), Settings(), None, 1, cache=str(cache))
        return [finding.fix.value for result in results for finding in result.findings]

    unknown_callee = fixes()
    assert fixes() == unknown_callee  # the second run loads the entry, listing the directory
    (tree / "pkg" / "c.go").write_bytes(KEEPS)  # only the listing changes: `use` keeps the context
    assert fixes() == ["none"] != unknown_callee


CALLS_OPENER = calls_opener("m")
NOT_AN_OPENER = b"package m\n\nfunc openConfig(name string) (string, error) { return name, nil }\n"
AN_OPENER = b"package m\n\nimport \"os\"\n\nfunc openConfig(name string) (*os.File, error) { return os.Open(name) }\n"


def test_an_entry_is_stale_once_a_sibling_starts_returning_a_resource(tree: Path, tmp_path: Path) -> None:
    """The rules a file gets depend on what its package's functions return (package
    openers): a.go does not change, but b.go's openConfig starts returning a file."""
    cache = tmp_path / "cache"
    (tree / "pkg" / "a.go").write_bytes(CALLS_OPENER)
    (tree / "pkg" / "b.go").write_bytes(NOT_AN_OPENER)

    def rules() -> list[str]:
        out = gofixleak(tree, cache, ".", "--format", "json")
        return [f["rule"] for f in json.loads(out.stdout)["findings"] if f["path"].endswith("a.go")]

    assert rules() == []
    assert rules() == []  # from the cache
    (tree / "pkg" / "b.go").write_bytes(AN_OPENER)
    assert rules() == ["file-not-closed"]
    assert rules() == ["file-not-closed"]  # and cached so
    (tree / "pkg" / "b.go").write_bytes(NOT_AN_OPENER)
    assert rules() == []
