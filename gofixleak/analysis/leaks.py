"""Resources that evidently leak: bound in the function, never released, not escaping, and
not kept anyway for as long as the process or a goroutine that never returns runs."""

from __future__ import annotations

from tree_sitter import Node

from ..codemod import Context
from .bindings import binding_of
from .resources import Kind, Lifetime, lifetime
from .termination import can_return_after, held_until_exit


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
