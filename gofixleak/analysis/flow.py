"""How control leaves a statement, an iteration or a loop: jumps, returns, calls that never return."""

from __future__ import annotations

from tree_sitter import Node

from ..source import SourceFile
from .scopes import is_shadowed
from .tree import FUNCTIONS, ancestors, is_inside, walk

_BREAKABLE = frozenset({"for_statement", "expression_switch_statement", "type_switch_statement", "select_statement"})


def innermost_breakable(stmt: Node, loops_only: bool) -> Node | None:
    """What an unlabeled break (or, with `loops_only`, continue) at `stmt` leaves."""
    for parent in ancestors(stmt):
        if parent.type in FUNCTIONS:
            return None
        if parent.type == "for_statement" or (not loops_only and parent.type in _BREAKABLE):
            return parent
    return None


def label_target(jump: Node, src: SourceFile) -> Node | None:
    """The statement a labeled break, continue or goto names, when it encloses `jump`."""
    label = next((c for c in jump.named_children if c.type == "label_name"), None)
    if label is None:
        return None
    for parent in ancestors(jump):
        if parent.type in FUNCTIONS:
            return None
        if parent.type == "labeled_statement":
            name = parent.child_by_field_name("label")
            if name is not None and src.text(name) == src.text(label):
                inner = [c for c in parent.named_children if c.type != "label_name"]
                return inner[0] if inner else None
    return None


def jump_target(stmt: Node, src: SourceFile) -> Node | None:
    """The statement a break or continue leaves: the one its label names, else the
    innermost loop (continue) or loop, switch or select (break)."""
    if any(c.type == "label_name" for c in stmt.named_children):
        return label_target(stmt, src)
    return innermost_breakable(stmt, stmt.type == "continue_statement")


def leaves(jump: Node, loop: Node, src: SourceFile) -> bool:
    """True when the break/continue `jump` inside `loop` ends the loop (not an iteration)."""
    labeled = any(c.type == "label_name" for c in jump.named_children)
    if labeled:
        target = label_target(jump, src)
        if target is None:
            return True  # cannot tell: assume it leaves
        if jump.type == "break_statement":
            return target == loop or is_inside(loop, target)
        return target != loop and is_inside(loop, target)
    if jump.type == "continue_statement":
        return False
    return innermost_breakable(jump, loops_only=False) == loop


def exits_iteration(body: Node, loop: Node, src: SourceFile) -> Node | None:
    """A statement in `body` that can leave the current iteration of `loop` early:
    return, goto, panic, continue/break aimed at `loop` (unlabeled ones inside nested
    loops, switches and selects aim elsewhere; a labeled one leaves unless its label is
    inside `body`). Nested func literals are not entered."""
    for n in walk(body, into_functions=False):
        if n.type in {"return_statement", "goto_statement"}:
            return n
        if n.type == "call_expression":
            fn = n.child_by_field_name("function")
            if fn is not None and src.text(fn) in {"panic", "os.Exit", "log.Fatal", "log.Fatalf", "runtime.Goexit"}:
                return n
        if n.type in {"break_statement", "continue_statement"}:
            target = n.named_children[0] if n.named_children else None
            if target is not None:
                # Labels are unique per function: one not declared inside `body` is
                # `loop`'s own or an enclosing statement's, and either way it leaves.
                if not _labeled_within(n, src.text(target), body, src):
                    return n
                continue
            if innermost_breakable(n, n.type == "continue_statement") == loop:
                return n
    return None


def _labeled_within(stmt: Node, label: str, container: Node, src: SourceFile) -> bool:
    for parent in ancestors(stmt):
        if parent == container:
            return False
        if parent.type == "labeled_statement":
            name = parent.child_by_field_name("label")
            if name is not None and src.text(name) == label:
                return True
    return False


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


_NO_RETURN_CALLS = frozenset({"panic", "os.Exit", "runtime.Goexit", "syscall.Exit"})


# log, testing and most loggers: these methods do not come back.
_NO_RETURN_METHODS = frozenset({"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"})


# testing.T, B, F and TB: only on the receivers tests conventionally name so.
_NO_RETURN_TEST_METHODS = frozenset({"FailNow", "Skip", "Skipf", "SkipNow"})


_TEST_RECEIVERS = frozenset({"t", "b", "f", "tb"})


def is_terminating_call(call: Node, src: SourceFile) -> bool:
    """`panic(...)`, `os.Exit(...)`, `runtime.Goexit()`, a `Fatal*` or `Panic*` method (log,
    testing, loggers), or `t.FailNow()`/`t.Skip*()`: control does not come back."""
    function = call.child_by_field_name("function")
    if function is None:
        return False
    if src.text(function) in _NO_RETURN_CALLS:
        return True
    if function.type != "selector_expression":
        return False
    member = src.text(function.child_by_field_name("field"))  # type: ignore[arg-type]
    operand = src.text(function.child_by_field_name("operand"))  # type: ignore[arg-type]
    return member in _NO_RETURN_METHODS or (member in _NO_RETURN_TEST_METHODS and operand in _TEST_RECEIVERS)


def _always_true(condition: Node | None, src: SourceFile) -> bool:
    """No condition, or the predeclared `true` (not a variable named so)."""
    if condition is None:
        return True
    while condition.type == "parenthesized_expression" and condition.named_children:
        condition = condition.named_children[0]
    return condition.type == "true" and not is_shadowed("true", condition, src)


def is_unconditional_loop(loop: Node) -> bool:
    """`for { ... }`: no condition, no range clause."""
    for child in loop.named_children:
        if child.type == "range_clause":
            return False
        if child.type == "for_clause":
            if child.child_by_field_name("condition") is not None:
                return False
        elif child.type not in {"block", "comment"}:
            return False  # `for cond {`
    return True


def is_endless_loop(loop: Node, src: SourceFile) -> bool:
    """`for { ... }` with no condition (or the literal `true`) and nothing that leaves it."""
    if any(c.type in {"for_clause", "range_clause"} for c in loop.named_children):
        clause = next(c for c in loop.named_children if c.type in {"for_clause", "range_clause"})
        if clause.type == "range_clause" or not _always_true(clause.child_by_field_name("condition"), src):
            return False
    elif any(c.type not in {"block", "comment"} and not _always_true(c, src) for c in loop.named_children):
        return False  # `for cond {}`
    body = loop.child_by_field_name("body")
    if body is None:
        return False
    for n in walk(body, into_functions=False):
        if n.type in {"return_statement", "goto_statement"}:
            return False
        if n.type == "break_statement":
            target = n.named_children[0] if n.named_children else None
            if target is not None or innermost_breakable(n, False) == loop:
                return False
    return True
