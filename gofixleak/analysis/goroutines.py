"""Verdicts on goroutines around a local channel: a sender that can be left blocked after
the function stops waiting, and a receiver nobody ever releases."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from ..gomod import GoVersion
from ..model import Edit
from ..source import SourceFile
from .channels import (
    Kind,
    LocalChannel,
    Use,
    channel_uses,
    clause_count,
    in_tail_position,
    local_channel,
    may_follow,
    select_case,
    spawning_go,
)
from .evidence import declared_kind, file_declares
from .flow import is_endless_loop, is_unconditional_loop, loop_exit
from .scopes import declaration_of
from .tree import (
    ancestors,
    enclosing_function,
    function_body,
    is_inside,
    line,
    loops_around,
    walk,
)

# ---------------------------------------------------------------- goroutine-blocked-send


@dataclass(frozen=True, slots=True)
class Sender:
    go: Node
    loops: tuple[Node, ...]  # loops around `go` that do not hold the make, innermost first


@dataclass(frozen=True, slots=True)
class BlockedSend:
    channel: LocalChannel
    senders: tuple[Sender, ...]
    why: str  # how the function can stop receiving, for the message

    @property
    def single(self) -> bool:
        return len(self.senders) == 1 and not self.senders[0].loops


def blocked_send(make: Node, src: SourceFile) -> BlockedSend | None:
    """Goroutines that send at most once each on an unbuffered local channel whose only
    receiver, the function that made it, can stop receiving before every value arrives."""
    ch = local_channel(make, src)
    uses = channel_uses(ch, src) if ch is not None and ch.unbuffered else None
    if ch is None or uses is None:
        return None
    gos: dict[int, Node] = {}
    receives: list[Use] = []
    for use in uses:
        if use.kind in {Kind.OTHER, Kind.LENGTH}:
            return None
        if use.kind is Kind.CLOSE:
            continue
        if use.function == ch.function:
            if use.kind is Kind.SEND:
                return None  # the function sends itself: buffering would change when it blocks
            receives.append(use)
            continue
        go = spawning_go(use.function)
        if go is None or enclosing_function(go) != ch.function or use.kind is not Kind.SEND:
            return None
        # At most one send per run: each is the goroutine's last act, outside loops and selects.
        if loops_around(use.op) or use.op.parent.type == "communication_case" or not in_tail_position(use.op, use.function):
            return None
        gos[go.id] = go
    if not gos:
        return None
    senders = tuple(
        Sender(go, tuple(l for l in loops_around(go) if not is_inside(ch.statement, l)))
        for go in sorted(gos.values(), key=lambda g: g.start_byte)
    )
    sender_loops = [l for s in senders for l in s.loops]
    for r in receives:
        if r.op.start_byte < senders[0].go.end_byte or any(is_inside(r.op, l) for l in sender_loops):
            return None
    why = _abandons(ch, senders, receives, src)
    return BlockedSend(ch, senders, why) if why else None


def _abandons(ch: LocalChannel, senders: tuple[Sender, ...], receives: list[Use], src: SourceFile) -> str | None:
    """How the function can stop receiving before every sender is done, or None."""
    if not receives:
        return "nothing receives from it"
    single = len(senders) == 1 and not senders[0].loops
    receive_loops = {r.ident.id: _outer_loop(r, ch) for r in receives}
    if not single and all(l is None for l in receive_loops.values()):
        # A loop may start exactly as many goroutines as there are receives; one receive
        # for a loop of them is "first answer wins".
        known = not any(s.loops for s in senders)
        if len(receives) == 1 or (known and len(receives) < len(senders)):
            return "only the first value is received" if len(receives) == 1 else f"only {len(receives)} values are received"
    for r in receives:
        found = select_case(r.op) if r.kind is Kind.RECEIVE else None
        if found is None or clause_count(found[1]) < 2:
            continue
        case, select = found
        loop = _inner_loop(select, ch)
        body = loop.child_by_field_name("body") if loop is not None else None
        if loop is None or body is None or not is_unconditional_loop(loop) or loop_exit(body, loop, src, skip=case):
            return f"the select at line {line(select, src)} can take another case"
    if single:
        horizon = receives[0].op.start_byte
    else:
        horizon = max(receive_loops[r.ident.id].end_byte if receive_loops[r.ident.id] else r.op.start_byte for r in receives)  # type: ignore[union-attr]
    for node in walk(function_body(ch.function), into_functions=False):  # type: ignore[arg-type]
        if node.type != "return_statement" or node.end_byte > horizon:
            continue
        if any(is_inside(r.op, node) for r in receives):
            continue
        if any(may_follow(s.go, node) or any(is_inside(node, l) for l in s.loops) for s in senders):
            before = "receiving" if single else "every value is received"
            return f"the function can return at line {line(node, src)} before {before}"
    if not single:
        for loop in {l.id: l for l in receive_loops.values() if l is not None}.values():
            exit_node = loop_exit(loop.child_by_field_name("body"), loop, src)  # type: ignore[arg-type]
            if exit_node is not None:
                return f"receiving can stop at line {line(exit_node, src)} before every value arrives"
    return None


def _outer_loop(use: Use, ch: LocalChannel) -> Node | None:
    """The outermost loop that repeats a receive (for a range over the channel, at least
    that loop) within the channel's lifetime."""
    loops = [use.op] if use.kind is Kind.RANGE else []
    loops += [l for l in loops_around(use.op) if not is_inside(ch.statement, l)]
    return loops[-1] if loops else None


def _inner_loop(node: Node, ch: LocalChannel) -> Node | None:
    loops = [l for l in loops_around(node) if not is_inside(ch.statement, l)]
    return loops[0] if loops else None


def sender_capacity(found: BlockedSend, src: SourceFile, go: GoVersion) -> tuple[str | None, str]:
    """The buffer that lets every sender finish (text to put in the make call), or None and
    why it cannot be written where the channel is made."""
    looped = [s for s in found.senders if s.loops]
    if not looped:
        return str(len(found.senders)), ""
    if len(found.senders) > 1:
        return None, "goroutines sending on it are started in several places, one of them in a loop"
    loops = looped[0].loops
    if len(loops) > 1:
        return None, f"the goroutines are started in nested loops (line {line(loops[-1], src)})"
    return _iterations(loops[0], found.channel, src, go)


def _iterations(loop: Node, ch: LocalChannel, src: SourceFile, go: GoVersion) -> tuple[str | None, str]:
    """An expression, valid at the make, for how many times `loop` runs its body at most."""
    where = f"the loop at line {line(loop, src)}"
    clause = next((c for c in loop.named_children if c.type == "range_clause"), None)
    ranged = clause.child_by_field_name("right") if clause is not None else None
    if ranged is None:
        return None, f"{where} is not a range loop, so the number of goroutines is not known where {ch.name} is made"
    if ranged.type == "int_literal":
        return src.text(ranged), ""
    if ranged.type != "identifier":
        return None, f"{where} ranges over `{src.text(ranged)}`, not a variable that can be measured where {ch.name} is made"
    name = src.text(ranged)
    decl = declaration_of(name, ranged, src)
    if decl is None or not is_inside(decl, ch.function):
        return None, f"{name} is not declared in this function, so it may change before the loop"
    if declaration_of(name, ch.make, src) != decl:
        return None, f"{name} is declared after {ch.name} is made"
    kind = declared_kind(decl, src)
    if kind is None:
        return None, f"cannot tell whether {name} is a slice, array, map, string or integer"
    for node in walk(ch.function):
        if node.type == "identifier" and ch.make.end_byte <= node.start_byte < ranged.start_byte and src.text(node) == name:
            return None, f"{name} is used between the make (line {line(ch.make, src)}) and {where}, so its size may change"
    if kind == "len":
        measure = "len"
    elif kind == "uint":
        return name, ""
    else:
        measure = "max"
        if not go.at_least(1, 21):
            return None, f"{name} may be negative and the max builtin needs go 1.21"
    if file_declares(src, measure) or declaration_of(measure, ch.make, src) is not None:
        return None, f"`{measure}` is redeclared in this file"
    return (f"len({name})" if measure == "len" else f"max({name}, 0)"), ""


def capacity_edit(ch: LocalChannel, capacity: str, src: SourceFile) -> Edit | None:
    """Give the make call `capacity`; None when the call is laid out across lines."""
    args = ch.make.child_by_field_name("arguments")
    if args is None or "\n" in src.text(args):
        return None
    if ch.capacity is not None:
        return Edit.replace(ch.capacity.start_byte, ch.capacity.end_byte, capacity.encode())
    chan_type = next(a for a in args.named_children if a.type == "channel_type")
    if src.data[chan_type.end_byte : args.end_byte - 1].strip():
        return None  # a trailing comma or comment
    return Edit.insert(chan_type.end_byte, f", {capacity}".encode())


# ---------------------------------------------------------------- goroutine-blocked-receive


@dataclass(frozen=True, slots=True)
class BlockedReceive:
    channel: LocalChannel
    go: Node
    ranges: bool  # True: ranges over the channel; False: waits for one value


def blocked_receives(make: Node, src: SourceFile) -> list[BlockedReceive]:
    """Goroutines started by the function that made a channel, waiting on it for a close
    (ranging) or a value that no code in the function ever provides."""
    ch = local_channel(make, src)
    uses = channel_uses(ch, src) if ch is not None else None
    if ch is None or uses is None or any(u.kind in {Kind.OTHER, Kind.CLOSE} for u in uses):
        return []
    if _never_returns(ch.function, src):
        return []
    sends = any(u.kind is Kind.SEND for u in uses)
    found: dict[int, BlockedReceive] = {}
    for use in uses:
        go = _goroutine_of(use.ident, ch.function)
        if go is None or go.id in found:
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
    """`func main` of package main, or a body ending in `select {}` or an endless loop."""
    if function.type == "function_declaration":
        name = function.child_by_field_name("name")
        package = src.root.named_children[0] if src.root.named_children else None
        if name is not None and src.text(name) == "main" and package is not None and src.text(package).split()[-1] == "main":
            return True
    body = function_body(function)
    block = next((c for c in body.named_children if c.type == "statement_list"), None) if body is not None else None
    statements = [s for s in block.named_children if s.type != "comment"] if block is not None else []
    if not statements:
        return False
    last = statements[-1]
    if last.type == "select_statement" and clause_count(last) == 0:
        return True
    return last.type == "for_statement" and is_endless_loop(last, src)
