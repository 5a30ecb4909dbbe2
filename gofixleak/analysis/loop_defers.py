"""Whether a file may hold a `defer` inside a loop, told by parsing only the functions
around its `defer`s: most files with a defer have none in a loop, and those functions are
a fraction of the file."""

from __future__ import annotations

import re

from tree_sitter import Query, QueryCursor

from ..source import GO, parse
from .tree import loops_around

_DEFER_WORD = re.compile(rb"\bdefer\b")
_FOR_WORD = re.compile(rb"\bfor\b")
_DEFERS = Query(GO, "(defer_statement) @defer")


def may_defer_in_loop(data: bytes) -> bool:
    """False only when every `defer` sits in a top-level declaration that has no loop
    around it: either no `for` precedes the defer in it, or it parses cleanly on its own
    and the tree shows none. gofmt puts a declaration's `func` and its closing brace at the
    start of a line; any other layout cuts a piece that does not parse, and the answer is
    then True. A raw string or block comment in the piece could hide a line starting with
    `func `, so such a piece is always parsed."""
    judged_to = -1
    for match in _DEFER_WORD.finditer(data):
        if match.start() < judged_to:
            continue  # in a piece already judged
        start = data.rfind(b"\nfunc ", 0, match.start()) + 1  # 0: from the top of the file
        close = data.find(b"\n}", match.end())
        if close < 0:
            return True
        judged_to = close + 2
        last_defer = data.rfind(b"defer", match.start(), judged_to)
        if not _FOR_WORD.search(data, start, last_defer) and b"`" not in data[start:last_defer] \
                and b"/*" not in data[start:last_defer]:
            continue  # a loop around a defer starts before it, with `for`
        root = parse(data[start:judged_to]).root_node
        if root.has_error:
            return True
        defers = QueryCursor(_DEFERS).captures(root).get("defer", [])
        if any(loops_around(defer) for defer in defers):
            return True
    return False
