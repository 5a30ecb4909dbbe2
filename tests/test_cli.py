"""The command line through typer's CliRunner: exit codes, what is written and when,
the report formats, options, discovery and paths.

Scans name `--select time-after-in-loop` where the exact findings matter, so that other
rules' fixtures cannot change these expectations."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import gotool
import pytest
from typer.testing import CliRunner

from codemods import REGISTRY
from gofixleak import cli, writer
from gofixleak.writer import StaleFileError, write_atomic

RULE = "time-after-in-loop"

LEAK = b"""package m

import (
	"fmt"
	"time"
)

func consume(in <-chan int) {
	for {
		select {
		case v := <-in:
			fmt.Println(v)
		case <-time.After(time.Second):
			return
		}
	}
}
"""
LEAK_LINE, LEAK_COLUMN = 13, 10

NOFIX = b"""package m

import "time"

func next() time.Duration { return time.Second }

func poll(in <-chan int) {
	for {
		select {
		case <-in:
		case <-time.After(next()):
			return
		}
	}
}
"""

CLEAN = b"""package m

import "time"

func once(in <-chan int) {
	select {
	case <-in:
	case <-time.After(time.Second):
	}
}
"""

SYNTAX_ERROR = b"""package m

import "time"

func broken(in <-chan int) {
	for {
		<-time.After(time.Second
	}
}
"""

FINDING_KEYS = {"rule", "path", "line", "column", "end_line", "end_column", "severity", "message", "fix"}


@pytest.fixture
def module(tmp_path: Path, monkeypatch) -> Path:
    """An empty go 1.21 module, made the working directory."""
    root = tmp_path / "mod"
    root.mkdir()
    (root / "go.mod").write_text("module m\n\ngo 1.21\n")
    monkeypatch.chdir(root)
    return root


def scan(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.scan_app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def scan_json(*args: str) -> tuple[int, dict]:
    code, out, err = scan(*args, "--format", "json")
    return code, json.loads(out)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------ exit codes


def test_clean_file_exits_0_with_no_output(module: Path) -> None:
    (module / "a.go").write_bytes(CLEAN)
    code, out, err = scan(".")
    assert code == 0 and out == ""
    assert "0 findings" in err
    code, report = scan_json(".")
    assert code == 0 and report["findings"] == [] and report["files_scanned"] == 1


def test_clean_file_with_every_rule_exits_0(module: Path) -> None:
    (module / "a.go").write_bytes(b"package m\n\nfunc Add(a, b int) int { return a + b }\n")
    code, report = scan_json(".")
    assert (code, report["findings"], report["errors"]) == (0, [], [])


@pytest.mark.parametrize("mode", [[], ["--dry-run"]])
def test_findings_exit_1_and_a_dry_run_writes_nothing(module: Path, mode: list[str]) -> None:
    (module / "a.go").write_bytes(LEAK)
    before = snapshot(module)
    code, out, err = scan(".", "--select", RULE, *mode)
    assert code == 1
    assert out.startswith("diff --git a/a.go b/a.go\n")
    assert "+\ttimer := time.NewTimer(time.Second)\n" in out
    assert f"a.go:{LEAK_LINE}:{LEAK_COLUMN}: [{RULE}]" in err
    assert "1 fixable" in err
    assert snapshot(module) == before


def test_write_fixes_everything_exits_0_and_a_second_write_is_a_no_op(module: Path) -> None:
    (module / "a.go").write_bytes(LEAK)
    code, report = scan_json(".", "--select", RULE, "--write")
    assert code == 0
    assert [f["fix"] for f in report["findings"]] == ["applied"]
    assert report["files_changed"] == 1
    fixed = (module / "a.go").read_bytes()
    assert b"time.After" not in fixed and b"timer := time.NewTimer(time.Second)" in fixed

    code, report = scan_json(".", "--select", RULE, "--write")
    assert (code, report["findings"], report["files_changed"]) == (0, [], 0)
    assert (module / "a.go").read_bytes() == fixed


def test_write_output_is_gofmt_clean(module: Path) -> None:
    gotool.require_go()
    (module / "a.go").write_bytes(LEAK)
    (module / "b.go").write_bytes(LEAK.replace(b"consume", b"consume2").replace(b"time.Second", b"2 * time.Second"))
    assert gotool.gofmt_unformatted([module / "a.go", module / "b.go"]) == []
    assert scan(".", "--select", RULE, "--write")[0] == 0
    assert gotool.gofmt_unformatted([module / "a.go", module / "b.go"]) == []


def test_write_exits_1_when_a_finding_has_no_fix(module: Path) -> None:
    (module / "a.go").write_bytes(NOFIX)
    code, report = scan_json(".", "--select", RULE, "--write")
    assert code == 1
    (finding,) = report["findings"]
    assert finding["fix"] == "none"
    assert "next()" in finding["no_fix_reason"]
    assert (module / "a.go").read_bytes() == NOFIX


@pytest.mark.parametrize(
    "args, message",
    [
        (["--select", "no-such-rule", "."], "unknown rule 'no-such-rule'"),
        (["--ignore", f"{RULE},nope", "."], "unknown rule 'nope'"),
        (["--go-version", "1.x", "."], "not a Go version"),
        (["--go-version", "go 1.21", "."], "not a Go version"),
        (["--min-severity", "loud", "."], "unknown severity"),
        (["--dry-run", "--write", "."], "cannot be used together"),
        (["missing.go"], "missing.go: no such file or directory"),
        (["missing-dir"], "no such file or directory"),
        (["go.mod"], "not a .go file"),
        (["--no-such-option"], "No such option"),
    ],
)
def test_usage_errors_exit_2(module: Path, args: list[str], message: str) -> None:
    (module / "a.go").write_bytes(LEAK)
    before = snapshot(module)
    code, out, err = scan(*args)
    assert code == 2
    assert message in err
    assert snapshot(module) == before


def test_syntax_error_exits_2_and_the_file_is_not_modified(module: Path) -> None:
    (module / "bad.go").write_bytes(SYNTAX_ERROR)
    (module / "good.go").write_bytes(LEAK)
    code, report = scan_json(".", "--select", RULE, "--write")
    assert code == 2
    assert (module / "bad.go").read_bytes() == SYNTAX_ERROR
    (error,) = report["errors"]
    assert error["path"] == "bad.go"
    assert "syntax error at line 7" in error["message"]
    # The other file is still fixed.
    assert b"time.NewTimer" in (module / "good.go").read_bytes()
    assert [(f["path"], f["fix"]) for f in report["findings"]] == [("good.go", "applied")]


# ------------------------------------------------------------------ patches


def test_patch_file_applies_with_git_and_equals_write(module: Path, tmp_path: Path) -> None:
    (module / "pkg").mkdir()
    (module / "a.go").write_bytes(LEAK)
    (module / "pkg" / "b.go").write_bytes(LEAK.replace(b"time.Second", b"time.Minute"))
    (module / "c.go").write_bytes(CLEAN)
    pristine = snapshot(module)

    patch = tmp_path / "fix.patch"
    code, _, _ = scan(".", "--select", RULE, "--patch", str(patch))
    assert code == 1
    assert snapshot(module) == pristine  # --patch alone writes only the patch
    diff = patch.read_bytes()
    assert diff.count(b"diff --git ") == 2
    assert b"a/a.go" in diff and b"a/pkg/b.go" in diff and b"c.go" not in diff

    assert scan(".", "--select", RULE, "--write")[0] == 0
    written = snapshot(module)

    copy = tmp_path / "copy"
    for rel, data in pristine.items():
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        (copy / rel).write_bytes(data)
    result = subprocess.run(["git", "apply", "--check", str(patch)], cwd=copy, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    subprocess.run(["git", "apply", str(patch)], cwd=copy, check=True)
    assert snapshot(copy) == written


def test_patch_of_a_clean_tree_is_empty(module: Path, tmp_path: Path) -> None:
    (module / "a.go").write_bytes(CLEAN)
    assert scan(".", "--patch", str(tmp_path / "p.patch"))[0] == 0
    assert (tmp_path / "p.patch").read_bytes() == b""


# ------------------------------------------------------------------ formats


def test_json_shape(module: Path) -> None:
    (module / "pkg").mkdir()
    (module / "a.go").write_bytes(LEAK)
    (module / "pkg" / "nofix.go").write_bytes(NOFIX)
    (module / "pkg" / "bad.go").write_bytes(SYNTAX_ERROR)
    code, report = scan_json(".", "--select", RULE)
    assert code == 2
    assert set(report) == {
        "version", "findings", "files_scanned", "files_changed", "files_with_fixes", "files_written", "errors"
    }
    assert report["version"] == 1
    assert (report["files_scanned"], report["files_changed"]) == (3, 1)
    assert (report["files_with_fixes"], report["files_written"]) == (1, 0)
    fixable, nofix = report["findings"]
    assert fixable == {
        "rule": RULE,
        "path": "a.go",
        "line": LEAK_LINE,
        "column": LEAK_COLUMN,
        "end_line": LEAK_LINE,
        "end_column": LEAK_COLUMN + len("time.After(time.Second)"),
        "severity": "warning",
        "message": fixable["message"],
        "fix": "available",
        "applicability": "safe",
    }
    assert fixable["message"].startswith("time.After in a select inside a loop")
    assert set(nofix) == FINDING_KEYS | {"no_fix_reason"}
    assert (nofix["path"], nofix["fix"], nofix["line"]) == ("pkg/nofix.go", "none", 11)
    (error,) = report["errors"]
    assert set(error) == {"path", "message"} and error["path"] == "pkg/bad.go"


def test_sarif(module: Path) -> None:
    source = LEAK.replace(b"case <-time.After", "case vé := <-time.After".encode()).replace(
        b"\t\t\treturn\n", "\t\t\t_ = vé\n\t\t\treturn\n".encode()
    )
    (module / "a.go").write_bytes(source)
    code, out, _ = scan(".", "--select", RULE, "--format", "sarif")
    assert code == 1
    document = json.loads(out)
    assert document["version"] == "2.1.0"
    assert "sarif" in document["$schema"]
    (run,) = document["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "gofixleak"
    assert [rule["id"] for rule in driver["rules"]] == [RULE]
    assert driver["rules"][0]["shortDescription"]["text"]
    assert run["columnKind"] == "unicodeCodePoints"
    (result,) = run["results"]
    assert (result["ruleId"], result["level"], result["ruleIndex"]) == (RULE, "warning", 0)
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "a.go"
    region = location["region"]
    line = source.split(b"\n")[LEAK_LINE - 1]
    byte_column = line.index(b"time.After") + 1
    assert region["startLine"] == region["endLine"] == LEAK_LINE
    assert region["startColumn"] == byte_column - 1  # "é" is two bytes, one code point
    assert region["endColumn"] == region["startColumn"] + len("time.After(time.Second)")


def test_sarif_level_note_for_info(module: Path) -> None:
    (module / "go.mod").write_text("module m\n\ngo 1.24\n")
    (module / "a.go").write_bytes(LEAK)
    code, out, _ = scan(".", "--select", RULE, "--format", "sarif", "--min-severity", "info")
    assert code == 1
    assert [r["level"] for r in json.loads(out)["runs"][0]["results"]] == ["note"]


# ------------------------------------------------------------------ options


def test_select_and_ignore(module: Path) -> None:
    (module / "a.go").write_bytes(LEAK)
    assert [f["rule"] for f in scan_json(".", "--select", RULE)[1]["findings"]] == [RULE]
    assert [f["rule"] for f in scan_json(".", "--select", f" {RULE} ,")[1]["findings"]] == [RULE]
    code, report = scan_json(".", "--ignore", RULE)
    assert RULE not in {f["rule"] for f in report["findings"]}
    code, report = scan_json(".", "--select", RULE, "--ignore", RULE)
    assert (code, report["findings"]) == (0, [])


def test_min_severity_info_shows_what_the_default_hides(module: Path) -> None:
    (module / "go.mod").write_text("module m\n\ngo 1.24\n")
    (module / "a.go").write_bytes(LEAK)
    code, report = scan_json(".", "--select", RULE)
    assert (code, report["findings"]) == (0, [])
    code, report = scan_json(".", "--select", RULE, "--min-severity", "info")
    assert code == 1
    assert [(f["severity"], f["fix"]) for f in report["findings"]] == [("info", "available")]
    assert "go 1.24" in report["findings"][0]["message"]
    code, report = scan_json(".", "--select", RULE, "--min-severity", "error")
    assert (code, report["findings"]) == (0, [])


def test_go_version_overrides_go_mod(module: Path) -> None:
    (module / "a.go").write_bytes(LEAK)
    code, report = scan_json(".", "--select", RULE, "--go-version", "1.24")
    assert (code, report["findings"]) == (0, [])  # go.mod says 1.21, the flag wins
    (module / "go.mod").write_text("module m\n\ngo 1.24\n")
    code, report = scan_json(".", "--select", RULE, "--go-version", "1.22.5")
    assert code == 1
    assert [f["severity"] for f in report["findings"]] == ["warning"]


def test_after_style_deadline_drops_the_reset(module: Path) -> None:
    (module / "idle.go").write_bytes(LEAK)
    (module / "deadline.go").write_bytes(LEAK.replace(b"consume", b"consume2"))
    assert scan("idle.go", "--select", RULE, "--write")[0] == 0
    assert scan("deadline.go", "--select", RULE, "--write", "--after-style", "deadline")[0] == 0
    idle, deadline = (module / "idle.go").read_bytes(), (module / "deadline.go").read_bytes()
    assert b"timer.Reset(time.Second)" in idle
    assert b"timer := time.NewTimer(time.Second)" in deadline and b"Reset" not in deadline
    assert b"case <-timer.C:" in deadline
    code, _, err = scan(".", "--after-style", "sometimes")
    assert code == 2


def test_write_keeps_file_mode_and_crlf(module: Path) -> None:
    crlf = LEAK.replace(b"\n", b"\r\n")
    target = module / "a.go"
    target.write_bytes(crlf)
    target.chmod(0o640)
    assert scan("a.go", "--select", RULE, "--write")[0] == 0
    fixed = target.read_bytes()
    assert b"time.NewTimer" in fixed
    assert fixed.count(b"\n") == fixed.count(b"\r\n") > crlf.count(b"\r\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in module.iterdir() if p.name.endswith(".gofixleak")] == []


# ------------------------------------------------------------------ concurrent changes


def test_a_file_changed_between_read_and_write_is_not_overwritten(module: Path, monkeypatch) -> None:
    target = module / "a.go"
    target.write_bytes(LEAK)
    theirs = LEAK + b"\n// edited by someone else\n"
    real_run = cli.run

    def results_then_edit(*args, **kwargs):
        results = real_run(*args, **kwargs)
        target.write_bytes(theirs)  # after the read, before the write
        return results

    monkeypatch.setattr(cli, "run", results_then_edit)
    # Named by an absolute path: the error and the finding must still agree on the file.
    code, report = scan_json(str(target), "--select", RULE, "--write")
    assert code == 2
    assert target.read_bytes() == theirs
    (error,) = report["errors"]
    assert error["path"] == "a.go" and "changed since it was read" in error["message"]
    assert [f["fix"] for f in report["findings"]] == ["available"]
    assert report["files_changed"] == 0


def test_write_atomic_refuses_a_stale_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "a.go"
    target.write_bytes(b"theirs\n")
    with pytest.raises(StaleFileError):
        write_atomic(target, b"ours\n", b"fixed\n")
    assert target.read_bytes() == b"theirs\n"

    # A change that lands while the new text is being written is caught by the last look.
    target.write_bytes(b"ours\n")
    real_fdopen = os.fdopen

    def fdopen_then_edit(fd, *args, **kwargs):
        target.write_bytes(b"theirs, later\n")
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(writer.os, "fdopen", fdopen_then_edit)
    with pytest.raises(StaleFileError):
        write_atomic(target, b"ours\n", b"fixed\n")
    assert target.read_bytes() == b"theirs, later\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.go"]  # no temp file left


# ------------------------------------------------------------------ discovery and paths


def test_discovery_skips_vendor_testdata_hidden_underscore_and_generated(module: Path) -> None:
    files = {
        "a.go": LEAK,
        "pkg/inner/b.go": LEAK,
        "vendor/v/v.go": LEAK,
        "pkg/testdata/t.go": LEAK,
        ".hidden/h.go": LEAK,
        "_build/u.go": LEAK,
        "pkg/_skip.go": LEAK,
        "pkg/.skip.go": LEAK,
        "gen.go": b"// Code generated by mockgen. DO NOT EDIT.\n\n" + LEAK,
        "notes.txt": LEAK,
    }
    for rel, data in files.items():
        (module / rel).parent.mkdir(parents=True, exist_ok=True)
        (module / rel).write_bytes(data)
    code, report = scan_json(".", "--select", RULE)
    assert code == 1
    assert [f["path"] for f in report["findings"]] == ["a.go", "pkg/inner/b.go"]
    assert report["files_scanned"] == 3  # a.go, pkg/inner/b.go and the generated gen.go
    # A file named explicitly is always scanned.
    code, report = scan_json("pkg/testdata/t.go", "--select", RULE)
    assert [f["path"] for f in report["findings"]] == ["pkg/testdata/t.go"]


def test_paths_are_relative_to_the_working_directory_and_posix(module: Path, monkeypatch) -> None:
    (module / "pkg" / "sub").mkdir(parents=True)
    (module / "pkg" / "sub" / "a.go").write_bytes(LEAK)
    monkeypatch.chdir(module.parent)
    for arg in ("mod", str(module), "mod/pkg/../pkg/sub/a.go", str(module / "pkg" / "sub" / "a.go")):
        code, report = scan_json(arg, "--select", RULE)
        assert [f["path"] for f in report["findings"]] == ["mod/pkg/sub/a.go"], arg
    monkeypatch.chdir(module / "pkg" / "sub")
    code, out, err = scan(str(module), "--select", RULE)
    assert "diff --git a/a.go b/a.go" in out
    assert err.startswith(f"a.go:{LEAK_LINE}:{LEAK_COLUMN}:")


def test_the_same_file_named_twice_is_scanned_once(module: Path) -> None:
    (module / "a.go").write_bytes(LEAK)
    code, report = scan_json("a.go", ".", str(module / "a.go"), "--select", RULE)
    assert report["files_scanned"] == 1 and len(report["findings"]) == 1


# ------------------------------------------------------------------ rules, explain, main


def test_rules_lists_every_registry_rule() -> None:
    result = CliRunner().invoke(cli.info_app, ["rules"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()]
    assert listed == [codemod.ID for codemod in REGISTRY]
    for codemod in REGISTRY:
        assert codemod.SUMMARY in result.stdout


def test_explain_prints_the_doc() -> None:
    result = CliRunner().invoke(cli.info_app, ["explain", RULE])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{RULE}: ")
    assert "## What it does" in result.stdout and "## Fix" in result.stdout


def test_explain_an_unknown_rule_exits_2() -> None:
    result = CliRunner().invoke(cli.info_app, ["explain", "no-such-rule"])
    assert result.exit_code == 2
    assert "unknown rule" in result.stderr


def test_main_dispatches_subcommands_and_scans(module: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["rules"])
    assert exit_info.value.code in (0, None)
    assert RULE in capsys.readouterr().out

    with pytest.raises(SystemExit) as exit_info:
        cli.main(["explain", RULE])
    assert exit_info.value.code in (0, None)
    assert "## What it does" in capsys.readouterr().out

    # A directory called `rules` is scanned when named as a path.
    (module / "rules").mkdir()
    (module / "rules" / "a.go").write_bytes(LEAK)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["./rules", "--select", RULE, "--format", "json"])
    assert exit_info.value.code == 1
    report = json.loads(capsys.readouterr().out)
    assert [f["path"] for f in report["findings"]] == ["rules/a.go"]


def test_patch_paths_start_at_the_git_root(tmp_path: Path, monkeypatch) -> None:
    repo = tmp_path / "repo"
    service = repo / "services" / "poller"
    service.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (service / "go.mod").write_text("module m\n\ngo 1.21\n")
    (service / "leak.go").write_bytes(LEAK)
    monkeypatch.chdir(service)
    code, _, _ = scan(".", "--select", RULE, "--patch", str(tmp_path / "fix.patch"))
    assert code == 1
    patch = (tmp_path / "fix.patch").read_text()
    assert "diff --git a/services/poller/leak.go b/services/poller/leak.go" in patch
    applied = subprocess.run(["git", "apply", str(tmp_path / "fix.patch")], cwd=service, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    assert (service / "leak.go").read_bytes() != LEAK
