"""The declared type of an expression: a variable's, from its declaration or the value it
is made with, or a field's, through the struct types of the package."""

from __future__ import annotations

from tree_sitter import Node

from . import scopes
from .package import Package
from .package_file import Decl, PackageFile
from .tree import enclosing_function, walk


def declared_type(package: Package, expr: Node, depth: int = 0) -> Decl | None:
    """The declared type of `expr` in the package's own file: a variable (from its
    declaration, or a composite literal, `&T{...}` or `new(T)` it is initialized with), or
    a field of a value whose type is a struct of the package. None when that cannot be told."""
    src = package.src
    while expr.type == "parenthesized_expression" and expr.named_children:
        expr = expr.named_children[0]
    if depth > 4:
        return None
    if expr.type == "identifier":
        return _variable_type(package, expr)
    if expr.type == "index_expression":
        operand = expr.child_by_field_name("operand")
        holder = declared_type(package, operand, depth + 1) if operand is not None else None
        return _element_type(holder) if holder is not None else None
    if expr.type != "selector_expression" or package.current.imports.resolve_selector(expr) is not None:
        return None
    operand, field = expr.child_by_field_name("operand"), expr.child_by_field_name("field")
    owner = declared_type(package, operand, depth + 1) if operand is not None and field is not None else None
    return _field_type(package, owner, src.text(field), depth) if owner is not None else None  # type: ignore[arg-type]


def _element_type(holder: Decl) -> Decl | None:
    """The type of an element of a map, slice or array of the declared type `holder`."""
    kind = holder.node
    while kind is not None and kind.type == "parenthesized_type" and kind.named_children:
        kind = kind.named_children[0]
    if kind is None or kind.type not in {"map_type", "slice_type", "array_type"}:
        return None
    element = kind.child_by_field_name("value" if kind.type == "map_type" else "element")
    return Decl(element, holder.file) if element is not None else None


def _variable_type(package: Package, ident: Node) -> Decl | None:
    src, name = package.src, package.src.text(ident)
    declared = scopes.declaration_of(name, ident, src)
    if declared is None:
        if scopes.scope_of(name, ident, src) is not None:
            return None  # declared locally where declaration_of does not look
        specs = [d for d in package.values(name) if d.node.type == "var_spec"]
        if len(specs) != 1:
            return None
        names = [n.text for n in specs[0].node.children_by_field_name("name")]
        return _spec_type(specs[0].node, names.index(ident.text), len(names), specs[0].file)
    parent = declared.parent
    if parent is None:
        return None
    if parent.type == "parameter_declaration":
        kind = parent.child_by_field_name("type")
        return Decl(kind, package.current) if kind is not None else None
    if parent.type == "var_spec":
        names = parent.children_by_field_name("name")
        return _spec_type(parent, [n.id for n in names].index(declared.id), len(names), package.current)
    holder = parent.parent
    if parent.type == "expression_list" and holder is not None and holder.type == "short_var_declaration":
        values = holder.child_by_field_name("right")
        items = values.named_children if values is not None else []
        if len(items) == len(parent.named_children):
            return _value_type(items[[n.id for n in parent.named_children].index(declared.id)], package.current)
    return None


def _struct_of(package: Package, kind: Decl, depth: int = 0) -> Decl | None:
    """The struct_type a declared type names, when it is a struct type of the package
    (through pointers and defined types); else None."""
    node, file = kind.node, kind.file
    while node is not None and node.type in {"pointer_type", "parenthesized_type"}:
        node = node.named_children[0] if node.named_children else None
    if node is not None and node.type == "generic_type":
        node = node.child_by_field_name("type")
    if node is None:
        return None
    if node.type == "struct_type":
        return Decl(node, file)
    if node.type != "type_identifier" or depth > 4:
        return None
    name = file.src.text(node)
    if enclosing_function(node) is not None and scopes.scope_of(name, node, file.src) is not None:
        return None  # a type declared inside the function
    # A type named in a sibling is a type of the same package: any file may declare it.
    specs = package.types(name) if file is package.current else [
        Decl(n, f) for f in package.files() for n in f.index[0].get(name, [])]
    if len(specs) != 1 or specs[0].node.type != "type_spec":
        return None
    declared = specs[0].node.child_by_field_name("type")
    return _struct_of(package, Decl(declared, specs[0].file), depth + 1) if declared is not None else None


def _field_type(package: Package, owner: Decl, field: str, depth: int = 0) -> Decl | None:
    """The declared type of field `field` of the struct type `owner` names; None when
    it is not a struct of the package or the field may be promoted from an embedded one."""
    struct = _struct_of(package, owner, depth)
    if struct is None:
        return None
    encoded = field.encode()
    for n in walk(struct.node):
        if n.type != "field_declaration" or n.parent is None or n.parent.parent != struct.node:
            continue
        if any(c.text == encoded for c in n.children_by_field_name("name")):
            kind = n.child_by_field_name("type")
            return Decl(kind, struct.file) if kind is not None else None
    return None


def _spec_type(spec: Node, index: int, count: int, file: PackageFile) -> Decl | None:
    kind = spec.child_by_field_name("type")
    if kind is not None:
        return Decl(kind, file)
    values = spec.child_by_field_name("value")
    items = values.named_children if values is not None else []
    return _value_type(items[index], file) if len(items) == count else None


def _value_type(value: Node, file: PackageFile) -> Decl | None:
    """The type a composite literal, `&T{...}` or `new(T)` makes."""
    if value.type == "unary_expression" and file.src.text(value.child_by_field_name("operator")) == "&":  # type: ignore[arg-type]
        value = value.child_by_field_name("operand")  # type: ignore[assignment]
    if value is None:
        return None
    if value.type == "composite_literal":
        kind = value.child_by_field_name("type")
        return Decl(kind, file) if kind is not None else None
    if value.type == "call_expression":
        callee = value.child_by_field_name("function")
        args = value.child_by_field_name("arguments")
        if callee is not None and file.src.text(callee) == "new" and args is not None and len(args.named_children) == 1:
            if not scopes.is_shadowed("new", value, file.src):
                return Decl(args.named_children[0], file)
    return None
