"""Whether a value the deferred calls of a loop body release, or a value made from it, can
still be used after the iteration ends: stored outside it, sent, captured, or passed on."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from ..source import SourceFile
from .channels import spawning_go
from .imports import Imports
from .scopes import declaration_of
from .stdlib import (
    BASIC_TYPES,
    CARRIERS,
    DATA_FUNCTIONS,
    DATA_METHODS,
    PLAIN_BUILTINS,
    ROOTS,
    is_stdlib,
)
from .tree import ancestors, is_inside, line, walk


@dataclass(frozen=True)
class Escape:
    """How a value may outlive the iteration. `certain`: it does (stored outside the body,
    sent on a channel, used by a goroutine), so a defer that keeps it open until the
    function returns may be meant; otherwise it only may (passed to a function that might
    keep it, captured by a func literal, its address taken, not made in the iteration)."""

    reason: str
    certain: bool


def escapes(resources: list[Node], defers: list[Node], body: Node, src: SourceFile, imports: Imports) -> Escape | None:
    """How a value the deferred calls release, or a value made from it, could still be
    used after the iteration ends (a certain escape before any that only may happen), or
    None.

    Values made from a resource (`br := bufio.NewReader(f)`, `body := resp.Body`) are
    followed like the resource: by name, through declarations and assignments inside
    the body. Results that cannot hold on to it (lengths, arithmetic, comparisons,
    conversions to basic types, what Read, Stat or io.ReadAll return) are not."""
    first: Escape | None = None  # the first escape that only may happen
    for decl in resources:
        if not _made_fresh(decl):
            return Escape(f"{src.text(decl)} (line {line(decl, src)}) is not made in the iteration, so it may still be needed after it", False)
    origin: dict[str, str] = {src.text(d): src.text(d) for d in resources}
    queue = list(origin)
    while queue:
        name = queue.pop(0)
        for node in src.identifiers(name):
            if not is_inside(node, body) or any(is_inside(node, d) for d in defers):
                continue
            decl = declaration_of(name, node, src)
            if decl is None or not is_inside(decl, body) or decl == node:
                continue
            trace = _Trace()
            verdict = _flow(node, origin, body, src, imports, trace)
            if isinstance(verdict, Escape) and verdict.certain:
                return verdict
            first = first or trace.possible or (verdict if isinstance(verdict, Escape) else None)
            for made in verdict if not isinstance(verdict, Escape) else []:
                if made not in origin:
                    origin[made] = origin[name]
                    queue.append(made)
    return first


# Conversions and builtins whose result cannot refer to their argument's resources.
_PLAIN_CALLS = PLAIN_BUILTINS | BASIC_TYPES
# Calls into these standard packages are taken as calls into any other package: they may
# keep the value.
_TRUSTED_ROOTS = ROOTS - {"builtin", "plugin", "structs"}

@dataclass
class _Trace:
    # A function given the value may keep it; its result is still followed, since
    # storing it outside the body (`clients = append(clients, pb.NewClient(conn))`)
    # certainly keeps the value in use.
    possible: Escape | None = None


def _flow(node: Node, origin: dict[str, str], body: Node, src: SourceFile, imports: Imports, trace: _Trace) -> Escape | list[str]:
    """Where the value named at `node` goes: a reason it may outlive the iteration, or the
    names of body variables that now hold it (or something made from it)."""
    name = src.text(node)
    what = name if origin[name] == name else f"{name} (made from {origin[name]})"
    for parent in ancestors(node):
        if parent == body:
            break
        if parent.type == "go_statement" or (parent.type == "func_literal" and spawning_go(parent)):
            return Escape(f"{what} is used by a goroutine started at line {line(parent, src)}", True)
        if parent.type == "func_literal" and not _called_here(parent):
            return Escape(f"{what} is captured by the function literal at line {line(parent, src)}", False)
    child = node
    keyed = None  # the index expression the value is a key of, on the way up
    for parent in ancestors(node):
        if parent == body:
            break
        kind = parent.type
        at = line(parent, src)
        if kind == "index_expression" and parent.child_by_field_name("index") == child:
            keyed = parent
        if kind == "send_statement":
            if parent.child_by_field_name("value") == child:
                return Escape(f"{what} is sent on a channel at line {at}", True)
            return []
        if kind == "unary_expression":
            operator = src.text(parent)[:1]
            if operator == "&":
                return Escape(f"the address of {what} is taken at line {at}", False)
            if operator in {"!", "-", "+", "^"}:
                return []
        elif kind == "binary_expression":
            return []  # a number, a string or a truth value
        elif kind == "call_expression":
            callee = parent.child_by_field_name("function")
            if callee is None:
                return []
            if child == callee:
                field = callee.child_by_field_name("field") if callee.type == "selector_expression" else None
                if field is not None and src.text(field) in DATA_METHODS:
                    return []
            else:
                verdict = _passed_to(parent, callee, origin, src, imports)
                if verdict is not None:
                    if verdict == "":
                        return []
                    trace.possible = trace.possible or Escape(
                        f"{what} is passed to {verdict} at line {at}, which may keep it after the iteration", False)
        elif kind in {"short_var_declaration", "assignment_statement", "range_clause"}:
            left = parent.child_by_field_name("left")
            if child == left:
                if keyed is None:
                    return []  # written, not read
                root = keyed  # `m[f] = ...`: stored as a key of m
                while root.type in {"index_expression", "selector_expression", "parenthesized_expression"} and root.named_children:
                    root = root.named_children[0]
                decl = declaration_of(src.text(root), root, src) if root.type == "identifier" else None
                if decl is None or not is_inside(decl, body):
                    return Escape(f"{what} is stored in {src.text(keyed)} at line {at}, which outlives the iteration", True)
                return [src.text(root)]
            targets = [t for t in (left.named_children if left is not None else []) if t.type != "comment"]
            made = []
            for target in targets:
                text = src.text(target)
                if text == "_":
                    continue
                decl = declaration_of(text, target, src) if target.type == "identifier" else None
                if kind == "assignment_statement" and (decl is None or not is_inside(decl, body)):
                    return Escape(f"{what} is stored in {text} at line {at}, which outlives the iteration", True)
                if target.type == "identifier":
                    made.append(text)
            return made
        elif kind == "var_spec":
            return [src.text(n) for n in parent.children_by_field_name("name") if src.text(n) != "_"]
        elif kind in {"expression_statement", "return_statement", "if_statement", "for_statement", "expression_switch_statement", "inc_statement", "dec_statement"}:
            return []
        child = parent
    return []


def _passed_to(call: Node, callee: Node, origin: dict[str, str], src: SourceFile, imports: Imports) -> str | None:
    """For a value passed as an argument of `call`: None when the call's result carries it
    on, "" when the call neither keeps it nor returns it, else the callee (it may keep it)."""
    if callee.type == "identifier":
        text = src.text(callee)
        if declaration_of(text, callee, src) is None:
            if text in _PLAIN_CALLS:
                return ""
            if text == "append":
                return None
        return text
    if callee.type == "selector_expression":
        resolved = imports.resolve_selector(callee)
        if resolved is not None:
            path, member = resolved
            if not is_stdlib(path, _TRUSTED_ROOTS):
                return src.text(callee)  # another package's function: it may keep it
            if member in DATA_FUNCTIONS.get(path, ()):
                return ""
            if (path, member) in CARRIERS:
                return None
            return src.text(callee)  # log.SetOutput, heap.Push, runtime.SetFinalizer...: may keep it
        operand = callee.child_by_field_name("operand")
        if operand is not None and any(
            n.type == "identifier" and src.text(n) in origin and _declared_in(n, call, src) for n in walk(operand)
        ):
            return None  # a method of the value itself, or of one made from it
    return src.text(callee)


def _declared_in(ident: Node, call: Node, src: SourceFile) -> bool:
    decl = declaration_of(src.text(ident), ident, src)
    loop = next((a for a in ancestors(call) if a.type == "for_statement"), None)
    return decl is not None and loop is not None and is_inside(decl, loop)


# Values made on the spot: a call's result, a literal, a new pointer.
_FRESH = frozenset({"call_expression", "composite_literal", "func_literal", "int_literal", "interpreted_string_literal", "raw_string_literal"})


def _made_fresh(decl: Node) -> bool:
    """True when the declaration gives `decl` a new value: a zero value, a call's result or
    a literal, rather than a copy of something that exists outside the iteration."""
    parent = decl.parent
    if parent is not None and parent.type == "var_spec":
        names, values = parent.children_by_field_name("name"), parent.child_by_field_name("value")
    elif parent is not None and parent.type == "expression_list" and parent.parent is not None and parent.parent.type == "short_var_declaration":
        names, values = parent.named_children, parent.parent.child_by_field_name("right")
    else:
        return False  # a range variable, a select or type switch binding
    if values is None:
        return True
    if len(values.named_children) == 1:
        value = values.named_children[0]
    else:
        index = [n.id for n in names].index(decl.id)
        value = values.named_children[index]
    if value.type == "unary_expression" and value.named_children and value.named_children[-1].type == "composite_literal":
        return True
    return value.type in _FRESH


def _called_here(literal: Node) -> bool:
    """`func() { ... }()` as a statement: it runs right there, like a block."""
    call = literal.parent
    return (
        call is not None
        and call.type == "call_expression"
        and call.child_by_field_name("function") == literal
        and call.parent is not None
        and call.parent.type == "expression_statement"
    )
