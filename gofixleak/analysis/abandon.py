"""How the function that made a channel can stop receiving before every sender has
delivered: too few receives, or a select, return or loop exit that gives up early."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from ..source import SourceFile
from .channels import (
    Kind,
    LocalChannel,
    Use,
    clause_count,
    go_literal,
    may_follow,
    select_case,
)
from .endless import is_unconditional_loop
from .jumps import leaves
from .scopes import assigned_names, declaration_of
from .tree import function_body, is_inside, line, loops_around, walk

if TYPE_CHECKING:
    from .senders import Sender


def abandons(ch: LocalChannel, senders: tuple[Sender, ...], together: int, receives: list[Use], src: SourceFile) -> str | None:
    """How the function can stop receiving before every sender is done, or None."""
    if not receives:
        return "nothing receives from it"
    looped = any(s.loops for s in senders)
    single = together == 1 and not looped and all(s.sends == 1 for s in senders)
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
        literal = go_literal(sender.go)
        waits = {done_operand(d, src) for d in walk(literal, into_functions=False) if d.type == "defer_statement"} if literal else set()
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


def done_operand(defer: Node, src: SourceFile) -> str | None:
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
