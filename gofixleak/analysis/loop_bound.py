"""How many times a loop can run: bounded by a small constant, or without a bound the code
shows (a range over a parameter, a channel or a value of unknown size, an endless loop)."""

from __future__ import annotations

from tree_sitter import Node

from ..source import SourceFile
from .constants import constant_value
from .imports import Imports
from .scopes import assigned_names

# Up to this many passes a pile-up is a small, bounded cost.
SMALL = 16


def small_bound(loop: Node, src: SourceFile, imports: Imports) -> int | None:
    """The most passes `loop` can make when a constant bounds it by at most SMALL: a range
    over an integer constant or over a composite literal of few elements, or a counting
    loop `for i := A; i < B; i++` (or `<=`, or counting down) between constants whose
    counter the body does not change. None otherwise."""
    clause = next((c for c in loop.named_children if c.type in {"for_clause", "range_clause"}), None)
    if clause is None:
        return None
    if clause.type == "range_clause":
        count = _range_count(clause.child_by_field_name("right"), src, imports)
    else:
        count = _counted(clause, loop, src, imports)
    return count if count is not None and count <= SMALL else None


def _range_count(ranged: Node | None, src: SourceFile, imports: Imports) -> int | None:
    if ranged is None:
        return None
    if ranged.type == "composite_literal":
        body = ranged.child_by_field_name("body")
        return len([c for c in body.named_children if c.type != "comment"]) if body is not None else None
    value = constant_value(ranged, src, imports)
    if value is None or not value[1]:
        return None
    return max(int(value[0]), 0)


def _counted(clause: Node, loop: Node, src: SourceFile, imports: Imports) -> int | None:
    initializer = clause.child_by_field_name("initializer")
    condition = clause.child_by_field_name("condition")
    update = clause.child_by_field_name("update")
    if initializer is None or condition is None or update is None or initializer.type != "short_var_declaration":
        return None
    left, right = initializer.child_by_field_name("left"), initializer.child_by_field_name("right")
    if left is None or right is None or len(left.named_children) != 1 or len(right.named_children) != 1:
        return None
    counter = src.text(left.named_children[0])
    start = constant_value(right.named_children[0], src, imports)
    if start is None or condition.type != "binary_expression" or src.text(condition.child_by_field_name("left")) != counter:  # type: ignore[arg-type]
        return None
    end = constant_value(condition.child_by_field_name("right"), src, imports)  # type: ignore[arg-type]
    operator = src.text(condition.child_by_field_name("operator"))  # type: ignore[arg-type]
    step = src.text(update).replace(" ", "")
    body = loop.child_by_field_name("body")
    if end is None or body is None or counter in assigned_names(body, src):
        return None
    if step == f"{counter}++" and operator in {"<", "<="}:
        count = end[0] - start[0] + (1 if operator == "<=" else 0)
    elif step == f"{counter}--" and operator in {">", ">="}:
        count = start[0] - end[0] + (1 if operator == ">=" else 0)
    else:
        return None
    return max(int(count), 0)

