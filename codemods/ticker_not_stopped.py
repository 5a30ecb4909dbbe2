"""ticker-not-stopped: a `time.NewTicker` that is never stopped."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from gofixleak.analysis import release, resources, termination, tree
from gofixleak.analysis.leaks import leaks_on_paths, unreleased
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Finding, Severity

TICKER = resources.Kind(release=frozenset({"Stop"}))


class TickerNotStopped(Codemod):
    """
    ## What it does
    Finds a `time.NewTicker(d)` bound to a variable (`:=`, `=` or `var`) that is never
    stopped, and `time.NewTicker(d).C` used directly, whose ticker nobody can stop. A ticker
    that is returned, stored, passed to a function or stopped on every path (a branch, a
    defer, a closure) is not reported, nor one in `main.main`, in a function that never
    returns, or used only by a goroutine that never returns.

    {path_leaks}

    ## Why is this bad?
    A ticker fires until it is stopped. Below go 1.23 (a main module whose go.mod says
    `go 1.22` or older, built by a toolchain before go1.27) an unstopped ticker is never
    collected: each call leaks the ticker and keeps the runtime waking up for it. From go
    1.23 an unreferenced ticker is collected (reported as `info`, hidden by default).

    ## Example
        t := time.NewTicker(time.Second)
        for range t.C {
            if done() {
                return
            }
        }

    ## Fix
    `defer t.Stop()` on the line after the binding. In a loop, where a defer would pile up,
    an explicit `t.Stop()` ends the iteration. A ticker used only inside one
    `go func() { ... }()` is stopped by a defer at the top of that literal.
    `time.NewTicker(d).C` becomes `ticker.C` with `ticker := time.NewTicker(d)` and
    `defer ticker.Stop()` on the lines before.

    For a path leak: `t.Stop()` right before each return, jump or block end that loses
    it (never a second release on a path, never on a path that handed it off).

    ## When the fix is withheld
    - in a loop, something (`return`, `break`, `continue`, `goto`, `panic`) can leave the
      iteration before its end, or the ticker is used after it or by a closure;
    - the ticker is used both by a goroutine and by the function;
    - the binding is in an if, for or switch header, or does not start its line; outside
      a loop (where the defer goes on the next line) also when code follows it on its line;
    - `time.NewTicker(d).C` is made on every pass of a loop, or its channel may outlive
      the function;
    - the function uses `goto`;
    - for a path leak: a path to a place that loses it may already have stopped it, or
      may not have acquired it yet; that place still uses it, or a defer using it was
      registered before it; the place does not start its own line, or another declaration
      hides the variable there.
    """

    ID = "ticker-not-stopped"
    SUMMARY = "a ticker from time.NewTicker is never stopped, or not on every path"
    PATH_LEAK_SUBJECT = "a ticker stopped"
    QUERY = "ticker_not_stopped.scm"
    PREFILTER = (b"NewTicker",)
    ANCHORS = (b"NewTicker",)
    SEVERITY_DOC = "warning below go 1.23 (unless toolchain >= go1.27); info from go 1.23"

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        call = captures["call"][0]
        if not ctx.imports.is_call(call, "time", "NewTicker"):
            return
        leaks = ctx.go.timers_leak
        effect = (
            f"under {ctx.go.label} an unstopped ticker is never collected"
            if leaks
            else f"under {ctx.go.label} an unreferenced ticker is collected, so this only costs work while it is referenced"
        )
        severity = Severity.WARNING if leaks else Severity.INFO
        parent = call.parent
        if parent is not None and parent.type == "selector_expression" and parent.child_by_field_name("field").text == b"C":  # type: ignore[union-attr]
            statement = tree.statement_of(parent)
            function = tree.enclosing_function(parent)
            if function is None or termination.held_until_exit(statement, function, ctx):
                return
            fix, reason = release.stop_ticker_channel(parent, ctx.src.text(call), ctx.src, ctx.imports,
                                                      "bind the ticker and stop it when the function returns")
            yield Finding(self.ID, call.start_byte, parent.end_byte,
                          f"time.NewTicker(...).C makes a ticker that can never be stopped; {effect}",
                          severity, fix, reason)
            return
        life = unreleased(call, ctx, TICKER, results=1)
        if life is None:
            leak = leaks_on_paths(call, ctx, TICKER, results=1)
            if leak is not None:
                name = ctx.src.text(leak.life.variable)
                fix, reason = release.path_release_fix(leak, ctx.src, f"{name}.Stop()")
                yield Finding(self.ID, call.start_byte, call.end_byte,
                              f"ticker `{name}` from time.NewTicker {leak.judged('stopped')}: it leaks at "
                              f"{leak.first.describe(ctx.src)}; {effect}", severity, fix, reason)
            return
        name = ctx.src.text(life.variable)
        fix, reason = release.release_fix(life, ctx.src, f"{name}.Stop()")
        yield Finding(self.ID, call.start_byte, call.end_byte,
                      f"ticker `{name}` from time.NewTicker is never stopped; {effect}",
                      severity, fix, reason)
