"""Turning results into what users and CI read: text lines, JSON and SARIF."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass

from . import __version__
from .model import Applicability, FileResult, FixStatus, ReportedFinding, Severity


@dataclass(frozen=True)
class RunReport:
    """Everything one invocation found; `findings` have their final fix status."""

    findings: tuple[ReportedFinding, ...]
    errors: tuple[tuple[str, str], ...]  # (path, message)
    files_scanned: int
    # Files written with --write, or on a dry run those --write would change (kept as it was
    # for existing readers of the JSON; files_written and files_with_fixes are unambiguous).
    files_changed: int
    wrote: bool
    files_with_fixes: int = 0  # files the fixes change, written or not
    files_written: int = 0  # files actually written (0 on a dry run)

    @property
    def findings_left(self) -> int:
        return sum(1 for f in self.findings if f.fix != FixStatus.APPLIED)


def build(results: Sequence[FileResult], written: set[str], write_errors: Sequence[str], wrote: bool) -> RunReport:
    """Settle statuses: a fix counts as applied only in a file that was written."""
    findings = []
    for result in results:
        for finding in result.findings:
            if finding.fix == FixStatus.APPLIED and result.path not in written:
                finding = dataclasses.replace(finding, fix=FixStatus.AVAILABLE)
            findings.append(finding)
    errors = [(r.path, r.error or r.syntax_error) for r in results if r.error or r.syntax_error]
    errors += [(msg.split(":", 1)[0], msg) for msg in write_errors]
    with_fixes = sum(1 for r in results if r.changed and not r.error)
    return RunReport(
        findings=tuple(sorted(findings, key=ReportedFinding.sort_key)),
        errors=tuple(errors),
        files_scanned=len(results),
        files_changed=len(written) if wrote else with_fixes,
        wrote=wrote,
        files_with_fixes=with_fixes,
        files_written=len(written) if wrote else 0,
    )


def text_line(f: ReportedFinding) -> str:
    line = f"{f.path}:{f.start.line}:{f.start.column}: [{f.rule}] {f.message}"
    if f.fix == FixStatus.NONE and f.no_fix_reason:
        line += f" (no fix: {f.no_fix_reason})"
    elif f.fix == FixStatus.APPLIED:
        line += " (fixed, unsafe fix)" if f.applicability == Applicability.UNSAFE else " (fixed)"
    elif f.applicability == Applicability.UNSAFE:
        line += " (unsafe fix)"
    return line


def to_json(report: RunReport) -> str:
    document = {
        "version": 1,
        "findings": [
            {
                "rule": f.rule,
                "path": f.path,
                "line": f.start.line,
                "column": f.start.column,
                "end_line": f.end.line,
                "end_column": f.end.column,
                "severity": f.severity.label,
                "message": f.message,
                "fix": f.fix.value,
                **({"no_fix_reason": f.no_fix_reason} if f.fix == FixStatus.NONE and f.no_fix_reason else {}),
                **({"applicability": f.applicability.label} if f.fix != FixStatus.NONE else {}),
            }
            for f in report.findings
        ],
        "files_scanned": report.files_scanned,
        "files_changed": report.files_changed,
        "files_with_fixes": report.files_with_fixes,
        "files_written": report.files_written,
        "errors": [{"path": p, "message": m} for p, m in report.errors],
    }
    return json.dumps(document, indent=2)


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _code_point_column(data: bytes, line: int, byte_column: int) -> int:
    lines = data.split(b"\n")
    if not 0 < line <= len(lines):
        return byte_column
    return len(lines[line - 1][: byte_column - 1].decode("utf-8", "replace")) + 1


def to_sarif(report: RunReport, rules: Sequence[type], sources: dict[str, bytes]) -> str:
    """SARIF 2.1.0 for code scanning. SARIF has no byte columns, so columns are turned
    into Unicode code points with the original text of each file (`sources`)."""
    from .sarif_fixes import sarif_fixes  # SARIF output only

    rule_index = {rule.ID: i for i, rule in enumerate(rules)}
    results = []
    for f in report.findings:
        data = sources.get(f.path, b"")
        result = {
            "ruleId": f.rule,
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message + (f" (no fix: {f.no_fix_reason})" if f.no_fix_reason and f.fix == FixStatus.NONE else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                        "region": {
                            "startLine": f.start.line,
                            "startColumn": _code_point_column(data, f.start.line, f.start.column),
                            "endLine": f.end.line,
                            "endColumn": _code_point_column(data, f.end.line, f.end.column),
                        },
                    }
                }
            ],
            "properties": {"fix": f.fix.value},
        }
        if f.fix != FixStatus.NONE:
            result["properties"]["applicability"] = f.applicability.label
        if f.replacements:
            result["fixes"] = sarif_fixes(f, data)
        if f.rule in rule_index:
            result["ruleIndex"] = rule_index[f.rule]
        results.append(result)
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "gofixleak",
                        "version": __version__,
                        "rules": [
                            {
                                "id": rule.ID,
                                "shortDescription": {"text": rule.SUMMARY},
                                "fullDescription": {"text": rule.doc()},
                                "help": {"text": rule.doc(), "markdown": rule.doc()},
                            }
                            for rule in rules
                        ],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
                "invocations": [
                    {
                        "executionSuccessful": not report.errors,
                        "toolExecutionNotifications": [
                            {"level": "error", "message": {"text": m}, "locations": [
                                {"physicalLocation": {"artifactLocation": {"uri": p}}}]}
                            for p, m in report.errors
                        ],
                    }
                ],
            }
        ],
    }
    return json.dumps(document, indent=2)
