"""The text report's closing line and dry-run diffs, with unsafe fixes set apart."""

from __future__ import annotations

from .model import Applicability, FileResult, FixStatus
from .patch import unified_diff
from .report import RunReport

UNSAFE_HUNK_NOTE = "unsafe fix: applied only with --unsafe-fixes"


def preview_diff(result: FileResult, path: str | None = None) -> bytes:
    """The diff of one file (named `path`, by default its display path): the safe fixes,
    then (a second diff of the same file, from the text the first leaves) the unsafe ones,
    each of their hunks marked. Without unsafe fixes, the diff of `fixed`."""
    path = path or result.path
    if result.unsafe_split is None:
        return unified_diff(path, result.original, result.fixed, changes=result.changes or None)
    safe, everything = result.unsafe_split
    return unified_diff(path, result.original, safe) + unified_diff(path, safe, everything, hunk_note=UNSAFE_HUNK_NOTE)


def diff_sections(result: FileResult) -> int:
    """How many diffs of the file preview_diff gives: a second one holds unsafe fixes."""
    if result.unsafe_split is None:
        return 1
    return 2 if result.unsafe_split[0] != result.original else 1


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def fix_summary(report: RunReport, unsafe_fixes: bool) -> str:
    """What was (or would be) fixed, and how many unsafe fixes wait for `--unsafe-fixes`."""

    def tally(status: FixStatus, level: Applicability) -> int:
        return sum(1 for f in report.findings if f.fix == status and f.applicability == level)

    total = count(len(report.findings), "finding")
    files = count(report.files_changed, "file")
    unsafe_left = tally(FixStatus.AVAILABLE, Applicability.UNSAFE)
    if report.wrote:
        applied = sum(1 for f in report.findings if f.fix == FixStatus.APPLIED)
        summary = f"fixed {applied} of {total} in {files}"
        unsafe_applied = tally(FixStatus.APPLIED, Applicability.UNSAFE)
        if unsafe_applied:
            summary += f" ({unsafe_applied} by {'an unsafe fix' if unsafe_applied == 1 else 'unsafe fixes'})"
        if unsafe_left:
            noun = "unsafe fix" if unsafe_left == 1 else "unsafe fixes"
            summary += f"; {unsafe_left} {noun} not applied (rerun with --unsafe-fixes to apply)"
        return summary
    safe = tally(FixStatus.AVAILABLE, Applicability.SAFE)
    if unsafe_fixes:
        summary = f"{total}, {safe + unsafe_left} fixable"
        if unsafe_left:
            summary += f" ({unsafe_left} unsafe)"
        summary += f" in {files}"
        if safe + unsafe_left:
            summary += " (run with --write --unsafe-fixes to apply)"
        return summary
    summary = f"{total}, {safe} fixable in {files}"
    if safe:
        summary += " (run with --write to apply)"
    if unsafe_left:
        summary += f"; {unsafe_left} more with an unsafe fix (add --unsafe-fixes to apply)"
    return summary
