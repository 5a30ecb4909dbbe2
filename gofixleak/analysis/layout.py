"""Where and how to insert whole lines so the result stays gofmt-clean."""

from __future__ import annotations

from typing import NamedTuple

from tree_sitter import Node

from ..model import Edit
from ..source import SourceFile
from .tree import CASE_CLAUSES, is_statement_in_list


def leading_comment_start(stmt: Node, src: SourceFile) -> int:
    """Start of the comment lines glued directly above `stmt`, else of `stmt`'s line."""
    start = stmt
    prev = _previous(stmt)
    while (
        prev is not None
        and prev.type == "comment"
        and src.starts_line(prev)
        and src.position(prev.end_byte).line + 1 == src.position(start.start_byte).line
    ):
        start = prev
        prev = _previous(prev)
    return src.line_start(start.start_byte)


def _previous(node: Node) -> Node | None:
    """The node before `node` in its block; comments before the first statement of a
    block sit outside its statement_list."""
    if node.prev_sibling is not None:
        return node.prev_sibling
    parent = node.parent
    if parent is not None and parent.type == "statement_list":
        return parent.prev_sibling
    return None


def insertion_before(stmt: Node, src: SourceFile) -> tuple[int, bytes] | None:
    """Where to insert whole lines before `stmt`, and its indentation; None when `stmt`
    does not start its own line (then a line-based insertion would not be gofmt-clean)."""
    if not src.starts_line(stmt):
        return None
    indented = stmt
    if stmt.type == "labeled_statement":
        # gofmt outdents labels: take the indentation of the labeled statement itself.
        body = stmt.named_children[-1]
        if body.type != "label_name" and src.starts_line(body):
            indented = body
    return leading_comment_start(stmt, src), src.indent_at(indented.start_byte)


def insertion_after(stmt: Node, src: SourceFile) -> int | None:
    """Offset of the line after `stmt` when only whitespace or a comment follows it."""
    end = stmt.end_byte
    sibling = stmt.next_sibling
    if sibling is not None and sibling.type == "comment" and (
        src.position(sibling.start_byte).line == src.position(end).line
    ):
        end = sibling.end_byte
    rest = src.data[end : src.line_end(end)]
    if rest.strip() != b"":
        return None
    return src.line_end(end)


def lines(indent: bytes, newline: bytes, *texts: str) -> bytes:
    """Indented lines ready to insert at a line start. An empty text yields a blank line;
    a text's own leading tabs nest deeper."""
    out = []
    for text in texts:
        out.append((indent + text.encode() if text else b"") + newline)
    return b"".join(out)


def trailing_comment(src: SourceFile, line: int) -> tuple[int, int] | None:
    """(end of code, start of comment) when 0-based `line` ends with a `//` comment after code."""
    if not 0 <= line < len(src.line_starts):
        return None
    start = src.line_starts[line]
    end = src.line_end(start)
    at = src.data.find(b"//", start, end)
    while at >= 0:
        node = src.root.descendant_for_byte_range(at, at + 2)
        if node is not None and node.type == "comment" and node.start_byte == at:
            code_end = len(src.data[start:at].rstrip())
            return (start + code_end, at) if code_end and not src.starts_line(node) else None
        at = src.data.find(b"//", at + 2, end)
    return None


def comment_alignment(src: SourceFile, edits) -> list | None:
    """Edits that keep gofmt's alignment of trailing `//` comments once `edits` are applied.

    gofmt aligns the trailing comments of consecutive lines with the same indentation, one
    space after the widest code (in runes). Inserting whole lines (at line starts, ending
    with a newline) splits such a block; changing code on a line resizes its block. Returns
    [] when nothing moves, and None when a line in an affected block is not a one-line
    statement (only gofmt itself could say then). Edits spanning lines are left to
    the codemod that rewrites those lines."""

    def line_of(offset: int) -> int:
        return src.position(offset).line - 1

    inserted: dict[int, list[bytes]] = {}
    changed: dict[int, list] = {}
    risky: set[int] = set()
    for edit in edits:
        line = line_of(edit.start)
        at_line_start = edit.start == edit.end and edit.start == src.line_starts[line]
        # Whole lines, then tabs that re-indent the line they are inserted on (as when a
        # block is re-indented as a whole: that moves its comments together).
        whole = edit.new[: edit.new.rfind(b"\n") + 1] if at_line_start else b""
        reindent = at_line_start and not edit.new[len(whole) :].strip(b"\t")
        if reindent and not whole:
            continue
        if at_line_start and (reindent or edit.new.endswith(b"\n")):
            inserted.setdefault(line, []).extend(whole.splitlines())
            # Only lines of the same indentation share a block that the insertion splits.
            if trailing_comment(src, line - 1) and trailing_comment(src, line) and _indent(src, line - 1) == _indent(src, line):
                risky |= {line - 1, line}
        elif line_of(edit.end) != line:
            continue  # a rewrite of whole lines lays out its own text
        else:
            changed.setdefault(line, []).append(edit)
            if trailing_comment(src, line):
                risky.add(line)
    if not risky:
        return []
    low, high = min(risky), max(risky)
    while trailing_comment(src, low - 1):
        low -= 1
    while trailing_comment(src, high + 1):
        high += 1

    rows: list[_Row] = []
    for line in range(low, high + 1):
        rows += [_Row(text[: len(text) - len(text.lstrip())], 0, None, True, True, False) for text in inserted.get(line, [])]
        start = src.line_starts[line]
        comment = trailing_comment(src, line)
        body = src.data[start : comment[0] if comment else src.line_end(start)].rstrip(b"\r\n")
        indent = body[: len(body) - len(body.lstrip())]
        first = src.root.descendant_for_byte_range(start + len(indent), start + len(indent))
        node = first
        while node is not None and node.start_byte == start + len(indent) and not is_statement_in_list(node):
            node = node.parent
        simple = node is not None and node.start_byte == start + len(indent) and line_of(node.end_byte) == line
        # gofmt never aligns a `case ...:` line's comment with a neighbour's, nor that of
        # a line closing a block (`} // end`, `}() // end`) with the next line's.
        alone = first is not None and first.parent is not None and first.parent.type in CASE_CLAUSES
        alone = alone or body[len(indent) :].startswith(b"}")
        for edit in sorted(changed.get(line, []), key=lambda e: -e.start):
            body = body[: edit.start - start] + edit.new + body[edit.end - start :]
        width = len(body[len(indent) :].decode("utf-8", "replace"))
        rows.append(_Row(indent, width, comment, simple, line in risky, alone))

    blocks: list[list[_Row]] = [[]]
    for row in rows:
        if row.comment is None or row.alone or (blocks[-1] and row.indent != blocks[-1][0].indent):
            blocks.append([])
        if row.comment is not None:
            blocks[-1].append(row)
            if row.alone:
                blocks.append([])
    extra = []
    for block in blocks:
        if not any(r.touched for r in block):
            continue
        if len(block) > 1 and not all(r.simple for r in block):
            return None  # gofmt may split blocks after multi-line statements
        column = max(r.width for r in block) + 1
        for row in block:
            code_end, comment_start = row.comment  # type: ignore[misc]
            padding = b" " * (column - row.width)
            if src.data[code_end:comment_start] != padding:
                extra.append(Edit(code_end, comment_start, padding))
    return extra


def _indent(src: SourceFile, line: int) -> bytes:
    start = src.line_starts[line]
    return src.indent_at(start)


class _Row(NamedTuple):
    """One line as gofmt's comment alignment sees it."""

    indent: bytes
    width: int  # of the code, in runes
    comment: tuple[int, int] | None  # (end of code, start of comment)
    simple: bool  # a one-line statement
    touched: bool  # inserted, or changed by an edit
    alone: bool  # never aligned with its neighbours
