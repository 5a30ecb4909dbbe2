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
from . import package as packages
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
# A call that, by its name, starts work that outlives it (`srv.Start(ctx)`, `cmd.Start()`).
_STARTER = re.compile(r"^(Start|Go|Spawn|Launch)")
# Standard-library functions that keep what they are lent after they return.
KEEPERS = frozenset({("context", "AfterFunc")})
# Methods that, on whatever receiver, only borrow a context or a value made from one: those
# of database/sql, net, net/http, crypto/tls and log/slog taking a context or a request.
SYNC_METHODS = frozenset(
    "QueryContext QueryRowContext ExecContext PrepareContext PingContext BeginTx Conn StmtContext "
    "DialContext HandshakeContext Shutdown WithContext Clone Do RoundTrip LookupHost LookupIP "
    "LookupIPAddr LookupNetIP LookupAddr LookupPort LookupCNAME LookupSRV LookupMX LookupNS LookupTXT "
    "DebugContext InfoContext WarnContext ErrorContext".split()
)
# Predeclared functions and types a value can be passed to without being kept.
_BUILTINS = frozenset(
    "append cap len min max print println complex real imag copy clear delete panic any".split()
) | PLAIN_TYPES
# How deep the calls a borrowed value is passed through are followed.
_CALL_DEPTH = 3


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


def parameter_lifetime(function: Node, parameter: Node, kind: Kind, src: SourceFile, imports: Imports,
                       *, depth: int = 0, memo: dict | None = None) -> Lifetime:
    """Like `lifetime`, for the value a function receives in the parameter `parameter`."""
    binding = Binding(function, parameter.parent, (parameter,), function)  # type: ignore[arg-type]
    return _Tracer(binding, 0, kind, src, imports, depth=depth, memo=memo).life


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


def _plain_results(function: Node, src: SourceFile, value: Node | None = None) -> bool:
    """True when the results of `function` cannot carry a resource back to the caller: all
    of them, or the one `value` (an expression of a return statement) is returned as."""
    results = function.child_by_field_name("result")
    if results is None:
        return True
    if results.type != "parameter_list":
        return src.text(results) in PLAIN_TYPES
    types = [src.text(d.child_by_field_name("type")) for d in results.named_children  # type: ignore[arg-type]
             for _ in (d.children_by_field_name("name") or [d])]
    values = value.parent if value is not None else None
    if values is not None and values.type == "expression_list" and len(values.named_children) == len(types) > 1:
        return types[[v.id for v in values.named_children].index(value.id)] in PLAIN_TYPES  # type: ignore[union-attr]
    return all(t in PLAIN_TYPES for t in types)


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

    def variable(self, ident: Node, statement: Node, derived: bool, level: str = "derived") -> None:
        src = self.src
        if is_blank(ident):
            return
        if ident.type != "identifier":
            return self.escape(ident, f"it is stored in `{src.text(ident)}`")
        name = src.text(ident)
        if statement.type in {"parameter_declaration", "variadic_parameter_declaration"}:
            scope = self.function
        elif statement.type == "assignment_statement":
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
        # The resource itself is only in the variable from its binding on, unless a loop
        # inside the variable's scope, or a goto, can bring control back before it; a func
        # literal before it may still run after it.
        since = 0
        if not derived and statement.type not in {"parameter_declaration", "variadic_parameter_declaration"} and not (
            any(tree.is_inside(loop, scope) and loop != scope for loop in tree.loops_around(statement))
            or tree.has_goto(self.function, src)
        ):
            since = statement.start_byte
        for n in walk(scope):
            if n.type == "identifier" and n.text == ident.text and n != ident and not declares(n, src) and (
                n.start_byte >= since or tree.enclosing_function(n) != self.function
            ):
                if scopes.scope_of(name, n, src) == scope:
                    self.use(n, level if derived else "root")

    def use(self, node: Node, level: str) -> None:
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
        self.flow(node, level)

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
        elif not self.kind.borrowed_by_calls or _STARTER.match(self.src.text(name)):  # type: ignore[arg-type]
            self.escape(node, f"it is passed to `{self.src.text(callee)}`")  # type: ignore[arg-type]
        elif level == "result":
            self.flow(call, "result")
        else:
            lent = self.lent(call, node)
            if isinstance(lent, str):
                self.escape(node, lent)
            else:
                self.flow(call, "derived" if lent else "result")

    def lent(self, call: Node, argument: Node) -> bool | str:
        """Whether `call` gives back the value `argument` lends it: True when its results
        may carry the value, False when they cannot; or why it may keep the value."""
        src = self.src
        callee = call.child_by_field_name("function")
        shown = src.text(callee)  # type: ignore[arg-type]
        unknown = f"it is passed to `{shown}`, which gofixleak cannot see into"
        target = self.imports.call_target(call)
        if target is not None:
            if target in KEEPERS:
                return f"`{shown}` keeps it after returning"
            return True if packages.is_stdlib(target[0]) else unknown
        arguments = call.child_by_field_name("arguments")
        index = [a.id for a in arguments.named_children].index(argument.id) if arguments is not None else -1  # type: ignore[union-attr]
        package = packages.of(src)
        if callee.type == "func_literal":  # type: ignore[union-attr]
            return self.callee(packages.Decl(callee, package.current), index, shown)  # type: ignore[arg-type]
        if callee.type == "identifier":  # type: ignore[union-attr]
            if scopes.scope_of(shown, call, src) is not None:
                return unknown  # a local func value
            functions = package.functions(shown)
            if len(functions) == 1:
                return self.callee(functions[0], index, shown)
            if not functions and package.types(shown):
                return True  # a conversion
            if shown in _BUILTINS and not package.declares(shown) and not package.incomplete:
                return True
            return unknown
        if callee.type != "selector_expression":  # type: ignore[union-attr]
            return unknown
        method = src.text(callee.child_by_field_name("field"))  # type: ignore[union-attr,arg-type]
        declared = package.declared_type(callee.child_by_field_name("operand"))  # type: ignore[union-attr,arg-type]
        kind = declared.node if declared is not None else None
        while kind is not None and kind.type in {"pointer_type", "parenthesized_type"}:
            kind = kind.named_children[0] if kind.named_children else None
        if kind is not None and kind.type == "generic_type":
            kind = kind.child_by_field_name("type")
        if kind is not None and kind.type == "qualified_type":
            qualifier = kind.child_by_field_name("package")
            path = declared.file.imports.by_name.get(declared.file.src.text(qualifier)) if qualifier else None  # type: ignore[union-attr]
            if path is not None and packages.is_stdlib(path):
                return True
        elif kind is not None and kind.type == "type_identifier":
            methods = package.methods(declared.file.src.text(kind), method)  # type: ignore[union-attr]
            if len(methods) == 1:
                return self.callee(methods[0], index, shown)
        return True if method in SYNC_METHODS else unknown

    def callee(self, function: "packages.Decl", index: int, shown: str) -> bool | str:
        """Whether the function `function` of the package keeps what it receives in its
        argument number `index`: False when it does not (its results carry nothing of it)."""
        parameter = _parameter(function.node, index)
        if parameter is None or is_blank(parameter):
            return False if index >= 0 else f"it is passed to `{shown}`, which gofixleak cannot see into"
        key = (function.file.src.path, function.node.start_byte, index)
        if key in self.memo:
            return self.memo[key]
        if self.depth >= _CALL_DEPTH:
            return f"it is passed to `{shown}`, through more calls than gofixleak follows"
        self.memo[key] = False  # a recursive call lends it as the outer one does
        life = parameter_lifetime(function.node, parameter, self.kind, function.file.src, function.file.imports,
                                  depth=self.depth + 1, memo=self.memo)
        verdict: bool | str = False
        if life.escape is not None:
            verdict = f"it is passed to `{shown}`, where {life.escape[1]}"
        elif any(u.go_literal is not None for u in life.uses):
            verdict = f"it is passed to `{shown}`, where a goroutine uses it"
        self.memo[key] = verdict
        return verdict

    def returned(self, node: Node, statement: Node, level: str) -> None:
        function = tree.enclosing_function(statement)
        if level in {"derived", "result"} and function == self.function and _plain_results(function, self.src, node):
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


def _parameter(function: Node, index: int) -> Node | None:
    """The identifier of `function`'s parameter receiving argument number `index` (the
    variadic one for any beyond); None when it is unnamed or there is no such argument."""
    parameters = function.child_by_field_name("parameters")
    slots: list[Node | None] = []
    variadic = False
    for decl in parameters.named_children if parameters is not None else []:
        if decl.type not in {"parameter_declaration", "variadic_parameter_declaration"}:
            continue
        names = decl.children_by_field_name("name")
        slots += names or [None]
        variadic = decl.type == "variadic_parameter_declaration"
    if index < 0 or not slots:
        return None
    if index >= len(slots):
        return slots[-1] if variadic else None
    return slots[index]
