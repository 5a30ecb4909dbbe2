"""Goroutines that send on a local channel at most once each, and the verdict on them:
which can be left blocked because the function that made the channel stops receiving."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from ..source import SourceFile
from .abandon import abandons, done_operand
from .channels import (
    Kind,
    LocalChannel,
    Use,
    channel_uses,
    go_literal,
    local_channel,
    spawning_go,
)
from .cfg import build
from . import handoff
from .flow import left_for_good_after
from .handoff import Handling, most_of
from .imports import Imports
from .paths import Site, Subject, lost_on_paths
from .send_count import UNBOUNDED, most_sends, only_hand_off_after
from .tree import enclosing_function, function_body, is_inside, loops_around, walk


@dataclass(frozen=True, slots=True)
class Sender:
    go: Node
    loops: tuple[Node, ...]  # loops around `go` that do not hold the make and can start it again, innermost first
    defer: Node | None = None  # a defer of the goroutine whose call a buffer would let run before the value is taken
    sends: int = 1  # most values one run sends; UNBOUNDED when a loop sends


@dataclass(frozen=True, slots=True)
class BlockedSend:
    channel: LocalChannel
    senders: tuple[Sender, ...]
    why: str  # how the function can stop receiving, for the message
    together: int  # how many senders outside loops can run in one call (exclusive branches count once)
    # Every way out that skips the receive fails the test (t.Fatal, require.*): the goroutine
    # is only left behind by a test that has already failed.
    failing_only: bool = False


def blocked_send(make: Node, src: SourceFile) -> BlockedSend | None:
    """Goroutines that send at most once each on an unbuffered local channel whose only
    receiver, the function that made it, can stop receiving before every value arrives."""
    ch = local_channel(make, src)
    uses = channel_uses(ch, src) if ch is not None and ch.unbuffered else None
    if ch is None or uses is None:
        return None
    gos: dict[int, Node] = {}
    sends_of: dict[int, list[Node]] = {}  # the sends of each inline goroutine, by go statement
    counts: dict[int, int | None] = {}  # values one run of each goroutine sends
    receives: list[Use] = []
    for use in handoff.resolve(uses, src):
        if use.kind in {Kind.OTHER, Kind.LENGTH}:
            return None
        if use.kind is Kind.CLOSE:
            continue
        if use.kind is Kind.HANDED:
            handling: Handling = use.handling  # type: ignore[assignment]
            if handling.guarded or handling.defers:
                return None  # it can give up too, or a buffer would change when its defers run
            if use.go is None:  # a call of the function itself: its receives happen here
                if handling.sends != 0 or handling.leaves_range or handling.closes or not handling.receiving:
                    return None
                receives.append(use)
                continue
            if enclosing_function(use.go) != ch.function or handling.receiving or handling.closes or handling.sends == 0:
                return None
            gos[use.go.id] = use.go
            counts[use.go.id] = UNBOUNDED if handling.sends is None else handling.sends
            continue
        if use.function == ch.function:
            if use.kind is Kind.SEND:
                return None  # the function sends itself: buffering would change when it blocks
            receives.append(use)
            continue
        go = spawning_go(use.function)
        if go is None or enclosing_function(go) != ch.function or use.kind is not Kind.SEND:
            return None
        # Sends outside selects, followed by nothing but more sends, close and return.
        if use.op.parent.type == "communication_case" or not only_hand_off_after(use.op, use.function, ch.name, src):
            return None
        gos[go.id] = go
        sends_of.setdefault(go.id, []).append(use.op)
    if not gos:
        return None
    for go_id, sends in sends_of.items():
        counts[go_id] = most_sends(go_literal(gos[go_id]), sends, src)  # type: ignore[arg-type]
        if counts[go_id] is None:
            return None
    senders = tuple(
        Sender(
            go,
            tuple(l for l in loops_around(go) if not is_inside(ch.statement, l) and left_for_good_after(go, l, src) is None),
            _observable_defer(go, ch, src),
            counts[go.id],  # type: ignore[arg-type]
        )
        for go in sorted(gos.values(), key=lambda g: g.start_byte)
    )
    if any(r.kind is Kind.HANDED for r in receives) and (len(senders) > 1 or senders[0].loops or senders[0].sends != 1):
        return None  # a helper receiving for the function is judged for one value only
    sender_loops = [l for s in senders for l in s.loops]
    for r in receives:
        if r.op.start_byte < senders[0].go.end_byte or any(is_inside(r.op, l) for l in sender_loops):
            return None
    together = _together(function_body(ch.function), {s.go.id for s in senders})  # type: ignore[arg-type]
    why = abandons(ch, senders, together, receives, src)
    failing_only = False
    if together == 1 and len(senders) == 1 and not senders[0].loops:
        lost = _unreceived_path(ch, senders[0], receives, src)
        if not lost:
            if senders[0].sends == 1:
                why = None  # every path from the go statement receives after all
        else:
            # (a goroutine sending several values may also leak on paths that receive once)
            failing_only = all(site.kind == "call" for site in lost) and (senders[0].sends == 1 or not why)
            if not why and failing_only:  # t.Fatal, require.*: a failing test leaves too
                why = f"the function can leave at {lost[0].describe(src)} before receiving"
    return BlockedSend(ch, senders, why, together, failing_only) if why else None


def _unreceived_path(ch: LocalChannel, sender: Sender, receives: list[Use], src: SourceFile) -> list[Site]:
    """For one goroutine sending once: where the function can leave without receiving, on
    its control-flow graph (a return, or a failing test), or None when every path from the
    go statement receives (`return <-ch` after a select that timed out)."""
    graph = build(ch.function, src, Imports(src))
    if graph is None:
        return []  # a body that does not parse gets no verdict
    events: dict[int, str] = {}
    for r in receives:
        op = r.op
        if r.kind is Kind.RANGE:
            clause = next((c for c in op.named_children if c.type == "range_clause"), None)
            op = clause.child_by_field_name("right") if clause is not None else op  # type: ignore[assignment]
        located = graph.locate(op)
        if located is not None:
            events[located[0].nodes[located[1]].id] = "release"
    body = function_body(ch.function)
    scope = next((c for c in body.named_children if c.type == "statement_list"), body)  # type: ignore[union-attr]
    subject = Subject(sender.go, scope, lambda node: events.get(node.id), frozenset(), None,
                      lost_at_calls=frozenset({"goexit"}))
    verdict = lost_on_paths(graph, subject, src)
    return verdict.leaks if verdict is not None else []


def _observable_defer(go: Node, ch: LocalChannel, src: SourceFile) -> Node | None:
    """A defer statement of the goroutine whose call someone may see run before the value
    is received once the channel is buffered, or None. `defer close(ch)` is safe (a
    receiver still gets the buffered value first), and so is `defer wg.Done()` when every
    `wg.Wait()` is followed right away by `close(ch)`; anything else (an Unlock, a Done
    whose Wait releases other code) is not."""
    literal = go_literal(go)
    if literal is None:
        return None  # a named worker: its defers were judged with its handling
    for defer in walk(literal, into_functions=False):
        if defer.type != "defer_statement":
            continue
        call = defer.named_children[0] if defer.named_children else None
        if call is not None and src.text(call).replace(" ", "") == f"close({ch.name})":
            continue
        group = done_operand(defer, src)
        if group is None or not _waits_only_to_close(group, ch, src):
            return defer
    return None


def _waits_only_to_close(group: str, ch: LocalChannel, src: SourceFile) -> bool:
    """True when every `group.Wait()` of the function is a statement followed right away
    by `close(ch)`, and there is one."""
    waits = 0
    for call in src.nodes_of("call_expression"):
        if not is_inside(call, ch.function) or src.text(call).replace(" ", "") != f"{group}.Wait()":
            continue
        statement = call.parent
        following = statement.next_named_sibling if statement is not None and statement.type == "expression_statement" else None
        while following is not None and following.type == "comment":
            following = following.next_named_sibling
        if following is None or src.text(following).replace(" ", "") != f"close({ch.name})":
            return False
        waits += 1
    return waits > 0


def _together(node: Node, gos: set[int]) -> int:
    """How many of the go statements `gos` one pass through `node` can run: branches of
    an if, switch or select count as their largest (a go in a loop counts once)."""
    return most_of(node, gos)
