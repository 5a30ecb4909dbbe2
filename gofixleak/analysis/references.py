"""Where a variable holding a resource is used: the scope its binding declares it in, and
every identifier naming it from the binding on (func literals included), with how each runs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tree_sitter import Node

from ..source import SourceFile
from . import scopes, tree
from .bindings import declares, result_names, reuses
from .tree import ancestors

_PARAMETERS = frozenset({"parameter_declaration", "variadic_parameter_declaration"})


@dataclass(frozen=True)
class Use:
    node: Node  # an identifier naming the resource, or a value wrapping it
    go_literal: Node | None  # the outermost `go func(){...}()` literal holding it
    deferred: bool  # evaluated or run by a defer statement
    in_literal: bool  # inside a func literal
    carries: bool = True  # False for a value computed by a call that only borrowed the resource


def binding_scope(ident: Node, statement: Node, function: Node, src: SourceFile) -> Node | str:
    """The scope of the variable `ident` that `statement` (a declaration, an assignment or
    a parameter of `function`) binds; or why the value is not held by a local variable of
    `function`: it is stored elsewhere, declared outside the function, or a named result."""
    if ident.type != "identifier":
        return f"it is stored in `{src.text(ident)}`"
    name = src.text(ident)
    if statement.type in _PARAMETERS:
        scope = function
    elif statement.type == "assignment_statement":
        scope = scopes.scope_of(name, statement, src)
    else:
        scope = (reuses(name, statement, src) if statement.type == "short_var_declaration" else None) or statement.parent
    if scope is not None and scope.type == "for_clause":
        scope = scope.parent
    if scope is None or not tree.is_inside(scope, function):
        return f"`{name}` is declared outside the function"
    if scope == function and name in dict(result_names(scope, src)):
        return f"`{name}` is a named result"
    return scope


def references(ident: Node, statement: Node, scope: Node, function: Node, derived: bool, src: SourceFile) -> Iterator[Node]:
    """The identifiers in `scope` that name the variable `ident` (bound by `statement`) and
    do not declare it, in order. Unless the variable is `derived` (holds a value made from
    the resource, which any reference may see), only those from the binding on count."""
    name = src.text(ident)
    # The resource itself is only in the variable from its binding on, unless a loop
    # inside the variable's scope, or a goto, can bring control back before it; a func
    # literal before it may still run after it.
    since = 0
    if not derived and statement.type not in _PARAMETERS and not (
        any(tree.is_inside(loop, scope) and loop != scope for loop in tree.loops_around(statement))
        or tree.has_goto(function, src)
    ):
        since = statement.start_byte
    for n in src.identifiers(name, within=scope):
        if n != ident and not declares(n, src) and (
            n.start_byte >= since or tree.enclosing_function(n) != function
        ):
            if scopes.scope_of(name, n, src) == scope:
                yield n


def use_at(node: Node, function: Node) -> tuple[Use, str | None]:
    """How the reference `node` in `function` runs: in a goroutine's literal, deferred, in
    a func literal; and why it escapes when a func literal that may run after the function
    returns captures it (else None)."""
    go_literal, deferred, in_literal, captured = None, False, False, None
    for a in ancestors(node):
        if a == function:
            break
        if a.type == "defer_statement":
            deferred = True
        elif a.type == "func_literal":
            in_literal, call = True, a.parent
            if call is None or call.type != "call_expression" or call.child_by_field_name("function") != a:
                captured = "it is captured by a func literal that may run after the function returns"
            elif call.parent is not None and call.parent.type == "go_statement":
                go_literal = a
    return Use(node, go_literal, deferred, in_literal), captured
