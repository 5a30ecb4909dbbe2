"""A Go source file as bytes plus its tree-sitter tree."""

from __future__ import annotations

import bisect
import functools
import re
import weakref
from dataclasses import dataclass, field
from functools import cached_property

import tree_sitter_go
from tree_sitter import Language, Node, Parser, Query, QueryCursor, Tree

from .gomod import NEWEST, GoVersion
from .model import Position

GO = Language(tree_sitter_go.language())
_PARSER = Parser(GO)

# https://go.dev/s/generatedcode: a line comment before the package clause.
_GENERATED = re.compile(rb"^// Code generated .* DO NOT EDIT\.\r?$", re.MULTILINE)


_BUILTIN_CALL = re.compile(rb"\b(?:new|make)\(")
_MAX_NEW_MASKS = 64
_PACKAGE_CLAUSE = re.compile(rb"^package\b", re.MULTILINE)


def parse(data: bytes) -> Tree:
    """Parse Go source, masking what tree-sitter-go cannot read (see `parse_masked`)."""
    return parse_masked(data)[0]


# Parsed files that something else keeps alive (the package's files read as siblings), by
# the exact bytes parsed: a file whose siblings' lookups parsed it is not parsed again for
# its own analysis. Weak: an entry goes when its holder lets the file go.
_PARSED: weakref.WeakValueDictionary[bytes, SourceFile] = weakref.WeakValueDictionary()


def share(src: SourceFile) -> None:
    """Offer `src`'s tree to any later parse of the same bytes, while `src` lives."""
    _PARSED[src.data] = src


def parse_masked(data: bytes) -> tuple[Tree, tuple[tuple[int, int], ...]]:
    """The tree of `data`, and the byte ranges blanked so that tree-sitter-go 0.25 can read
    it: the type parameters of Go 1.27 generic methods (`func (r *T) M[U any](...)`) become
    spaces, so every offset stays valid and the method parses as a plain one. A rewrite
    must not touch a masked range."""
    known = _PARSED.get(data)
    if known is not None:
        return known.tree, known.masked
    tree = _PARSER.parse(data)
    if not tree.root_node.has_error:
        return tree, ()
    spans = generic_method_type_parameters(data)
    if spans:
        masked = bytearray(data)
        for start, end in spans:
            masked[start:end] = bytes(32 if c != 10 else 10 for c in data[start:end])  # keep newlines
        data = bytes(masked)
        tree = _PARSER.parse(data)
        if not tree.root_node.has_error:
            return tree, spans
    return _parse_new_calls(data, tree), spans


_METHOD_START = re.compile(rb"^func[ \t]*\(", re.MULTILINE)
_NAME_THEN_BRACKET = re.compile(rb"[ \t]*[A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*[ \t]*\[")


def generic_method_type_parameters(data: bytes) -> tuple[tuple[int, int], ...]:
    """Byte ranges of the `[...]` type parameter lists of methods (not of their receivers)."""
    spans = []
    for match in _METHOD_START.finditer(data):
        receiver = _parenthesized(data, match.end() - 1)
        if receiver is None:
            continue
        name = _NAME_THEN_BRACKET.match(data, match.end() + len(receiver) + 1)
        if name is None:
            continue
        params = _parenthesized(data, name.end() - 1)
        if params is not None:
            spans.append((name.end() - 1, name.end() + len(params) + 1))
    return tuple(spans)


def _parse_new_calls(data: bytes, tree: Tree) -> Tree:
    """Parse Go source. tree-sitter-go only knows `new(Type)` and `make(Type, ...)`; Go 1.26
    also allows `new(expr)`, and a local function may be named `new` or `make`. When the
    file has errors, each such call whose argument does not parse as a type (tried alone)
    is read as a call of a plain function instead: its first byte becomes `_` (same length,
    so every byte offset stays valid). Remaining errors get the old line heuristic: mask the
    last call before the error on its line. If errors remain, the unmasked tree is returned."""
    if not tree.root_node.has_error or (b"new(" not in data and b"make(" not in data):
        return tree
    masked = bytearray(data)
    calls = [m.start() for m in _BUILTIN_CALL.finditer(data) if _needs_mask(data, m)]
    for _ in range(_MAX_NEW_MASKS):
        if calls:
            for call in calls:
                masked[call] = ord("_")
            tree = _PARSER.parse(bytes(masked))
        error = first_error(tree)
        if error is None:
            return tree
        line_start = data.rfind(b"\n", 0, error.start_byte) + 1
        calls = [m.start() for m in _BUILTIN_CALL.finditer(masked, line_start, error.end_byte + 1)][-1:]
        if not calls:
            break
    return _PARSER.parse(data) if tree.root_node.has_error else tree


def _needs_mask(data: bytes, call: re.Match[bytes]) -> bool:
    """True when the argument of the `new(`/`make(` call at `call` is not a type."""
    argument = _parenthesized(data, call.end() - 1)
    if argument is None:
        return False
    probe = b"package p\nvar _ = " + call.group() + argument + b")\n"
    return _PARSER.parse(probe).root_node.has_error


def _parenthesized(data: bytes, open_at: int) -> bytes | None:
    """The text between the `(` at `open_at` and its matching `)`, skipping brackets inside
    strings, runes and comments; None when unbalanced."""
    depth, i, n = 0, open_at, len(data)
    while i < n:
        c = data[i]
        if c in b"([{":
            depth += 1
        elif c in b")]}":
            depth -= 1
            if depth == 0:
                return data[open_at + 1 : i]
        elif c in b"\"'":
            i += 1
            while i < n and data[i] != c and data[i] != 10:
                i += 2 if data[i] == 92 else 1  # 92: backslash escapes the next byte
        elif c == 96:  # raw string
            i = data.find(b"`", i + 1)
        elif data.startswith(b"//", i):
            i = data.find(b"\n", i)
        elif data.startswith(b"/*", i):
            end = data.find(b"*/", i + 2)
            i = end + 1 if end >= 0 else -1
        if i < 0:
            return None
        i += 1
    return None


# Node types whose text always holds a keyword or token: a file without it has none.
_KEYWORD_OF = {"goto_statement": b"goto", "return_statement": b"return", "defer_statement": b"defer",
               "go_statement": b"go", "select_statement": b"select", "import_spec": b"import",
               "field_declaration": b"struct", "send_statement": b"<-"}


@functools.lru_cache(maxsize=64)
def _type_query(types: frozenset[str]) -> Query:
    return Query(GO, "[" + " ".join(f"({t})" for t in sorted(types)) + "] @node")


def is_generated(data: bytes) -> bool:
    """True for a `// Code generated ... DO NOT EDIT.` line before the package clause."""
    package = _PACKAGE_CLAUSE.search(data)
    head = data if package is None else data[: package.start()]
    return bool(_GENERATED.search(head))


# The go tool's convention for a file that is never part of its package (often a generator
# run with `go run gen.go`): no build sets the `ignore` tag.
_BUILD_IGNORE = re.compile(rb"^//(?:go:build|[ \t]*\+build)[ \t]+ignore[ \t]*\r?$", re.MULTILINE)


def is_build_ignored(data: bytes) -> bool:
    """True for a `//go:build ignore` (or `// +build ignore`) line before the package clause."""
    package = _PACKAGE_CLAUSE.search(data)
    head = data if package is None else data[: package.start()]
    return bool(_BUILD_IGNORE.search(head))


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
    masked: tuple[tuple[int, int], ...] = field(init=False)  # see `parse_masked`
    _nodes_cache: dict = field(init=False, default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.tree, self.masked = parse_masked(self.data)

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

    def nodes_of(self, *types: str) -> list[Node]:
        """Every node of the given types, in document order. One query run in C per set of
        types and file, so analyses need not walk the whole tree in Python."""
        key = frozenset(types)
        found = self._nodes_cache.get(key)
        if found is None:
            if all(t in _KEYWORD_OF and _KEYWORD_OF[t] not in self.data for t in types):
                found = []  # none can be there: the text lacks the keyword each one starts with
            else:
                captures = QueryCursor(_type_query(key)).captures(self.root)
                found = sorted(captures.get("node", []), key=lambda n: (n.start_byte, -n.end_byte))
            self._nodes_cache[key] = found
        return found

    def nodes_in(self, within: Node, *types: str) -> list[Node]:
        """`nodes_of`, for the nodes inside `within` only (not cached: the query then visits
        only that part of the tree)."""
        cursor = QueryCursor(_type_query(frozenset(types)))
        cursor.set_byte_range(within.start_byte, within.end_byte)
        found = [n for n in cursor.captures(within).get("node", [])
                 if within.start_byte <= n.start_byte and n.end_byte <= within.end_byte]
        return sorted(found, key=lambda n: (n.start_byte, -n.end_byte))

    def identifiers(self, name: str, within: Node | None = None) -> list[Node]:
        """Every `identifier` node spelled `name` (inside `within` when given), in document
        order."""
        return self.named(name, ("identifier",), within)

    def named(self, name: str, types: tuple[str, ...], within: Node | None = None) -> list[Node]:
        """Every node of `types` (identifier kinds) spelled `name`, inside `within` when
        given, in document order. Found from the text: an index of every identifier would
        cost a walk of the whole tree per file."""
        start, end = (within.start_byte, within.end_byte) if within is not None else (0, len(self.data))
        key = (types, name, start, end)
        found = self._nodes_cache.get(key)
        if found is None:
            found = []
            data = self.data
            for match in _word_end(name.encode()).finditer(data, start, end):
                at = match.start()
                if at > 0 and _is_word_byte(data[at - 1]):
                    continue  # the tail of a longer name
                node = self.root.descendant_for_byte_range(at, match.end())
                if node is not None and node.type in types and node.start_byte == at and node.end_byte == match.end():
                    found.append(node)
            self._nodes_cache[key] = found
        return found

    def forget(self) -> None:
        """Drop the cached lookups. Some refer back to this file (a package view holds it),
        so without this only the cycle collector would free the file and its tree."""
        self._nodes_cache.clear()

    def text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")


@functools.lru_cache(maxsize=4096)
def _word_end(name: bytes) -> re.Pattern[bytes]:
    """`name` with no identifier byte (UTF-8 letters included) right after it; a literal
    first, so the search skips ahead fast."""
    return re.compile(re.escape(name) + rb"(?![\w\x80-\xff])")


def _is_word_byte(byte: int) -> bool:
    return byte >= 0x80 or byte == 0x5F or 0x30 <= byte <= 0x39 or 0x41 <= byte <= 0x5A or 0x61 <= byte <= 0x7A
