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
from .tree import CASE_CLAUSES, ancestors, is_inside, walk

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

    @property
    def piles_up(self) -> bool:
        return bool(self.releases) and not self.lock_like

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
    if callee is not None and callee.type == "func_literal":
        calls = [c for c in walk(callee, into_functions=False) if c.type == "call_expression" and _always_runs(c, callee, src)]
    releases, others, lock_like = [], [], False
    for c in calls:
        verdict = _classify(c, body, src, imports)
        if verdict == "lock":
            lock_like = True
        elif isinstance(verdict, Release):
            releases.append(verdict)
        else:
            others.append(c)
    return DeferredRelease(tuple(releases), lock_like, tuple(others))


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
        value = _bound_call(decl)
        if value is None:
            return None
        if _is_cancel(value, decl, imports):  # type: ignore[arg-type]
            if not is_inside(decl, body):  # type: ignore[arg-type]
                return None
            return Release(call, decl, True, tuple(_names_beside(decl)[:1]))  # type: ignore[arg-type]
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


def _is_cancel(value: Node, decl: Node, imports: Imports) -> bool:
    target = imports.call_target(value)
    if target is None or target[1] not in _CANCEL_MAKERS.get(target[0], ()):
        return False
    names = _names_beside(decl)
    return len(names) == 2 and names[1].id == decl.id


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
    made_by = _bound_call(decl)
    if made_by is None or _schedules_work(made_by, src):
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


def _names_beside(decl: Node) -> list[Node]:
    parent = decl.parent
    if parent is not None and parent.type == "var_spec":
        return parent.children_by_field_name("name")
    if parent is not None and parent.type == "expression_list":
        return [n for n in parent.named_children if n.type == "identifier"]
    return [decl]


def _bound_call(decl: Node) -> Node | None:
    """The call whose result the declaration `decl` binds (`f, err := os.Open(name)`,
    `var f = open()`), or None for any other value."""
    parent = decl.parent
    if parent is not None and parent.type == "var_spec":
        names, values = parent.children_by_field_name("name"), parent.child_by_field_name("value")
    elif parent is not None and parent.type == "expression_list" and parent.parent is not None and parent.parent.type == "short_var_declaration":
        names, values = parent.named_children, parent.parent.child_by_field_name("right")
    else:
        return None
    if values is None:
        return None
    items = values.named_children
    if len(items) == 1:
        value = items[0]
    elif len(items) == len(names):
        value = items[[n.id for n in names].index(decl.id)]
    else:
        return None
    return value if value.type == "call_expression" else None
