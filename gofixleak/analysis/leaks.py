"""Resources that evidently leak: bound in the function, never released, not escaping, and
not kept anyway for as long as the process or a goroutine that never returns runs."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from ..codemod import Context
from . import tree
from .bindings import binding_of, is_blank
from .cfg import Graph
from .paths import Events, PathVerdict, Site, Subject, lost_on_paths
from .references import binding_scope
from .resources import Kind, Lifetime, lifetime
from .termination import can_return_after, held_until_exit


def unreleased(call: Node, ctx: Context, kind: Kind, *, results: int) -> Lifetime | None:
    """The lifetime of the resource `call` returns first when it is evidently never released:
    bound to a variable of the function (or to `_`: check `is_blank(life.variable)`), never
    released, not escaping, and not held until the process ends anyway. None otherwise."""
    life = _bound_lifetime(call, ctx, kind, results)
    return None if life is None or life.releases or life.escape or held_by_goroutine(life, ctx) else life


def _bound_lifetime(call: Node, ctx: Context, kind: Kind, results: int) -> Lifetime | None:
    """The lifetime of the resource `call` returns, when it is bound in a function that
    can return afterwards; computed once per call and kind for both judgements."""
    key = ("lifetime", call.id, kind, results)
    if key not in ctx.memo:
        binding = binding_of(call, results)
        ctx.memo[key] = None if binding is None or held_until_exit(binding.statement, binding.function, ctx) else (
            lifetime(binding, 0, kind, ctx.src, ctx.imports))
    return ctx.memo[key]


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


@dataclass(frozen=True)
class PathLeak:
    """A resource released or handed off on some paths and lost on others."""

    life: Lifetime
    verdict: PathVerdict
    scope: Node  # where the variable is declared
    graph: Graph
    # False when nothing releases or takes it on any path: it is only lost by being
    # assigned again (the message then says "never").
    released_somewhere: bool = True

    def judged(self, verb: str) -> str:
        """"is not closed on every path" or "is never closed", for the message."""
        return f"is not {verb} on every path" if self.released_somewhere else f"is never {verb}"

    @property
    def first(self) -> Site:
        return self.verdict.leaks[0]


def leaks_on_paths(call: Node, ctx: Context, kind: Kind, *, results: int, error_index: int | None = None,
                   nil_fields: tuple[str, ...] = (), closing_methods: tuple[str, ...] = (),
                   receive_field: str | None = None) -> PathLeak | None:
    """The places the resource `call` returns first is lost, when it is released or handed
    off somewhere (the never-released case is `unreleased`'s) but not on every path from
    its binding to an exit of the function. `error_index` names the result holding the
    call's error, `nil_fields` fields of the variable whose nil check means nothing is held,
    `closing_methods` methods whose false result releases it (`rows.Next`), `receive_field`
    a channel field a receive from releases it (a timer that fired)."""
    life = _bound_lifetime(call, ctx, kind, results)
    if life is None:
        return None
    binding = life.binding
    received = receives(life, receive_field, ctx.src) if receive_field else []
    if not (life.releases or life.escapes or received) or is_blank(life.variable):
        return None
    if tree.has_goto(binding.function, ctx.src):
        return None  # a goto may bring control back before the binding
    graph = ctx.graphs.of(binding.function)
    declared = scope = binding_scope(life.variable, binding.statement, binding.function, ctx.src)
    if graph is None or isinstance(scope, str):
        return None
    if scope == binding.function:
        body = binding.function.child_by_field_name("body")
        scope = next((c for c in body.named_children if c.type == "statement_list"), body)  # type: ignore[union-attr]
    if scope.type != "statement_list":
        return None  # declared in an if, for or switch header
    events = _events(life, graph, received)
    name = ctx.src.text(life.variable)
    error = binding.names[error_index] if error_index is not None else None
    subject = Subject(binding.statement, scope, lambda node: events.get(node.id),
                      frozenset((name, *(f"{name}.{f}" for f in nil_fields))),
                      None if error is None or is_blank(error) else ctx.src.text(error),
                      frozenset(f"{name}.{m}()" for m in closing_methods))
    verdict = lost_on_paths(graph, subject, ctx.src)
    if verdict is None or not verdict.leaks or _deferred_before(life, received, graph, verdict):
        return None
    overwritten = {n.id for n in life.overwrites}
    released = bool(life.releases or received or any(n.id not in overwritten for n, _ in life.escapes))
    return PathLeak(life, verdict, declared, graph, released)  # type: ignore[arg-type]


def receives(life: Lifetime, field: str, src) -> list[Node]:
    """The uses receiving from the channel field `field` of the resource (`<-t.C`)."""
    found = []
    for use in life.uses:
        selector = use.node.parent
        outer = selector.parent if selector is not None else None
        if (selector is not None and selector.type == "selector_expression"
                and src.text(selector.child_by_field_name("field")) == field  # type: ignore[arg-type]
                and outer is not None and outer.type == "unary_expression" and src.text(outer).startswith("<-")):
            found.append(outer)
    return found


def _deferred_before(life: Lifetime, received: list[Node], graph: Graph, verdict: PathVerdict) -> bool:
    """True when a defer registered before the acquisition releases or takes the variable
    (`defer func() { if f != nil { f.Close() } }()` above a loop that opens `f`): it runs
    on every exit, whatever the paths after the acquisition do."""
    for node in [*life.releases, *received, *(n for n, _ in life.escapes)]:
        if not any(a.type == "defer_statement" for a in tree.ancestors(node)):
            continue
        located = graph.locate(node)
        if located is not None and located[0].nodes[located[1]].id in verdict.before:
            return True
    return False


def _events(life: Lifetime, graph: Graph, received: list[Node]) -> Events:
    """Where the walk meets a release (released or handed off there) or an overwrite."""
    events = Events(graph)
    mark = events.mark
    overwritten = {n.id for n in life.overwrites}
    for node in [*life.releases, *received]:
        mark(node, "release")
    for node, _ in life.escapes:
        if node.id not in overwritten:
            mark(node, "release")
    for use in life.uses:
        if use.go_literal is not None:
            mark(use.go_literal, "release")  # the goroutine takes it over
        elif use.deferred:
            mark(use.node, "release")  # deferred clean-up of its own (`defer closeFD(f.Fd())`)
    for node in life.overwrites:
        mark(node, "overwrite")
    return events
