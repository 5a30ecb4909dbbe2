"""Run-loop types: a method loops over a `select` serving channel fields of its type and
returns on a stop, done or context case; a bare send or receive on such a field in
another method blocks forever once that loop has returned.

A field counts as served only by the loop when, in every file of the package, nothing
but the loop takes from it (for a field the loop receives from) or gives to it (for one
it sends on): the other methods only send (or only receive), and never hand it out."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from ..source import SourceFile
from . import field_index
from . import package as packages
from .channels import clause_count
from .package_file import PackageFile, _receiver_type
from .tree import enclosing_function, function_body, is_inside, loops_around, walk


@dataclass(frozen=True)
class Loop:
    """A select in a loop of a method of the type, with a case that returns on stop."""

    method: Node
    file: PackageFile
    select: Node
    stop: Node  # the communication case that returns
    served: dict[str, str]  # field -> "receive" (the loop receives from it) or "send"
    done: str | None  # a field the loop closes when it returns
    context: str | None  # a context field whose Done() the stop case waits on


@dataclass(frozen=True)
class BareOp:
    op: Node  # the send statement, or the `<-r.f` receive expression
    field: str
    receiver: str  # the receiver name of the method holding it
    method: Node
    loop: Loop


def receiver_of(method: Node, src: SourceFile) -> tuple[str, str] | None:
    """(receiver name, receiver type name) of a method declaration."""
    if method.type != "method_declaration":
        return None
    receiver = method.child_by_field_name("receiver")
    decl = next((d for d in receiver.named_children if d.type == "parameter_declaration"), None) if receiver else None
    name = decl.child_by_field_name("name") if decl is not None else None
    kind = _receiver_type(method, src)
    if name is None or kind is None:
        return None
    return src.text(name), kind


def field_of(expr: Node | None, receiver: str, src: SourceFile) -> str | None:
    """`f` for `receiver.f`."""
    if expr is None:
        return None
    while expr.type == "parenthesized_expression" and expr.named_children:
        expr = expr.named_children[0]
    if expr.type != "selector_expression":
        return None
    operand, field = expr.child_by_field_name("operand"), expr.child_by_field_name("field")
    if operand is None or field is None or operand.type != "identifier" or src.text(operand) != receiver:
        return None
    return src.text(field)


def bare_op(op: Node, src: SourceFile) -> BareOp | None:
    """The verdict on a send statement or `<-x` expression: a bare operation on a channel
    field of the method's receiver that only a run loop of the type serves, and that loop
    returns on stop. None otherwise."""
    method = enclosing_function(op)
    found = receiver_of(method, src) if method is not None else None
    if found is None:
        return None
    receiver, type_name = found
    sending = op.type == "send_statement"
    channel = op.child_by_field_name("channel") if sending else op.child_by_field_name("operand")
    field = field_of(channel, receiver, src)
    if field is None or _in_select(op, sending):
        return None
    want = "receive" if sending else "send"
    loops = [l for l in run_loops(src, type_name, field) if l.served.get(field) == want]
    if len(loops) != 1 or loops[0].method == method:
        return None
    if not _served_only_by(loops[0], field, sending, src):
        return None
    return BareOp(op, field, receiver, method, loops[0])  # type: ignore[arg-type]


def _in_select(op: Node, sending: bool) -> bool:
    """True when the operation is a case of a select that has another case."""
    comm = op if sending or op.parent is None or op.parent.type != "receive_statement" else op.parent
    case = comm.parent
    if case is None or case.type != "communication_case" or case.child_by_field_name("communication") != comm:
        return False
    return clause_count(case.parent) > 1  # type: ignore[arg-type]


def run_loops(src: SourceFile, type_name: str, field: str) -> list[Loop]:
    """The run loops of the methods of `type_name` in the package that may serve `field`
    (only files holding `select` and the field's name are read), found once per file."""
    cache = src._nodes_cache
    key = ("runloops", type_name, field)
    if key not in cache:
        package = packages.of(src)
        loops = []
        for file in package.files_containing(b"select", field.encode(), type_name.encode()):
            for decl in file.src.root.named_children:
                found = receiver_of(decl, file.src)
                if found is not None and found[1] == type_name:
                    loops += _loops_of(decl, found[0], file)
        cache[key] = loops
    return cache[key]


def _loops_of(method: Node, receiver: str, file: PackageFile) -> list[Loop]:
    src = file.src
    body = function_body(method)
    if body is None or body.has_error:
        return []
    loops = []
    for select in walk(body, into_functions=False):
        if select.type != "select_statement" or not loops_around(select):
            continue
        served: dict[str, str] = {}
        stop = None
        for case in (c for c in select.named_children if c.type == "communication_case"):
            comm = case.child_by_field_name("communication")
            if comm is None:
                continue
            if comm.type == "send_statement":
                field = field_of(comm.child_by_field_name("channel"), receiver, src)
                if field is not None:
                    served[field] = "send"
                continue
            right = comm.child_by_field_name("right") if comm.type == "receive_statement" else comm
            operand = right.child_by_field_name("operand") if right is not None and right.type == "unary_expression" else None
            field = field_of(operand, receiver, src)
            returns = any(n.type == "return_statement" for n in walk(case, into_functions=False))
            if returns and ((field is not None and _stop_like(field)) or _is_done_call(operand, src)):
                stop = stop or case
            elif field is not None:
                served[field] = "receive"
        if stop is None or not served:
            continue
        loops.append(Loop(method, file, select, stop, served, _closed_on_exit(method, stop, receiver, src), _context_field(stop, receiver, src)))
    return loops


_STOP_WORDS = ("stop", "done", "quit", "clos", "exit", "shutdown", "die", "term", "cancel", "kill", "halt")


def _stop_like(field: str) -> bool:
    """A field named for shutting down (`stop`, `done`, `quit`, `closing`...)."""
    return any(word in field.lower() for word in _STOP_WORDS)


def _is_done_call(operand: Node | None, src: SourceFile) -> bool:
    if operand is None or operand.type != "call_expression":
        return False
    callee = operand.child_by_field_name("function")
    field = callee.child_by_field_name("field") if callee is not None and callee.type == "selector_expression" else None
    return field is not None and src.text(field) == "Done"


def _context_field(stop: Node, receiver: str, src: SourceFile) -> str | None:
    """`ctx` when the stop case waits on `receiver.ctx.Done()`."""
    comm = stop.child_by_field_name("communication")
    right = comm.child_by_field_name("right") if comm is not None and comm.type == "receive_statement" else comm
    operand = right.child_by_field_name("operand") if right is not None and right.type == "unary_expression" else None
    if not _is_done_call(operand, src):
        return None
    return field_of(operand.child_by_field_name("function").child_by_field_name("operand"), receiver, src)  # type: ignore[union-attr]


def _closed_on_exit(method: Node, stop: Node, receiver: str, src: SourceFile) -> str | None:
    """A field the loop closes when it returns: `close(r.done)` in the stop case, or a
    `defer close(r.done)` of the method."""
    body = function_body(method)
    for node in walk(body, into_functions=False):  # type: ignore[arg-type]
        if node.type != "call_expression" or src.text(node.child_by_field_name("function")) != "close":  # type: ignore[arg-type]
            continue
        arguments = node.child_by_field_name("arguments")
        field = field_of(arguments.named_children[0], receiver, src) if arguments is not None and arguments.named_children else None
        statement = node.parent
        deferred = statement is not None and statement.type == "defer_statement" and statement.parent is not None and statement.parent.parent == body
        if field is not None and (deferred or is_inside(node, stop)):
            return field
    return None


def _served_only_by(loop: Loop, field: str, sending: bool, src: SourceFile) -> bool:
    """True when, outside the loop's method, every use of a `.field` selector in the
    package is a send (for `sending`) or a receive, or the field being set."""
    package = packages.of(src)
    for file in package.files_containing(field.encode()):
        for name in field_index.named(file.src, field):
            node = name.parent
            if name.type == "identifier" and node is not None and node.type == "literal_element" and _set_from_outside(node, file.src):
                return False  # `&T{field: ch}` with a channel made elsewhere: others may use it
            if name.type != "field_identifier" or node is None or node.type != "selector_expression":
                continue
            if file.src is loop.file.src and is_inside(node, loop.method):
                continue
            parent = node.parent
            if parent is None:
                return False
            if sending and parent.type == "send_statement" and parent.child_by_field_name("channel") == node:
                continue
            if not sending and parent.type == "unary_expression" and file.src.text(parent).startswith("<-"):
                continue
            if parent.type == "expression_list" and parent.parent is not None and parent.parent.type == "assignment_statement" \
                    and parent.parent.child_by_field_name("left") == parent:
                values = parent.parent.child_by_field_name("right")
                index = [n.id for n in parent.named_children].index(node.id)
                value = values.named_children[index] if values is not None and len(values.named_children) > index else None
                if value is None or _buffered(value, file.src):
                    return False
                continue  # set (made) in a constructor
            return False
    return not package.incomplete


def _set_from_outside(key: Node, src: SourceFile) -> bool:
    """True for the key of a composite literal element whose value is not an unbuffered
    `make` call: a channel made elsewhere, or one with a buffer."""
    element = key.parent
    if element is None or element.type != "keyed_element" or not element.named_children or element.named_children[0] != key:
        return False
    value = element.named_children[-1]
    value = value.named_children[0] if value.type == "literal_element" and value.named_children else value
    callee = value.child_by_field_name("function") if value.type == "call_expression" else None
    return callee is None or src.text(callee) != "make" or _buffered(value, src)


def _buffered(value: Node, src: SourceFile) -> bool:
    """True for `make(chan T, n)` with a capacity that is not a literal 0 (a send then only
    blocks on a full buffer, which the code may rule out), or anything but a make call."""
    callee = value.child_by_field_name("function") if value.type == "call_expression" else None
    if callee is None or src.text(callee) != "make":
        return True
    arguments = value.child_by_field_name("arguments")
    values = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
    return len(values) > 1 and src.text(values[1]) != "0"
