"""Code that keeps a ticker's channel for good: a `time.Tick` channel used only by func
literals or functions that never return lives as long as they run, so it does not leak."""

from __future__ import annotations

from tree_sitter import Node

from ..codemod import Context
from ..source import SourceFile
from . import package, scopes, tree
from .bindings import binding_of
from .declared_types import declared_type
from .imports import Imports
from .references import binding_scope, references
from .termination import can_return_after


def held_by_endless_code(call: Node, function: Node, ctx: Context) -> bool:
    """True when the channel `call` makes is handed to, or bound to a variable used only
    by, func literals run where they stand (goroutines or not) or package functions that
    never return: "can it return" is judged for the code holding the loop, not for
    `function`. False whenever a use stays in `function` itself."""
    handed = _handed_to(call, ctx)
    if handed is not None:
        return handed
    binding = binding_of(call)
    if binding is None or binding.function != function:
        return False
    variable = binding.names[0]
    scope = binding_scope(variable, binding.statement, function, ctx.src)
    if isinstance(scope, str):
        return False
    uses = list(references(variable, binding.statement, scope, function, True, ctx.src))
    return bool(uses) and all(_held(use, function, ctx) for use in uses)


def _held(use: Node, function: Node, ctx: Context) -> bool:
    if _handed_to(use, ctx):
        return True
    for holder in tree.ancestors(use):
        if holder == function:
            return False
        if holder.type == "func_literal" and _runs_where_it_stands(holder):
            if _never_returns(holder, ctx.src, ctx.imports, frozenset()):
                return True
    return False


def _handed_to(value: Node, ctx: Context) -> bool | None:
    """None unless `value` is an argument of a call; then whether the callee (a func
    literal, a function of the package or a method of one of its types) never returns."""
    arguments = value.parent
    call = arguments.parent if arguments is not None and arguments.type == "argument_list" else None
    if call is None or call.type != "call_expression":
        return None
    index = [c.id for c in arguments.named_children].index(value.id)  # type: ignore[union-attr]
    callee = call.child_by_field_name("function")
    if callee is not None and callee.type == "func_literal":
        return _never_returns_given(callee, index, ctx.src, ctx.imports)
    if callee is not None and callee.type == "selector_expression":
        declared = _package_method(callee, ctx)
    elif callee is not None and callee.type == "identifier":
        name = ctx.src.text(callee)
        if scopes.declaration_of(name, callee, ctx.src) is not None:
            return False  # a local func value
        declared = package.of(ctx.src).functions(name)
    else:
        return False
    if len(declared) != 1:
        return False
    decl = declared[0]
    imports = ctx.imports if decl.file.src is ctx.src else Imports(decl.file.src)
    return _never_returns_given(decl.node, index, decl.file.src, imports)


def _package_method(callee: Node, ctx: Context) -> list:
    """The declarations of the method `x.m` names, when x's declared type is a type of the
    package (`s.loop` for `s *Server`)."""
    operand, field = callee.child_by_field_name("operand"), callee.child_by_field_name("field")
    if operand is None or field is None or ctx.imports.resolve_selector(callee) is not None:
        return []
    pkg = package.of(ctx.src)
    declared = declared_type(pkg, operand)
    kind = declared.node if declared is not None else None
    while kind is not None and kind.type in {"pointer_type", "parenthesized_type"}:
        kind = kind.named_children[0] if kind.named_children else None
    if declared is None or kind is None or kind.type != "type_identifier":
        return []
    return pkg.methods(declared.file.src.text(kind), ctx.src.text(field))


def _never_returns_given(function: Node, index: int, src: SourceFile, imports: Imports) -> bool:
    """Whether `function` never returns, knowing its parameter number `index` holds a ticker's
    channel."""
    names: list[str] = []
    parameters = function.child_by_field_name("parameters")
    for declaration in parameters.named_children if parameters is not None else []:
        if declaration.type == "variadic_parameter_declaration":
            return False
        if declaration.type == "parameter_declaration":
            names.extend(src.text(n) for n in declaration.children_by_field_name("name"))
    if index >= len(names):
        return False
    return _never_returns(function, src, imports, frozenset({names[index]}))


def _never_returns(function: Node, src: SourceFile, imports: Imports, tickers: frozenset[str]) -> bool:
    body = function.child_by_field_name("body")
    first = next((s for b in body.named_children for s in b.named_children if s.type != "comment"), None) if body else None
    return first is not None and not can_return_after(first, function, src, imports, tickers)


def _runs_where_it_stands(literal: Node) -> bool:
    """`func() {...}()` or `go func() {...}()`: the literal is called where it is written."""
    call = literal.parent
    return call is not None and call.type == "call_expression" and call.child_by_field_name("function") == literal
