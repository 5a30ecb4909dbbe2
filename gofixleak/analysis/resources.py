"""Resource lifetimes: the variable a resource is bound to, every use of it (nested func
literals included), the values wrapping it, whether it escapes and where it is released.

Shared by the resource codemods (tickers, time.Tick, files, contexts, HTTP bodies, sql.Rows),
with `release` (where a release goes), `termination` (functions that never return) and
`evidence` (what the file declares about a name). Syntactic and biased towards silence:
whatever may carry the resource out of the function is an escape, and a release anywhere
(any branch, deferred, in a closure) counts, so a codemod reports only resources that are
evidently never released.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

from ..codemod import Context
from ..source import SourceFile
from . import scopes, tree
from .bindings import Binding, binding_of, declares, is_blank, result_names, reuses
from .imports import Imports
from .termination import can_return_after, held_until_exit
from .tree import ancestors, walk

# Calls that read or write through a resource and keep nothing of it.
READERS = frozenset({
    ("io", "ReadAll"), ("io", "Copy"), ("io", "CopyN"), ("io", "ReadFull"), ("io/ioutil", "ReadAll"),
    ("fmt", "Fprint"), ("fmt", "Fprintf"), ("fmt", "Fprintln"),
})
# Calls whose result wraps the resource: the result is followed like the resource itself.
WRAPPERS = frozenset({
    ("bufio", "NewReader"), ("bufio", "NewScanner"), ("bufio", "NewWriter"),
    ("encoding/json", "NewDecoder"), ("encoding/json", "NewEncoder"),
    ("encoding/csv", "NewReader"), ("encoding/csv", "NewWriter"),
})
# Result types that cannot carry a resource back to the caller.
PLAIN_TYPES = frozenset(
    "error bool string byte rune int int8 int16 int32 int64 uint uint8 uint16 uint32 uint64 "
    "uintptr float32 float64 complex64 complex128 []byte []string []error time.Duration".split()
)
_ERROR_NAME = re.compile(r"^err|[eE]rr$")
# A call that, by its name, starts work that outlives it (`srv.Start(ctx)`).
_STARTER = re.compile(r"^(Start|Go|Spawn|Launch)")


@dataclass(frozen=True)
class Kind:
    """How one kind of resource is held and released."""

    release: frozenset[str] = frozenset()  # methods that release it: Close, Stop
    fields: frozenset[str] | None = None  # fields that carry it (None: any field or method value)
    borrowed_by_calls: bool = False  # passing it to a call only lends it (contexts)


@dataclass(frozen=True)
class Use:
    node: Node  # an identifier naming the resource, or a value wrapping it
    go_literal: Node | None  # the outermost `go func(){...}()` literal holding it
    deferred: bool  # evaluated or run by a defer statement
    in_literal: bool  # inside a func literal


@dataclass
class Lifetime:
    binding: Binding
    variable: Node  # the identifier the resource is bound to
    uses: list[Use] = field(default_factory=list)
    releases: list[Node] = field(default_factory=list)  # the release calls
    escape: tuple[Node, str] | None = None  # the first escape found, and why it is one


def lifetime(binding: Binding, index: int, kind: Kind, src: SourceFile, imports: Imports) -> Lifetime:
    """Every use of the resource bound to `binding.names[index]` and of values wrapping it,
    the release calls, and the first escape. Never raises; a resource that is not bound to
    a variable of the function escapes at once."""
    return _Tracer(binding, index, kind, src, imports).life


def unreleased(call: Node, ctx: Context, kind: Kind, *, results: int) -> Lifetime | None:
    """The lifetime of the resource `call` returns first when it is evidently never released:
    bound to a variable of the function (or to `_`: check `is_blank(life.variable)`), never
    released, not escaping, and not held until the process ends anyway. None otherwise."""
    binding = binding_of(call, results)
    if binding is None or held_until_exit(binding.statement, binding.function, ctx):
        return None
    life = lifetime(binding, 0, kind, ctx.src, ctx.imports)
    return None if life.releases or life.escape or held_by_goroutine(life, ctx) else life


def held_by_goroutine(life: Lifetime, ctx: Context) -> bool:
    """True when every use sits in one `go func() {...}()` literal that never returns: the
    resource lives exactly as long as that goroutine (whose own leak is another matter)."""
    literals = {use.go_literal.id if use.go_literal else None for use in life.uses}
    if not life.uses or None in literals or len(literals) != 1:
        return False
    literal = life.uses[0].go_literal
    body = literal.child_by_field_name("body")  # type: ignore[union-attr]
    first = next((s for b in body.named_children for s in b.named_children if s.type != "comment"), None)  # type: ignore[union-attr]
    return first is not None and not can_return_after(first, literal, ctx.src, ctx.imports)  # type: ignore[arg-type]


def _plain_results(function: Node, src: SourceFile) -> bool:
    results = function.child_by_field_name("result")
    if results is None:
        return True
    if results.type != "parameter_list":
        return src.text(results) in PLAIN_TYPES
    return all(src.text(d.child_by_field_name("type")) in PLAIN_TYPES for d in results.named_children)  # type: ignore[arg-type]


class _Tracer:
    def __init__(self, binding: Binding, index: int, kind: Kind, src: SourceFile, imports: Imports) -> None:
        self.kind, self.src, self.imports, self.function = kind, src, imports, binding.function
        self.life = Lifetime(binding, binding.names[index])
        self.seen: set[tuple[bytes, int]] = set()
        self.variable(self.life.variable, binding.statement, derived=False)

    def escape(self, node: Node, reason: str) -> None:
        if self.life.escape is None:
            self.life.escape = (node, reason)

    def variable(self, ident: Node, statement: Node, derived: bool) -> None:
        src = self.src
        if is_blank(ident):
            return
        if ident.type != "identifier":
            return self.escape(ident, f"it is stored in `{src.text(ident)}`")
        name = src.text(ident)
        if statement.type == "assignment_statement":
            scope = scopes.scope_of(name, statement, src)
        else:
            scope = (reuses(name, statement, src) if statement.type == "short_var_declaration" else None) or statement.parent
        if scope is not None and scope.type == "for_clause":
            scope = scope.parent
        if scope is None or not tree.is_inside(scope, self.function):
            return self.escape(ident, f"`{name}` is declared outside the function")
        if scope == self.function and name in dict(result_names(scope, src)):
            return self.escape(ident, f"`{name}` is a named result")
        if (ident.text, scope.id) in self.seen:
            return
        self.seen.add((ident.text, scope.id))  # type: ignore[arg-type]
        for n in walk(scope):
            if n.type == "identifier" and n.text == ident.text and n != ident and not declares(n, src):
                if scopes.scope_of(name, n, src) == scope:
                    self.use(n, derived)

    def use(self, node: Node, derived: bool) -> None:
        go_literal, deferred, in_literal = None, False, False
        for a in ancestors(node):
            if a == self.function:
                break
            if a.type == "defer_statement":
                deferred = True
            elif a.type == "func_literal":
                in_literal, call = True, a.parent
                if call is None or call.type != "call_expression" or call.child_by_field_name("function") != a:
                    self.escape(node, "it is captured by a func literal that may run after the function returns")
                elif call.parent is not None and call.parent.type == "go_statement":
                    go_literal = a
        self.life.uses.append(Use(node, go_literal, deferred, in_literal))
        self.flow(node, "derived" if derived else "root")

    def flow(self, node: Node, level: str) -> None:
        """Follow the value `node` (the resource itself, a field carrying it, or a value
        wrapping it) into its context."""
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
                    self.flow(outer, "derived")
                return
            if level == "root" and kind.fields is not None and member not in kind.fields:
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
                if level != "derived":  # a wrapper overwritten is not a resource lost
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
        elif self.kind.borrowed_by_calls and not _STARTER.match(self.src.text(name)):  # type: ignore[arg-type]
            self.flow(call, "derived")
        else:
            self.escape(node, f"it is passed to `{self.src.text(callee)}`")  # type: ignore[arg-type]

    def returned(self, node: Node, statement: Node, level: str) -> None:
        function = tree.enclosing_function(statement)
        if level == "derived" and function == self.function and _plain_results(function, self.src):
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
            if level != "derived":
                return self.escape(target, f"it is assigned to `{self.src.text(target)}`")
            self.variable(target, statement, derived=True)
