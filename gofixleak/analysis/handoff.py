"""Channels handed to functions of the package: what `worker(ch)` or `go worker(ch)` does
with the channel, read from the callee's body (any file of the package), so the goroutine
rules can judge a named worker as they judge an inline func literal.

A summary is given only when every use of the parameter in the callee is one these
helpers model: a send, a receive, a range, a close, or a pass to another function of the
package (followed one more level). Anything else (stored, returned, captured by a func
literal, passed out of the package) gives no summary, and the rules stay quiet."""

from __future__ import annotations

from dataclasses import dataclass, replace

from tree_sitter import Node

from ..source import SourceFile
from .channels import Kind, Use, _classify, _declares, clause_count, in_tail_position, select_case
from .flow import loop_exit
from .imports import Imports
from .lending import Callee, lent
from .tree import enclosing_function, function_body, loops_around, walk

_DEPTH = 2  # the callee, and one function it passes the channel on to


@dataclass(frozen=True, slots=True)
class Handling:
    """What a function does with a channel parameter, over one call."""

    shown: str  # the callee as the call names it
    ranges: bool = False  # ranges over it with no other way out of the loop
    leaves_range: bool = False  # ranges over it but the loop can end early
    receives: int = 0  # receives that are not a select case beside others
    sends: int | None = 0  # most sends one call makes; None when a loop sends
    tail_send: bool = False  # exactly one send, the function's last act
    guarded: bool = False  # a send or receive is a select case beside another case
    closes: bool = False
    defers: bool = False  # defers a call other than closing the channel

    @property
    def receiving(self) -> bool:
        return self.ranges or self.leaves_range or self.receives > 0


def resolve(uses: list[Use], src: SourceFile) -> list[Use]:
    """`uses` with each plain call argument (`worker(ch)`, `go worker(ch)`) replaced by a
    HANDED use carrying what the callee does with it, when that can be told."""
    resolved = []
    for use in uses:
        if use.kind is Kind.OTHER:
            found = _handed_call(use.ident)
            if found is not None:
                call, go = found
                handling = summarise(call, use.ident, src)
                if handling is not None:
                    use = Use(Kind.HANDED, use.ident, call, use.function, go, handling)
        resolved.append(use)
    return resolved


def _handed_call(ident: Node) -> tuple[Node, Node | None] | None:
    """(call, go statement or None) when `ident` is an argument of a call run now or as a
    goroutine (a deferred call runs at another time: None)."""
    arguments = ident.parent
    call = arguments.parent if arguments is not None and arguments.type == "argument_list" else None
    holder = call.parent if call is not None and call.type == "call_expression" else None
    if holder is None or holder.type == "defer_statement":
        return None
    return call, holder if holder.type == "go_statement" else None  # type: ignore[return-value]


def summarise(call: Node, argument: Node, src: SourceFile, depth: int = 1) -> Handling | None:
    """What the function `call` names does with the channel `argument`; None when it is
    not a function of the package or uses the channel in a way not modelled."""
    target = lent(call, argument, src, Imports(src))
    if not isinstance(target, Callee):
        return None
    function, file = target.function.node, target.function.file
    callee_src = file.src
    body = function_body(function)
    if body is None or body.has_error or target.parameter.type != "identifier":
        return None
    name = callee_src.text(target.parameter)
    handling = Handling(target.shown)
    sends: list[Node] = []
    for node in walk(body):
        if node.type != "identifier" or callee_src.text(node) != name:
            continue
        if _declares(node):
            return None  # shadowed somewhere: a use could name another variable
        if enclosing_function(node) != function:
            return None  # a func literal (a goroutine of the callee) holds it
        kind, op = _classify(node, callee_src)
        if kind is Kind.SEND:
            if op.parent is not None and op.parent.type == "communication_case" and clause_count(op.parent.parent) > 1:
                handling = replace(handling, guarded=True)
            sends.append(op)
        elif kind is Kind.RECEIVE:
            selected = select_case(op)
            if selected is not None and clause_count(selected[1]) > 1:
                handling = replace(handling, guarded=True)
            else:
                handling = replace(handling, receives=handling.receives + 1)
        elif kind is Kind.RANGE:
            loop_body = op.child_by_field_name("body")
            if loop_body is not None and loop_exit(loop_body, op, callee_src) is None:
                handling = replace(handling, ranges=True)
            else:
                handling = replace(handling, leaves_range=True)
        elif kind is Kind.CLOSE:
            handling = replace(handling, closes=True)
        elif kind is Kind.LENGTH:
            continue
        else:
            found = _handed_call(node)
            if found is None or found[1] is not None or depth >= _DEPTH:
                return None
            inner = summarise(found[0], node, callee_src, depth + 1)
            if inner is None or inner.defers:
                return None
            handling = _then(handling, inner)
    handling = replace(handling, defers=_defers_other_than_close(body, name, callee_src))
    if sends:
        count = None if any(loops_around(s) for s in sends) else most_of(body, {s.id for s in sends})
        total = None if count is None or handling.sends is None else handling.sends + count
        tail = len(sends) == 1 and handling.sends == 0 and in_tail_position(sends[0], function)
        handling = replace(handling, sends=total, tail_send=tail)
    return handling


def _then(first: Handling, second: Handling) -> Handling:
    """Both handlings, one after the other."""
    sends = None if first.sends is None or second.sends is None else first.sends + second.sends
    return replace(
        first,
        ranges=first.ranges or second.ranges,
        leaves_range=first.leaves_range or second.leaves_range,
        receives=first.receives + second.receives,
        sends=sends,
        tail_send=False,
        guarded=first.guarded or second.guarded,
        closes=first.closes or second.closes,
    )


def _defers_other_than_close(body: Node, name: str, src: SourceFile) -> bool:
    for node in walk(body, into_functions=False):
        if node.type == "defer_statement" and src.text(node).replace(" ", "") != f"deferclose({name})":
            return True
    return False


def most_of(node: Node, targets: set[int]) -> int:
    """How many of the statements `targets` one pass through `node` can run: branches of
    an if, switch or select count as their largest, a loop counts once, func literals
    are not entered."""
    if node.id in targets:
        return 1
    if node.type == "func_literal":
        return 0
    if node.type == "if_statement":
        branches = [node.child_by_field_name("consequence"), node.child_by_field_name("alternative")]
        header = [c for c in node.named_children if c not in branches]
        return sum(most_of(c, targets) for c in header) + max(most_of(b, targets) if b is not None else 0 for b in branches)
    if node.type in {"expression_switch_statement", "type_switch_statement", "select_statement"}:
        clauses = [c for c in node.named_children if c.type in {"expression_case", "type_case", "default_case", "communication_case"}]
        header = [c for c in node.named_children if c not in clauses]
        return sum(most_of(c, targets) for c in header) + max((most_of(c, targets) for c in clauses), default=0)
    return sum(most_of(c, targets) for c in node.named_children)
