"""Statements control never comes back from: calls that do not return, loops that never end."""

from __future__ import annotations

from tree_sitter import Node

from ..source import SourceFile
from .jumps import innermost_breakable
from .scopes import is_shadowed
from .tree import walk

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


def always_true(condition: Node | None, src: SourceFile) -> bool:
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
        if clause.type == "range_clause" or not always_true(clause.child_by_field_name("condition"), src):
            return False
    elif any(c.type not in {"block", "comment"} and not always_true(c, src) for c in loop.named_children):
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


def reached_on_entry(statement: Node, loops: list[Node]) -> bool:
    """True when `statement` runs right as the outermost of `loops` (the loops around it,
    innermost first) is entered: each loop is `for { ... }` and holds the next one in, or
    `statement`, as the first statement of its body. Code put just before the outermost
    loop then runs at the same moment as `statement` does on the first pass."""
    inner = statement
    for loop in loops:
        body = loop.child_by_field_name("body")
        if body is None or not is_unconditional_loop(loop):
            return False
        statements = [s for b in body.named_children if b.type == "statement_list" for s in b.named_children]
        first = next((s for s in statements if s.type != "comment"), None)
        if first is None or first.id != inner.id:
            return False
        inner = loop if loop.parent is None or loop.parent.type != "labeled_statement" else loop.parent
    return True


_TESTIFY_REQUIRE = "github.com/stretchr/testify/require"


def no_return_kind(call: Node, src: SourceFile, imports) -> tuple[str, bool] | None:
    """How a call that may not come back leaves the function: ("panic" | "exit" |
    "goexit", conditional), where `conditional` says it may also return (testify's
    `require.*` and `s.Require().*` fail the test only when the assertion does not hold).
    None for any other call."""
    function = call.child_by_field_name("function")
    if function is None:
        return None
    if function.type == "identifier":
        return ("panic", False) if src.text(function) == "panic" and not is_shadowed("panic", call, src) else None
    if function.type != "selector_expression":
        return None
    operand = function.child_by_field_name("operand")
    member = src.text(function.child_by_field_name("field"))  # type: ignore[arg-type]
    target = imports.resolve_selector(function)
    if target is not None:
        path = target[0]
        if (path, member) in {("os", "Exit"), ("syscall", "Exit")}:
            return "exit", False
        if (path, member) == ("runtime", "Goexit"):
            return "goexit", False
        if path == _TESTIFY_REQUIRE:
            return "goexit", True
        if path == "log" and member in _NO_RETURN_METHODS:
            return ("exit" if member.startswith("Fatal") else "panic"), False
        return None
    if operand is not None and operand.type == "call_expression":
        inner = operand.child_by_field_name("function")
        if inner is not None and inner.type == "selector_expression" and src.text(inner.child_by_field_name("field")) == "Require":  # type: ignore[arg-type]
            return "goexit", True
    receiver = src.text(operand) if operand is not None else ""
    if member in {"FailNow", "SkipNow"} or (receiver in _TEST_RECEIVERS and (member in _NO_RETURN_TEST_METHODS or member.startswith("Fatal"))):
        return "goexit", False
    if member in _NO_RETURN_METHODS:
        return ("exit" if member.startswith("Fatal") else "panic"), False
    return None
