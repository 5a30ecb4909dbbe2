"""Fix safety through the command line: unsafe fixes are shown in a dry run, applied only
with --unsafe-fixes (write, patch), labelled in JSON; SARIF fixes give the --write bytes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from sarif_apply import sarif_applied

from test_cli import scan, snapshot

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def examples(tmp_path: Path, monkeypatch) -> Path:
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root)
    monkeypatch.chdir(root)
    return root


def test_sarif_fixes_reproduce_the_written_bytes(examples: Path) -> None:
    code, out, _ = scan(".", "--format", "sarif", "--min-severity", "info")
    assert code == 1
    document = json.loads(out)
    with_fixes = [r for r in document["runs"][0]["results"] if "fixes" in r]
    assert len(with_fixes) >= 5
    assert all(r["properties"]["applicability"] == "safe" for r in with_fixes)
    from_sarif = sarif_applied(examples, document)
    before = snapshot(examples)

    code, _, _ = scan(".", "--write", "--min-severity", "info")
    written = {path: data for path, data in snapshot(examples).items() if data != before[path]}
    assert written and from_sarif == written


def test_sarif_region_lines_and_columns_agree_with_the_byte_offsets(examples: Path) -> None:
    _, out, _ = scan(".", "--format", "sarif", "--min-severity", "info")
    for result in json.loads(out)["runs"][0]["results"]:
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                data = (examples / change["artifactLocation"]["uri"]).read_bytes()
                for replacement in change["replacements"]:
                    region = replacement["deletedRegion"]
                    lines = data.split(b"\n")
                    start = sum(len(line) + 1 for line in lines[: region["startLine"] - 1])
                    prefix = lines[region["startLine"] - 1].decode()[: region["startColumn"] - 1]
                    assert start + len(prefix.encode()) == region["byteOffset"]


TICK = b"""package m

import "time"

func every(d time.Duration, f func() bool) {
	for range time.Tick(d) {
		if f() {
			return
		}
	}
}

func second(f func() bool) {
	for range time.Tick(time.Second) {
		if f() {
			return
		}
	}
}
"""


@pytest.fixture
def go121(tmp_path: Path, monkeypatch) -> Path:
    root = tmp_path / "mod"
    root.mkdir()
    (root / "go.mod").write_text("module m\n\ngo 1.21\n")
    (root / "a.go").write_bytes(TICK)
    monkeypatch.chdir(root)
    return root


def _json(*args: str) -> tuple[int, dict]:
    code, out, _ = scan(*args, "--format", "json")
    return code, json.loads(out)


def test_json_labels_each_fix_and_only_unsafe_fixes_wait_for_the_flag(go121: Path) -> None:
    code, report = _json(".", "--write")
    assert code == 1
    assert [(f["line"], f["fix"], f["applicability"]) for f in report["findings"]] == [
        (6, "available", "unsafe"), (14, "applied", "safe")]
    assert b"time.Tick(d)" in (go121 / "a.go").read_bytes()

    code, report = _json(".", "--write", "--unsafe-fixes")
    assert code == 0
    assert [(f["fix"], f["applicability"]) for f in report["findings"]] == [("applied", "unsafe")]
    assert b"time.Tick" not in (go121 / "a.go").read_bytes()


def test_patch_holds_unsafe_fixes_only_with_the_flag_and_marks_them(go121: Path, tmp_path: Path) -> None:
    from gofixleak.safety_report import UNSAFE_HUNK_NOTE

    scan(".", "--patch", str(tmp_path / "safe.patch"))
    scan(".", "--patch", str(tmp_path / "all.patch"), "--unsafe-fixes")
    safe, everything = (tmp_path / "safe.patch").read_text(), (tmp_path / "all.patch").read_text()
    assert "NewTicker(time.Second)" in safe and "NewTicker(d)" not in safe and UNSAFE_HUNK_NOTE not in safe
    safe_part, unsafe_part = everything.split("diff --git")[1:]
    assert "NewTicker(time.Second)" in safe_part and UNSAFE_HUNK_NOTE not in safe_part
    assert "NewTicker(d)" in unsafe_part and UNSAFE_HUNK_NOTE in unsafe_part
    assert (go121 / "a.go").read_bytes() == TICK

    # Both sections apply, one after the other, and give what --write --unsafe-fixes writes.
    subprocess.run(["git", "init", "-q", "."], cwd=go121, check=True)
    applied = subprocess.run(["git", "apply", str(tmp_path / "all.patch")], cwd=go121, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    patched = (go121 / "a.go").read_bytes()
    (go121 / "a.go").write_bytes(TICK)
    scan(".", "--write", "--unsafe-fixes")
    assert patched == (go121 / "a.go").read_bytes()


def test_dry_run_shows_unsafe_fixes_in_a_marked_second_diff_and_says_how_to_apply(go121: Path) -> None:
    from gofixleak.safety_report import UNSAFE_HUNK_NOTE

    code, out, err = scan(".")
    assert code == 1 and (go121 / "a.go").read_bytes() == TICK
    safe_diff, unsafe_diff = out.split("diff --git")[1:]
    assert "NewTicker(time.Second)" in safe_diff and UNSAFE_HUNK_NOTE not in safe_diff
    assert "NewTicker(d)" in unsafe_diff and f"@@ {UNSAFE_HUNK_NOTE}\n" in unsafe_diff
    assert "a.go:6:12: [time-tick]" in err and err.split("a.go:6:12:")[1].split("\n")[0].endswith("(unsafe fix)")
    assert "1 fixable" in err and "1 more with an unsafe fix (add --unsafe-fixes to apply)" in err

    _, out_flag, err_flag = scan(".", "--unsafe-fixes")
    assert out_flag == out
    assert "2 fixable (1 unsafe)" in err_flag and "--write --unsafe-fixes" in err_flag


def test_write_summary_counts_the_unsafe_fixes_left(go121: Path) -> None:
    _, _, err = scan(".", "--write")
    assert "fixed 1 of 2 findings in 1 file; 1 unsafe fix not applied (rerun with --unsafe-fixes to apply)" in err


def test_sarif_carries_fixes_for_safe_fixes_only_by_default(go121: Path) -> None:
    _, out, _ = scan(".", "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    assert [("fixes" in r, r["properties"]["applicability"]) for r in results] == [(False, "unsafe"), (True, "safe")]


def test_a_file_with_no_go_mod_is_built_in_gopath_mode(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "loose").mkdir()
    (tmp_path / "loose" / "a.go").write_bytes(TICK)
    monkeypatch.chdir(tmp_path / "loose")
    _, report = _json(".")
    assert [(f["severity"], "go 1.20" in f["message"]) for f in report["findings"]] == [("warning", True)] * 2
    _, _, err = scan(".", "--verbose", "--quiet")
    assert "GOPATH mode" in err


def test_stdin_mode_applies_unsafe_fixes_only_with_the_flag(go121: Path) -> None:
    import sys

    def run(*flags: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "gofixleak.cli", "--stdin-filename", "a.go", *flags],
                              cwd=go121, input=TICK, capture_output=True, timeout=120)

    safe, everything = run(), run("--unsafe-fixes")
    assert b"NewTicker(time.Second)" in safe.stdout and b"time.Tick(d)" in safe.stdout
    assert b"NewTicker(d)" in everything.stdout and b"time.Tick" not in everything.stdout
    assert b"(unsafe fix)" in safe.stderr and b"(fixed, unsafe fix)" in everything.stderr


@pytest.mark.parametrize(
    "config, flags, applied",
    [
        ("unsafe-fixes = true\n", [], {6, 14}),
        ('extend-safe-fixes = ["time-tick"]\n', [], {6, 14}),
        ('extend-unsafe-fixes = ["time-tick"]\n', [], set()),
        ('extend-unsafe-fixes = ["time-tick"]\n', ["--unsafe-fixes"], {6, 14}),
        ('extend-safe-fixes = ["time-tick"]\nextend-unsafe-fixes = ["time-tick"]\n', [], set()),
    ],
)
def test_configuration_grades_fixes(go121: Path, config: str, flags: list[str], applied: set[int]) -> None:
    (go121 / ".gofixleak.toml").write_text(config)
    _, report = _json(".", "--write", *flags)
    assert {f["line"] for f in report["findings"] if f["fix"] == "applied"} == applied
    levels = {f["line"]: f["applicability"] for f in report["findings"]}
    if "extend-unsafe-fixes" in config:
        assert set(levels.values()) == {"unsafe"}
    elif "extend-safe-fixes" in config:
        assert set(levels.values()) == {"safe"}
