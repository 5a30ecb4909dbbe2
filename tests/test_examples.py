"""The example module shows every rule, and `--write` leaves it building and vet-clean."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import gotool
from typer.testing import CliRunner

from codemods import REGISTRY
from gofixleak.cli import scan_app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _scan(cwd: Path, monkeypatch, *args: str) -> tuple[int, dict]:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(scan_app, [".", "--format", "json", *args])
    return result.exit_code, json.loads(result.stdout)


def test_examples_show_every_rule(monkeypatch) -> None:
    code, report = _scan(EXAMPLES, monkeypatch, "--min-severity", "info")  # producer-without-cancel is info
    assert code == 1
    rules = {f["rule"] for f in report["findings"]}
    assert rules == {codemod.ID for codemod in REGISTRY}
    assert all(f["fix"] != "applied" for f in report["findings"])  # a dry run writes nothing


def test_write_fixes_examples_and_they_build(tmp_path: Path, monkeypatch) -> None:
    module = tmp_path / "examples"
    shutil.copytree(EXAMPLES, module)
    assert gotool.go("build", "./...", cwd=module).returncode == 0, "examples must build before fixing"

    _, report = _scan(module, monkeypatch, "--write", "--unsafe-fixes")  # the run-loop fix is unsafe
    fixable = [f for f in report["findings"] if f["fix"] != "none"]
    assert fixable and all(f["fix"] == "applied" for f in fixable)

    build = gotool.go("build", "./...", cwd=module)
    assert build.returncode == 0, build.stderr
    vet = gotool.go("vet", "./...", cwd=module)
    assert "lostcancel" not in vet.stderr and "context leak" not in vet.stderr, vet.stderr
    assert gotool.gofmt_unformatted(sorted(module.glob("*.go"))) == []

    before = {p.name: p.read_bytes() for p in module.glob("*.go")}
    _, again = _scan(module, monkeypatch, "--write")
    assert {p.name: p.read_bytes() for p in module.glob("*.go")} == before
    assert again["files_changed"] == 0
