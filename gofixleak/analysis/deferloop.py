"""A `defer` inside a loop: the loop it belongs to, and whether it piles up at all (it is
registered at most once per call, or holds one lock per element on purpose)."""

from __future__ import annotations

from tree_sitter import Node

from ..source import SourceFile
from .flow import left_for_good_after
from .scopes import declaration_of
from .tree import is_inside, loops_around, walk


def loop_of(defer: Node) -> Node | None:
    """The innermost loop around `defer` in its own function (func literals reset)."""
    loops = loops_around(defer)
    return loops[0] if loops else None


def registered_once(defer: Node, loop: Node, src: SourceFile) -> Node | None:
    """A statement after `defer`, on its path through the body, that always leaves `loop`
    for good (return, break out, panic...): the defer then runs at most once per call."""
    return left_for_good_after(defer, loop, src)


# Acquire and release methods: `x.Lock(); defer x.Unlock()` for a per-iteration x holds
# every lock until the function returns, on purpose ("lock all, then work").
_RELEASES = {"Unlock": ("Lock",), "RUnlock": ("RLock",), "Release": ("Acquire",)}


def deliberate_lock_all(defer: Node, loop: Node, src: SourceFile) -> bool:
    """`x.Lock()` then `defer x.Unlock()` in the loop body, where x is the element of a
    range or is otherwise declared in the loop: the loop takes many locks and holds them
    all until the function returns, which is what the defer means (a lock taken again
    on every pass would deadlock, not pile up)."""
    target = released_lock(defer, src)
    if target is None:
        return False
    operand, acquires = target
    root = operand
    while root.type == "selector_expression":
        root = root.child_by_field_name("operand")  # type: ignore[assignment]
    if root is None or root.type != "identifier":
        return False
    decl = declaration_of(src.text(root), root, src)
    if decl is None or not is_inside(decl, loop):
        return False
    for node in walk(loop.child_by_field_name("body"), into_functions=False):  # type: ignore[arg-type]
        if node.type != "call_expression" or node.start_byte > defer.start_byte:
            continue
        callee = node.child_by_field_name("function")
        if callee is None or callee.type != "selector_expression":
            continue
        field, other = callee.child_by_field_name("field"), callee.child_by_field_name("operand")
        if field is not None and other is not None and src.text(field) in acquires and src.text(other) == src.text(operand):
            return True
    return False


def released_lock(defer: Node, src: SourceFile) -> tuple[Node, tuple[str, ...]] | None:
    """(x, its acquiring methods) for `defer x.Unlock()`, `x.RUnlock()` or `x.Release(...)`."""
    call = defer.named_children[0] if defer.named_children else None
    callee = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    if callee is None or callee.type != "selector_expression":
        return None
    field, operand = callee.child_by_field_name("field"), callee.child_by_field_name("operand")
    if field is None or operand is None or src.text(field) not in _RELEASES:
        return None
    return operand, _RELEASES[src.text(field)]
