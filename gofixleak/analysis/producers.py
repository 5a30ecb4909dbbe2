"""Producer goroutines with no way out: a function makes a channel, starts a goroutine
that feeds it, and returns it; the goroutine's bare sends block forever once the caller
stops reading, because nothing tells it the caller has gone (no done channel, no context)."""

from __future__ import annotations

from tree_sitter import Node

from ..source import SourceFile
from . import handoff
from .channels import Kind, LocalChannel, channel_uses, clause_count, local_channel, spawning_go
from .handoff import Handling
from .send_count import UNBOUNDED, most_sends
from .tree import enclosing_function


def stuck_sends(make: Node, src: SourceFile) -> tuple[LocalChannel, list[Node]] | None:
    """The channel and the producer's sends that have no other way out (for a named
    producer, `go produce(ch)`, its go statement), when the function that made the channel
    returns it and a goroutine it starts is the only sender; None when the shape does not
    match or every send can give up."""
    ch = local_channel(make, src)
    uses = channel_uses(ch, src) if ch is not None else None
    if ch is None or uses is None or ch.function.child_by_field_name("result") is None:
        return None
    returned, guarded = False, False
    sends: dict[int, list[Node]] = {}
    literals: dict[int, Node] = {}
    for use in handoff.resolve(uses, src):
        if use.kind in {Kind.CLOSE, Kind.LENGTH}:
            continue
        if use.kind is Kind.HANDED:
            handling: Handling = use.handling  # type: ignore[assignment]
            if use.go is None or enclosing_function(use.go) != ch.function or handling.receiving or handling.sends == 0:
                return None
            if handling.guarded:
                guarded = True
            else:
                sends.setdefault(use.go.id, []).append(use.go)  # a named producer: reported on its go statement
            continue
        if use.kind is Kind.OTHER:
            if _returned(use.ident, ch.function):
                returned = True
                continue
            return None
        if use.kind is not Kind.SEND:
            return None  # the function or its goroutine also receives: not a plain producer
        go = spawning_go(use.function)
        if go is None or enclosing_function(go) != ch.function:
            return None
        case = use.op.parent
        if case is not None and case.type == "communication_case" and clause_count(case.parent) > 1:  # type: ignore[arg-type]
            guarded = True
            continue
        sends.setdefault(go.id, []).append(use.op)
        literals[go.id] = use.function
    if not returned or guarded or not sends:
        return None
    if ch.capacity is not None and ch.capacity.type == "int_literal" and len(literals) == len(sends):
        room = int(src.text(ch.capacity), 0)
        counts = [most_sends(literals[g], s, src) for g, s in sends.items()]
        if len(counts) == 1 and counts[0] is not None and counts[0] != UNBOUNDED and counts[0] <= room:
            return None  # the buffer takes every value: the goroutine never blocks
    return ch, sorted((s for group in sends.values() for s in group), key=lambda n: n.start_byte)


def _returned(ident: Node, function: Node) -> bool:
    """True when `ident` is a result of a return statement of `function` itself."""
    values = ident.parent
    statement = values.parent if values is not None and values.type == "expression_list" else None
    return statement is not None and statement.type == "return_statement" and enclosing_function(statement) == function
