"""How control leaves a statement, an iteration or a loop: early exits, and statements
that always leave a loop for good."""

from __future__ import annotations

from tree_sitter import Node

from ..source import SourceFile
from .endless import is_endless_loop, is_terminating_call
from .jumps import jump_target, leaves
from .tree import FUNCTIONS, ancestors, is_inside, walk


def loop_exit(body: Node, loop: Node, src: SourceFile, skip: Node | None = None) -> Node | None:
    """A return, goto, or break that ends `loop`, found in `body` outside `skip`; func
    literals are not entered."""
    for node in walk(body, into_functions=False):
        if skip is not None and is_inside(node, skip):
            continue
        if node.type in {"return_statement", "goto_statement"}:
            return node
        if node.type in {"break_statement", "continue_statement"} and leaves(node, loop, src):
            return node
    return None


def early_exit(node: Node, container: Node, src: SourceFile) -> Node | None:
    """A statement in `node` (nested func literals not entered) that can leave `container`
    before its end: return, goto, a terminating call, or a break or continue aimed at a
    statement outside `container`."""
    for n in walk(node, into_functions=False):
        if n.type in {"return_statement", "goto_statement"}:
            return n
        if n.type == "call_expression" and is_terminating_call(n, src):
            return n
        if n.type in {"break_statement", "continue_statement"}:
            target = jump_target(n, src)
            if target is None or not is_inside(target, container):
                return n
    return None


def ends_iteration_for_good(stmt: Node, loop: Node, src: SourceFile) -> bool:
    """True when `stmt` always leaves `loop` for good: return, a panic-like call, a break
    out, a goto to a label after the loop (that no goto leads back from), an if/else,
    a switch with a default or a select whose every branch does, a block that does, or an
    endless loop."""
    kind = stmt.type
    if kind == "return_statement":
        return True
    if kind == "break_statement":
        return leaves(stmt, loop, src)
    if kind == "goto_statement":
        return _goto_leaves_for_good(stmt, loop, src)
    if kind == "expression_statement" and stmt.named_children:
        call = stmt.named_children[0]
        return call.type == "call_expression" and is_terminating_call(call, src)
    if kind == "labeled_statement":
        inner = [c for c in stmt.named_children if c.type != "label_name"]
        return bool(inner) and ends_iteration_for_good(inner[0], loop, src)
    if kind == "block":
        return always_leaves(stmt, loop, src)
    if kind == "if_statement":
        alternative = stmt.child_by_field_name("alternative")
        return (
            alternative is not None
            and always_leaves(stmt.child_by_field_name("consequence"), loop, src)
            and ends_iteration_for_good(alternative, loop, src)
        )
    if kind in {"expression_switch_statement", "type_switch_statement", "select_statement"}:
        clauses = [c for c in stmt.named_children if c.type in {"expression_case", "type_case", "default_case", "communication_case"}]
        if kind != "select_statement" and not any(c.type == "default_case" for c in clauses):
            return False  # no case may match
        return all(always_leaves(c, loop, src) for c in clauses)
    if kind == "for_statement":
        return is_endless_loop(stmt, src)
    return False


def left_for_good_after(node: Node, loop: Node, src: SourceFile) -> Node | None:
    """A statement after `node`, on its path through `loop`'s body, that always leaves
    the loop for good, with nothing between that may start another pass: `node` then
    runs at most once per run of the loop. None otherwise."""
    current = node
    while current != loop:
        parent = current.parent
        if parent is None:
            return None
        if parent.type == "statement_list":
            sibling = current.next_named_sibling
            while sibling is not None:
                if sibling.type != "comment":
                    if ends_iteration_for_good(sibling, loop, src):
                        return sibling
                    if may_repeat(sibling, loop, src):
                        return None  # a continue (or goto) can skip what follows
                sibling = sibling.next_named_sibling
        current = parent
    return None


def always_leaves(container: Node | None, loop: Node, src: SourceFile) -> bool:
    """True when the statements of `container` (a block, a case clause or a statement list)
    always leave `loop` for good: one does, and none before it may start another pass."""
    if container is None:
        return False
    statements = container
    if container.type != "statement_list":
        statements = next((c for c in container.named_children if c.type == "statement_list"), None)  # type: ignore[assignment]
        if statements is None:
            return False
    for stmt in statements.named_children:
        if stmt.type == "comment":
            continue
        if ends_iteration_for_good(stmt, loop, src):
            return True
        if may_repeat(stmt, loop, src):
            return False
    return False


def may_repeat(stmt: Node, loop: Node, src: SourceFile) -> bool:
    """True when `stmt` holds a goto, or a continue that starts another pass of `loop` or
    of a loop around it (func literals are not entered)."""
    for n in walk(stmt, into_functions=False):
        if n.type == "goto_statement":
            return True
        if n.type == "continue_statement":
            target = jump_target(n, src)
            if target is None or target == loop or is_inside(loop, target):
                return True
    return False


def _goto_leaves_for_good(goto: Node, loop: Node, src: SourceFile) -> bool:
    """A goto to a label after `loop`, in a function where no goto leads to a label that
    starts before the loop ends (which could run the loop again)."""
    label = next((c for c in goto.named_children if c.type == "label_name"), None)
    function = next((a for a in ancestors(goto) if a.type in FUNCTIONS), None)
    if label is None or function is None:
        return False
    labels: dict[str, Node] = {}
    gotos: list[str] = []
    for n in walk(function, into_functions=False):
        if n.type == "labeled_statement":
            name = n.child_by_field_name("label")
            if name is not None:
                labels[src.text(name)] = n
        elif n.type == "goto_statement":
            gotos.extend(src.text(c) for c in n.named_children if c.type == "label_name")
    target = labels.get(src.text(label))
    if target is None or target.start_byte < loop.end_byte:
        return False
    return all(name in labels and labels[name].start_byte >= loop.end_byte for name in gotos)
