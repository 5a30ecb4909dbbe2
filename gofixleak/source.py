"""A Go source file as bytes plus its tree-sitter tree."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

import tree_sitter_go
from tree_sitter import Language, Node, Parser, Tree

from .gomod import NEWEST, GoVersion
from .model import Position

GO = Language(tree_sitter_go.language())
_PARSER = Parser(GO)

# https://go.dev/s/generatedcode: a line comment before the package clause.
_GENERATED = re.compile(rb"^// Code generated .* DO NOT EDIT\.\r?$", re.MULTILINE)


_NEW_CALL = re.compile(rb"\bnew\(")
_MAX_NEW_MASKS = 64


def parse(data: bytes) -> Tree:
    """Parse Go source. tree-sitter-go only knows `new(Type)`; Go 1.26 also allows
    `new(expr)`. When an error sits in such a call, that `new` is read as a plain function
    name instead (same length, so every byte offset stays valid)."""
    tree = _PARSER.parse(data)
    if not tree.root_node.has_error or b"new(" not in data:
        return tree
    masked = bytearray(data)
    for _ in range(_MAX_NEW_MASKS):
        error = first_error(tree)
        if error is None:
            return tree
        line_start = data.rfind(b"\n", 0, error.start_byte) + 1
        calls = [m.start() for m in _NEW_CALL.finditer(masked, line_start, error.end_byte + 1)]
        if not calls:
            break
        masked[calls[-1] : calls[-1] + 3] = b"nev"
        tree = _PARSER.parse(bytes(masked))
    return _PARSER.parse(data) if tree.root_node.has_error else tree


def is_generated(data: bytes) -> bool:
    head_end = data.find(b"\npackage ")
    head = data if head_end < 0 else data[:head_end]
    return bool(_GENERATED.search(head))


def first_error(tree: Tree) -> Node | None:
    """The first ERROR or MISSING node in document order, or None for a clean parse."""
    root = tree.root_node
    if not root.has_error:
        return None
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            return node
        stack.extend(reversed([c for c in node.children if c.has_error or c.is_missing]))
    return root


@dataclass
class SourceFile:
    """Immutable view of one version of a file; edits produce a new SourceFile."""

    path: str
    data: bytes
    go_version: GoVersion = NEWEST
    tree: Tree = field(init=False)

    def __post_init__(self) -> None:
        self.tree = parse(self.data)

    @property
    def root(self) -> Node:
        return self.tree.root_node

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(m.end() for m in re.finditer(rb"\n", self.data))
        return starts

    @cached_property
    def newline(self) -> bytes:
        """The file's line ending, so inserted lines match (CRLF files stay CRLF)."""
        first = self.data.find(b"\n")
        return b"\r\n" if first > 0 and self.data[first - 1 : first] == b"\r" else b"\n"

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return Position(line + 1, offset - self.line_starts[line] + 1)

    def line_start(self, offset: int) -> int:
        return self.line_starts[bisect.bisect_right(self.line_starts, offset) - 1]

    def line_end(self, offset: int) -> int:
        """Offset just past the newline of the line holding `offset` (or end of file)."""
        nl = self.data.find(b"\n", offset)
        return len(self.data) if nl < 0 else nl + 1

    def indent_at(self, offset: int) -> bytes:
        """Leading whitespace of the line holding `offset`."""
        start = self.line_start(offset)
        end = start
        while end < len(self.data) and self.data[end] in b" \t":
            end += 1
        return self.data[start:end]

    def starts_line(self, node: Node) -> bool:
        """True when only whitespace precedes `node` on its line."""
        return self.data[self.line_start(node.start_byte) : node.start_byte].strip() == b""

    def text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")
