"""SARIF `fixes` of one finding: the engine's replacements of the original text."""

from __future__ import annotations

import base64

from .model import Edit, ReportedFinding


def sarif_fixes(finding: ReportedFinding, data: bytes) -> list[dict]:
    """One SARIF fix holding the finding's replacements, each located both by byte offset
    and by line and Unicode column (SARIF requires the two to agree). Applying the
    replacements of every result of a file to its original bytes gives the fixed file."""
    return [
        {
            "description": {"text": finding.fix_title},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": finding.path, "uriBaseId": "%SRCROOT%"},
                    "replacements": [_replacement(edit, data) for edit in finding.replacements],
                }
            ],
        }
    ]


def _replacement(edit: Edit, data: bytes) -> dict:
    start_line, start_column = _line_column(data, edit.start)
    end_line, end_column = _line_column(data, edit.end)
    region = {
        "byteOffset": edit.start,
        "byteLength": edit.end - edit.start,
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    }
    try:
        content = {"text": edit.new.decode("utf-8")}
    except UnicodeDecodeError:
        content = {"binary": base64.b64encode(edit.new).decode("ascii")}
    return {"deletedRegion": region, "insertedContent": content}


def _line_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and Unicode code point column of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column
