""".gofixleak.toml, `gofixleak config`, .gitignore and --exclude, through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gofixleak import pathfilter
from gofixleak.config import line_of

LEAK = """package m

import "time"

func wait(in <-chan int) {
	for {
		select {
		case <-in:
		case <-time.After(time.Second):
			return
		}
	}
}
"""
# Reported only below go 1.23 as a warning; info from go 1.23 on.
TICK = """package m

import "time"

func tick() {
	for range time.Tick(time.Second) {
		return
	}
}
"""


def gofixleak(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gofixleak.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
        input=stdin.decode() if stdin is not None else None,
    )


def findings(*args: str, cwd: Path) -> list[tuple[str, str]]:
    result = gofixleak(*args, "--format", "json", cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return [(f["path"], f["rule"]) for f in json.loads(result.stdout)["findings"]]


@pytest.fixture
def module(tmp_path: Path) -> Path:
    root = tmp_path / "mod"
    (root / "internal" / "legacy").mkdir(parents=True)
    (root / "go.mod").write_text("module m\n\ngo 1.21\n")
    (root / "a.go").write_text(LEAK)
    (root / "tick.go").write_text(TICK)
    (root / "internal" / "legacy" / "old.go").write_text(LEAK)
    return root


ALL = [("a.go", "time-after-in-loop"), ("internal/legacy/old.go", "time-after-in-loop"), ("tick.go", "time-tick")]


def test_the_nearest_config_file_applies_and_flags_win(module: Path) -> None:
    assert findings(cwd=module) == ALL
    (module / ".gofixleak.toml").write_text('select = ["time-tick"]\n')
    assert findings(cwd=module) == [("tick.go", "time-tick")]
    # Found upward from the first path, here from a subdirectory.
    assert findings(cwd=module / "internal") == []
    assert findings("--select", "time-after-in-loop", cwd=module) == ALL[:2]


def test_per_path_ignores_and_exclude(module: Path) -> None:
    (module / ".gofixleak.toml").write_text(
        '[per-path-ignores]\n"internal/legacy/**" = ["time-after-in-loop"]\n'
    )
    assert findings(cwd=module) == [ALL[0], ALL[2]]
    (module / ".gofixleak.toml").write_text('exclude = ["tick.go"]\n')
    assert findings(cwd=module) == ALL[:2]
    # Also a file named on the command line (as pre-commit passes them).
    assert findings("tick.go", "a.go", cwd=module) == [ALL[0]]
    # --exclude replaces the file's list; its patterns are relative to the working directory.
    assert findings("--exclude", "legacy/", cwd=module) == [ALL[0], ALL[2]]


def test_values_from_the_file_reach_the_run(module: Path) -> None:
    (module / ".gofixleak.toml").write_text('go-version = "1.23"\nmin-severity = "info"\nselect = ["time-tick"]\n')
    assert findings(cwd=module) == []  # time.Tick is no leak from go 1.23
    (module / ".gofixleak.toml").write_text('after-style = "deadline"\nselect = ["time-after-in-loop"]\n')
    fixed = gofixleak("a.go", "--write", cwd=module)
    assert fixed.returncode == 0, fixed.stderr
    assert "timer.Reset" not in (module / "a.go").read_text()  # one deadline timer, no reset


@pytest.mark.parametrize(
    "text, line, message",
    [
        ('select = ["time-tick"]\n\nslect = ["x"]\n', 3, "unknown key 'slect'"),
        ('min-severity = "loud"\n', 1, "min-severity: unknown severity 'loud'"),
        ('# comment\nafter-style = "fast"\n', 2, 'after-style: must be "idle" or "deadline"'),
        ('go-version = 1.22\n', 1, 'go-version: must be a string, e.g. "1.22"'),
        ('go-version = "1.x"\n', 1, "not a Go version"),
        ('unsafe-fixes = "yes"\n', 1, "unsafe-fixes: must be true or false"),
        ('extend-safe-fixes = ["nope"]\n', 1, "unknown rule 'nope'"),
        ('ignore = "time-tick"\n', 1, "ignore: must be a list of rule ids"),
        ('exclude = [1]\n', 1, "exclude: must be a list of gitignore-style patterns"),
        ('select = []\n\n[per-path-ignores]\n"gen/**" = ["nope"]\n', 4, "per-path-ignores 'gen/**': unknown rule 'nope'"),
        ('select = []\n[extra]\nx = 1\n', 2, "unknown key 'extra'"),
        ('select = [\n', None, "not valid TOML"),
    ],
)
def test_config_errors_name_file_line_and_key(module: Path, text: str, line: int | None, message: str) -> None:
    config = module / ".gofixleak.toml"
    config.write_text(text)
    before = (module / "a.go").read_text()
    # Every command reading the configuration stops on it; one case checks them all.
    for args in ([], ["config"], ["--write"]) if line == 3 else ([],):
        result = gofixleak(*args, cwd=module)
        assert result.returncode == 2
        assert message in result.stderr
        where = f"{config.resolve()}:{line}: " if line else f"{config.resolve()}: "
        assert result.stderr.startswith(f"gofixleak: {where}"), result.stderr
    assert (module / "a.go").read_text() == before


def test_explicit_config_file(module: Path, tmp_path: Path) -> None:
    (tmp_path / "ci.toml").write_text('select = ["time-tick"]\n')
    assert findings("--config", str(tmp_path / "ci.toml"), cwd=module) == [ALL[2]]
    result = gofixleak("--config", "missing.toml", cwd=module)
    assert result.returncode == 2 and "missing.toml: no such configuration file" in result.stderr


def test_config_command_says_where_each_value_came_from(module: Path) -> None:
    (module / ".gofixleak.toml").write_text(
        '# team settings\nselect = ["time-tick", "time-after-in-loop"]\nunsafe-fixes = true\n\n'
        '[per-path-ignores]\n"internal/legacy/**" = ["defer-in-loop"]\n'
    )
    result = gofixleak("config", "--ignore", "time-tick", cwd=module)
    assert result.returncode == 0, result.stderr
    config = (module / ".gofixleak.toml").resolve()
    rows = {line.split("#")[0].strip(): line.rsplit("# ", 1)[1] for line in result.stdout.splitlines() if " = " in line}
    assert rows['select = ["time-tick", "time-after-in-loop"]'] == f"{config}:2"
    assert rows['ignore = ["time-tick"]'] == "--ignore"
    assert rows["unsafe-fixes = true"] == f"{config}:3"
    assert rows['min-severity = "warning"'] == "default"
    assert rows['"internal/legacy/**" = ["defer-in-loop"]'] == f"{config}:6"
    assert result.stdout.startswith(f"# configuration file: {config}\n")


def test_line_of_finds_keys_in_their_table() -> None:
    text = 'a = 1\n[per-path-ignores]\n"a" = []\n\'b\' = []\n[other]\na = 2\n'
    assert line_of(text, None, "a") == 1
    assert line_of(text, "per-path-ignores", "a") == 3
    assert line_of(text, "per-path-ignores", "b") == 4
    assert line_of(text, "other", "a") == 6
    assert line_of(text, None, "other") == 5
    assert line_of('x = 1\nper-path-ignores."gen/**" = ["nope"]\n', "per-path-ignores", "gen/**") == 2


# ------------------------------------------------------------------ .gitignore


def git_repo(root: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)


def test_gitignore_is_honoured_inside_a_work_tree(module: Path) -> None:
    git_repo(module)
    (module / ".gitignore").write_text("internal/\n")
    (module / "gen").mkdir()
    (module / "gen" / ".gitignore").write_text("*.go\n!keep.go\n")
    (module / "gen" / "drop.go").write_text(LEAK)
    (module / "gen" / "keep.go").write_text(LEAK)
    expected = [ALL[0], ("gen/keep.go", "time-after-in-loop"), ALL[2]]
    assert findings(cwd=module) == expected
    # Named on the command line, an ignored file or directory is still scanned.
    assert findings("internal/legacy/old.go", cwd=module) == [ALL[1]]
    assert findings("internal", cwd=module) == [ALL[1]]
    assert findings("gen", cwd=module) == [("gen/keep.go", "time-after-in-loop")]
    # Outside a work tree, .gitignore means nothing.
    subprocess.run(["rm", "-rf", str(module / ".git")], check=True)
    assert len(findings(cwd=module)) == 5


def test_gitignore_without_git_reads_the_files(module: Path, monkeypatch) -> None:
    (module / ".git" / "info").mkdir(parents=True)
    (module / ".git" / "info" / "exclude").write_text("tick.go\n")
    (module / ".gitignore").write_text("internal/\n")
    (module / "gen").mkdir()
    (module / "gen" / ".gitignore").write_text("*.go\n!keep.go\n")
    monkeypatch.setattr(pathfilter, "_listing", lambda top: None)
    ignore = pathfilter.GitIgnore()
    assert ignore.ignored(module / "internal", is_dir=True)
    assert ignore.ignored(module / "internal" / "legacy" / "old.go")
    assert ignore.ignored(module / "tick.go")
    assert ignore.ignored(module / "gen" / "drop.go")
    assert not ignore.ignored(module / "gen" / "keep.go")
    assert not ignore.ignored(module / "a.go")
