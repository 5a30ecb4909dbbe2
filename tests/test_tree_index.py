"""The cache's tree index: a rerun decides a file with an empty result from its stat alone,
and reads it again as soon as it changed or was hashed too soon after a change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from codemods import RULE_IDS
from gofixleak import runner, tree_index
from gofixleak.engine import Settings

LEAK = b"package m\n\nimport \"os\"\n\nfunc f() {\n\tf, _ := os.Open(\"x\")\n\t_ = f\n}\n"
CLEAN = b"package m\n\nfunc helper() {}\n"


@pytest.fixture
def tree(tmp_path: Path) -> list[Path]:
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.21\n")
    leaky, clean = tmp_path / "a.go", tmp_path / "b.go"
    leaky.write_bytes(LEAK)
    clean.write_bytes(CLEAN)
    return [leaky, clean]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file the run reads through Path.read_bytes."""
    seen: list[str] = []
    original = Path.read_bytes

    def recording(self: Path) -> bytes:
        seen.append(self.name)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", recording)
    return seen


def scan(files: list[Path], cache: Path) -> list:
    return [(r.path, [f.message for f in r.findings]) for r in runner.run(files, RULE_IDS, Settings(), cache=str(cache))]


def test_an_unchanged_file_with_an_empty_result_is_not_read_again(tree, tmp_path, reads, monkeypatch) -> None:
    monkeypatch.setattr(tree_index, "_RACY_NS", 0)  # the files were written a moment ago
    cache = tmp_path / "cache"
    cold = scan(tree, cache)
    assert reads.count("b.go") == 1
    reads.clear()
    assert scan(tree, cache) == cold
    assert "b.go" not in reads and "a.go" in reads  # the leaky one is read for its diff
    assert any(messages for _, messages in cold)


def test_a_changed_file_is_read_and_analysed_again(tree, tmp_path, reads, monkeypatch) -> None:
    monkeypatch.setattr(tree_index, "_RACY_NS", 0)
    cache = tmp_path / "cache"
    scan(tree, cache)
    tree[1].write_bytes(LEAK.replace(b"func f()", b"func g()"))
    reads.clear()
    again = dict(scan(tree, cache))
    assert "b.go" in reads
    assert again[runner.display_path(tree[1])], "the new leak is found"


def test_a_file_hashed_right_after_a_change_is_read_again(tree, tmp_path, reads) -> None:
    # A write in the same clock tick as the hash could leave every stat field as it was.
    cache = tmp_path / "cache"
    scan(tree, cache)
    reads.clear()
    scan(tree, cache)
    assert "b.go" in reads


def test_a_damaged_index_is_ignored(tree, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(tree_index, "_RACY_NS", 0)
    cache = tmp_path / "cache"
    cold = scan(tree, cache)
    index = cache / "tree-index.json"
    index.write_bytes(index.read_bytes()[:40])
    assert scan(tree, cache) == cold
    entries = tree_index.TreeIndex(str(cache)).entries
    assert set(entries) == {os.path.abspath(p) for p in tree}, "rewritten whole"


def test_a_build_ignored_file_is_skipped_again_without_being_read(tree, tmp_path, reads, monkeypatch) -> None:
    monkeypatch.setattr(tree_index, "_RACY_NS", 0)
    cache = tmp_path / "cache"
    ignored = tmp_path / "gen.go"
    ignored.write_bytes(b"//go:build ignore\n\n" + LEAK)
    walked = frozenset(tree)  # gen.go is found by the walk, not named

    def notes() -> dict[str, tuple]:
        results = runner.run([*tree, ignored], RULE_IDS, Settings(), cache=str(cache), named=walked)
        return {r.path: (r.notes, [f.message for f in r.findings]) for r in results}

    cold = notes()
    assert cold[runner.display_path(ignored)] == ((runner._BUILD_IGNORED_NOTE,), [])
    reads.clear()
    assert notes() == cold
    assert "gen.go" not in reads
    # Named, it is analysed, whatever the index says of the walk.
    named = runner.run([ignored], RULE_IDS, Settings(), cache=str(cache), named=frozenset([ignored]))
    assert named[0].findings and "gen.go" in reads


CALLS_OPENER = b"package m\n\nfunc load(name string) {\n\tf, _ := openConfig(name)\n\t_ = f\n}\n"
NOT_AN_OPENER = b"package m\n\nfunc openConfig(name string) (string, error) { return name, nil }\n"
AN_OPENER = b"package m\n\nimport \"os\"\n\nfunc openConfig(name string) (*os.File, error) { return os.Open(name) }\n"


def test_a_caller_is_decided_by_stat_until_its_package_changes_what_it_returns(tmp_path, reads, monkeypatch) -> None:
    monkeypatch.setattr(tree_index, "_RACY_NS", 0)
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.21\n")
    caller, other = tmp_path / "a.go", tmp_path / "b.go"
    caller.write_bytes(CALLS_OPENER)
    other.write_bytes(NOT_AN_OPENER)
    cache = tmp_path / "cache"
    assert [messages for _, messages in scan([caller, other], cache)] == [[], []]
    reads.clear()
    assert [messages for _, messages in scan([caller, other], cache)] == [[], []]
    assert [r for r in reads if r.endswith(".go")] == []  # the directory is as it was: no file is read
    other.write_bytes(AN_OPENER)  # a.go is the same, but openConfig now returns a file
    reads.clear()
    found = dict(scan([caller, other], cache))
    assert "a.go" in reads
    assert found[runner.display_path(caller)] == ["file `f` opened by openConfig (which returns the file from os.Open) "
                                                  "is never closed"]


def test_a_directory_state_follows_its_links_to_their_targets(tmp_path) -> None:
    """The opener index reads a linked sibling's target: a change there must show."""
    (tmp_path / "shared").mkdir()
    (tmp_path / "p").mkdir()
    target = tmp_path / "shared" / "b.go"
    target.write_bytes(NOT_AN_OPENER)
    (tmp_path / "p" / "b.go").symlink_to(target)
    before = tree_index.directory_state(str(tmp_path / "p"))
    target.write_bytes(AN_OPENER)
    assert tree_index.directory_state(str(tmp_path / "p")) != before


def test_a_file_written_after_its_directory_was_scanned_is_not_given_its_old_entry(tree, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(tree_index, "_RACY_NS", 0)
    cache = tmp_path / "cache"
    scan(tree, cache)
    real_scan = tree_index._scan

    def scan_then_edit(directory):
        found = real_scan(directory)
        tree[0].write_bytes(b"// a line added meanwhile\n" + LEAK)
        return found

    monkeypatch.setattr(tree_index, "_scan", scan_then_edit)
    results = runner.run(tree, RULE_IDS, Settings(), cache=str(cache))
    monkeypatch.setattr(tree_index, "_scan", real_scan)
    fresh = runner.run(tree, RULE_IDS, Settings())
    assert [(r.findings, r.fixed) for r in results] == [(r.findings, r.fixed) for r in fresh]


def test_a_walk_does_not_take_the_findings_of_a_run_that_named_a_build_ignored_file(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(tree_index, "_RACY_NS", 0)
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.21\n")
    ignored = tmp_path / "gen.go"
    ignored.write_bytes(b"//go:build ignore\n\n" + LEAK)
    cache = tmp_path / "cache"
    named = runner.run([ignored], RULE_IDS, Settings(), cache=str(cache), named=frozenset([ignored]))
    assert named[0].findings
    walked = runner.run([ignored], RULE_IDS, Settings(), cache=str(cache), named=frozenset())
    assert (walked[0].findings, walked[0].notes) == ((), (runner._BUILD_IGNORED_NOTE,))


def test_the_key_takes_the_directory_s_go_mod_even_beside_a_file_named_x_go(tmp_path, monkeypatch) -> None:
    """A link named x.go to a file of another module must not lend that module's version."""
    monkeypatch.setattr(tree_index, "_RACY_NS", 0)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "go.mod").write_text("module o\n\ngo 1.21\n")
    (tmp_path / "other" / "x.go").write_text("package o\n")
    module = tmp_path / "mod"
    (module / "p").mkdir(parents=True)
    (module / "go.mod").write_text("module m\n\ngo 1.21\n")
    (module / "p" / "x.go").symlink_to(tmp_path / "other" / "x.go")
    ticker = module / "p" / "a.go"
    ticker.write_bytes(b"package p\n\nimport \"time\"\n\nfunc f() {\n\tt := time.NewTicker(time.Second)\n\t<-t.C\n}\n")
    cache = tmp_path / "cache"
    assert runner.run([ticker], RULE_IDS, Settings(), cache=str(cache))[0].findings
    (module / "go.mod").write_text("module m\n\ngo 1.23\n")  # tickers are collected: info, not shown
    assert runner.run([ticker], RULE_IDS, Settings(), cache=str(cache))[0].findings == ()
