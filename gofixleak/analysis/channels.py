"""Local channels and the goroutines around them: can a goroutine be left blocked forever?

Everything here is syntactic and conservative. A channel variable that is declared twice in
its function, or used in a way these helpers do not model (passed to a call, stored,
assigned, returned, measured with len or cap), gets no verdict at all: the codemods stay
quiet rather than guess. Loops and branches are read from the tree; there is no data flow.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from tree_sitter import Node

from ..source import SourceFile
from .tree import (
    ancestors,
    enclosing_function,
    is_inside,
)

_BRANCHES = frozenset({"if_statement", "expression_switch_statement", "type_switch_statement", "select_statement"})


@dataclass(frozen=True, slots=True)
class LocalChannel:
    """`name := make(chan T[, n])` or `var name = make(chan T[, n])` as a statement of a function."""

    name: str
    ident: Node  # the declaring identifier
    make: Node  # the make call
    statement: Node  # the declaring statement, in a statement list
    function: Node
    capacity: Node | None  # the capacity argument, when written
    unbuffered: bool  # no capacity, or a literal 0


def local_channel(make: Node, src: SourceFile) -> LocalChannel | None:
    """The local channel variable a bidirectional `make(chan T...)` call initializes, or None."""
    function_name = make.child_by_field_name("function")
    args = make.child_by_field_name("arguments")
    if function_name is None or args is None or src.text(function_name) != "make":
        return None
    values = [a for a in args.named_children if a.type != "comment"]
    if not values or len(values) > 2 or values[0].type != "channel_type":
        return None
    chan_type = src.text(values[0])
    if not chan_type.startswith("chan") or chan_type[4:].lstrip().startswith("<-"):
        return None
    right = make.parent
    declaration = right.parent if right is not None else None
    if right is None or right.type != "expression_list" or declaration is None:
        return None
    if declaration.type == "short_var_declaration" and declaration.child_by_field_name("right") == right:
        left = declaration.child_by_field_name("left")
        names = left.named_children if left is not None else []
        statement = declaration
    elif declaration.type == "var_spec" and declaration.child_by_field_name("value") == right:
        names = declaration.children_by_field_name("name")
        statement = declaration.parent
        if statement is not None and statement.type == "var_spec_list":
            statement = statement.parent
    else:
        return None
    index = [v.id for v in right.named_children].index(make.id)
    if statement is None or len(names) != len(right.named_children) or statement.parent is None:
        return None
    ident = names[index]
    function = enclosing_function(statement)
    if ident.type != "identifier" or src.text(ident) == "_" or statement.parent.type != "statement_list" or function is None:
        return None
    capacity = values[1] if len(values) == 2 else None
    unbuffered = capacity is None or (capacity.type == "int_literal" and src.text(capacity) == "0")
    return LocalChannel(src.text(ident), ident, make, statement, function, capacity, unbuffered)


class Kind(enum.Enum):
    SEND = "send"  # ch <- v
    RECEIVE = "receive"  # <-ch
    RANGE = "range"  # for v := range ch
    CLOSE = "close"  # close(ch)
    LENGTH = "length"  # len(ch), cap(ch)
    OTHER = "other"  # anything else: the channel escapes
    HANDED = "handed"  # an argument of a call to a function of the package, summarised


@dataclass(frozen=True, slots=True)
class Use:
    kind: Kind
    ident: Node
    op: Node  # the send statement, `<-ch` expression, range loop or call; the identifier for OTHER
    function: Node  # innermost function holding the use
    # For HANDED (the op is the call): the go statement running it, if any, and what the
    # callee does with the channel (a handoff.Handling).
    go: Node | None = None
    handling: object | None = None


def channel_uses(ch: LocalChannel, src: SourceFile) -> list[Use] | None:
    """Every use of the channel variable in its scope, in source order; None when its name is
    declared anywhere else in the function (a use could then name another variable)."""
    named = src.identifiers(ch.name, within=ch.function)
    if any(node != ch.ident and _declares(node) for node in named):
        return None
    scope = ch.statement.parent
    uses = []
    for node in named:
        if is_inside(node, scope) and node.start_byte >= ch.statement.end_byte:  # type: ignore[arg-type]
            kind, op = _classify(node, src)
            uses.append(Use(kind, node, op, enclosing_function(node)))  # type: ignore[arg-type]
    return uses


def _declares(ident: Node) -> bool:
    parent = ident.parent
    if parent is None:
        return False
    if parent.type in {"var_spec", "const_spec", "parameter_declaration", "variadic_parameter_declaration"}:
        return any(n == ident for n in parent.children_by_field_name("name"))
    grand = parent.parent
    if parent.type != "expression_list" or grand is None:
        return False
    if grand.type == "type_switch_statement":
        return grand.child_by_field_name("alias") == parent
    if grand.type in {"short_var_declaration", "range_clause", "receive_statement"}:
        defines = grand.type == "short_var_declaration" or any(c.type == ":=" for c in grand.children)
        return defines and grand.child_by_field_name("left") == parent
    return False


def _classify(ident: Node, src: SourceFile) -> tuple[Kind, Node]:
    parent = ident.parent
    assert parent is not None
    if parent.type == "send_statement" and parent.child_by_field_name("channel") == ident:
        return Kind.SEND, parent
    if parent.type == "unary_expression":
        operator = parent.child_by_field_name("operator")
        if operator is not None and operator.type == "<-":
            return Kind.RECEIVE, parent
    if parent.type == "range_clause" and parent.child_by_field_name("right") == ident and parent.parent is not None:
        return Kind.RANGE, parent.parent
    if parent.type == "argument_list" and len([a for a in parent.named_children if a.type != "comment"]) == 1:
        call = parent.parent
        callee = call.child_by_field_name("function") if call is not None else None
        if call is not None and callee is not None and callee.type == "identifier":
            if src.text(callee) == "close":
                return Kind.CLOSE, call
            if src.text(callee) in {"len", "cap"}:
                return Kind.LENGTH, call
    return Kind.OTHER, ident


def go_literal(go_statement: Node) -> Node | None:
    """The func literal of `go func(...) {...}(...)`."""
    call = go_statement.named_children[0] if go_statement.named_children else None
    callee = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    return callee if callee is not None and callee.type == "func_literal" else None


def spawning_go(literal: Node) -> Node | None:
    """The go statement that runs `literal` directly as a goroutine, if any."""
    call = literal.parent
    if call is None or call.type != "call_expression" or call.child_by_field_name("function") != literal:
        return None
    go = call.parent
    return go if go is not None and go.type == "go_statement" else None


def in_tail_position(stmt: Node, function: Node) -> bool:
    """True when nothing of `function` but `return` can run after `stmt` (deferred calls
    aside): every statement enclosing it is last in its list or followed by a return."""
    node = stmt
    while node != function:
        parent = node.parent
        if parent is None or parent.type == "for_statement":
            return False
        if parent.child_by_field_name("initializer") == node:
            return False
        if parent.type == "statement_list":
            sibling = node.next_named_sibling
            while sibling is not None and sibling.type == "comment":
                sibling = sibling.next_named_sibling
            if sibling is not None:
                return sibling.type == "return_statement"
        node = parent
    return True


def may_follow(first: Node, later: Node) -> bool:
    """True when `later` can run after `first` within one pass: it starts after `first`
    ends and the two are not in different branches of one if, switch or select."""
    if later.start_byte < first.end_byte:
        return False
    around_first = {first.id} | {a.id for a in ancestors(first)}
    for scope in ancestors(later):
        if scope.id in around_first:
            return scope.type not in _BRANCHES
    return False


def select_case(receive: Node) -> tuple[Node, Node] | None:
    """(communication case, select) when the `<-ch` expression is a select case's receive."""
    statement = receive.parent
    if statement is not None and statement.type == "receive_statement":
        case = statement.parent
        if case is not None and case.type == "communication_case" and case.child_by_field_name("communication") == statement:
            return case, case.parent  # type: ignore[return-value]
    return None


def clause_count(select: Node) -> int:
    return sum(1 for c in select.named_children if c.type in {"communication_case", "default_case"})
