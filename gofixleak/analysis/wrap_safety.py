"""When the body of a loop with a `defer` can become `func() { ... }()` with nothing changing
but when its deferred calls run."""

from __future__ import annotations

from tree_sitter import Node

from ..gomod import GoVersion
from ..source import SourceFile
from .deferloop import loop_of, released_lock
from .imports import Imports
from .iteration_escapes import escapes
from .jumps import innermost_breakable
from .scopes import declaration_of
from .tree import enclosing_function, is_inside, line, walk
from .wrap_edit import wrap_edits


def wrap_blocker(loop: Node, src: SourceFile, imports: Imports, go: GoVersion) -> str | None:
    """Why wrapping `loop`'s body in a func literal could change the program, or None.

    Wrapping the body moves every deferred call of the body from "when the function
    returns" to "at the end of the iteration". That is the point of the fix, so it is only
    offered when nothing else changes: no jump would change target, no deferred call reads
    state from outside the iteration, and nothing the deferred calls release is still used
    after the iteration."""
    body = loop.child_by_field_name("body")
    function = enclosing_function(loop)
    if body is None or function is None:
        return "the loop has no body"
    for node in walk(body, into_functions=False):
        at = f"line {line(node, src)}"
        if node.type == "return_statement":
            return f"the loop body returns ({at}); inside a function literal that would only end the iteration"
        if node.type == "goto_statement":
            return f"the loop body uses goto ({at})"
        if node.type == "labeled_statement":
            return f"the loop body declares a label ({at})"
        if node.type in {"break_statement", "continue_statement"}:
            word = "break" if node.type == "break_statement" else "continue"
            target = None
            if not any(c.type == "label_name" for c in node.named_children):
                target = innermost_breakable(node, loops_only=word == "continue")
            if target is None or not is_inside(target, body):
                return f"the {word} at {at} refers to the loop, which a function literal would hide"
    for node in walk(body):
        if node.type == "call_expression":
            callee = node.child_by_field_name("function")
            if callee is not None and src.text(callee) == "recover":
                return f"recover is called in the loop body (line {line(node, src)}) and would stop panics per iteration"
        if node.type in {"raw_string_literal", "comment"} and b"\n" in src.data[node.start_byte : node.end_byte]:
            return f"re-indenting the body would change the text spanning lines at line {line(node, src)}"
    defers = [n for n in walk(body, into_functions=False) if n.type == "defer_statement"]
    for defer in defers:
        reason = _reads_outside(defer, loop, body, function, src, imports, go)
        if reason:
            return reason
    escape = escapes(_released(defers, body, src, imports), defers, body, src, imports)
    if escape:
        return escape.reason
    for defer in defers:
        inner = loop_of(defer)
        if inner is not None and inner != loop and wrap_blocker(inner, src, imports, go) is None and wrap_edits(inner, src):
            # Wrapping both at once would overlap; the engine wraps the inner loop, then this one.
            return f"the inner loop at line {line(inner, src)} is wrapped first"
    return None


def _free_names(defer: Node, src: SourceFile, imports: Imports) -> list[tuple[Node, Node | None]]:
    """(identifier, its declaration) for each name the deferred call reads from outside itself."""
    out = []
    for node in walk(defer):
        if node.type != "identifier":
            continue
        parent = node.parent
        if parent is not None and parent.type == "selector_expression" and parent.child_by_field_name("operand") == node:
            if imports.resolve_selector(parent) is not None:
                continue  # a package qualifier
        decl = declaration_of(src.text(node), node, src)
        if decl is None or not is_inside(decl, defer):
            out.append((node, decl))
    return out


def _reads_outside(defer: Node, loop: Node, body: Node, function: Node, src: SourceFile, imports: Imports, go: GoVersion) -> str | None:
    """Why running `defer`'s call at the end of the iteration could do something else.

    A deferred call's function and arguments are evaluated at the defer statement, so only
    two things can differ: the call may release something that is meant to stay held until
    the function returns (nothing it uses is made in the body), and a deferred func literal
    reads variables when it runs (one declared outside the body may change meanwhile)."""
    at = line(defer, src)
    free = _free_names(defer, src, imports)
    if not any(decl is not None and is_inside(decl, body) for _, decl in free):
        return f"the deferred call at line {at} uses nothing made in the loop body, so it may be meant to run only when the function returns"
    call = defer.named_children[0] if defer.named_children else None
    callee = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    released = released_lock(defer, src)
    if released is not None and released[1] != ("Acquire",):
        return f"the deferred call at line {at} releases a lock: released every iteration instead of when the function returns, the rest of the function would run without it"
    reason = _writes_outside(defer, body, function, src)
    if reason:
        return reason
    if callee is None or callee.type != "func_literal":
        return None
    for ident, decl in free:
        if decl is None or is_inside(decl, body):
            continue
        per_iteration = is_inside(decl, loop) and go.at_least(1, 22)
        if (is_inside(decl, loop) and not per_iteration) or _may_change(decl, function, src):
            return f"the deferred function at line {at} reads {src.text(ident)}, which may change before the function returns"
    return None


def _writes_outside(defer: Node, body: Node, function: Node, src: SourceFile) -> str | None:
    """Why the deferred call may write a variable declared outside the body (through
    `&x` or a named result passed to it), or None. Run per iteration, such a write
    would land earlier, and what the function does later (`return nil`) would overwrite
    or read it differently."""
    at = line(defer, src)
    for node in walk(defer, into_functions=False):
        if node.type == "unary_expression" and src.text(node).startswith("&"):
            root = node.child_by_field_name("operand")
            while root is not None and root.type in {"selector_expression", "index_expression", "parenthesized_expression"}:
                root = root.named_children[0] if root.named_children else None
            if root is not None and root.type == "identifier":
                decl = declaration_of(src.text(root), root, src)
                if decl is None or not is_inside(decl, body):
                    return f"the deferred call at line {at} takes the address of {src.text(root)}, declared outside the loop body, and may write it when it runs"
        if node.type == "identifier" and node.parent is not None and node.parent.type == "argument_list":
            decl = declaration_of(src.text(node), node, src)
            if decl is not None and not is_inside(decl, body) and _is_result(decl, function):
                return f"the deferred call at line {at} is given the named result {src.text(node)}"
            if decl is not None and not is_inside(decl, body) and _points_outside(decl):
                return f"the deferred call at line {at} is given {src.text(node)}, a pointer it may write a variable declared outside the loop body through"
    return None


def _is_result(decl: Node, function: Node) -> bool:
    parent = decl.parent
    results = function.child_by_field_name("result")
    return parent is not None and parent.type == "parameter_declaration" and results is not None and parent.parent == results


def _points_outside(decl: Node) -> bool:
    """`p := &x` or `p := new(T)`: a pointer the deferred call could write through."""
    parent = decl.parent
    values = None
    if parent is not None and parent.type == "var_spec":
        values = parent.child_by_field_name("value")
    elif parent is not None and parent.type == "expression_list" and parent.parent is not None and parent.parent.type == "short_var_declaration":
        values = parent.parent.child_by_field_name("right")
    for value in values.named_children if values is not None else []:
        text = value.text.decode() if value.text else ""
        if text.startswith(("&", "new(")):
            return True
    return False


def _may_change(decl: Node, function: Node, src: SourceFile) -> bool:
    """True when the variable `decl` declares is assigned after its declaration (a named
    result is, by every return), incremented, or has its address taken in `function`."""
    parent = decl.parent
    if parent is not None and parent.type == "parameter_declaration":
        params = parent.parent
        if params is not None and params.parent is not None and params.parent.child_by_field_name("result") == params:
            return True
    name = src.text(decl)
    for node in walk(function):
        if node.type != "identifier" or node == decl or src.text(node) != name or declaration_of(name, node, src) != decl:
            continue
        parent = node.parent
        grand = parent.parent if parent is not None else None
        if parent is None:
            continue
        if parent.type in {"inc_statement", "dec_statement"}:
            return True
        if parent.type == "unary_expression" and src.text(parent).startswith("&"):
            return True
        if parent.type == "expression_list" and grand is not None and grand.child_by_field_name("left") == parent:
            if grand.type in {"assignment_statement", "short_var_declaration", "range_clause"}:
                return True
    return False


def _released(defers: list[Node], body: Node, src: SourceFile, imports: Imports) -> list[Node]:
    """Declarations inside the body that the deferred calls use, with the names declared
    beside them (`ctx` for `defer cancel()` after `ctx, cancel := ...`)."""
    seen: dict[int, Node] = {}
    for defer in defers:
        for _, decl in _free_names(defer, src, imports):
            if decl is not None and is_inside(decl, body):
                for sibling in _declared_with(decl):
                    seen.setdefault(sibling.id, sibling)
    return sorted(seen.values(), key=lambda d: d.start_byte)


def _declared_with(decl: Node) -> list[Node]:
    parent = decl.parent
    if parent is not None and parent.type == "var_spec":
        return parent.children_by_field_name("name")
    if parent is not None and parent.type == "expression_list":
        return [n for n in parent.named_children if n.type == "identifier"]
    return [decl]
