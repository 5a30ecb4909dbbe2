"""Where and how a resource is released: a defer after its binding (and error check), an
explicit release ending a loop iteration, or a defer at the top of the goroutine using it."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from tree_sitter import Node

from ..model import Edit, Fix
from ..source import SourceFile
from . import flow, layout, naming, scopes, tree
from .bindings import binding_of, is_blank, top_function
from .endless import is_terminating_call
from .imports import Imports
from .paths import UNRELEASED
from .resources import Kind, Lifetime, lifetime

if TYPE_CHECKING:
    from .leaks import PathLeak


class Placement(NamedTuple):
    """Where a release goes: whole lines inserted at `at`. `in_loop`: an explicit release at
    the end of the binding's block (one iteration); else a deferred call run when
    `function` returns."""

    at: int
    indent: bytes
    in_loop: bool
    function: Node

    def insert(self, src: SourceFile, *texts: str) -> Edit:
        return Edit.insert(self.at, layout.lines(self.indent, src.newline, *texts))


def place_release(life: Lifetime, src: SourceFile, *, error_index: int | None = None, nil_safe: bool = False) -> Placement | str:
    """Where to release the resource of `life`, or why there is no safe place:
    - used only inside one `go func(){...}()` literal: a defer at the top of its body;
    - bound inside a loop: an explicit release ending the binding's block, when nothing after
      the acquisition (and its error check) can leave the block;
    - otherwise a defer on the line after the binding, or after the `if err != nil {...}`
      check right after it (`error_index`: which result is the error). Without such a
      check the resource may be nil on failure, which only `nil_safe` releases accept."""
    binding, name = life.binding, src.text(life.variable)
    statement = binding.statement
    if statement.parent is None or statement.parent.type != "statement_list" or not src.starts_line(statement):
        return "it is not bound by a statement of its own"
    if tree.has_goto(binding.function, src):
        return "the function uses goto, so the binding may run again before the function returns"
    anchor = statement
    if error_index is not None:
        err = binding.names[error_index]
        check = error_check(statement, err, src)
        if check is not None:
            anchor = check
        elif not nil_safe:
            if is_blank(err):
                return f"the error is discarded, so `{name}` may be nil"
            return f"no `if {src.text(err)} != nil` check that leaves follows the call, so `{name}` may be nil"
    literals = {u.go_literal.id if u.go_literal else None for u in life.uses}
    if literals != {None} and life.uses:
        if len(literals) > 1:
            return f"`{name}` is used by a goroutine, which may outlive the function"
        return _in_goroutine(life.uses[0].go_literal, statement, src)  # type: ignore[arg-type]
    if tree.loops_around(statement):
        return _end_of_block(life, anchor, src)
    at = layout.insertion_after(anchor, src)
    if at is None:
        return "the binding does not end its line"
    if any(u.deferred and u.node.start_byte < at for u in life.uses):
        return "a defer registered before the release would run after it"
    return Placement(at, src.indent_at(statement.start_byte), False, binding.function)


def error_check(statement: Node, err: Node, src: SourceFile) -> Node | None:
    """The `if err != nil { ...; return }` right after `statement`, when its body always
    leaves, or a `require.NoError(t, err)` there (the test stops when the call failed)."""
    check = statement.next_named_sibling
    while check is not None and check.type == "comment":
        check = check.next_named_sibling
    if check is not None and not is_blank(err) and _requires_no_error(check, src.text(err), src):
        return check
    if is_blank(err) or check is None or check.type != "if_statement" or check.child_by_field_name("initializer"):
        return None
    if check.child_by_field_name("alternative") is not None:
        return None  # a release after an else chain would miss the paths that leave inside it
    condition = check.child_by_field_name("condition")
    if condition is None or condition.type != "binary_expression":
        return None
    sides = {src.text(condition.child_by_field_name("left")), src.text(condition.child_by_field_name("right"))}  # type: ignore[arg-type]
    if src.text(condition.child_by_field_name("operator")) != "!=" or sides != {src.text(err), "nil"}:  # type: ignore[arg-type]
        return None
    body = check.child_by_field_name("consequence")
    statements = [s for b in body.named_children for s in b.named_children if s.type != "comment"] if body else []  # type: ignore[union-attr]
    return check if statements and _leaves(statements[-1], src) else None


def _requires_no_error(statement: Node, err: str, src: SourceFile) -> bool:
    """`require.NoError(t, err)` or `s.Require().NoError(err)` (also `require.Nil`)."""
    call = statement.named_children[0] if statement.type == "expression_statement" and statement.named_children else None
    function = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    if function is None or function.type != "selector_expression":
        return False
    operand = src.text(function.child_by_field_name("operand"))  # type: ignore[arg-type]
    if src.text(function.child_by_field_name("field")) not in {"NoError", "Nil"} or not (  # type: ignore[arg-type]
        operand == "require" or operand.endswith(".Require()")
    ):
        return False
    arguments = call.child_by_field_name("arguments")  # type: ignore[union-attr]
    return arguments is not None and any(src.text(a) == err for a in arguments.named_children[:2])


def _leaves(statement: Node, src: SourceFile) -> bool:
    if statement.type in {"return_statement", "goto_statement", "break_statement", "continue_statement"}:
        return True
    call = statement.named_children[0] if statement.type == "expression_statement" else None
    return call is not None and call.type == "call_expression" and is_terminating_call(call, src)


def _in_goroutine(literal: Node, statement: Node, src: SourceFile) -> Placement | str:
    go = literal.parent.parent  # type: ignore[union-attr]
    if go.start_byte < statement.end_byte:  # type: ignore[union-attr]
        return "the goroutine using it starts before it is bound"
    if [loop.id for loop in tree.loops_around(go)] != [loop.id for loop in tree.loops_around(statement)]:  # type: ignore[arg-type]
        return "the goroutine using it is started in a loop, so several goroutines share it"
    body = literal.child_by_field_name("body")
    first = next((s for b in body.named_children for s in b.named_children if s.type != "comment"), None)  # type: ignore[union-attr]
    where = layout.insertion_before(first, src) if first is not None else None
    if where is None or src.position(first.start_byte).line == src.position(literal.start_byte).line:  # type: ignore[union-attr]
        return "the goroutine's body does not start on a line of its own"
    return Placement(where[0], where[1], False, literal)


def _end_of_block(life: Lifetime, anchor: Node, src: SourceFile) -> Placement | str:
    binding = life.binding
    block = binding.statement.parent
    statements = [s for s in block.named_children if s.type != "comment"]  # type: ignore[union-attr]
    for statement in statements[[s.id for s in statements].index(anchor.id) + 1 :]:
        leaving = flow.early_exit(statement, block, src)  # type: ignore[arg-type]
        if leaving is not None:
            word = src.text(leaving).split("(")[0].split()[0]
            return f"`{word}` on line {src.position(leaving.start_byte).line} can leave the loop iteration before an explicit release"
    last = statements[-1]
    for use in life.uses:
        if use.in_literal or use.deferred:
            return "it is used by a func literal or a defer inside the loop"
        if not (binding.statement.start_byte <= use.node.start_byte and use.node.end_byte <= last.end_byte):
            return f"`{src.text(use.node)}` is used after the block ends, on line {src.position(use.node.start_byte).line}"
    at = layout.insertion_after(last, src)
    if at is None:
        return "the block's last statement does not end its line"
    return Placement(at, src.indent_at(binding.statement.start_byte), True, binding.function)


def release_fix(life: Lifetime, src: SourceFile, release: str, *, error_index: int | None = None,
                nil_safe: bool = False) -> tuple[Fix | None, str]:
    """The fix that runs the statement `release` (`t.Stop()`) for the resource of `life`:
    deferred, or explicit at the end of a loop iteration (see `place_release`); or why not."""
    if is_blank(life.variable):
        return None, "it is assigned to the blank identifier, so nothing can release it"
    place = place_release(life, src, error_index=error_index, nil_safe=nil_safe)
    if isinstance(place, str):
        return None, place
    if place.in_loop:
        return Fix(f"call `{release}` at the end of the iteration", (place.insert(src, release),)), ""
    return Fix(f"add `defer {release}`", (place.insert(src, f"defer {release}"),)), ""


def stop_ticker_channel(channel: Node, new_ticker: str, src: SourceFile, imports: Imports, title: str) -> tuple[Fix | None, str]:
    """The fix `title` that makes the ticker behind `channel` (`time.Tick(d)`,
    `time.NewTicker(d).C`) stoppable: `ticker := <new_ticker>` and `defer ticker.Stop()` on
    the lines before its statement, and `ticker.C` in its place; or why not. Only for a channel ranged over,
    received from in a statement of its own, or the only value bound to a local variable
    that stays in the function, in a statement outside any loop."""
    statement = tree.statement_of(channel)
    function = tree.enclosing_function(channel)
    parent = channel.parent
    if function is None or parent is None:
        return None, "it is not inside a function"
    if tree.loops_around(statement):
        return None, "a new ticker is made on every pass of the loop around it; one made before the loop would tick differently"
    binding = binding_of(channel) if parent.type == "expression_list" and len(parent.named_children) == 1 else None
    if binding is not None:
        life = lifetime(binding, 0, Kind(), src, imports)
        if life.escape is not None:
            return None, f"the channel may be used after the function returns: {life.escape[1]}"
        if any(u.in_literal or u.deferred for u in life.uses):
            return None, "the channel is used by a func literal or a defer"
    elif not (
        (parent.type == "range_clause" and parent.child_by_field_name("right") == channel)
        or (parent.type == "unary_expression" and parent.parent is not None and parent.parent.type == "expression_statement")
    ):
        return None, "the channel is not ranged over, received from, or bound alone to a variable"
    if statement.parent is None or statement.parent.type != "statement_list":
        return None, "it is not in a statement of its own"
    if tree.has_goto(function, src):
        return None, "the function uses goto, which could jump over the new variable"
    where = layout.insertion_before(statement, src)
    if where is None:
        return None, "its statement does not start its own line"
    name = naming.fresh_name(top_function(channel), "ticker", src)
    return Fix(title, (
        Edit.insert(where[0], layout.lines(where[1], src.newline, f"{name} := {new_ticker}", f"defer {name}.Stop()")),
        Edit.replace(channel.start_byte, channel.end_byte, f"{name}.C".encode()),
    ), declares=(name,), scope=naming.name_scope(channel)), ""


def path_release_fix(leak: "PathLeak", src: SourceFile, release: str, *, error_index: int | None = None,
                     nil_safe: bool = False, name: str | None = None) -> tuple[Fix | None, str]:
    """The fix that runs the statement `release` right before each place the resource of
    `leak` is lost (a return, a jump out of its scope, the end of its block), the way such
    leaks are fixed by hand; or why not. Each release must run only where nothing released
    it before and it was surely acquired, and must not cut short a use. `name`: the
    variable the release names, when it is not the resource's own (a cancel function)."""
    life, verdict = leak.life, leak.verdict
    binding, name = life.binding, name or src.text(life.variable)
    if error_index is not None and not nil_safe and error_check(binding.statement, binding.names[error_index], src) is None:
        return None, f"no `if {src.text(binding.names[error_index])} != nil` check that leaves follows the call, so `{name}` may be nil"
    for use in life.uses:
        if any(tree.is_inside(use.node, r) for r in life.releases):
            continue  # `defer f.Close()` is the release itself
        located = leak.graph.locate(use.node) if use.deferred else None
        if located is not None and UNRELEASED in verdict.states.get(located[0].nodes[located[1]].id, ()):
            return None, "a deferred call uses it, and would run after the release"
    edits: list[Edit] = []
    for site in verdict.leaks:
        where = site.describe(src)
        if site.kind == "overwrite" and site.node == binding.statement:
            line = src.position(site.node.start_byte).line
            return None, f"it is acquired again on line {line} before it is released, where the first pass has nothing to release"
        if not verdict.only_unreleased(site.node):
            return None, f"at {where} it may already be released, or not acquired yet"
        if site.kind == "overwrite" and any(
            u.carries and src.text(u.node) != src.text(life.variable) and u.node.start_byte >= site.node.end_byte
            for u in life.uses
        ):
            # The variable gets a new value, but one made from the old (a reader over it) goes on.
            return None, f"a value made from it is still used after {where}"
        if site.kind == "block-end":
            statements = [s for s in site.node.named_children if s.type != "comment"]
            at = layout.insertion_after(statements[-1], src) if statements else None
            indent = src.indent_at(statements[-1].start_byte) if statements else b""
            anchor = statements[-1] if statements else site.node
        else:
            lost = {n.id for n in life.overwrites}
            if any(u.carries and u.node.id not in lost and tree.is_inside(u.node, site.node) for u in life.uses):
                return None, f"{where} still uses it"
            spot = layout.insertion_before(site.node, src) if tree.is_statement_in_list(site.node) else None
            at, indent = spot if spot is not None else (None, b"")
            anchor = site.node
        if at is None:
            return None, f"{where} does not sit on a line of its own"
        if scopes.scope_of(name, anchor, src) != leak.scope:
            return None, f"`{name}` is hidden by another declaration at {where}"
        edits.append(Edit.insert(at, layout.lines(indent, src.newline, release)))
    if not edits:
        return None, "no place to release it"
    return Fix(f"call `{release}` before each exit that loses it", tuple(edits)), ""

