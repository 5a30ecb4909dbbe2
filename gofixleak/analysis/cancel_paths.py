"""Is a named cancel function used on every path? vet's lostcancel question, on the
control-flow graph: any use of the variable counts (a call, a defer, passing or returning
it, a closure holding it, a comparison), except two that lose it: assigning the variable
again before it was used, and keeping it in a struct that a path then drops unreturned."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from ..codemod import Context
from . import tree
from .bindings import Binding, is_blank, result_names
from .cfg import Graph
from .paths import Events, PathVerdict, Subject, lost_on_paths
from .references import binding_scope, references
from .tree import walk


# Methods of the struct holding the cancel function that may call it.
_RELEASING = re.compile(r"(?i)^(close|stop|cancel|shutdown|release|cleanup|done|dispose|teardown|finish)")


@dataclass(frozen=True)
class CancelLeak:
    variable: Node
    verdict: PathVerdict
    scope: Node  # where the variable is declared
    graph: Graph
    only_called: bool  # every use is a direct call: `cancel()`, `defer cancel()`
    events: Events  # what the walk met: graph node id -> "release" or "overwrite"


def cancel_leak(binding: Binding, ctx: Context) -> CancelLeak | None:
    """Where the cancel function bound by `binding` (its second name) is lost unused;
    None when it is used on every path, or cannot be judged (goto, syntax errors, a
    variable declared outside the function)."""
    variable, function, src = binding.names[1], binding.function, ctx.src
    if variable.type != "identifier" or is_blank(variable) or tree.has_goto(function, src):
        return None
    name = src.text(variable)
    named_result = name in dict(result_names(function, src))
    scope = function if named_result else binding_scope(variable, binding.statement, function, src)
    graph = ctx.graphs.of(function)
    if graph is None or isinstance(scope, str):
        return None
    if scope == function:
        body = function.child_by_field_name("body")
        scope = next((c for c in body.named_children if c.type == "statement_list"), body)  # type: ignore[union-attr]
    if scope.type != "statement_list":
        scope = _enclosing_list(scope) or scope
    events = Events(graph)
    only_called = True

    mark = events.mark

    declared_in = function if named_result else binding_scope(variable, binding.statement, function, src)
    for ref in references(variable, binding.statement, declared_in, function, False, src):  # type: ignore[arg-type]
        if _is_key(ref):
            continue  # `T{cancel: ...}` names a field
        if _assigned_to(ref):
            mark(ref, "overwrite")
            only_called = False
            continue
        holder = _struct_holder(ref, function, src)
        if holder is not None:
            only_called = False
            for use in _handoffs(holder, function, src):
                mark(use, "release")
            continue
        if not _called(ref):
            only_called = False
        mark(ref, "release")
    if named_result:
        for node in walk(function, into_functions=False):
            if node.type == "return_statement" and not node.named_children:
                mark(node, "release")  # a bare return hands the named results back
    subject = Subject(binding.statement, scope, lambda node: events.get(node.id), frozenset(), None)
    verdict = lost_on_paths(graph, subject, src)
    if verdict is None or not verdict.leaks:
        return None
    return CancelLeak(variable, verdict, declared_in, graph, only_called, events)  # type: ignore[arg-type]


def _enclosing_list(node: Node) -> Node | None:
    for a in tree.ancestors(node):
        if a.type == "statement_list":
            return a
    return None


def _is_key(ref: Node) -> bool:
    parent = ref.parent
    keyed = parent.parent if parent is not None and parent.type == "literal_element" else None
    return keyed is not None and keyed.type == "keyed_element" and keyed.child_by_field_name("key") == parent


def _called(ref: Node) -> bool:
    parent = ref.parent
    return parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == ref


def _assigned_to(ref: Node) -> bool:
    """`cancel = ...` (a plain assignment, or `:=` reusing it)."""
    parent = ref.parent
    holder = parent.parent if parent is not None and parent.type == "expression_list" else None
    return holder is not None and holder.type in {"assignment_statement", "short_var_declaration"} and (
        holder.child_by_field_name("left") == parent)


def _struct_holder(ref: Node, function: Node, src) -> Node | None:
    """For `t := &T{cancel: cancel}` or `t := T{..., cancel}` inside `function`, the
    identifier `t` the struct is bound to; else None."""
    parent = ref.parent
    if parent is None or parent.type != "literal_element":
        return None
    if parent.parent is not None and parent.parent.type == "keyed_element":
        if parent.parent.child_by_field_name("value") != parent:
            return None  # the key
        parent = parent.parent
    parent = parent.parent
    if parent is None or parent.type != "literal_value":
        return None
    literal = parent.parent
    if literal is None or literal.type != "composite_literal":
        return None
    value = literal.parent
    if value is not None and value.type == "unary_expression":
        literal, value = value, value.parent
    if value is None or value.type != "expression_list" or len(value.named_children) != 1:
        return None
    statement = value.parent
    if statement is None or statement.type not in {"short_var_declaration", "assignment_statement"} or (
        statement.child_by_field_name("right") != value):
        return None
    left = statement.child_by_field_name("left")
    targets = left.named_children if left is not None else []
    if len(targets) != 1 or targets[0].type != "identifier" or tree.enclosing_function(statement) != function:
        return None
    scope = binding_scope(targets[0], statement, function, src)
    return None if isinstance(scope, str) else targets[0]


def _handoffs(holder: Node, function: Node, src) -> list[Node]:
    """The references to the struct variable `holder` that may pass it on or call the
    cancel function it keeps: anything but a field read or write, or a call of a method
    whose name does not sound like clean-up (`t.init(ctx)`)."""
    statement = holder.parent.parent  # type: ignore[union-attr]
    scope = binding_scope(holder, statement, function, src)  # type: ignore[arg-type]
    found = []
    for ref in references(holder, statement, scope, function, True, src):  # type: ignore[arg-type]
        parent = ref.parent
        if parent is not None and parent.type == "selector_expression" and parent.child_by_field_name("operand") == ref:
            outer = parent.parent
            called = outer is not None and outer.type == "call_expression" and outer.child_by_field_name("function") == parent
            if not called or not _RELEASING.match(src.text(parent.child_by_field_name("field"))):
                continue  # a field read or written, or a method that does not sound like clean-up
        found.append(ref)
    return found
