"""Editors: `--stdin-filename PATH` through the real CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

LEAK = b"""package m

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
TICK = b"""package m

import "time"

func tick() {
	for range time.Tick(time.Second) {
		return
	}
}
"""
NOFIX = LEAK.replace(b"time.After(time.Second)", b"time.After(next())") + b"\nfunc next() time.Duration { return 1 }\n"


def gofixleak(*args: str, cwd: Path, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "gofixleak.cli", *args], cwd=cwd, input=stdin, capture_output=True, timeout=120
    )


@pytest.fixture
def module(tmp_path: Path) -> Path:
    root = tmp_path / "mod"
    (root / "pkg").mkdir(parents=True)
    (root / "go.mod").write_text("module m\n\ngo 1.21\n")
    return root


def test_fixed_source_on_stdout_findings_on_stderr(module: Path) -> None:
    (module / "pkg" / "wait.go").write_bytes(b"package m\n")  # what is on disk does not matter
    result = gofixleak("--stdin-filename", "pkg/wait.go", cwd=module, stdin=LEAK)
    assert result.returncode == 0, result.stderr
    assert b"timer := time.NewTimer(time.Second)" in result.stdout and b"time.After" not in result.stdout
    assert result.stderr.startswith(b"pkg/wait.go:9:10: [time-after-in-loop]") and b"(fixed)" in result.stderr
    assert (module / "pkg" / "wait.go").read_bytes() == b"package m\n"
    # The output is a fixed point.
    again = gofixleak("--stdin-filename", "pkg/wait.go", cwd=module, stdin=result.stdout)
    assert (again.returncode, again.stdout, again.stderr) == (0, result.stdout, b"")


def test_the_go_mod_governing_the_path_decides_the_version(module: Path) -> None:
    (module / "new").mkdir()
    (module / "new" / "go.mod").write_text("module n\n\ngo 1.23\n")
    old = gofixleak("--stdin-filename", "pkg/tick.go", cwd=module, stdin=TICK)
    assert old.returncode == 0 and b"time.NewTicker" in old.stdout and b"[time-tick]" in old.stderr
    new = gofixleak("--stdin-filename", "new/tick.go", cwd=module, stdin=TICK)
    assert (new.returncode, new.stdout, new.stderr) == (0, TICK, b"")


def test_unfixable_finding_exits_1_and_a_syntax_error_exits_2_echoing_the_input(module: Path) -> None:
    result = gofixleak("--stdin-filename", "a.go", cwd=module, stdin=NOFIX)
    assert result.returncode == 1 and result.stdout == NOFIX and b"no fix:" in result.stderr
    broken = b"package m\n\nfunc f() {\n\t<-time.After(\n"
    result = gofixleak("--stdin-filename", "a.go", cwd=module, stdin=broken)
    assert result.returncode == 2 and result.stdout == broken and b"syntax error" in result.stderr


def test_configuration_applies_to_the_path(module: Path) -> None:
    (module / ".gofixleak.toml").write_text('exclude = ["gen/"]\n[per-path-ignores]\n"pkg/*" = ["time-after-in-loop"]\n')
    for path in ("gen/x.go", "pkg/wait.go"):
        result = gofixleak("--stdin-filename", path, cwd=module, stdin=LEAK)
        assert (result.returncode, result.stdout, result.stderr) == (0, LEAK, b"")
    assert b"time.NewTimer" in gofixleak("--stdin-filename", "other.go", cwd=module, stdin=LEAK).stdout


@pytest.mark.parametrize("extra", [["--write"], ["x.go"], ["--patch", "p.diff"], ["--diff", "-"], ["--new-from-rev", "HEAD"]])
def test_stdin_mode_refuses_other_outputs(module: Path, extra: list[str]) -> None:
    result = gofixleak("--stdin-filename", "a.go", *extra, cwd=module, stdin=LEAK)
    assert result.returncode == 2 and b"--stdin-filename reads one file" in result.stderr
    assert result.stdout == b""
