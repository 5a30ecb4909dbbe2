"""context-cancel-leak: the cancel function of a derived context assigned to `_`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from tree_sitter import Node

from gofixleak.analysis import bindings, layout, naming, release, resources, termination, tree
from gofixleak.analysis.cancel_paths import CancelLeak, cancel_leak
from gofixleak.analysis.leaks import PathLeak, held_by_goroutine
from gofixleak.analysis.paths import reaches
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Applicability, Edit, Finding, Fix

_DERIVERS = {"WithCancel", "WithTimeout", "WithDeadline", "WithCancelCause", "WithTimeoutCause", "WithDeadlineCause"}
_ERROR_NAME = re.compile(r"^err|[eE]rr$")
# golang.org/x/net/context aliases the standard package's functions.
_CONTEXT_PACKAGES = {"context", "golang.org/x/net/context"}
# Calls that take the context only borrow it; what they return is followed like it.
CONTEXT = resources.Kind(borrowed_by_calls=True)


class ContextCancelLeak(Codemod):
    """
    ## What it does
    Finds `ctx, _ := context.WithCancel(...)` (also `=` and `var`, and WithTimeout,
    WithDeadline and the three `...Cause` variants): the cancel function is discarded, as
    go vet's lostcancel reports. Not reported in `main.main`, in a function that never
    returns, or when only a goroutine that never returns uses the context.

    A named cancel function is judged as go vet's lostcancel does, on the function's
    control-flow graph: any use counts (a call, a defer, passing, returning or comparing
    it, a closure holding it), and it is reported when a path from the binding reaches a
    return, or the end of its block, without one. Past lostcancel: assigning the variable
    again before a use loses the first context; keeping it in a struct literal bound to a
    local variable counts only when that struct is passed on, returned or has a clean-up
    method called (Close, Stop, Cancel...), so an error return that drops the struct
    leaks; `golang.org/x/net/context` is the same package.

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

    For a named cancel not used on every path: `defer cancel()` after the binding when
    every use of `cancel` is a call (a second call is harmless), else `cancel()` right
    before each return or block end that loses it.

    ## Fix safety
    Safe when nothing but the function uses the context, or when every place it is lent
    to lies off the paths that lose the cancel function. Unsafe when the context is lent
    to a call gofixleak cannot read (an interface method, a func value, a function of
    another module) whose results, if any, go to `_` or error variables, or straight to a
    return: such a call most likely gives the context back when it returns, and
    canceling is then what a maintainer writes, but a callee that starts work with it
    would see that work canceled.

    ## When the fix is withheld
    - the context, or a value made from it (`req.WithContext(ctx)`, the results of calls
      taking it), may be used after the function returns: it is returned (unless the
      function only returns errors and basic values), stored, sent, used by a goroutine or
      a closure, passed to `context.AfterFunc` or to a call whose name starts with Start, Go,
      Spawn or Launch, or a method so named is called on it (`cmd.Start()` on
      `exec.CommandContext(ctx, ...)`);
    - it is passed to a call gofixleak cannot see into whose results outlive it (a channel,
      a handle: `ch := w.Watch(ctx)`; for plain results the fix is unsafe): only standard-library functions,
      methods of standard-library types, the context-taking methods of database/sql, net,
      net/http and log/slog (`db.QueryContext`, `client.Do(req)`...), and functions and
      methods of the package (in any of its files) that are seen not to keep it, are known
      to give it back when they return; a func value, an interface method or a function of
      another module might keep it;
    - in a loop, something can leave the iteration before its end, or a value made from the
      context is used after it;
    - the binding is in an if, for or switch header, or the function uses `goto`;
    - the binding is in a `var (...)` group with other specs (gofmt would realign it);
    - the context is discarded too;
    - for a named cancel: the context, or a value made from it, may be used after the
      function returns; in a loop, or when `cancel` is passed on, a place that loses it
      may already have canceled, still uses the context, or does not start its own line.
    """

    ID = "context-cancel-leak"
    SUMMARY = "the cancel function of a derived context is discarded, or not called on every path"
    QUERY = "context_cancel_leak.scm"
    PREFILTER = (b"WithCancel", b"WithTimeout", b"WithDeadline")
    ANCHORS = (b"WithCancel", b"WithTimeout", b"WithDeadline")
    SEVERITY_DOC = "warning"

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        call = captures["call"][0]
        target = ctx.imports.call_target(call)
        if target is None or target[0] not in _CONTEXT_PACKAGES or target[1] not in _DERIVERS:
            return
        binding = bindings.binding_of(call, results=2)
        if binding is None:
            return
        if not bindings.is_blank(binding.names[1]):
            yield from self._path_leak(binding, target[1], ctx)
            return
        if termination.held_until_exit(binding.statement, binding.function, ctx):
            return
        life = None if bindings.is_blank(binding.names[0]) else resources.lifetime(binding, 0, CONTEXT, ctx.src, ctx.imports)
        if life is not None and held_by_goroutine(life, ctx):
            return
        until = "its parent is canceled" if target[1] == "WithCancel" or target[1] == "WithCancelCause" else (
            "its deadline passes or its parent is canceled")
        fix, reason = self._fix(binding, life, target[1], ctx)
        message = f"the cancel function returned by context.{target[1]} is discarded, so the context lives until {until}"
        yield _finding(self.ID, binding.call, message, fix, reason)

    def _path_leak(self, binding: bindings.Binding, function: str, ctx: Context) -> Iterator[Finding]:
        if termination.held_until_exit(binding.statement, binding.function, ctx):
            return
        leak = cancel_leak(binding, ctx)
        if leak is None:
            return
        src, name = ctx.src, ctx.src.text(leak.variable)
        fix, reason = self._defer_fix(binding, leak, function, ctx)
        message = (f"the cancel function `{name}` from context.{function} is not called on every path: "
                   f"the context leaks at {leak.verdict.leaks[0].describe(src)}")
        yield _finding(self.ID, binding.call, message, fix, reason)

    def _defer_fix(self, binding: bindings.Binding, leak: CancelLeak, function: str, ctx: Context) -> tuple[Fix | None, str]:
        """`defer cancel()` after the binding when every use of `cancel` is a call (calling
        it again is harmless, so this only adds a cancel where one was missing); else a
        call right before each place it is lost. Either only when nothing uses the
        context after the function returns."""
        src, name = ctx.src, ctx.src.text(leak.variable)
        call = f"{name}(nil)" if function == "WithCancelCause" else f"{name}()"
        life = resources.Lifetime(binding, leak.variable)
        unsafe = ""
        if not bindings.is_blank(binding.names[0]):
            life = resources.lifetime(binding, 0, CONTEXT, src, ctx.imports)
            if life.escape is not None and not _escapes_before_loss(life, leak):
                # Handed on only where the paths that lose it do not go: canceling there is safe.
                return release.path_release_fix(PathLeak(life, leak.verdict, leak.scope, leak.graph), src, call, name=name)
            unsafe = _unseen_calls(life)
            if life.escape is not None and not unsafe:
                return None, f"canceling it could cut short a later use of the context: {life.escape[1]}"
        fix: Fix | None = None
        reason = ""
        if leak.only_called and not tree.loops_around(binding.statement):
            place = release.place_release(resources.Lifetime(binding, leak.variable), src)
            if not isinstance(place, str):
                fix = Fix(f"add `defer {call}`", (place.insert(src, f"defer {call}"),))
        if fix is None:
            fix, reason = release.path_release_fix(PathLeak(life, leak.verdict, leak.scope, leak.graph), src, call, name=name)
        if fix is not None and unsafe:
            return replace(fix, applicability=Applicability.UNSAFE), unsafe
        return fix, reason

    def _fix(self, binding: bindings.Binding, life: resources.Lifetime | None, function: str,
             ctx: Context) -> tuple[Fix | None, str]:
        src = ctx.src
        if life is None:
            return None, "the context is discarded too"
        unsafe = _unseen_calls(life)
        if life.escape is not None and not unsafe:
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
        if unsafe:
            return Fix(title, tuple(edits), declares=(cancel,), scope=naming.name_scope(binding.call),
                       applicability=Applicability.UNSAFE), unsafe
        return Fix(title, tuple(edits), declares=(cancel,), scope=naming.name_scope(binding.call)), ""


def _unseen_calls(life: resources.Lifetime) -> str:
    """Why a fix canceling the context is unsafe, when the only reason not to cancel is a
    call gofixleak cannot read (an interface method, a func value, another module's
    function): such a call most likely gives the context back when it returns. '' otherwise."""
    if not life.only_lent_unseen or not all(_plain_results(node) for node, _ in life.escapes):
        return ""
    return (f"{life.escape[1]}; canceling when the function returns is right unless that call keeps the "  # type: ignore[index]
            "context for work that outlives it")


def _finding(rule: str, call: Node, message: str, fix: Fix | None, reason: str) -> Finding:
    """The finding, saying in its message why a fix is unsafe when it is."""
    if fix is not None and fix.applicability == Applicability.UNSAFE:
        return Finding(rule, call.start_byte, call.end_byte, f"{message}; the fix is unsafe: {reason}", fix=fix)
    return Finding(rule, call.start_byte, call.end_byte, message, fix=fix, no_fix_reason=reason)


def _plain_results(argument: Node) -> bool:
    """True when what the call given `argument` returns cannot outlive it as a handle on
    the context: the call is a statement, a returned value or a condition, or its results
    go to `_` and error variables only (`w.Watch(ctx)` bound to `ch` may be a stream)."""
    call = argument.parent.parent if argument.parent is not None else None
    holder = call.parent if call is not None else None
    if holder is None:
        return False
    if holder.type in {"expression_statement", "binary_expression", "if_statement"}:
        return True
    if holder.type != "expression_list" or holder.parent is None:
        return False
    statement = holder.parent
    if statement.type == "return_statement":
        return True
    if statement.type in {"short_var_declaration", "assignment_statement"} and statement.child_by_field_name("right") == holder:
        left = statement.child_by_field_name("left")
        return left is not None and all(n.type == "identifier" and (n.text == b"_" or _ERROR_NAME.search(n.text.decode()))
                                        for n in left.named_children)
    return False


def _escapes_before_loss(life: resources.Lifetime, leak: CancelLeak) -> bool:
    """True when a path from a place the context is handed on reaches a place where the
    cancel function is lost, without calling it first."""
    sites = {site.node.id for site in leak.verdict.leaks}
    released = leak.events
    return any(reaches(leak.graph, node, sites, lambda n: released.get(n.id) == "release") for node, _ in life.escapes)
