"""context-cancel-leak: the cancel function of a derived context assigned to `_`."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from gofixleak.analysis import bindings, layout, naming, release, resources, termination
from gofixleak.analysis.leaks import held_by_goroutine
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Edit, Finding, Fix

_DERIVERS = {"WithCancel", "WithTimeout", "WithDeadline", "WithCancelCause", "WithTimeoutCause", "WithDeadlineCause"}
# Calls that take the context only borrow it; what they return is followed like it.
CONTEXT = resources.Kind(borrowed_by_calls=True)


class ContextCancelLeak(Codemod):
    """
    ## What it does
    Finds `ctx, _ := context.WithCancel(...)` (also `=` and `var`, and WithTimeout,
    WithDeadline and the three `...Cause` variants): the cancel function is discarded, as
    go vet's lostcancel reports. Not reported in `main.main`, in a function that never
    returns, or when only a goroutine that never returns uses the context.

    ## Why is this bad?
    A derived context stays registered with its parent, and a timeout keeps its timer,
    until the cancel function is called, the deadline passes or the parent is canceled.
    With a long-lived parent every call leaks a context (and a timer until it fires).

    ## Example
        ctx, _ := context.WithTimeout(parent, 5*time.Second)
        return fetch(ctx, url)

    ## Fix
    The cancel function gets a name unused in the function, and `defer cancel()` follows
    the binding (`cancel(nil)` for WithCancelCause). For `ctx, _ = ...` a
    `var cancel context.CancelFunc` line comes first. In a loop an explicit `cancel()` ends
    the iteration; a context used only in one `go func() { ... }()` is canceled by a defer
    at the top of that literal.

    ## When the fix is withheld
    - the context, or a value made from it (`req.WithContext(ctx)`, the results of calls
      taking it), may be used after the function returns: it is returned (unless the
      function only returns errors and basic values), stored, sent, used by a goroutine or
      a closure, passed to `context.AfterFunc` or to a call whose name starts with Start, Go,
      Spawn or Launch, or a method so named is called on it (`cmd.Start()` on
      `exec.CommandContext(ctx, ...)`);
    - it is passed to a call gofixleak cannot see into: only standard-library functions,
      methods of standard-library types, the context-taking methods of database/sql, net,
      net/http and log/slog (`db.QueryContext`, `client.Do(req)`...), and functions and
      methods of the package (in any of its files) that are seen not to keep it, are known
      to give it back when they return; a func value, an interface method or a function of
      another module might keep it;
    - in a loop, something can leave the iteration before its end, or a value made from the
      context is used after it;
    - the binding is in an if, for or switch header, or the function uses `goto`;
    - the binding is in a `var (...)` group with other specs (gofmt would realign it);
    - the context is discarded too.
    """

    ID = "context-cancel-leak"
    SUMMARY = "the cancel function of a derived context is discarded"
    QUERY = "context_cancel_leak.scm"
    PREFILTER = (b"WithCancel", b"WithTimeout", b"WithDeadline")
    ANCHORS = (b"WithCancel", b"WithTimeout", b"WithDeadline")
    SEVERITY_DOC = "warning"

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        call = captures["call"][0]
        target = ctx.imports.call_target(call)
        if target is None or target[0] != "context" or target[1] not in _DERIVERS:
            return
        binding = bindings.binding_of(call, results=2)
        if binding is None or not bindings.is_blank(binding.names[1]):
            return
        if termination.held_until_exit(binding.statement, binding.function, ctx):
            return
        life = None if bindings.is_blank(binding.names[0]) else resources.lifetime(binding, 0, CONTEXT, ctx.src, ctx.imports)
        if life is not None and held_by_goroutine(life, ctx):
            return
        until = "its parent is canceled" if target[1] == "WithCancel" or target[1] == "WithCancelCause" else (
            "its deadline passes or its parent is canceled")
        fix, reason = self._fix(binding, life, target[1], ctx)
        yield Finding(self.ID, call.start_byte, call.end_byte,
                      f"the cancel function returned by context.{target[1]} is discarded, so the context lives until {until}",
                      fix=fix, no_fix_reason=reason)

    def _fix(self, binding: bindings.Binding, life: resources.Lifetime | None, function: str,
             ctx: Context) -> tuple[Fix | None, str]:
        src = ctx.src
        if life is None:
            return None, "the context is discarded too"
        if life.escape is not None:
            return None, f"canceling it when the function returns could cut short a later use: {life.escape[1]}"
        place = release.place_release(life, src)
        if isinstance(place, str):
            return None, place
        spec = binding.names[1].parent
        if spec is not None and spec.type == "var_spec" and spec.parent is not None and spec.parent.type == "var_spec_list" and (
            sum(c.type == "var_spec" for c in spec.parent.named_children) > 1
        ):
            return None, "it is declared in a `var (...)` group, whose alignment gofmt would redo once `_` is renamed"
        cancel = naming.fresh_name(bindings.top_function(binding.call), "cancel", src)
        call = f"{cancel}(nil)" if function == "WithCancelCause" else f"{cancel}()"
        blank = binding.names[1]
        edits = [Edit.replace(blank.start_byte, blank.end_byte, cancel.encode()),
                 place.insert(src, call if place.in_loop else f"defer {call}")]
        if binding.statement.type == "assignment_statement":
            where = layout.insertion_before(binding.statement, src)
            if where is None:
                return None, "the assignment does not start its own line"
            package = src.text(binding.call.child_by_field_name("function").child_by_field_name("operand"))  # type: ignore[union-attr]
            kind = "CancelCauseFunc" if function == "WithCancelCause" else "CancelFunc"
            edits.append(Edit.insert(where[0], layout.lines(where[1], src.newline, f"var {cancel} {package}.{kind}")))
        title = f"call `{cancel}` at the end of the iteration" if place.in_loop else f"name the cancel function and add `defer {call}`"
        return Fix(title, tuple(edits), declares=(cancel,), scope=naming.name_scope(binding.call)), ""
