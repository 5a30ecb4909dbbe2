"""Which expressions evidently hold a database/sql handle (`*sql.DB`, `*sql.Tx`,
`*sql.Conn`, `*sql.Stmt`): by declared type, or by the call that made them."""

from __future__ import annotations

from tree_sitter import Node

from ..codemod import Context
from . import evidence
from . import package as packages
from .declared_types import declared_type

HANDLES = ("DB", "Tx", "Conn", "Stmt")
# Methods of a handle that return another handle, and its type.
_MAKERS = {"Begin": "Tx", "BeginTx": "Tx", "Conn": "Conn", "Prepare": "Stmt", "PrepareContext": "Stmt"}


def is_sql_handle(expr: Node, ctx: Context, types: tuple[str, ...] = HANDLES) -> bool:
    """`expr` is a name or field the package evidently binds to one of the database/sql
    handle `types`."""
    return _is_handle(expr, ctx, 0, types)


def _is_handle(expr: Node, ctx: Context, depth: int, types: tuple[str, ...]) -> bool:
    """`expr` is a name or field the package evidently binds to a database/sql handle."""
    imports = ctx.imports
    if depth > 4:
        return False
    if expr.type == "index_expression":  # an element of a map or slice of handles
        declared = declared_type(packages.of(ctx.src), expr)
        return declared is not None and evidence.is_type(declared.node, declared.file.imports, "database/sql", *types)
    if expr.type == "identifier":
        name, field = ctx.src.text(expr), False
    elif expr.type == "selector_expression" and imports.resolve_selector(expr) is None:
        name, field = ctx.src.text(expr.child_by_field_name("field")), True  # type: ignore[arg-type]
    else:
        return False
    package = packages.of(ctx.src)
    declared = declared_type(package, expr)
    if declared is not None:
        return evidence.is_type(declared.node, declared.file.imports, "database/sql", *types)
    if field:
        kinds = package.field_declarations(name)
        if kinds is None:
            return False  # a file of the package could not be read: its fields are unknown
        if kinds:  # the struct holding it is unknown: every field of that name must be a handle
            return all(evidence.is_type(d.node, d.file.imports, "database/sql", *types) for d in kinds)
    for kind, node in evidence.declarations(name, ctx.src, field=field, at=expr):
        if kind == "type" and evidence.is_type(node, imports, "database/sql", *types):
            return True
        if kind != "value" or node.type != "call_expression":
            continue
        if imports.is_call(node, "database/sql", "Open", "OpenDB"):
            return "DB" in types
        maker = node.child_by_field_name("function")
        if maker is not None and maker.type == "selector_expression" and imports.resolve_selector(maker) is None:
            method = ctx.src.text(maker.child_by_field_name("field"))  # type: ignore[arg-type]
            if _MAKERS.get(method) in types and _is_handle(maker.child_by_field_name("operand"), ctx, depth + 1, HANDLES):  # type: ignore[arg-type]
                return True
    return False
