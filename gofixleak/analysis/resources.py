"""Resource lifetimes: every use of a resource and of the values wrapping it (nested func
literals included), the calls releasing it, and whether it escapes the function."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from tree_sitter import Node

from ..source import SourceFile
from . import tree
from .bindings import Binding, is_blank
from .imports import Imports
from .lending import Callee, Unseen, lent, plain_results
from .references import Use, binding_scope, references, use_at
from .stdlib import READERS, WRAPPERS
from .tree import ancestors

_ERROR_NAME = re.compile(r"^err|[eE]rr$")
# A call that, by its name, starts work that outlives it (`srv.Start(ctx)`, `cmd.Start()`).
_STARTER = re.compile(r"^(Start|Go|Spawn|Launch)")
# How deep the calls a borrowed value is passed through are followed.
_CALL_DEPTH = 3
# How deep the package's functions a resource is handed to are read.
_OWNER_DEPTH = 2


@dataclass(frozen=True)
class Kind:
    """How one kind of resource is held and released."""

    release: frozenset[str] = frozenset()  # methods that release it: Close, Stop
    fields: frozenset[str] | None = None  # fields that carry it (None: any field or method value)
    # Passing it to a call only lends it (contexts) when the callee is known to give it back:
    # a standard-library function, a method in SYNC_METHODS or of a standard-library type,
    # or a function or method of the package (in any of its files) that does not keep it.
    # Other calls, and methods named Start, Go, Spawn or Launch, may keep it: an escape.
    # Assigning the variable again is no escape.
    borrowed_by_calls: bool = False


@dataclass
class Lifetime:
    binding: Binding
    variable: Node  # the identifier the resource is bound to
    uses: list[Use] = field(default_factory=list)
    releases: list[Node] = field(default_factory=list)  # the release calls
    escape: tuple[Node, str] | None = None  # the first escape found, and why it is one
    escapes: list[tuple[Node, str]] = field(default_factory=list)  # every escape, in the order found
    # Where the variable holding the resource itself is assigned again (a counted escape
    # too, since the old value may have been handed off first).
    overwrites: list[Node] = field(default_factory=list)

    @property
    def only_lent_unseen(self) -> bool:
        """True when every escape is a call gofixleak cannot read (it most likely gives
        the value back when it returns)."""
        return bool(self.escapes) and all(isinstance(reason, Unseen) for _, reason in self.escapes)


def lifetime(binding: Binding, index: int, kind: Kind, src: SourceFile, imports: Imports) -> Lifetime:
    """Every use of the resource bound to `binding.names[index]` and of values wrapping it,
    the release calls, and the first escape. Never raises; a resource that is not bound to
    a variable of the function escapes at once.

    Syntactic and biased towards silence: whatever may carry the resource out of the
    function is an escape, and a release anywhere (any branch, deferred, in a closure)
    counts, so a codemod reports only resources that are evidently never released."""
    return _Tracer(binding, index, kind, src, imports).life


def parameter_lifetime(function: Node, parameter: Node, kind: Kind, src: SourceFile, imports: Imports,
                       *, depth: int = 0, memo: dict | None = None) -> Lifetime:
    """Like `lifetime`, for the value a function receives in the parameter `parameter`."""
    binding = Binding(function, parameter.parent, (parameter,), function)  # type: ignore[arg-type]
    return _Tracer(binding, 0, kind, src, imports, depth=depth, memo=memo).life


class _Tracer:
    def __init__(self, binding: Binding, index: int, kind: Kind, src: SourceFile, imports: Imports,
                 *, depth: int = 0, memo: dict | None = None) -> None:
        self.kind, self.src, self.imports, self.function = kind, src, imports, binding.function
        self.depth = depth
        # (file, function, parameter index) -> why the callee may keep the value, or whether
        # its results may carry it; shared by the tracers of the callees.
        self.memo: dict = {} if memo is None else memo
        self.life = Lifetime(binding, binding.names[index])
        self.seen: set[tuple[bytes, int]] = set()
        self.variable(self.life.variable, binding.statement, derived=False)

    def escape(self, node: Node, reason: str) -> None:
        if self.life.escape is None:
            self.life.escape = (node, reason)
        self.life.escapes.append((node, reason))

    def variable(self, ident: Node, statement: Node, derived: bool, level: str = "derived") -> None:
        if is_blank(ident):
            return
        scope = binding_scope(ident, statement, self.function, self.src)
        if isinstance(scope, str):
            return self.escape(ident, scope)
        if (ident.text, scope.id) in self.seen:
            return
        self.seen.add((ident.text, scope.id))  # type: ignore[arg-type]
        for n in references(ident, statement, scope, self.function, derived, self.src):
            self.use(n, level if derived else "root")

    def use(self, node: Node, level: str) -> None:
        use, captured = use_at(node, self.function)
        if captured:
            self.escape(node, captured)
        self.life.uses.append(use if level != "result" else replace(use, carries=False))
        self.flow(node, level)

    def _carries_nothing(self, node: Node) -> None:
        """Mark the use at `node` as reading data only, which stays valid after a release."""
        uses = self.life.uses
        for i in range(len(uses) - 1, -1, -1):
            if uses[i].node == node:
                uses[i] = replace(uses[i], carries=False)
                return

    def flow(self, node: Node, level: str) -> None:
        """Follow the value `node` (the resource itself, a field carrying it, or a value
        wrapping it) into its context. Levels: "root" (the resource), "field" (a field of
        it), "derived" (a value made from it, which may carry it), "result" (a value computed
        by a call of the package that only borrowed it: followed, but it carries nothing)."""
        src, kind = self.src, self.kind
        parent = node.parent
        while parent is not None and parent.type == "parenthesized_expression":
            node, parent = parent, parent.parent
        if parent is None:
            return
        kind_of = parent.type
        if kind_of == "selector_expression" and parent.child_by_field_name("operand") == node:
            member = src.text(parent.child_by_field_name("field"))  # type: ignore[arg-type]
            outer = parent.parent
            if outer is not None and outer.type == "call_expression" and outer.child_by_field_name("function") == parent:
                if member in kind.release and level == ("root" if kind.fields is None else "field"):
                    self.life.releases.append(outer)
                elif kind.borrowed_by_calls:
                    if level != "result" and _STARTER.match(member):
                        return self.escape(node, f"`{src.text(parent)}` starts work that may outlive the function")
                    self.flow(outer, "result" if level == "result" else "derived")
                return
            if level == "root" and kind.fields is not None and member not in kind.fields:
                self._carries_nothing(node)
                return  # plain data, like resp.StatusCode
            return self.flow(parent, "field" if level == "root" else level)
        if kind_of == "call_expression":
            return  # calling it
        if kind_of == "argument_list":
            return self.argument(node, parent.parent, level)  # type: ignore[arg-type]
        if kind_of == "expression_list" and parent.parent is not None:
            holder = parent.parent
            if holder.type == "return_statement":
                return self.returned(node, holder, level)
            if holder.type in {"short_var_declaration", "assignment_statement", "var_spec"}:
                if parent == holder.child_by_field_name("value" if holder.type == "var_spec" else "right"):
                    return self.assigned(holder, parent, node, level)
                if level not in {"derived", "result"} and not kind.borrowed_by_calls:  # a wrapper overwritten is not a resource lost
                    if level == "root":
                        self.life.overwrites.append(node)
                    self.escape(node, "it is assigned again")
                return
        if kind_of == "return_statement":
            return self.returned(node, parent, level)
        if kind_of == "unary_expression":
            if src.text(parent.child_by_field_name("operator")) == "&":  # type: ignore[arg-type]
                self.escape(node, "its address is taken")
            return
        if kind_of == "send_statement":
            if parent.child_by_field_name("value") == node:
                self.escape(node, "it is sent on a channel")
            return
        if kind_of == "go_statement":
            return self.escape(node, "it is used by a goroutine")
        if kind_of in {"binary_expression", "range_clause", "expression_statement", "defer_statement",
                       "if_statement", "expression_switch_statement", "for_statement"}:
            return
        self.escape(node, f"it is used as part of a {kind_of.replace('_', ' ')}")

    def argument(self, node: Node, call: Node, level: str) -> None:
        target = self.imports.call_target(call)
        callee = call.child_by_field_name("function")
        name = callee.child_by_field_name("field") if callee.type == "selector_expression" else callee  # type: ignore[union-attr]
        if call.parent is not None and call.parent.type == "go_statement":
            self.escape(node, "it is passed to a goroutine")
        elif target in WRAPPERS:
            self.flow(call, "derived")
        elif target in READERS:
            return
        elif not self.kind.borrowed_by_calls and level == "root" and self.kind.release and self.owner(node, call):
            return
        elif not self.kind.borrowed_by_calls or _STARTER.match(self.src.text(name)):  # type: ignore[arg-type]
            self.escape(node, f"it is passed to `{self.src.text(callee)}`")  # type: ignore[arg-type]
        elif level == "result":
            self.flow(call, "result")
        else:
            given = lent(call, node, self.src, self.imports)
            if isinstance(given, Callee):
                given = self.callee(given)
            if isinstance(given, str):
                self.escape(node, given)
            else:
                self.flow(call, "derived" if given else "result")

    def owner(self, node: Node, call: Node) -> bool:
        """For a resource passed to a function or method of the package: read the callee.
        True when it was judged: the call releases it (it releases its parameter and keeps
        nothing of it) or only uses it; False when it may keep it, or cannot be read."""
        if self.depth >= _OWNER_DEPTH:
            return False
        given = lent(call, node, self.src, self.imports)
        if not isinstance(given, Callee):
            return False
        function = given.function
        key = ("owner", function.file.src.path, function.node.start_byte, given.index)
        if key not in self.memo:
            self.memo[key] = None  # a recursive call: cannot tell
            life = parameter_lifetime(function.node, given.parameter, self.kind, function.file.src, function.file.imports,
                                      depth=self.depth + 1, memo=self.memo)
            kept = life.escape is not None or any(u.go_literal is not None for u in life.uses)
            self.memo[key] = None if kept else ("release" if life.releases else "use")
        verdict = self.memo[key]
        if verdict == "release":
            self.life.releases.append(call)
        return verdict is not None

    def callee(self, callee: Callee) -> bool | str:
        """Whether the function of the package a value is lent to keeps what it receives in
        its parameter: False when it does not (its results carry nothing of it)."""
        function = callee.function
        key = (function.file.src.path, function.node.start_byte, callee.index)
        if key in self.memo:
            return self.memo[key]
        if self.depth >= _CALL_DEPTH:
            return f"it is passed to `{callee.shown}`, through more calls than gofixleak follows"
        self.memo[key] = False  # a recursive call lends it as the outer one does
        life = parameter_lifetime(function.node, callee.parameter, self.kind, function.file.src, function.file.imports,
                                  depth=self.depth + 1, memo=self.memo)
        verdict: bool | str = False
        if life.escape is not None:
            reasons = [reason for _, reason in life.escapes]
            verdict = f"it is passed to `{callee.shown}`, where {life.escape[1]}"
            if all(isinstance(reason, Unseen) for reason in reasons):
                verdict = Unseen(verdict)
        elif any(u.go_literal is not None for u in life.uses):
            verdict = f"it is passed to `{callee.shown}`, where a goroutine uses it"
        self.memo[key] = verdict
        return verdict

    def returned(self, node: Node, statement: Node, level: str) -> None:
        function = tree.enclosing_function(statement)
        if level in {"derived", "result"} and function == self.function and plain_results(function, self.src, node):
            return
        self.escape(node, "it is returned")

    def assigned(self, holder: Node, values: Node, node: Node, level: str) -> None:
        if holder.type == "var_spec":
            left = holder.children_by_field_name("name")
            statement = next(a for a in ancestors(holder) if a.type == "var_declaration")
        else:
            left, statement = holder.child_by_field_name("left").named_children, holder  # type: ignore[union-attr]
        items = values.named_children
        if len(items) == len(left):
            targets = [left[[i.id for i in items].index(node.id)]]
        else:  # the results of one call
            targets = [t for t in left if not _ERROR_NAME.search(self.src.text(t))]
        for target in targets:
            if is_blank(target):
                continue
            if level not in {"derived", "result"}:
                return self.escape(target, f"it is assigned to `{self.src.text(target)}`")
            self.variable(target, statement, derived=True, level=level)
