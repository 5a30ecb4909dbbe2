"""What a file says about a name: declared types and assigned values, found by name."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from ..source import SourceFile
from . import scopes, tree
from .imports import Imports
from .stdlib import SIGNED_INTEGERS, UNSIGNED_INTEGERS

_DECLARING = (
    "field_declaration", "parameter_declaration", "variadic_parameter_declaration", "var_spec",
    "short_var_declaration", "assignment_statement", "keyed_element",
)


def declarations(name: str, src: SourceFile, *, field: bool = False, at: Node | None = None) -> Iterator[tuple[str, Node]]:
    """What the file declares about `name`, by name: ("type", node) for a declared type and
    ("value", node) for an assigned value (for several results of one call, the call
    itself stands for the first). `field`: `name` is a struct field. `at`: a use of the
    variable `name`; only what declares or assigns the variable visible there counts."""
    encoded = name.encode()
    scope = scopes.scope_of(name, at, src) if at is not None and not field else None
    package_level = at is not None and not field and scope is None
    region = scope or src.root
    for n in src.nodes_of(*_DECLARING):
        if not (region.start_byte <= n.start_byte and n.end_byte <= region.end_byte):
            continue
        if field and n.type == "field_declaration":
            if any(c.text == encoded for c in n.children_by_field_name("name")):
                yield "type", n.child_by_field_name("type")  # type: ignore[misc]
        elif not field and n.type in {"parameter_declaration", "variadic_parameter_declaration", "var_spec"}:
            names = [c.text for c in n.children_by_field_name("name")]
            if encoded not in names or (package_level and tree.enclosing_function(n) is not None):
                continue
            if n.child_by_field_name("type") is not None:
                yield "type", n.child_by_field_name("type")  # type: ignore[misc]
            if n.child_by_field_name("value") is not None:
                yield from _value(names.index(encoded), len(names), n.child_by_field_name("value"))  # type: ignore[arg-type]
        elif n.type in {"short_var_declaration", "assignment_statement"}:
            left = n.child_by_field_name("left").named_children  # type: ignore[union-attr]
            for i, target in enumerate(left):
                if field and target.type == "selector_expression":
                    target = target.child_by_field_name("field")  # type: ignore[assignment]
                elif field or target.type != "identifier":
                    continue
                if target is None or target.text != encoded:
                    continue
                if package_level and (n.type == "short_var_declaration" or scopes.scope_of(name, n, src) is not None):
                    continue
                yield from _value(i, len(left), n.child_by_field_name("right"))  # type: ignore[arg-type]
        elif field and n.type == "keyed_element":
            key, value = n.named_children[0], n.named_children[-1]
            if key.text == encoded and value.named_children:
                yield "value", value.named_children[0]


def _value(index: int, count: int, values: Node) -> Iterator[tuple[str, Node]]:
    items = values.named_children
    if len(items) == count:
        yield "value", items[index]
    elif len(items) == 1 and index == 0:
        yield "value", items[0]


def is_type(node: Node | None, imports: Imports, path: str, *names: str) -> bool:
    """`pkg.Name` or `*pkg.Name` where `pkg` is the import of `path` and Name in `names`."""
    while node is not None and node.type in {"pointer_type", "parenthesized_type"}:
        node = node.named_children[0] if node.named_children else None
    if node is None or node.type != "qualified_type":
        return False
    package, name = node.child_by_field_name("package"), node.child_by_field_name("name")
    return (
        package is not None and name is not None
        and imports.by_name.get(package.text.decode()) == path and name.text.decode() in names  # type: ignore[union-attr]
    )


def is_ticker_channel(expr: Node, src: SourceFile, imports: Imports) -> bool:
    """`time.Tick(d)`, `time.NewTicker(d).C`, `t.C` where the file binds `t` to a ticker, or
    a variable only ever given `time.Tick(d)`."""
    if imports.is_call(expr, "time", "Tick"):
        return True
    if expr.type == "identifier":
        found = list(declarations(src.text(expr), src, at=expr))
        return bool(found) and all(kind == "value" and imports.is_call(value, "time", "Tick") for kind, value in found)
    if expr.type != "selector_expression" or src.text(expr.child_by_field_name("field")) != "C":  # type: ignore[arg-type]
        return False
    operand = expr.child_by_field_name("operand")
    if imports.is_call(operand, "time", "NewTicker"):  # type: ignore[arg-type]
        return True
    return operand is not None and operand.type == "identifier" and any(
        kind == "value" and imports.is_call(value, "time", "NewTicker")
        for kind, value in declarations(src.text(operand), src, at=operand)
    )


def declared_kind(ident: Node, src: SourceFile) -> str | None:
    """What `range` over the declared variable counts: "len" for a slice, array, map or
    string, "int" or "uint" for an integer; None when the declaration does not say."""
    parent = ident.parent
    if parent is None:
        return None
    if parent.type == "variadic_parameter_declaration":
        return "len"
    if parent.type == "parameter_declaration":
        return _type_kind(parent.child_by_field_name("type"), src)
    if parent.type in {"var_spec", "const_spec"}:
        declared_type = parent.child_by_field_name("type")
        if declared_type is not None:
            return _type_kind(declared_type, src)
        names = parent.children_by_field_name("name")
        values = parent.child_by_field_name("value")
    elif parent.type == "expression_list" and parent.parent is not None and parent.parent.type == "short_var_declaration":
        names = parent.named_children
        values = parent.parent.child_by_field_name("right")
    else:
        return None
    if values is None or len(values.named_children) != len(names):
        return None
    index = [n.id for n in names].index(ident.id)
    return _value_kind(values.named_children[index], src)


def _type_kind(node: Node | None, src: SourceFile) -> str | None:
    if node is None:
        return None
    if node.type in {"slice_type", "array_type", "map_type", "implicit_length_array_type"}:
        return "len"
    if node.type == "type_identifier":
        text = src.text(node)
        if text == "string":
            return "len"
        return "int" if text in SIGNED_INTEGERS else "uint" if text in UNSIGNED_INTEGERS else None
    return None


def _value_kind(value: Node, src: SourceFile) -> str | None:
    if value.type == "int_literal":
        return "int"
    if value.type in {"interpreted_string_literal", "raw_string_literal"}:
        return "len"
    if value.type == "composite_literal":
        return _type_kind(value.child_by_field_name("type"), src)
    if value.type == "call_expression":
        callee = value.child_by_field_name("function")
        args = value.child_by_field_name("arguments")
        name = src.text(callee) if callee is not None else ""
        first = args.named_children[0] if args is not None and args.named_children else None
        if name == "make" and first is not None:
            return _type_kind(first, src)
        if name in {"len", "cap"}:
            return "uint"  # an int, never negative
        return _type_kind(callee, src) if callee is not None and callee.type == "identifier" else None
    return None


def is_evidently(expr: Node | None, imports: Imports, src: SourceFile, path: str, types: tuple[str, ...],
                 makers: frozenset[str] = frozenset()) -> bool:
    """`expr`, a local name, is evidently of type `path`.T (or *T) for T in `types`: declared
    so, or assigned the result of one of the functions `makers` of `path`
    (`root, err := os.OpenRoot(dir)`). Fields and other expressions are not judged."""
    if expr is None or expr.type != "identifier":
        return False
    for kind, node in declarations(src.text(expr), src, at=expr):
        if kind == "type" and is_type(node, imports, path, *types):
            return True
        if kind == "value" and node.type == "call_expression" and makers and imports.is_call(node, path, *makers):
            return True
    return False
