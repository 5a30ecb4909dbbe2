"""Where a jump lands: the statement a break, continue or goto leaves or names."""

from __future__ import annotations

from tree_sitter import Node

from ..source import SourceFile
from .tree import FUNCTIONS, ancestors, is_inside

_BREAKABLE = frozenset({"for_statement", "expression_switch_statement", "type_switch_statement", "select_statement"})


def innermost_breakable(stmt: Node, loops_only: bool) -> Node | None:
    """What an unlabeled break (or, with `loops_only`, continue) at `stmt` leaves."""
    for parent in ancestors(stmt):
        if parent.type in FUNCTIONS:
            return None
        if parent.type == "for_statement" or (not loops_only and parent.type in _BREAKABLE):
            return parent
    return None


def label_target(jump: Node, src: SourceFile) -> Node | None:
    """The statement a labeled break, continue or goto names, when it encloses `jump`."""
    label = next((c for c in jump.named_children if c.type == "label_name"), None)
    if label is None:
        return None
    for parent in ancestors(jump):
        if parent.type in FUNCTIONS:
            return None
        if parent.type == "labeled_statement":
            name = parent.child_by_field_name("label")
            if name is not None and src.text(name) == src.text(label):
                inner = [c for c in parent.named_children if c.type != "label_name"]
                return inner[0] if inner else None
    return None


def jump_target(stmt: Node, src: SourceFile) -> Node | None:
    """The statement a break or continue leaves: the one its label names, else the
    innermost loop (continue) or loop, switch or select (break)."""
    if any(c.type == "label_name" for c in stmt.named_children):
        return label_target(stmt, src)
    return innermost_breakable(stmt, stmt.type == "continue_statement")


def leaves(jump: Node, loop: Node, src: SourceFile) -> bool:
    """True when the break/continue `jump` inside `loop` ends the loop (not an iteration)."""
    labeled = any(c.type == "label_name" for c in jump.named_children)
    if labeled:
        target = label_target(jump, src)
        if target is None:
            return True  # cannot tell: assume it leaves
        if jump.type == "break_statement":
            return target == loop or is_inside(loop, target)
        return target != loop and is_inside(loop, target)
    if jump.type == "continue_statement":
        return False
    return innermost_breakable(jump, loops_only=False) == loop
