"""A `defer` inside a loop: the loop it belongs to, and whether it piles up at all (it is
registered at most once per call, or what it releases outlives the iteration anyway)."""

from __future__ import annotations

from tree_sitter import Node

from ..source import SourceFile
from .deferred_release import DeferredRelease
from .flow import left_for_good_after
from .imports import Imports
from .iteration_escapes import escapes
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


def held_only(released: DeferredRelease, body: Node, src: SourceFile) -> bool:
    """True when nothing in the iteration uses what `released` releases but the deferred
    calls, and no release is a Close or a context's cancel: it is taken for what holding
    it does until the function returns (a lock, a lease: `l := locks.Acquire(p); defer
    l.Stop()` in a loop that locks every path, then works). A file made and only closed
    (`os.Create` for its side effect) still holds a descriptor for nothing."""
    defers = [n for n in walk(body, into_functions=False) if n.type == "defer_statement"]
    if any(_closes_or_cancels(r.call, src) for r in released.releases):
        return False
    for release in released.releases:
        for decl in (release.acquired, *release.companions):
            name = src.text(decl)
            for node in src.identifiers(name):
                if node == decl or not is_inside(node, body) or any(is_inside(node, d) for d in defers):
                    continue
                if declaration_of(name, node, src) == decl:
                    return False
    return True


def _closes_or_cancels(call: Node, src: SourceFile) -> bool:
    callee = call.child_by_field_name("function")
    if callee is None:
        return False
    if callee.type == "identifier":
        return True  # a context's cancel: the only func value counted as a release
    field = callee.child_by_field_name("field") if callee.type == "selector_expression" else None
    return field is not None and src.text(field) == "Close"
