"""A `defer` inside a loop: the loop it belongs to, and whether it piles up at all (it is
registered at most once per call, or what it releases outlives the iteration anyway)."""

from __future__ import annotations

from tree_sitter import Node

from ..source import SourceFile
from .deferred_release import DeferredRelease
from .flow import left_for_good_after
from .imports import Imports
from .iteration_escapes import escapes
from .tree import loops_around, walk


def loop_of(defer: Node) -> Node | None:
    """The innermost loop around `defer` in its own function (func literals reset)."""
    loops = loops_around(defer)
    return loops[0] if loops else None


def registered_once(defer: Node, loop: Node, src: SourceFile) -> Node | None:
    """A statement after `defer`, on its path through the body, that always leaves `loop`
    for good (return, break out, panic...): the defer then runs at most once per call."""
    return left_for_good_after(defer, loop, src)


# Releases of a lock taken earlier, with the methods that take it.
_RELEASES = {"Unlock": ("Lock",), "RUnlock": ("RLock",), "Release": ("Acquire",)}


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


def outlives_iteration(released: DeferredRelease, body: Node, src: SourceFile, imports: Imports) -> bool:
    """True when a value `released` releases (or the context of a released cancel), or a
    value made from it, is certain to outlive the iteration: stored outside the body
    (appended to an outer slice, put in a map or a field, assigned to a variable used
    after the loop), sent on a channel or used by a goroutine. Keeping it open until the
    function returns is then likely what the code means."""
    values = {n.id: n for r in released.releases for n in (r.acquired, *r.companions)}
    defers = [n for n in walk(body, into_functions=False) if n.type == "defer_statement"]
    escape = escapes(sorted(values.values(), key=lambda n: n.start_byte), defers, body, src, imports)
    return escape is not None and escape.certain
