"""What a person reads: colour and a progress bar on a terminal only, a per-rule table."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gofixleak.summary import rule_table

ROOT = Path(__file__).resolve().parent.parent
LEAK = (ROOT / "examples" / "poll.go").read_text()
NOFIX = (ROOT / "examples" / "workers.go").read_text()
ESC = "\x1b["


def run_on_terminal(args: list[str], cwd: Path, **env: str) -> tuple[int, str, str]:
    """Run with stderr on a pseudo-terminal (stdout stays a pipe); returns (code, stdout, stderr)."""
    master, slave = os.openpty()
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environment.update(env)
    process = subprocess.Popen([sys.executable, "-m", "gofixleak.cli", *args], cwd=cwd, stdout=subprocess.PIPE,
                               stderr=slave, env=environment, text=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other side closed
            break
        if not data:
            break
        chunks.append(data)
    out = process.stdout.read()
    code = process.wait(timeout=120)
    os.close(master)
    return code, out, b"".join(chunks).decode()


@pytest.fixture
def many(tmp_path: Path) -> Path:
    root = tmp_path / "mod"
    root.mkdir()
    (root / "go.mod").write_text("module m\n\ngo 1.21\n")
    for i in range(24):
        (root / f"f{i:02}.go").write_text(LEAK.replace("func Poll", f"func Poll{i}"))
    (root / "workers.go").write_text(NOFIX)
    return root


def test_terminal_gets_colour_a_progress_bar_and_the_table(many: Path) -> None:
    code, out, err = run_on_terminal(["--select", "time-after-in-loop,goroutine-blocked-receive", "--jobs", "1"], many)
    assert code == 1
    assert "[##############################] 25/25 files" in err and "\r\x1b[K" in err
    assert f"{ESC}1mf00.go:14:10:{ESC}0m" in err  # the location in bold
    assert "time-after-in-loop            24      0       24       0\r\n" in err
    assert ESC not in out  # stdout is a pipe: the diffs stay plain


def test_no_color_and_quiet(many: Path) -> None:
    _, _, err = run_on_terminal(["--jobs", "1"], many, NO_COLOR="1")
    lines = [line for line in err.replace("\r\x1b[K", "").splitlines() if ".go:" in line]
    assert lines and not any(ESC in line for line in lines)
    assert "25/25 files" in err  # the bar is no colour: NO_COLOR keeps it
    _, _, err = run_on_terminal(["--jobs", "1", "--quiet"], many)
    assert "files" not in err.replace(".go", "") and "found" not in err


def test_pipes_get_neither_colour_nor_bar(many: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "gofixleak.cli", "--jobs", "1"], cwd=many, capture_output=True, text=True)
    assert ESC not in result.stderr and "25/25" not in result.stderr
    assert "rule                       found  fixed  fixable  no fix" in result.stderr


def test_no_table_for_a_run_over_few_files(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.21\n")
    (tmp_path / "a.go").write_text(LEAK)
    result = subprocess.run([sys.executable, "-m", "gofixleak.cli"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1 and "found" not in result.stderr


def test_rule_table_counts() -> None:
    from gofixleak.model import FixStatus, Position, ReportedFinding, Severity

    def finding(rule: str, fix: FixStatus) -> ReportedFinding:
        return ReportedFinding(rule, "a.go", Position(1, 1), Position(1, 2), Severity.WARNING, "m", fix)

    table = rule_table([finding("b-rule", FixStatus.APPLIED), finding("a", FixStatus.NONE),
                        finding("b-rule", FixStatus.AVAILABLE)])
    assert table.splitlines() == [
        "rule    found  fixed  fixable  no fix",
        "b-rule      2      1        1       0",
        "a           1      0        0       1",
        "total       3      1        1       1",
    ]
