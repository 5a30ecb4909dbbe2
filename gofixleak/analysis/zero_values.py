"""The zero value of a declared type, written as Go source, for a `return` that gives up."""

from __future__ import annotations

from tree_sitter import Node

from . import package as packages
from ..source import SourceFile

_NUMBERS = frozenset({
    "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
    "uintptr", "float32", "float64", "complex64", "complex128", "byte", "rune",
})
_NIL_KINDS = frozenset({"pointer_type", "slice_type", "map_type", "channel_type", "function_type", "interface_type"})


def zero_value(kind: Node, src: SourceFile, depth: int = 0) -> str | None:
    """The zero value of the type `kind` as source text; None when it cannot be told (a
    type of another package, a type parameter, a generic type)."""
    while kind.type == "parenthesized_type" and kind.named_children:
        kind = kind.named_children[0]
    if kind.type in _NIL_KINDS:
        return "nil"
    if kind.type in {"struct_type", "array_type", "implicit_length_array_type"}:
        return src.text(kind) + "{}"
    if kind.type != "type_identifier" or depth > 3:
        return None
    name = src.text(kind)
    package = packages.of(src)
    declared = package.types(name)
    if not declared:
        if name in _NUMBERS:
            return "0"
        return {"string": '""', "bool": "false", "error": "nil", "any": "nil"}.get(name)
    if len(declared) != 1 or declared[0].node.type != "type_spec" or declared[0].node.child_by_field_name("type_parameters"):
        return None
    underlying = declared[0].node.child_by_field_name("type")
    if underlying is None:
        return None
    if underlying.type == "struct_type" or underlying.type in {"array_type", "implicit_length_array_type"}:
        return name + "{}"
    return zero_value(underlying, declared[0].file.src, depth + 1)


def result_types(function: Node) -> list[Node] | None:
    """The result types of a function, one per result; None when it has none."""
    results = function.child_by_field_name("result")
    if results is None:
        return None
    if results.type != "parameter_list":
        return [results]
    types = []
    for decl in results.named_children:
        kind = decl.child_by_field_name("type")
        if kind is None:
            continue
        types += [kind] * max(1, len(decl.children_by_field_name("name")))
    return types
