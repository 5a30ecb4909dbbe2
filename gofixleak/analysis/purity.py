"""Can an expression be evaluated once more, somewhere else, without changing the program?"""

from __future__ import annotations

from tree_sitter import Node

from ..source import SourceFile
from .constants import is_nonzero_constant
from .imports import Imports
from .tree import walk

# Conversions to these types are calls in the tree but cannot have effects.
_CONVERSION_TYPES = {
    "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
    "float32", "float64", "uintptr",
}
_PURE_NODES = {
    "identifier", "int_literal", "float_literal", "imaginary_literal", "rune_literal",
    "interpreted_string_literal", "raw_string_literal", "interpreted_string_literal_content",
    "escape_sequence", "true", "false", "iota", "nil", "selector_expression", "field_identifier",
    "binary_expression", "parenthesized_expression", "argument_list", "call_expression",
    "unary_expression", "type_identifier", "package_identifier",
}


def impurity(expr: Node, src: SourceFile, imports: Imports) -> str | None:
    """Why evaluating `expr` again could differ in effect (a call, a receive, an index that
    may panic...), or None when it is a side-effect-free read."""
    for node in walk(expr):
        if node.type not in _PURE_NODES and node.is_named:
            return f"`{src.text(node)}` is not a plain value"
        if node.type == "unary_expression":
            operator = node.child_by_field_name("operator")
            if operator is not None and src.text(operator) in {"<-", "*", "&"}:
                return f"`{src.text(node)}` receives or dereferences"
        if node.type == "call_expression" and not _is_conversion(node, src, imports):
            return f"`{src.text(node)}` is a call"
    return None


def _is_conversion(call: Node, src: SourceFile, imports: Imports) -> bool:
    function = call.child_by_field_name("function")
    args = call.child_by_field_name("arguments")
    if function is None or args is None or len(args.named_children) != 1:
        return False
    if function.type == "identifier":
        return src.text(function) in _CONVERSION_TYPES
    target = imports.resolve_selector(function)
    return target == ("time", "Duration")


def root_names(expr: Node, src: SourceFile) -> set[str]:
    """Identifiers read by `expr`, excluding the field part of selectors."""
    return {src.text(n) for n in walk(expr) if n.type == "identifier"}


def package_operands(expr: Node, imports: Imports) -> set[str]:
    """Identifiers of `expr` that are package qualifiers (`time` in `time.Second`)."""
    names = set()
    for node in walk(expr):
        if node.type == "selector_expression" and imports.resolve_selector(node) is not None:
            operand = node.child_by_field_name("operand")
            names.add(operand.text.decode())  # type: ignore[union-attr]
    return names


def panic_risk(expr: Node, src: SourceFile, imports: Imports) -> str | None:
    """Why evaluating `expr` earlier than the program does could panic where the program
    would not: a field read through a value that may still be a nil pointer, a division by
    something that may still be zero, a shift by a count that may be negative. None for
    reads that cannot panic."""
    for node in walk(expr):
        if node.type == "selector_expression" and imports.resolve_selector(node) is None:
            operand = node.child_by_field_name("operand")
            return f"`{src.text(node)}` reads through `{src.text(operand)}`, which may be a nil pointer there"  # type: ignore[arg-type]
        if node.type == "binary_expression":
            operator = node.child_by_field_name("operator")
            divisor = node.child_by_field_name("right")
            if operator is not None and src.text(operator) in {"/", "%"} and divisor is not None and not (
                _literal(divisor) or is_nonzero_constant(divisor, src, imports)
            ):
                return f"`{src.text(node)}` may divide by zero there"
            if operator is not None and src.text(operator) in {"<<", ">>"} and divisor is not None and not _literal(divisor):
                return f"`{src.text(node)}` may shift by a negative count there"
    return None


def _literal(expr: Node) -> bool:
    return all(n.type in {"int_literal", "float_literal", "parenthesized_expression"} or not n.is_named for n in walk(expr))
