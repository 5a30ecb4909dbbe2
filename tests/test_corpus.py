"""Every rule over the Go distribution's own source ($GOROOT/src): no crash, no file it cannot
read, and every fix leaves code that parses and stays gofmt-clean.

The Go version is forced to 1.21 and the threshold to info so that every version-gated rule
reports (and fixes) as much as it can."""

from __future__ import annotations

import subprocess
from pathlib import Path

import gotool
import pytest

from codemods import REGISTRY
from gofixleak.discovery import discover
from gofixleak.engine import Settings
from gofixleak.model import FixStatus, Severity
from gofixleak.runner import run
from gofixleak.source import first_error, parse

# Valid Go that tree-sitter-go cannot parse at all, relative to $GOROOT/src.
def test_every_rule_over_goroot(tmp_path: Path, monkeypatch, record_property) -> None:
    gotool.require_go()
    src_root = gotool.goroot() / "src"
    if not src_root.is_dir():
        pytest.skip(f"no Go sources at {src_root}")
    monkeypatch.chdir(src_root)
    files = discover(["."])
    assert len(files) > 1000

    results = run(files, [codemod.ID for codemod in REGISTRY], Settings(min_severity=Severity.INFO), go_override=(1, 21))
    assert [r.path for r in results] == [f.as_posix() for f in files]

    # Nothing tree-sitter-go cannot read is left: Go 1.27 generic methods are masked.
    errors = {r.path: r.error or r.syntax_error for r in results if r.error or r.syntax_error}
    assert not errors, "files the engine could not process:\n" + "\n".join(
        f"  {path}: {message}" for path, message in sorted(errors.items())
    )

    changed = [r for r in results if r.changed]
    for result in changed:
        assert not result.error
        assert any(f.fix == FixStatus.APPLIED for f in result.findings), result.path
    unparsable_outputs = [r.path for r in changed if first_error(parse(r.fixed)) is not None]
    assert not unparsable_outputs, f"fixed files that no longer parse: {unparsable_outputs}"

    # gofmt: the real Go parser must accept every output, and an output is gofmt-clean
    # whenever its original was.
    before, after = tmp_path / "before", tmp_path / "after"
    for result in changed:
        for root, data in ((before, result.original), (after, result.fixed)):
            target = root / result.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    unformatted: dict[Path, set[str]] = {}
    for root in (before, after):
        if not changed:
            unformatted[root] = set()
            continue
        gofmt = subprocess.run(
            [gotool.gofmt_binary(), "-l", "-e", "."], cwd=root, capture_output=True, text=True
        )
        assert gofmt.returncode == 0, f"gofmt rejects files under {root.name}:\n{gofmt.stderr}"
        unformatted[root] = {Path(line).as_posix() for line in gofmt.stdout.split()}
    newly_unformatted = sorted(unformatted[after] - unformatted[before])
    assert not newly_unformatted, f"fixes left these gofmt-clean files unformatted: {newly_unformatted}"

    findings = [f for r in results for f in r.findings]
    counts = {
        "files": len(results),
        "files_changed": len(changed),
        "findings": len(findings),
        "fixes_applied": sum(1 for f in findings if f.fix == FixStatus.APPLIED),
        "unparsable": sorted(errors),
    }
    for name, value in counts.items():
        record_property(name, value)
    by_rule: dict[str, int] = {}
    for finding in findings:
        by_rule[finding.rule] = by_rule.get(finding.rule, 0) + 1
    print(f"\ncorpus: {counts}\nfindings by rule: {dict(sorted(by_rule.items()))}")
