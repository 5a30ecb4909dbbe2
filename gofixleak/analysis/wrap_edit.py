"""The edit that turns a loop body into `func() { ... }()`, by insertions only."""

from __future__ import annotations

from tree_sitter import Node

from ..model import Edit
from ..source import SourceFile


def wrap_edits(loop: Node, src: SourceFile) -> tuple[Edit, ...] | None:
    """Turn the inside of `loop`'s body into `func() { <body, one tab deeper> }()`, as
    insertions only: a `func() {` line, a tab at the start of each non-blank body line,
    and a `}()` line (the first line's tab goes with the `func() {` line, which is
    inserted at the same point). Positions inside the body keep their meaning, so other
    fixes there still apply; another fix inserting lines in the body meets a tab at the
    same point and waits for the next pass, where it sees the new indentation. None when
    the braces do not sit at a line end and on a line of their own."""
    body = loop.child_by_field_name("body")
    if body is None:
        return None
    data, newline = src.data, src.newline
    open_end = src.line_end(body.start_byte)
    after_brace = data[body.start_byte + 1 : open_end].strip()
    if after_brace and not after_brace.startswith(b"//"):
        return None
    close = body.end_byte - 1
    close_start = src.line_start(close)
    if data[close_start:close].strip() or close_start < open_end:
        return None
    indent = src.indent_at(close)
    opening = indent + b"\tfunc() {" + newline
    closing = indent + b"\t}()" + newline
    if close_start == open_end:
        return (Edit.insert(open_end, opening + closing),)
    edits = [Edit.insert(close_start, closing)]
    start = open_end
    while start < close_start:
        end = data.index(b"\n", start) + 1
        if data[start:end].strip():
            if start == open_end:
                opening += b"\t"
            else:
                edits.append(Edit.insert(start, b"\t"))
        start = end
    edits.append(Edit.insert(open_end, opening))
    return tuple(sorted(edits))
