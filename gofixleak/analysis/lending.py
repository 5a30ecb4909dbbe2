"""What a call does with a value lent to it (a context): gives it back, may keep it, or
hands it to a function of the package whose parameter must be followed to tell."""

from __future__ import annotations

from typing import NamedTuple

from tree_sitter import Node

from ..source import SourceFile
from . import package as packages
from . import scopes
from .bindings import is_blank
from .declared_types import declared_type
from .imports import Imports
from .package_file import Decl
from .stdlib import KEEPERS, PLAIN_BUILTINS, PLAIN_TYPES, SYNC_METHODS, is_stdlib

# Predeclared functions and types a value can be passed to without being kept.
_BUILTINS = PLAIN_BUILTINS | {"append", "copy", "any"} | PLAIN_TYPES


class Unseen(str):
    """Why a value may be kept, when the reason is only that the callee cannot be read (an
    interface method, a func value, a function of another module): a call that most likely
    gives it back when it returns, which a fix may rely on only as an unsafe one."""


class Callee(NamedTuple):
    """A function of the package a value is lent to, and the parameter receiving it."""

    function: Decl
    parameter: Node
    index: int  # which argument the value is
    shown: str  # the callee as the call names it


def lent(call: Node, argument: Node, src: SourceFile, imports: Imports) -> bool | str | Callee:
    """Whether `call` gives back the value `argument` lends it, as far as the call shows:
    True when its results may carry the value, False when they cannot, or why it may keep
    the value; a Callee when that depends on a function of the package, to be followed."""
    callee = call.child_by_field_name("function")
    shown = src.text(callee)  # type: ignore[arg-type]
    unknown = Unseen(f"it is passed to `{shown}`, which gofixleak cannot see into")
    target = imports.call_target(call)
    if target is not None:
        if target in KEEPERS:
            return f"`{shown}` keeps it after returning"
        return True if is_stdlib(target[0]) else unknown
    arguments = call.child_by_field_name("arguments")
    index = [a.id for a in arguments.named_children].index(argument.id) if arguments is not None else -1  # type: ignore[union-attr]
    package = packages.of(src)
    if callee.type == "func_literal":  # type: ignore[union-attr]
        return _callee(Decl(callee, package.current), index, shown)  # type: ignore[arg-type]
    if callee.type == "identifier":  # type: ignore[union-attr]
        if scopes.scope_of(shown, call, src) is not None:
            return unknown  # a local func value
        functions = package.functions(shown)
        if len(functions) == 1:
            return _callee(functions[0], index, shown)
        if not functions and package.types(shown):
            return True  # a conversion
        if shown in _BUILTINS and not package.declares(shown) and not package.incomplete:
            return True
        return unknown
    if callee.type != "selector_expression":  # type: ignore[union-attr]
        return unknown
    method = src.text(callee.child_by_field_name("field"))  # type: ignore[union-attr,arg-type]
    declared = declared_type(package, callee.child_by_field_name("operand"))  # type: ignore[union-attr,arg-type]
    kind = declared.node if declared is not None else None
    while kind is not None and kind.type in {"pointer_type", "parenthesized_type"}:
        kind = kind.named_children[0] if kind.named_children else None
    if kind is not None and kind.type == "generic_type":
        kind = kind.child_by_field_name("type")
    if kind is not None and kind.type == "qualified_type":
        qualifier = kind.child_by_field_name("package")
        path = declared.file.imports.by_name.get(declared.file.src.text(qualifier)) if qualifier else None  # type: ignore[union-attr]
        if path is not None and is_stdlib(path):
            return True
    elif kind is not None and kind.type == "type_identifier":
        methods = package.methods(declared.file.src.text(kind), method)  # type: ignore[union-attr]
        if len(methods) == 1:
            return _callee(methods[0], index, shown)
    return True if method in SYNC_METHODS else unknown


def _callee(function: Decl, index: int, shown: str) -> bool | str | Callee:
    """The parameter of `function` receiving argument number `index`, to be followed;
    False when the function cannot see the value (an unnamed or blank parameter)."""
    parameter = _parameter(function.node, index)
    if parameter is None or is_blank(parameter):
        return False if index >= 0 else f"it is passed to `{shown}`, which gofixleak cannot see into"
    return Callee(function, parameter, index, shown)


def _parameter(function: Node, index: int) -> Node | None:
    """The identifier of `function`'s parameter receiving argument number `index` (the
    variadic one for any beyond); None when it is unnamed or there is no such argument."""
    parameters = function.child_by_field_name("parameters")
    slots: list[Node | None] = []
    variadic = False
    for decl in parameters.named_children if parameters is not None else []:
        if decl.type not in {"parameter_declaration", "variadic_parameter_declaration"}:
            continue
        names = decl.children_by_field_name("name")
        slots += names or [None]
        variadic = decl.type == "variadic_parameter_declaration"
    if index < 0 or not slots:
        return None
    if index >= len(slots):
        return slots[-1] if variadic else None
    return slots[index]


def plain_results(function: Node, src: SourceFile, value: Node | None = None) -> bool:
    """True when the results of `function` cannot carry a resource back to the caller: all
    of them, or the one `value` (an expression of a return statement) is returned as."""
    results = function.child_by_field_name("result")
    if results is None:
        return True
    if results.type != "parameter_list":
        return src.text(results) in PLAIN_TYPES
    # A result whose type does not parse (an ERROR in the list) reads as "": not plain.
    types = [src.text(kind) if (kind := d.child_by_field_name("type")) is not None else "" for d in results.named_children
             for _ in (d.children_by_field_name("name") or [d])]
    values = value.parent if value is not None else None
    if values is not None and values.type == "expression_list" and len(values.named_children) == len(types) > 1:
        return types[[v.id for v in values.named_children].index(value.id)] in PLAIN_TYPES  # type: ignore[union-attr]
    return all(t in PLAIN_TYPES for t in types)
