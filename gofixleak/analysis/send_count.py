"""How many values one run of a sending goroutine puts on a channel: the most sends on any
path through its control-flow graph, or unbounded when a loop sends."""

from __future__ import annotations

from tree_sitter import Node

from ..source import SourceFile
from .cfg import Block, build
from .imports import Imports
from .tree import has_goto, loops_around

UNBOUNDED = -1


def most_sends(function: Node, sends: list[Node], src: SourceFile) -> int | None:
    """The most of the send statements `sends` (of `function`, not of a nested literal)
    one run of `function` can execute: UNBOUNDED when one is in a loop (unless a return
    follows it right away: it then ends the run); None when the
    graph cannot be built or a goto may go round again."""
    if any(loops_around(s) and not _ends_run(s) for s in sends):
        return UNBOUNDED
    graph = build(function, src, Imports(src))
    if graph is None or has_goto(function, src):
        return None
    ids = {s.id for s in sends}
    best: dict[int, int] = {}
    on_stack: set[int] = set()

    def longest(block: Block) -> int:
        if block.index in best:
            return best[block.index]
        if block.index in on_stack:
            return 0  # a loop without sends adds nothing
        on_stack.add(block.index)
        own = sum(1 for n in block.nodes if n.id in ids)
        onward = 0 if block.exit is not None and not block.exit.conditional else max((longest(s) for s in block.succs), default=0)
        on_stack.discard(block.index)
        best[block.index] = own + onward
        return own + onward

    return longest(graph.entry)


def _ends_run(send: Node) -> bool:
    """True when the statement right after `send` is a return."""
    following = send.next_named_sibling
    while following is not None and following.type == "comment":
        following = following.next_named_sibling
    return following is not None and following.type == "return_statement"


def only_hand_off_after(send: Node, function: Node, channel: str, src: SourceFile) -> bool:
    """True when nothing but more sends on `channel`, `close(channel)` and returns can run
    after `send` in `function`: the goroutine does no work that relies on the value having
    been taken (a buffer would let that work run before anyone receives). Inside a loop
    only what follows the send in the loop and after the loop is looked at: such sends
    are unbounded and get no buffer anyway."""
    node = send
    while node != function:
        parent = node.parent
        if parent is None:
            return False
        if parent.child_by_field_name("initializer") == node:
            return False
        if parent.type == "statement_list":
            sibling = node.next_named_sibling
            while sibling is not None:
                if sibling.type != "comment" and not _hand_off(sibling, channel, src):
                    return False
                if sibling.type == "return_statement":
                    return True  # nothing after it runs
                sibling = sibling.next_named_sibling
        node = parent
    return True


def _hand_off(statement: Node, channel: str, src: SourceFile) -> bool:
    """A send on `channel`, `close(channel)` or a return of plain values, possibly inside
    an if whose branches hold only those."""
    if statement.type == "send_statement":
        target = statement.child_by_field_name("channel")
        return target is not None and src.text(target) == channel
    if statement.type == "return_statement":
        return not any(n.type == "call_expression" for n in statement.named_children)
    if statement.type == "expression_statement":
        return src.text(statement).replace(" ", "") == f"close({channel})"
    if statement.type == "if_statement":
        branches = [statement.child_by_field_name("consequence"), statement.child_by_field_name("alternative")]
        for branch in branches:
            if branch is None:
                continue
            inner = branch.named_children
            if branch.type == "block":
                lists = [c for c in inner if c.type == "statement_list"]
                inner = lists[0].named_children if lists else []
            elif branch.type == "if_statement":
                inner = [branch]
            if not all(c.type == "comment" or _hand_off(c, channel, src) for c in inner):
                return False
        return True
    return False
