"""Goroutines waiting on a local channel for a value or a close that never comes: nothing
sends or closes, or the function can return before its only close."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from ..source import SourceFile
from .channels import (
    Kind,
    LocalChannel,
    Use,
    channel_uses,
    clause_count,
    local_channel,
    select_case,
    spawning_go,
)
from .cfg import Graph, build
from .endless import is_endless_loop, is_terminating_call
from .imports import Imports
from .paths import Site, Subject, lost_on_paths, reaches
from . import handoff
from .flow import loop_exit
from .handoff import Handling
from .tree import ancestors, enclosing_function, function_body, walk


@dataclass(frozen=True, slots=True)
class BlockedReceive:
    channel: LocalChannel
    go: Node
    ranges: bool  # True: ranges over the channel; False: waits for one value
    early_return: Site | None = None  # the first way out that skips every close, if that is how
    worker: str = ""  # the function of the package the goroutine runs, when not a literal


def blocked_receives(make: Node, src: SourceFile) -> list[BlockedReceive]:
    """Goroutines started by the function that made a channel, waiting on it for a close
    (ranging) or a value that no code in the function ever provides; and goroutines
    ranging over it when the function closes it, but can return before."""
    ch = local_channel(make, src)
    uses = channel_uses(ch, src) if ch is not None else None
    uses = _inline_handed(handoff.resolve(uses, src), ch) if ch is not None and uses is not None else None
    if ch is None or uses is None or any(u.kind is Kind.OTHER for u in uses):
        return []
    if _never_returns(ch.function, src):
        return []
    closes = [u for u in uses if u.kind is Kind.CLOSE]
    if closes and not _plain_closes(ch, closes):
        return []
    graph = build(ch.function, src, Imports(src)) if closes else None
    if closes and graph is None:
        return []
    sends = any(u.kind is Kind.SEND for u in uses)
    found: dict[int, BlockedReceive] = {}
    for use in uses:
        go = use.go if use.kind is Kind.HANDED else _goroutine_of(use.ident, ch.function)
        if go is None or go.id in found:
            continue
        if use.kind is Kind.HANDED:
            worker = _handed_wait(use, ch, closes, graph, sends, src)
            if worker is not None:
                found[go.id] = worker
            continue
        if closes:
            # Closed on the way out, but maybe not on every way: only ranging goroutines
            # wait for a close, and only those that a path skipping every close follows.
            body = use.op.child_by_field_name("body") if use.kind is Kind.RANGE else None
            if body is not None and loop_exit(body, use.op, src) is None:
                after = _unclosed_exit(ch, go, closes, graph, src)  # type: ignore[arg-type]
                if after is not None:
                    found[go.id] = BlockedReceive(ch, go, True, after)
            continue
        if use.kind is Kind.RANGE:
            body = use.op.child_by_field_name("body")
            if body is not None and loop_exit(body, use.op, src) is None:
                found[go.id] = BlockedReceive(ch, go, True)
        elif use.kind is Kind.RECEIVE and not sends:
            selected = select_case(use.op)
            if selected is None or clause_count(selected[1]) < 2:
                found[go.id] = BlockedReceive(ch, go, False)
    return sorted(found.values(), key=lambda b: b.go.start_byte)


def _inline_handed(uses: list[Use], ch: LocalChannel) -> list[Use] | None:
    """The uses with each call of the function itself (`feed(ch)`) read as what it does
    with the channel there: a close, a send; None when that cannot be told (it receives,
    or hands the channel to a goroutine doing more than wait on it)."""
    out = []
    for use in uses:
        handling: Handling | None = use.handling  # type: ignore[assignment]
        if use.kind is not Kind.HANDED or use.go is not None:
            if use.kind is Kind.HANDED and (handling.closes or handling.sends != 0 or handling.defers):  # type: ignore[union-attr]
                return None  # the goroutine feeds or closes it itself
            out.append(use)
            continue
        if handling.receiving or handling.guarded or handling.defers:  # type: ignore[union-attr]
            return None
        if handling.sends != 0:  # type: ignore[union-attr]
            out.append(Use(Kind.SEND, use.ident, use.op, use.function))
        if handling.closes:  # type: ignore[union-attr]
            out.append(Use(Kind.CLOSE, use.ident, use.op, use.function))
    return out


def _handed_wait(use: Use, ch: LocalChannel, closes: list[Use], graph: Graph | None, sends: bool, src: SourceFile) -> BlockedReceive | None:
    """The verdict on `go worker(ch)`: a worker ranging over the channel until it is
    closed, or waiting for one value nothing sends, as an inline literal would be."""
    handling: Handling = use.handling  # type: ignore[assignment]
    go = use.go
    if handling.guarded or handling.leaves_range or go is None:
        return None  # it has another way out
    if closes:
        if not handling.ranges or graph is None:
            return None
        after = _unclosed_exit(ch, go, closes, graph, src)
        return BlockedReceive(ch, go, True, after, handling.shown) if after is not None else None
    if handling.ranges:
        return BlockedReceive(ch, go, True, worker=handling.shown)
    if handling.receives and not sends:
        return BlockedReceive(ch, go, False, worker=handling.shown)
    return None


def _plain_closes(ch: LocalChannel, closes: list[Use]) -> bool:
    """True when each close is a plain statement of the function: not deferred, not in a
    goroutine or a func literal (those run on every way out, or when someone else says)."""
    for close in closes:
        statement = close.op.parent
        if close.function != ch.function or statement is None or statement.type != "expression_statement":
            return False
        if any(a.type == "defer_statement" for a in ancestors(close.op)):
            return False
    return True


def _unclosed_exit(ch: LocalChannel, go: Node, closes: list[Use], graph: Graph, src: SourceFile) -> Site | None:
    """The first way out of the function (a return, its end, a failing test) that a path
    from the go statement reaches without closing the channel, or None."""
    events = {}
    for close in closes:
        located = graph.locate(close.op)
        if located is not None:
            events[located[0].nodes[located[1]].id] = "release"
    body = function_body(ch.function)
    scope = next((c for c in body.named_children if c.type == "statement_list"), body)  # type: ignore[union-attr]
    subject = Subject(go, scope, lambda node: events.get(node.id), frozenset(), None, lost_at_calls=frozenset({"goexit"}),
                      again_is_lost=False)
    verdict = lost_on_paths(graph, subject, src)
    if verdict is None or not verdict.leaks:
        return None
    started = graph.locate(go)
    start_id = started[0].nodes[started[1]].id if started is not None else -1
    if any(reaches(graph, close.op, {start_id}, lambda node: False) for close in closes):
        return None  # a close can come before the goroutine starts: it then ranges over a closed channel
    return verdict.leaks[0]


def _goroutine_of(node: Node, function: Node) -> Node | None:
    """The go statement, directly in `function`, whose func literal holds `node`."""
    for scope in ancestors(node):
        if scope == function:
            return None
        if scope.type == "func_literal":
            go = spawning_go(scope)
            if go is not None and enclosing_function(go) == function:
                return go
    return None


def _never_returns(function: Node, src: SourceFile) -> bool:
    """`func main` of package main, or a function without a `return` whose body ends in
    `select {}`, an endless loop, or a call that does not come back (`panic`, `os.Exit`,
    `log.Fatal(http.ListenAndServe(...))`)."""
    if function.type == "function_declaration":
        name = function.child_by_field_name("name")
        package = src.root.named_children[0] if src.root.named_children else None
        if name is not None and src.text(name) == "main" and package is not None and src.text(package).split()[-1] == "main":
            return True
    body = function_body(function)
    block = next((c for c in body.named_children if c.type == "statement_list"), None) if body is not None else None
    statements = [s for s in block.named_children if s.type != "comment"] if block is not None else []
    if not statements or any(n.type == "return_statement" for n in walk(body, into_functions=False)):  # type: ignore[arg-type]
        return False
    last = statements[-1]
    if last.type == "select_statement" and clause_count(last) == 0:
        return True
    if last.type == "expression_statement" and last.named_children and last.named_children[0].type == "call_expression":
        return is_terminating_call(last.named_children[0], src)
    return last.type == "for_statement" and is_endless_loop(last, src)
