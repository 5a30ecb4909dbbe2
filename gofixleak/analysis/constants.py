"""Constant durations and numbers: the value of an expression built from literals, time
units, conversions, arithmetic and named constants (local, or of any file of the package)."""

from __future__ import annotations

import re
from fractions import Fraction

from tree_sitter import Node

from ..source import SourceFile
from . import package, scopes
from .imports import Imports

_UNITS = {"Nanosecond": 1, "Microsecond": 10**3, "Millisecond": 10**6, "Second": 10**9,
          "Minute": 60 * 10**9, "Hour": 3600 * 10**9}

# Named constants defined through other named constants: deep enough for real code.
_MAX_DEPTH = 8

Value = tuple[Fraction, bool]  # (value, is an integer constant)


def constant_value(expr: Node, src: SourceFile, imports: Imports, depth: int = 0) -> Value | None:
    """(value, is_integer) of a constant expression built from literals, time units,
    `time.Duration(...)` conversions, + - * / and named constants whose declaration says
    what they are; None for anything else (iota, implicit repetition, untyped calls)."""
    kind = expr.type
    text = src.text
    if kind == "int_literal":
        digits = text(expr).replace("_", "")
        return Fraction(int(digits, 8) if re.fullmatch(r"0[0-7]+", digits) else int(digits, 0)), True
    if kind == "float_literal":
        try:
            return Fraction(text(expr).replace("_", "")), False
        except ValueError:
            return None
    if kind == "parenthesized_expression" and expr.named_children:
        return constant_value(expr.named_children[0], src, imports, depth)
    if kind == "identifier":
        return _named_constant(expr, src, imports, depth)
    if kind == "selector_expression":
        target = imports.resolve_selector(expr)
        return (Fraction(_UNITS[target[1]]), True) if target and target[0] == "time" and target[1] in _UNITS else None
    if kind == "call_expression" and imports.resolve_selector(expr.child_by_field_name("function")) == ("time", "Duration"):  # type: ignore[arg-type]
        args = expr.child_by_field_name("arguments").named_children  # type: ignore[union-attr]
        return constant_value(args[0], src, imports, depth) if len(args) == 1 else None
    if kind == "unary_expression" and text(expr.child_by_field_name("operator")) in {"-", "+"}:  # type: ignore[arg-type]
        inner = constant_value(expr.child_by_field_name("operand"), src, imports, depth)  # type: ignore[arg-type]
        sign = -1 if text(expr.child_by_field_name("operator")) == "-" else 1  # type: ignore[arg-type]
        return (sign * inner[0], inner[1]) if inner else None
    if kind != "binary_expression":
        return None
    left = constant_value(expr.child_by_field_name("left"), src, imports, depth)  # type: ignore[arg-type]
    right = constant_value(expr.child_by_field_name("right"), src, imports, depth)  # type: ignore[arg-type]
    operator = text(expr.child_by_field_name("operator"))  # type: ignore[arg-type]
    if left is None or right is None or operator not in {"+", "-", "*", "/"}:
        return None
    integer = left[1] and right[1]
    if operator == "/":
        if right[0] == 0:
            return None
        quotient = left[0] / right[0]
        return (Fraction(int(quotient)) if integer else quotient), integer
    value = {"+": left[0] + right[0], "-": left[0] - right[0], "*": left[0] * right[0]}[operator]
    return value, integer


def is_positive_constant(expr: Node, src: SourceFile, imports: Imports) -> bool:
    value = constant_value(expr, src, imports)
    return value is not None and value[0] > 0


def is_nonzero_constant(expr: Node, src: SourceFile, imports: Imports) -> bool:
    value = constant_value(expr, src, imports)
    return value is not None and value[0] != 0


def _named_constant(ident: Node, src: SourceFile, imports: Imports, depth: int) -> Value | None:
    """The value of the constant `ident` names: a `const` of the enclosing functions, or,
    when none of them declares the name, a package-level `const` of any file."""
    if depth >= _MAX_DEPTH:
        return None
    name = src.text(ident)
    local = scopes.declaration_of(name, ident, src)
    if local is not None:
        spec = local.parent
        return _spec_value(spec, local, src, imports, depth) if spec is not None else None
    declared = package.of(src).values(name)
    if len(declared) != 1:
        return None
    spec, file = declared[0].node, declared[0].file
    ident_in_spec = next((n for n in spec.children_by_field_name("name") if file.src.text(n) == name), None)
    if ident_in_spec is None:
        return None
    return _spec_value(spec, ident_in_spec, file.src, file.imports if file.src is not src else imports, depth)


def _spec_value(spec: Node, name: Node, src: SourceFile, imports: Imports, depth: int) -> Value | None:
    """The value a `const` spec gives `name`; None for a var, iota or no value."""
    if spec.type != "const_spec":
        return None
    names = [n.id for n in spec.children_by_field_name("name")]
    values = spec.child_by_field_name("value")
    if values is None or name.id not in names:
        return None
    items = values.named_children
    if len(items) != len(names):
        return None
    return constant_value(items[names.index(name.id)], src, imports, depth + 1)
