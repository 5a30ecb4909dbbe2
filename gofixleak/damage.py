"""Which parts of a file that does not fully parse can still be analysed and fixed.

tree-sitter-go lags each Go release, and a file being edited often has an error somewhere:
one ERROR node must not cost the whole file. A finding counts only inside a top-level
function or method whose subtree has no error; its fix only when every edit stays inside
such a function and off the ranges `parse_masked` blanked."""

from __future__ import annotations

import bisect

from tree_sitter import Tree

from .model import Fix
from .source import SourceFile

_DECLARATIONS = {"function_declaration", "method_declaration"}


class Damage:
    """The clean top-level functions of one parse of a file, for quick lookups."""

    def __init__(self, src: SourceFile) -> None:
        self.broken = src.root.has_error
        self.masked = src.masked
        clean = [] if not self.broken else [
            (node.start_byte, node.end_byte) for node in src.root.named_children
            if node.type in _DECLARATIONS and not node.has_error
        ]
        self._starts = [start for start, _ in clean]
        self._ends = [end for _, end in clean]

    def _function_at(self, offset: int) -> int | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i if i >= 0 and offset < self._ends[i] else None

    def analysable(self, offset: int) -> bool:
        """True when a finding at `offset` lies where the tree can be trusted."""
        return not self.broken or self._function_at(offset) is not None

    def why_not(self, fix: Fix) -> str:
        """Why `fix` must not be applied here, or "" when it may."""
        for edit in fix.edits:
            for start, end in self.masked:
                if edit.start < end and start < edit.end or start < edit.start < end:
                    return "the fix would touch code gofixleak had to mask to parse it"
        if self.broken:
            homes = [self._function_at(edit.start) for edit in fix.edits]
            if None in homes or len(set(homes)) > 1 or any(
                edit.end > self._ends[i] for i, edit in zip(homes, fix.edits)  # type: ignore[index]
            ):
                return "the fix would reach beyond the function into code that does not parse"
        return ""


def error_count(tree: Tree) -> int:
    """Number of ERROR and MISSING nodes: a fix may not add any."""
    count, stack = 0, [tree.root_node] if tree.root_node.has_error else []
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            count += 1
        stack.extend(child for child in node.children if child.has_error or child.is_missing)
    return count
