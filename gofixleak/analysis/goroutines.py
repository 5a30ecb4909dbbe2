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
    go_literal,
    in_tail_position,
    local_channel,
    may_follow,
    select_case,
    spawning_go,
)
from .evidence import declared_kind, package_declares
from .flow import (
    is_endless_loop,
    is_terminating_call,
    is_unconditional_loop,
    leaves,
    left_for_good_after,
    loop_exit,
)
from .scopes import assigned_names, declaration_of
from .tree import (
    ancestors,
    enclosing_function,
    function_body,
    is_inside,
    line,
    loops_around,
    statement_of,
    walk,
)

# ---------------------------------------------------------------- goroutine-blocked-send


@dataclass(frozen=True, slots=True)
class Sender:
    go: Node
    loops: tuple[Node, ...]  # loops around `go` that do not hold the make and can start it again, innermost first
    defer: Node | None = None  # a defer of the goroutine whose call a buffer would let run before the value is taken


@dataclass(frozen=True, slots=True)
class BlockedSend:
    channel: LocalChannel
    senders: tuple[Sender, ...]
    why: str  # how the function can stop receiving, for the message
    together: int  # how many senders outside loops can run in one call (exclusive branches count once)

    @property
    def single(self) -> bool:
        return self.together == 1 and not any(s.loops for s in self.senders)


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
        Sender(
            go,
            tuple(l for l in loops_around(go) if not is_inside(ch.statement, l) and left_for_good_after(go, l, src) is None),
            _observable_defer(go, ch, src),
        )
        for go in sorted(gos.values(), key=lambda g: g.start_byte)
    )
    sender_loops = [l for s in senders for l in s.loops]
    for r in receives:
        if r.op.start_byte < senders[0].go.end_byte or any(is_inside(r.op, l) for l in sender_loops):
            return None
    together = _together(function_body(ch.function), {s.go.id for s in senders})  # type: ignore[arg-type]
    why = _abandons(ch, senders, together, receives, src)
    return BlockedSend(ch, senders, why, together) if why else None


def _observable_defer(go: Node, ch: LocalChannel, src: SourceFile) -> Node | None:
    """A defer statement of the goroutine whose call someone may see run before the value
    is received once the channel is buffered, or None. `defer close(ch)` is safe (a
    receiver still gets the buffered value first), and so is `defer wg.Done()` when every
    `wg.Wait()` is followed right away by `close(ch)`; anything else (an Unlock, a Done
    whose Wait releases other code) is not."""
    for defer in walk(go_literal(go), into_functions=False):  # type: ignore[arg-type]
        if defer.type != "defer_statement":
            continue
        call = defer.named_children[0] if defer.named_children else None
        if call is not None and src.text(call).replace(" ", "") == f"close({ch.name})":
            continue
        group = _done_operand(defer, src)
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
    """How many of the go statements `gos` one pass through `node` can run: branches of an
    if, switch or select count as their largest (a go in a loop counts once)."""
    if node.id in gos:
        return 1
    if node.type == "func_literal":
        return 0
    if node.type == "if_statement":
        branches = [node.child_by_field_name("consequence"), node.child_by_field_name("alternative")]
        header = [c for c in node.named_children if c not in branches]
        return sum(_together(c, gos) for c in header) + max(_together(b, gos) if b is not None else 0 for b in branches)
    if node.type in {"expression_switch_statement", "type_switch_statement", "select_statement"}:
        clauses = [c for c in node.named_children if c.type in {"expression_case", "type_case", "default_case", "communication_case"}]
        header = [c for c in node.named_children if c not in clauses]
        return sum(_together(c, gos) for c in header) + max((_together(c, gos) for c in clauses), default=0)
    return sum(_together(c, gos) for c in node.named_children)


def _abandons(ch: LocalChannel, senders: tuple[Sender, ...], together: int, receives: list[Use], src: SourceFile) -> str | None:
    """How the function can stop receiving before every sender is done, or None."""
    if not receives:
        return "nothing receives from it"
    looped = any(s.loops for s in senders)
    single = together == 1 and not looped
    receive_loops = {r.ident.id: _outer_loop(r, ch) for r in receives}
    if not single and all(l is None for l in receive_loops.values()):
        # A loop may start exactly as many goroutines as there are receives; one receive
        # for a loop of them is "first answer wins".
        if len(receives) == 1 or (not looped and len(receives) < together):
            return "only the first value is received" if len(receives) == 1 else f"only {len(receives)} values are received"
    # Select cases that wait for every sender to be done (a channel closed after a
    # WaitGroup the senders' deferred Done calls release): taking one loses no value.
    finished = [c for r in receives for c in _cases_after_all_senders(r, ch, senders, src)]
    for r in receives:
        found = select_case(r.op) if r.kind is Kind.RECEIVE else None
        if found is None or clause_count(found[1]) < 2:
            continue
        case, select = found
        if all(c == case or any(c == f for f in finished) for c in _clauses(select)):
            continue
        loop = _inner_loop(select, ch)
        if loop is None or not _keeps_waiting(loop, select, case, finished, src):
            return f"the select at line {line(select, src)} can take another case"
    if single:
        horizon = receives[0].op.start_byte
    else:
        horizon = max(receive_loops[r.ident.id].end_byte if receive_loops[r.ident.id] else r.op.start_byte for r in receives)  # type: ignore[union-attr]
    for node in walk(function_body(ch.function), into_functions=False):  # type: ignore[arg-type]
        if node.type != "return_statement" or node.end_byte > horizon:
            continue
        if any(is_inside(r.op, node) for r in receives) or any(is_inside(node, c) for c in finished):
            continue
        if any(may_follow(s.go, node) or any(is_inside(node, l) for l in s.loops) for s in senders):
            before = "receiving" if single else "every value is received"
            return f"the function can return at line {line(node, src)} before {before}"
    if not single:
        for loop in {l.id: l for l in receive_loops.values() if l is not None}.values():
            for exit_node in _exits(loop.child_by_field_name("body"), loop, src, finished):  # type: ignore[arg-type]
                if not _drained(loop, exit_node, ch, receives, src):
                    return f"receiving can stop at line {line(exit_node, src)} before every value arrives"
    return None


def _clauses(select: Node) -> list[Node]:
    return [c for c in select.named_children if c.type in {"communication_case", "default_case"}]


def _exits(body: Node, loop: Node, src: SourceFile, skips: list[Node]) -> list[Node]:
    """Every return, goto, or break that ends `loop`, in `body` outside `skips`; func
    literals are not entered."""
    found = []
    for node in walk(body, into_functions=False):
        if any(is_inside(node, s) for s in skips):
            continue
        if node.type in {"return_statement", "goto_statement"} or (
            node.type in {"break_statement", "continue_statement"} and leaves(node, loop, src)
        ):
            found.append(node)
    return found


def _keeps_waiting(loop: Node, select: Node, case: Node, finished: list[Node], src: SourceFile) -> bool:
    """True when the loop around `select` goes round again whatever other case it takes:
    `for { ... }`, or `for cond { ... }` whose condition only the receiving case can change
    (`for len(out) < len(xs)`), with no other way out of the loop."""
    body = loop.child_by_field_name("body")
    if body is None or _exits(body, loop, src, [case, *finished]):
        return False
    if is_unconditional_loop(loop):
        return True
    condition = next((c for c in loop.named_children if c.type not in {"block", "comment"}), None)
    if condition is None or condition.type in {"for_clause", "range_clause"}:
        return False
    names = set()
    for node in walk(condition):
        if node.type == "call_expression":
            callee = node.child_by_field_name("function")
            if callee is None or src.text(callee) not in {"len", "cap"}:
                return False
        elif node.type == "identifier":
            names.add(src.text(node))
        elif node.type == "unary_expression" and src.text(node)[:1] in {"<", "*"}:
            return False  # a receive or a dereference: anyone may change it
    # Nothing in the body but the receiving case may change what the condition reads.
    for node in walk(body):
        if is_inside(node, case) or node.type not in {"assignment_statement", "inc_statement", "dec_statement", "short_var_declaration", "unary_expression", "range_clause"}:
            continue
        if assigned_names(node, src) & names:
            return False
    return True


def _drained(loop: Node, exit_node: Node, ch: LocalChannel, receives: list[Use], src: SourceFile) -> bool:
    """True when the values left after `exit_node` ends the receiving `loop` are still
    received: a range over the channel that runs until it is closed follows the loop, or a
    loop receiving from the channel comes just before the exit (a counted drain)."""
    for r in receives:
        if exit_node.type != "break_statement" or r.kind is not Kind.RANGE or r.op.start_byte < loop.end_byte:
            continue
        body = r.op.child_by_field_name("body")
        holder = r.op.parent
        if body is not None and not _exits(body, r.op, src, []) and holder is not None and holder.type == "statement_list" and is_inside(loop, holder):
            return True
    holder = exit_node.parent
    if holder is None or holder.type != "statement_list":
        return False
    previous = exit_node.prev_named_sibling
    while previous is not None and previous.type == "comment":
        previous = previous.prev_named_sibling
    return (
        previous is not None
        and previous.type == "for_statement"
        and any(r.kind is Kind.RECEIVE and is_inside(r.op, previous) for r in receives)
        and not _exits(previous.child_by_field_name("body"), previous, src, [])  # type: ignore[arg-type]
    )


def _cases_after_all_senders(use: Use, ch: LocalChannel, senders: tuple[Sender, ...], src: SourceFile) -> list[Node]:
    """The other cases of the select `use` receives in that receive from a local channel
    closed only after `wg.Wait()`, where every sender defers `wg.Done()`: they can only
    be taken once every sender has delivered its value."""
    found = select_case(use.op) if use.kind is Kind.RECEIVE else None
    if found is None:
        return []
    done_by = None
    for sender in senders:
        waits = {_done_operand(d, src) for d in walk(go_literal(sender.go), into_functions=False) if d.type == "defer_statement"}  # type: ignore[arg-type]
        waits.discard(None)
        done_by = waits if done_by is None else done_by & waits
    if not done_by:
        return []
    tied = []
    for case in _clauses(found[1]):
        if case == found[0] or case.type != "communication_case":
            continue
        comm = case.child_by_field_name("communication")
        receive = comm.named_children[-1] if comm is not None and comm.type == "receive_statement" and comm.named_children else comm
        if receive is None or receive.type != "unary_expression" or src.text(receive)[:2] != "<-":
            continue
        operand = receive.child_by_field_name("operand")
        if operand is not None and operand.type == "identifier" and _closed_after_wait(operand, ch, done_by, src):
            tied.append(case)
    return tied


def _done_operand(defer: Node, src: SourceFile) -> str | None:
    """`wg` for `defer wg.Done()`."""
    call = defer.named_children[0] if defer.named_children else None
    callee = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    if callee is None or callee.type != "selector_expression" or src.text(callee.child_by_field_name("field")) != "Done":  # type: ignore[arg-type]
        return None
    return src.text(callee.child_by_field_name("operand"))  # type: ignore[arg-type]


def _closed_after_wait(ident: Node, ch: LocalChannel, groups: set, src: SourceFile) -> bool:
    """True when the local channel `ident` names is closed, and only ever closed, right
    after `wg.Wait()` (in the same statement list) for a WaitGroup in `groups`, and is
    otherwise only received from."""
    decl = declaration_of(src.text(ident), ident, src)
    if decl is None or not is_inside(decl, ch.function):
        return False
    closes = 0
    for node in src.identifiers(src.text(ident)):
        if not is_inside(node, ch.function) or node == decl or declaration_of(src.text(node), node, src) != decl:
            continue
        parent = node.parent
        if parent is not None and parent.type == "unary_expression" and src.text(parent)[:2] == "<-":
            continue
        call = parent.parent if parent is not None and parent.type == "argument_list" else None
        callee = call.child_by_field_name("function") if call is not None else None
        statement = call.parent if call is not None else None
        if callee is None or src.text(callee) != "close" or statement is None or statement.type != "expression_statement":
            return False
        previous = statement.prev_named_sibling
        while previous is not None and previous.type == "comment":
            previous = previous.prev_named_sibling
        waited = previous is not None and previous.type == "expression_statement" and any(
            src.text(previous.named_children[0]) == f"{g}.Wait()" for g in groups
        )
        if not waited:
            return False
        closes += 1
    return closes > 0


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
    for sender in found.senders:
        if sender.defer is not None:
            return None, (
                f"the goroutine started at line {line(sender.go, src)} defers a call (line {line(sender.defer, src)}) that runs "
                "once its value is taken; with a buffer it would run before anyone receives the value"
            )
    again = _started_again(found, src)
    if again is not None:
        return None, again
    looped = [s for s in found.senders if s.loops]
    if not looped:
        return str(found.together), ""
    if len(found.senders) > 1:
        return None, "goroutines sending on it are started in several places, one of them in a loop"
    loops = looped[0].loops
    if len(loops) > 1:
        return None, f"the goroutines are started in nested loops (line {line(loops[-1], src)})"
    return _iterations(loops[0], found.channel, src, go)


def _started_again(found: BlockedSend, src: SourceFile) -> str | None:
    """Why a go statement may run more often than the loops around it say: a goto back
    to a label before it."""
    function = found.channel.function
    labels = {}
    for node in walk(function, into_functions=False):
        if node.type == "labeled_statement":
            name = node.child_by_field_name("label")
            if name is not None:
                labels[src.text(name)] = node
    for node in walk(function, into_functions=False):
        if node.type != "goto_statement":
            continue
        target = next((labels.get(src.text(c)) for c in node.named_children if c.type == "label_name"), None)
        for sender in found.senders:
            if target is not None and target.start_byte <= sender.go.start_byte and node.start_byte >= sender.go.end_byte:
                return f"the goto at line {line(node, src)} can start the goroutine at line {line(sender.go, src)} again"
    return None


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
    changed = _changed_elsewhere(decl, ranged, loop, kind == "len" and _may_be_map(decl, src), ch, src)
    if changed:
        return None, changed
    if kind == "len":
        measure = "len"
    elif kind == "uint":
        return name, ""
    else:
        measure = "max"
        if not go.at_least(1, 21):
            return None, f"{name} may be negative and the max builtin needs go 1.21"
    declared = package_declares(src, measure)
    if declared is None:
        return None, f"cannot tell whether another file of the package declares `{measure}` (a file of the directory cannot be read, or a dot import)"
    if declared or declaration_of(measure, ch.make, src) is not None:
        return None, f"`{measure}` is declared in this package or file"
    return (f"len({name})" if measure == "len" else f"max({name}, 0)"), ""


def _changed_elsewhere(decl: Node, ranged: Node, loop: Node, map_like: bool, ch: LocalChannel, src: SourceFile) -> str | None:
    """Why the ranged variable may be larger in the loop than where the channel is made:
    its address is taken, a function literal assigns it, or (for what may be a map) it is
    copied to another variable anywhere, or written to or passed on inside the loop or a
    function literal (a range over a map may visit entries added meanwhile)."""
    name = src.text(decl)
    for node in src.identifiers(name):
        if node == decl or node == ranged or not is_inside(node, ch.function) or declaration_of(name, node, src) != decl:
            continue
        parent = node.parent
        at = line(node, src)
        if parent is not None and parent.type == "unary_expression" and src.text(parent)[:1] == "&":
            return f"the address of {name} is taken at line {at}, so it may change through a pointer"
        in_literal = enclosing_function(node) != ch.function
        if in_literal and name in assigned_names(statement_of(node), src):
            return f"{name} is assigned in a function literal at line {at}"
        if not map_like:
            continue
        copied = parent is not None and parent.type in {"expression_list", "literal_element", "keyed_element"}
        if not copied and not in_literal and not is_inside(node, loop):
            continue
        if parent is not None and parent.type == "range_clause" and parent.child_by_field_name("right") == node:
            continue
        if parent is not None and parent.type == "index_expression" and parent.child_by_field_name("operand") == node:
            holder = parent.parent
            written = holder is not None and (
                holder.type in {"inc_statement", "dec_statement"}
                or (holder.type == "expression_list" and holder.parent is not None
                    and holder.parent.type == "assignment_statement" and holder.parent.child_by_field_name("left") == holder)
            )
            if not written:
                continue
        elif parent is not None and parent.type == "argument_list" and parent.parent is not None:
            callee = parent.parent.child_by_field_name("function")
            if callee is not None and src.text(callee) in {"len", "cap", "delete"}:
                continue
        return f"{name} may be a map that gets new entries (line {at}), and a range over a map may visit them"
    return None


def _may_be_map(decl: Node, src: SourceFile) -> bool:
    """False when the declaration shows a slice, array or string; True otherwise."""
    parent = decl.parent
    kind = None
    if parent is not None and parent.type in {"parameter_declaration", "var_spec"}:
        kind = parent.child_by_field_name("type")
        if kind is None and parent.type == "var_spec":
            values = parent.child_by_field_name("value")
            kind = values.named_children[0] if values is not None and len(values.named_children) == 1 else None
    elif parent is not None and parent.type == "variadic_parameter_declaration":
        return False
    elif parent is not None and parent.type == "expression_list" and parent.parent is not None and parent.parent.type == "short_var_declaration":
        values = parent.parent.child_by_field_name("right")
        if values is not None and len(values.named_children) == len(parent.named_children):
            kind = values.named_children[[n.id for n in parent.named_children].index(decl.id)]
    if kind is None:
        return True
    if kind.type == "composite_literal":
        kind = kind.child_by_field_name("type")
    elif kind.type == "call_expression":
        args = kind.child_by_field_name("arguments")
        kind = args.named_children[0] if args is not None and args.named_children else None
    elif kind.type in {"interpreted_string_literal", "raw_string_literal"}:
        return False
    if kind is None:
        return True
    if kind.type in {"slice_type", "array_type", "implicit_length_array_type"}:
        return False
    return not (kind.type == "type_identifier" and src.text(kind) == "string")


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
    early_return: Node | None = None  # the return that skips the only close, if that is how


def blocked_receives(make: Node, src: SourceFile) -> list[BlockedReceive]:
    """Goroutines started by the function that made a channel, waiting on it for a close
    (ranging) or a value that no code in the function ever provides; and goroutines
    ranging over it when the function closes it, but can return before."""
    ch = local_channel(make, src)
    uses = channel_uses(ch, src) if ch is not None else None
    if ch is None or uses is None or any(u.kind is Kind.OTHER for u in uses):
        return []
    if _never_returns(ch.function, src):
        return []
    closes = [u for u in uses if u.kind is Kind.CLOSE]
    early = _returns_before_close(ch, closes, src) if closes else []
    if closes and not early:
        return []
    sends = any(u.kind is Kind.SEND for u in uses)
    found: dict[int, BlockedReceive] = {}
    for use in uses:
        go = _goroutine_of(use.ident, ch.function)
        if go is None or go.id in found:
            continue
        if early:
            # Closed on the way out, but not on every way: only ranging goroutines
            # started before an early return wait for a close that never comes.
            body = use.op.child_by_field_name("body") if use.kind is Kind.RANGE else None
            after = next((r for r in early if may_follow(go, r)), None)
            if body is not None and after is not None and loop_exit(body, use.op, src) is None:
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


def _returns_before_close(ch: LocalChannel, closes: list[Use], src: SourceFile) -> list[Node]:
    """The returns of the function itself that come before every close of the channel,
    when each close is a plain statement of the function (not deferred, not in a
    goroutine or a func literal); else none."""
    for close in closes:
        statement = close.op.parent
        if close.function != ch.function or statement is None or statement.type != "expression_statement":
            return []
        if any(a.type == "defer_statement" for a in ancestors(close.op)):
            return []
    first_close = min(c.op.start_byte for c in closes)
    return [
        node for node in walk(function_body(ch.function), into_functions=False)  # type: ignore[arg-type]
        if node.type == "return_statement" and ch.statement.end_byte <= node.start_byte < first_close
    ]


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
