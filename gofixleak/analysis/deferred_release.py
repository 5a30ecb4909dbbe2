"""What a deferred call in a loop releases: values the iteration acquired (a call's result
bound in the loop body), and whether releasing them at the end of the iteration is what the
release is for (Close, Stop, a context's cancel) or only likely (any other method)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from ..source import SourceFile
from . import package
from .imports import Imports
from .scopes import declaration_of
from .tree import CASE_CLAUSES, ancestors, enclosing_function, is_inside, walk

# Methods that release what the value holds, whoever made it.
_KNOWN_RELEASES = frozenset({"Close", "Stop"})
# Releases of something held for the rest of the function on purpose: locks, wait groups,
# and the undoing of a registration (`unregisterWriter`, `Unsubscribe`, `Deregister`).
_LOCK_LIKE = frozenset({"Unlock", "RUnlock", "Done"})
_UNDOING = re.compile(r"^(?:[Uu]n|[Dd]e-?[Rr]egister)[A-Za-z]")
# Functions whose cancel result (the second) releases the derived context.
_CANCEL_MAKERS = {
    "context": frozenset({"WithCancel", "WithTimeout", "WithDeadline", "WithCancelCause",
                          "WithTimeoutCause", "WithDeadlineCause"}),
    "os/signal": frozenset({"NotifyContext"}),
}
# Standard functions that release a value acquired earlier, given as an argument.
_RELEASING_FUNCTIONS = frozenset({
    ("os", "Remove"), ("os", "RemoveAll"), ("syscall", "Close"), ("syscall", "CloseHandle"),
    ("golang.org/x/sys/unix", "Close"), ("golang.org/x/sys/windows", "CloseHandle"), ("C", "free"),
})


@dataclass(frozen=True)
class Release:
    """A call of a deferred statement that releases the value `acquired` declares."""

    call: Node
    acquired: Node  # the identifier declaring the value, inside the loop body
    known: bool  # Close, Stop or a context's cancel: what the value offers for releasing it
    companions: tuple[Node, ...] = ()  # released with it: the context of a cancel


@dataclass(frozen=True)
class DeferredRelease:
    """What one defer statement releases. `lock_like`: it releases a lock, a wait group or
    what a func value returned by a call stands for (`unlock := mu.Lock(); defer unlock()`):
    held until the function returns on purpose. `other_calls`: calls it makes always that
    release nothing acquired in the iteration."""

    releases: tuple[Release, ...]
    lock_like: bool
    other_calls: tuple[Node, ...]
    recovers: bool = False  # a deferred func literal calling recover: a panic handler

    @property
    def piles_up(self) -> bool:
        return bool(self.releases) and not self.lock_like and not self.recovers

    @property
    def known(self) -> bool:
        """Every call it always makes is a known release (Close, Stop, cancel)."""
        return self.piles_up and not self.other_calls and all(r.known for r in self.releases)


def deferred_release(defer: Node, body: Node, src: SourceFile, imports: Imports) -> DeferredRelease:
    """What `defer` (a statement in the loop body `body`) releases of what the iteration
    acquired. A deferred func literal counts only the calls it always makes: a release
    inside an `if` or a case (`if err != nil { f.Close() }`) is a clean-up on failure,
    not a pile-up."""
    call = defer.named_children[0] if defer.named_children else None
    if call is None or call.type != "call_expression":
        return DeferredRelease((), False, ())
    callee = call.child_by_field_name("function")
    calls = [call]
    recovers = False
    if callee is not None and callee.type == "func_literal":
        every = [c for c in walk(callee, into_functions=False) if c.type == "call_expression"]
        recovers = any(_is_recover(c, src) for c in every)
        calls = [c for c in every if _always_runs(c, callee, src)]
    releases, others, lock_like = [], [], False
    for c in calls:
        verdict = _classify(c, body, src, imports)
        if verdict == "lock":
            lock_like = True
        elif isinstance(verdict, Release):
            releases.append(verdict)
        else:
            others.append(c)
    return DeferredRelease(tuple(releases), lock_like, tuple(others), recovers)


def _is_recover(call: Node, src: SourceFile) -> bool:
    function = call.child_by_field_name("function")
    return function is not None and function.type == "identifier" and src.text(function) == "recover" and (
        declaration_of("recover", function, src) is None
    )


def _always_runs(call: Node, literal: Node, src: SourceFile) -> bool:
    """True when `call` runs whenever the func literal does: not under an if's branches, a
    case, a loop body, or another func literal (an if's init and condition always run)."""
    child = call
    for a in ancestors(call):
        if a == literal:
            return True
        if a.type in CASE_CLAUSES or a.type == "func_literal":
            return False
        if a.type == "block" and a.parent is not None and a.parent.type in {"if_statement", "for_statement"}:
            return False
        if a.type == "if_statement" and a.parent is not None and a.parent.type == "if_statement" and child == a:
            return False  # an else-if runs only when the first condition fails
        if a.type == "binary_expression" and a.child_by_field_name("right") == child:
            operator = a.child_by_field_name("operator")
            if operator is not None and src.text(operator) in {"&&", "||"}:
                return False
        child = a
    return False


def _classify(call: Node, body: Node, src: SourceFile, imports: Imports) -> Release | str | None:
    """A Release, "lock" for a lock-like release, or None for a call releasing nothing
    the iteration acquired."""
    callee = call.child_by_field_name("function")
    if callee is None:
        return None
    if callee.type == "selector_expression":
        resolved = imports.resolve_selector(callee)
        if resolved is not None:
            if resolved in _RELEASING_FUNCTIONS:
                # `os.Remove(filepath.Join(dir, tmp.Name()))`: any value of the iteration in it.
                for ident in walk(call.child_by_field_name("arguments")):  # type: ignore[arg-type]
                    acquired = _acquired_root(ident, body, src) if ident.type == "identifier" else None
                    if acquired is not None:
                        return Release(call, acquired, False)
            return None
        method = src.text(callee.child_by_field_name("field"))  # type: ignore[arg-type]
        if method in _LOCK_LIKE or _UNDOING.match(method):
            return "lock"
        acquired = _acquired_root(callee.child_by_field_name("operand"), body, src)  # type: ignore[arg-type]
        return Release(call, acquired, method in _KNOWN_RELEASES) if acquired is not None else None
    if callee.type == "identifier":
        decl = declaration_of(src.text(callee), callee, src)
        if decl is None:
            return _helper_release(call, callee, body, src)
        binding = _binding(decl, src)
        if binding is None:
            return None
        value, names, index = binding
        if _is_cancel(value, names, index, imports):
            if not is_inside(decl, body):
                return None
            context = names[0] if names[0].type == "identifier" else None
            context_decl = context
            if context is not None and context.parent is not None and context.parent.type not in {"var_spec", "expression_list"}:
                context_decl = declaration_of(src.text(context), context, src)  # assigned, declared elsewhere
            return Release(call, decl, True, (context_decl,) if context_decl is not None else ())
        return "lock"  # a func value some call returned: an unlock, a done, a release
    return None


def _helper_release(call: Node, callee: Node, body: Node, src: SourceFile) -> Release | None:
    """`closeQuietly(f)`: a function of the package given a value of the iteration, whose
    body calls Close or Stop on the parameter it lands in."""
    arguments = call.child_by_field_name("arguments")
    acquired_at = [i for i, a in enumerate(arguments.named_children) if _acquired_root(a, body, src) is not None] if arguments else []
    if not acquired_at:
        return None  # checked first: looking the function up may read the package's other files
    declared = package.of(src).functions(src.text(callee))
    if len(declared) != 1:
        return None
    function, file = declared[0].node, declared[0].file.src
    names = [
        file.text(n)
        for declaration in (function.child_by_field_name("parameters").named_children if function.child_by_field_name("parameters") else [])
        if declaration.type == "parameter_declaration"
        for n in declaration.children_by_field_name("name")
    ]
    for index in acquired_at:
        acquired = _acquired_root(arguments.named_children[index], body, src)  # type: ignore[union-attr]
        if acquired is None or index >= len(names):
            continue
        for node in walk(function):
            if node.type != "selector_expression" or node.parent is None or node.parent.type != "call_expression":
                continue
            operand, field = node.child_by_field_name("operand"), node.child_by_field_name("field")
            if operand is not None and field is not None and file.text(operand) == names[index] and file.text(field) in _KNOWN_RELEASES:
                return Release(call, acquired, False)
    return None


def _is_cancel(value: Node, names: list[Node], index: int, imports: Imports) -> bool:
    """`ctx, cancel := context.WithCancel(...)`: the second of two results of a call
    making a derived context."""
    target = imports.call_target(value)
    if target is None or target[1] not in _CANCEL_MAKERS.get(target[0], ()):
        return False
    return len(names) == 2 and index == 1


def _acquired_root(expr: Node | None, body: Node, src: SourceFile) -> Node | None:
    """The declaration of the variable at the root of `expr` (`resp` for `resp.Body`),
    when the loop body binds it to a call's result."""
    root = expr
    while root is not None and root.type in {"selector_expression", "index_expression", "parenthesized_expression"}:
        root = root.named_children[0] if root.named_children else None
    if root is None or root.type != "identifier":
        return None
    decl = declaration_of(src.text(root), root, src)
    if decl is None or not is_inside(decl, body):
        return None
    binding = _binding(decl, src)
    if binding is None or _schedules_work(binding[0], src):
        return None
    return decl


def _schedules_work(call: Node, src: SourceFile) -> bool:
    """`time.AfterFunc(d, f)` or any call given a func literal: what it returns stands for
    work that runs later, which stopping it at the end of the iteration would cancel."""
    arguments = call.child_by_field_name("arguments")
    function = call.child_by_field_name("function")
    if function is not None and function.type == "selector_expression" and src.text(function.child_by_field_name("field")) == "AfterFunc":  # type: ignore[arg-type]
        return True
    return arguments is not None and any(a.type == "func_literal" for a in arguments.named_children)


def _binding(decl: Node, src: SourceFile) -> tuple[Node, list[Node], int] | None:
    """(the call whose result the declared variable is given, the left-hand side receiving
    the call's results, the variable's index there): `f, err := os.Open(name)`, `var f =
    open()`, or `var cancel context.CancelFunc` given a value by exactly one assignment
    (`ctx, cancel = context.WithDeadline(...)`). None for any other value."""
    parent = decl.parent
    if parent is not None and parent.type == "var_spec":
        names, values = parent.children_by_field_name("name"), parent.child_by_field_name("value")
        if values is None:
            return _assigned_once(decl, src)
    elif parent is not None and parent.type == "expression_list" and parent.parent is not None and parent.parent.type == "short_var_declaration":
        names, values = parent.named_children, parent.parent.child_by_field_name("right")
    else:
        return None
    index = [n.id for n in names].index(decl.id)
    value = _value_at(values, index, len(names))
    return (value, list(names), index) if value is not None else None


def _assigned_once(decl: Node, src: SourceFile) -> tuple[Node, list[Node], int] | None:
    holder = enclosing_function(decl)
    name = src.text(decl)
    found = []
    for node in walk(holder) if holder is not None else []:
        if node.type != "assignment_statement":
            continue
        left = node.child_by_field_name("left")
        targets = [t for t in (left.named_children if left is not None else []) if t.type != "comment"]
        for index, target in enumerate(targets):
            if target.type == "identifier" and src.text(target) == name and declaration_of(name, target, src) == decl:
                found.append((node, targets, index))
    if len(found) != 1:
        return None
    statement, targets, index = found[0]
    value = _value_at(statement.child_by_field_name("right"), index, len(targets))
    return (value, targets, index) if value is not None else None


def _value_at(values: Node | None, index: int, count: int) -> Node | None:
    """The call giving the value number `index` of `count` names, or None."""
    items = values.named_children if values is not None else []
    if len(items) == 1:
        value = items[0]
    elif len(items) == count:
        value = items[index]
    else:
        return None
    return value if value.type == "call_expression" else None
