"""Bindings and scopes: which variables receive a call's results, and where a name is declared."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from ..source import SourceFile
from . import scopes, tree
from .tree import FUNCTIONS, ancestors


@dataclass(frozen=True)
class Binding:
    """`names := call`, `names = call` or `var names = call` inside a function."""

    call: Node
    statement: Node  # short_var_declaration, assignment_statement or var_declaration
    names: tuple[Node, ...]  # the left-hand side receiving the call's results, `_` included
    function: Node  # the innermost function holding the statement


def is_blank(node: Node) -> bool:
    return node.type == "identifier" and node.text == b"_"


def binding_of(call: Node, results: int = 1) -> Binding | None:
    """How the results of `call` (any expression) are bound when it is the right-hand side
    of a `:=`, `=` or `var` inside a function (with several results, it must be the only
    value); else None."""
    values = call.parent
    holder = values.parent if values is not None and values.type == "expression_list" else None
    if holder is None:
        return None
    if holder.type in {"short_var_declaration", "assignment_statement"}:
        operator = holder.child_by_field_name("operator")
        if holder.child_by_field_name("right") != values or (operator and operator.text != b"="):
            return None
        left, statement = holder.child_by_field_name("left").named_children, holder  # type: ignore[union-attr]
    elif holder.type == "var_spec" and holder.child_by_field_name("value") == values:
        left = holder.children_by_field_name("name")
        statement = next(a for a in ancestors(holder) if a.type == "var_declaration")
    else:
        return None
    items = values.named_children
    if results == 1 and len(items) == len(left):
        names = (left[[i.id for i in items].index(call.id)],)
    elif results > 1 and len(items) == 1 and len(left) == results:
        names = tuple(left)
    else:
        return None
    function = tree.enclosing_function(statement)
    return Binding(call, statement, names, function) if function is not None else None


def top_function(node: Node) -> Node:
    """The outermost function holding `node` (fresh names are chosen against all of it)."""
    return [a for a in ancestors(node) if a.type in FUNCTIONS][-1]


def result_names(function: Node, src: SourceFile) -> list[tuple[str, str]]:
    """(name, type) of each named result of `function`."""
    results = function.child_by_field_name("result")
    if results is None or results.type != "parameter_list":
        return []
    out = []
    for decl in results.named_children:
        kind = decl.child_by_field_name("type")
        out += [(src.text(n), src.text(kind) if kind else "") for n in decl.children_by_field_name("name")]
    return out


def reuses(name: str, statement: Node, src: SourceFile) -> Node | None:
    """For `:=`, the scope of an earlier `name` it assigns instead of declaring."""
    prior = scopes.scope_of(name, statement, src)
    parent = statement.parent
    if prior is not None and (prior == parent or (prior.type in FUNCTIONS and parent.parent == prior.child_by_field_name("body"))):  # type: ignore[union-attr]
        return prior
    return None


def declares(ident: Node, src: SourceFile) -> bool:
    """True when `ident` is a new declaration of its name rather than a reference."""
    parent = ident.parent
    if parent is None:
        return False
    if parent.type in {"var_spec", "const_spec", "parameter_declaration", "variadic_parameter_declaration"}:
        return ident in parent.children_by_field_name("name")
    holder = parent.parent
    if parent.type != "expression_list" or holder is None or holder.child_by_field_name("left") != parent:
        return False
    if holder.type == "short_var_declaration":
        return reuses(src.text(ident), holder, src) is None
    return holder.type in {"range_clause", "receive_statement"} and any(c.type == ":=" for c in holder.children)
