"""`//nolint:gofixleak` and `//gofixleak:ignore` comments on a finding's line or the line above."""

from __future__ import annotations

import re

from .analysis.tree import walk
from .source import SourceFile

_NOLINT = re.compile(r"//\s*nolint(?::([\w,\-]+))?\b")
_IGNORE = re.compile(r"//\s*gofixleak:ignore\b")
_SUPPRESSING_LINTERS = {"gofixleak", "all"}


def _suppresses(comment: str) -> bool:
    if _IGNORE.search(comment):
        return True
    match = _NOLINT.search(comment)
    if not match:
        return False
    if match.group(1) is None:  # a bare //nolint silences every linter
        return True
    return bool(_SUPPRESSING_LINTERS & set(match.group(1).split(",")))


def suppressed_lines(src: SourceFile) -> frozenset[int]:
    """1-based lines on which a finding is suppressed: a suppressing comment's own line, and
    the next line when the comment starts its line (a trailing comment covers only its own)."""
    if b"nolint" not in src.data and b"gofixleak:ignore" not in src.data:
        return frozenset()
    lines: set[int] = set()
    for node in walk(src.root):
        if node.type == "comment" and _suppresses(src.text(node)):
            line = src.position(node.start_byte).line
            lines.add(line)
            if src.starts_line(node):  # a comment of its own covers the line below
                lines.add(line + 1)
    return frozenset(lines)
