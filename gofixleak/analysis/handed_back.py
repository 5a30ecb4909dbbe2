"""Whether a local variable a function returns holds a resource the function only hands
back: bound by one call's first result, assigned nowhere else, kept by nothing (no field,
goroutine or closure), released only by a defer that runs when the function fails, and nil
only beside an error."""

from __future__ import annotations

from tree_sitter import Node

from ..source import SourceFile
from . import scopes, tree
from .bindings import binding_of, result_names
from .imports import Imports
from .release import error_check
from .resources import Kind, lifetime

_RETURNED = "it is returned"


def binding_call(ident: Node, src: SourceFile) -> tuple[Node, list[Node]] | None:
    """The call whose first result the declaration of the variable `ident` binds, and the
    names it binds; None for a parameter, a global, or a variable declared without a value
    or from anything but one call."""
    declared = scopes.declaration_of(src.text(ident), ident, src)
    holder = declared.parent if declared is not None else None
    statement = holder.parent if holder is not None and holder.type == "expression_list" else holder
    if statement is None or statement.type not in {"short_var_declaration", "var_spec"}:
        return None
    left = statement.child_by_field_name("left").named_children if statement.type == "short_var_declaration" else (  # type: ignore[union-attr]
        statement.children_by_field_name("name"))
    right = statement.child_by_field_name("right" if statement.type == "short_var_declaration" else "value")
    call = right.named_children[0] if right is not None and len(right.named_children) == 1 else None
    if call is None or call.type != "call_expression" or left[0] != declared:
        return None
    return call, left


def only_handed_back(call: Node, left: list[Node], values: list[Node], function: Node, kind: Kind,
                     src: SourceFile, imports: Imports) -> bool:
    """True when `function` only hands back the resource `call` binds to `left[0]`, which
    the return of `values` returns."""
    binding = binding_of(call, len(left))
    if binding is None or _assigned_again(left[0], src.text(left[0]), function, src):
        return False
    life = lifetime(binding, 0, kind, src, imports)
    if any(reason != _RETURNED for _, reason in life.escapes) or any(u.go_literal is not None for u in life.uses):
        return False
    if any(not _closed_on_error_only(release, function, src) for release in life.releases if _deferred(release, function)):
        return False
    name = src.text(left[0])
    if any(_may_reach_its_return(release, name, src) for release in life.releases if not _deferred(release, function)):
        return False  # `f.Close(); return f`: what it hands back is closed already
    if len(left) == 2 and error_check(binding.statement, left[1], src) is None:
        # Unchecked, the resource may be nil: only `return f, err` (its own error) says so.
        return len(values) == 2 and values[1].type == "identifier" and values[1].text == left[1].text
    return True


def _assigned_again(declared: Node, name: str, function: Node, src: SourceFile) -> bool:
    """True when a statement of `function` other than the declaration assigns the variable."""
    for other in src.identifiers(name):
        if other == declared or not tree.is_inside(other, function):
            continue
        values = other.parent
        holder = values.parent if values is not None and values.type == "expression_list" else None
        if holder is not None and holder.type in {"assignment_statement", "short_var_declaration"} and (
            holder.child_by_field_name("left") == values and scopes.declaration_of(name, other, src) == declared
        ):
            return True
    return False


def _deferred(node: Node, function: Node) -> bool:
    """True when `node` runs later than where it stands: in a defer or a func literal."""
    for ancestor in tree.ancestors(node):
        if ancestor == function:
            return False
        if ancestor.type in {"defer_statement", "func_literal"}:
            return True
    return False


def _may_reach_its_return(release: Node, name: str, src: SourceFile) -> bool:
    """False only for a release whose block then returns without `name` (an error path:
    `f.Close(); return nil, err`); a block that falls through, or returns the variable,
    may hand back what it closed."""
    statement = tree.statement_of(release)
    following = statement.next_named_sibling
    while following is not None:
        if following.type == "return_statement":
            values = following.named_children[0].named_children if following.named_children else []
            return any(value.type == "identifier" and src.text(value) == name for value in values)
        following = following.next_named_sibling
    return True


def _closed_on_error_only(release: Node, function: Node, src: SourceFile) -> bool:
    """True for a deferred release under `if err != nil`, `err` a named error result of
    `function`: it runs only when the function fails, and then it returns no resource."""
    errors = {n for n, kind in result_names(function, src) if kind == "error"}
    for ancestor in tree.ancestors(release):
        if ancestor == function:
            return False
        if ancestor.type == "if_statement":
            condition = ancestor.child_by_field_name("condition")
            text = src.text(condition).replace(" ", "") if condition is not None else ""
            if any(text == f"{err}!=nil" for err in errors):
                return True
    return False
