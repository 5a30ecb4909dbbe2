"""`defer` inside a loop: does it pile up, and can the loop body become `func() { ... }()`?

Wrapping the body moves every deferred call of the body from "when the function returns"
to "at the end of the iteration". That is the point of the fix, so it is only offered when
nothing else changes: no jump would change target, no deferred call reads state from outside
the iteration, and nothing the deferred calls release is still used after the iteration.
"""

from __future__ import annotations

from tree_sitter import Node

from ..gomod import GoVersion
from ..model import Edit
from ..source import SourceFile
from .channels import spawning_go
from .flow import ends_iteration_for_good, innermost_breakable
from .imports import Imports
from .scopes import declaration_of
from .tree import ancestors, enclosing_function, is_inside, line, loops_around, walk


def loop_of(defer: Node) -> Node | None:
    """The innermost loop around `defer` in its own function (func literals reset)."""
    loops = loops_around(defer)
    return loops[0] if loops else None


def registered_once(defer: Node, loop: Node, src: SourceFile) -> Node | None:
    """A statement after `defer`, on its path through the body, that always leaves `loop`
    for good (return, break out, panic): the defer then runs at most once per call."""
    node = defer
    while node != loop:
        parent = node.parent
        if parent is None:
            return None
        if parent.type == "statement_list":
            sibling = node.next_named_sibling
            while sibling is not None:
                if ends_iteration_for_good(sibling, loop, src):
                    return sibling
                sibling = sibling.next_named_sibling
        node = parent
    return None


def wrap_blocker(loop: Node, src: SourceFile, imports: Imports, go: GoVersion) -> str | None:
    """Why wrapping `loop`'s body in a func literal could change the program, or None."""
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
    for resource in _released(defers, body, src, imports):
        reason = _outlives(resource, defers, body, src)
        if reason:
            return reason
    for defer in defers:
        inner = loop_of(defer)
        if inner is not None and inner != loop and wrap_blocker(inner, src, imports, go) is None and wrap_edit(inner, src):
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
    if callee is None or callee.type != "func_literal":
        return None
    for ident, decl in free:
        if decl is None or is_inside(decl, body):
            continue
        per_iteration = is_inside(decl, loop) and go.at_least(1, 22)
        if (is_inside(decl, loop) and not per_iteration) or _may_change(decl, function, src):
            return f"the deferred function at line {at} reads {src.text(ident)}, which may change before the function returns"
    return None


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


def _outlives(decl: Node, defers: list[Node], body: Node, src: SourceFile) -> str | None:
    """How the value of `decl` could still be used after the iteration ends, or None."""
    name = src.text(decl)
    if not _made_fresh(decl):
        return f"{name} (line {line(decl, src)}) is not made in the iteration, so it may still be needed after it"
    for node in walk(body):
        if node.type != "identifier" or node == decl or src.text(node) != name:
            continue
        if any(is_inside(node, d) for d in defers) or declaration_of(name, node, src) != decl:
            continue
        child = node
        for parent in ancestors(node):
            if parent == body:
                break
            if parent.type == "go_statement" or (parent.type == "func_literal" and spawning_go(parent)):
                return f"{name} is used by a goroutine started at line {line(parent, src)}"
            if parent.type == "func_literal" and not _called_here(parent):
                return f"{name} is captured by the function literal at line {line(parent, src)}"
            if parent.type == "send_statement" and parent.child_by_field_name("value") == child:
                return f"{name} is sent on a channel at line {line(parent, src)}"
            if parent.type == "unary_expression" and src.text(parent).startswith("&"):
                return f"the address of {name} is taken at line {line(parent, src)}"
            if parent.type == "assignment_statement" and parent.child_by_field_name("right") == child:
                left = parent.child_by_field_name("left")
                for target in left.named_children if left is not None else []:
                    target_decl = declaration_of(src.text(target), target, src) if target.type == "identifier" else None
                    if src.text(target) != "_" and (target_decl is None or not is_inside(target_decl, body)):
                        return f"{name} is stored in {src.text(target)} at line {line(parent, src)}, which outlives the iteration"
            child = parent
    return None


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


def wrap_edit(loop: Node, src: SourceFile) -> Edit | None:
    """Replace the inside of `loop`'s body with `func() { <body, one tab deeper> }()`; None
    when the braces do not sit at a line end and on a line of their own."""
    body = loop.child_by_field_name("body")
    if body is None:
        return None
    data, newline = src.data, src.newline
    open_end = src.line_end(body.start_byte)
    after_brace = data[body.start_byte + 1 : open_end].strip()
    if after_brace and not after_brace.startswith(b"//"):
        return None
    close = body.end_byte - 1
    close_start = src.line_start(close)
    if data[close_start:close].strip() or close_start < open_end:
        return None
    indent = src.indent_at(close)
    inner = data[open_end:close_start].splitlines(keepends=True)
    shifted = b"".join(b"\t" + l if l.strip() else l for l in inner)
    text = indent + b"\tfunc() {" + newline + shifted + indent + b"\t}()" + newline
    return Edit.replace(open_end, close_start, text)
