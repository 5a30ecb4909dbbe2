"""The per-rule table closing a text report over many files, and colour for finding lines."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TextIO

import typer

from .model import FixStatus, ReportedFinding

# A table over one or two files says nothing the finding lines did not.
MIN_FILES = 3


def use_colour(stream: TextIO) -> bool:
    """Colour on a terminal, unless NO_COLOR is set to anything (https://no-color.org)."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


def styled_line(line: str, finding: ReportedFinding, colour: bool) -> str:
    """`line` (a finding's text line) with its location bold and its rule coloured."""
    if not colour:
        return line
    location = f"{finding.path}:{finding.start.line}:{finding.start.column}:"
    rule = f"[{finding.rule}]"
    rest = line[len(location):]
    fg = "green" if finding.fix == FixStatus.APPLIED else "yellow" if finding.fix == FixStatus.AVAILABLE else "red"
    return typer.style(location, bold=True) + rest.replace(rule, typer.style(rule, fg=fg), 1)


def rule_table(findings: Sequence[ReportedFinding]) -> str:
    """One row per rule that found something: found, fixed, fixable, no fix; then totals."""
    counts: dict[str, list[int]] = {}
    column = {FixStatus.APPLIED: 1, FixStatus.AVAILABLE: 2, FixStatus.NONE: 3}
    for finding in findings:
        row = counts.setdefault(finding.rule, [0, 0, 0, 0])
        row[0] += 1
        row[column[finding.fix]] += 1
    header = ("rule", "found", "fixed", "fixable", "no fix")
    rows = [(rule, *map(str, n)) for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0]))]
    totals = [sum(n[i] for n in counts.values()) for i in range(4)]
    rows.append(("total", *map(str, totals)))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def fmt(row) -> str:
        return "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))).rstrip()

    return "\n".join([fmt(header), *map(fmt, rows)])
