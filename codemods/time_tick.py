"""time-tick: `time.Tick` in a function that can return, below go 1.23."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from tree_sitter import Node

from gofixleak.analysis import bindings, release, termination, tree
from gofixleak.analysis.constants import constant_value
from gofixleak.analysis.tick_holders import held_by_endless_code
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Applicability, Finding, Fix


class TimeTick(Codemod):
    """
    ## What it does
    Finds `time.Tick(d)` in a function that can return, when the module's go version is
    below 1.23 (and no toolchain line of go1.27 or later), or when no go.mod is found
    (GOPATH mode). Not reported: functions `main` and `init`, `_test.go` files, and
    functions that never return (an endless `for {}` or a range over the ticker with no
    way out), where the ticker lives as long as they do; nor a channel used only by func
    literals run where they stand (goroutines or not) that never return, or handed to
    such a literal or to a function of the package that never returns: whether the code
    can return is judged for the literal or function holding the loop.

    ## Why is this bad?
    `time.Tick` makes a ticker that can never be stopped. Before go 1.23 it is never
    collected either, so every call from a function that returns leaks a ticker that keeps
    firing. From go 1.23 an unreferenced ticker is collected and the Go team considers
    `time.Tick` fine wherever `time.NewTicker` would be.

    ## Example
        func poll(d time.Duration) {
            for range time.Tick(time.Second) {
                if ready() {
                    return
                }
            }
        }

    ## Fix
    `ticker := time.NewTicker(d)` and `defer ticker.Stop()` on the lines before the
    statement, and `ticker.C` in place of `time.Tick(d)`.

    ## Fix safety
    The fix is safe when `d` is a constant expression known to be positive (literals, time
    units and constants declared in the function or in any file of the package). Otherwise
    it is unsafe: `time.NewTicker` panics when d <= 0, where `time.Tick` returns nil (a
    channel that never delivers), so the rewrite is only right when `d` is known to be
    positive at run time (such a rewrite was rejected upstream for it).

    ## When the fix is withheld
    - `d` is a constant <= 0 (time.NewTicker would panic);
    - the call is in a loop (a ticker is made on every pass), or in a select case;
    - the channel may outlive the function (returned, stored, passed on, used by a closure);
    - the function uses `goto`, or the statement does not start its own line.
    """

    ID = "time-tick"
    SUMMARY = "time.Tick leaks its ticker in a function that can return, below go 1.23"
    QUERY = "time_tick.scm"
    PREFILTER = (b".Tick(",)
    ANCHORS = (b"Tick",)
    SEVERITY_DOC = "warning below go 1.23 (unless toolchain >= go1.27); not reported from go 1.23"

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        call = captures["call"][0]
        if not ctx.go.timers_leak or ctx.is_test_file or not ctx.imports.is_call(call, "time", "Tick"):
            return
        function = tree.enclosing_function(call)
        if function is None:
            return
        top = bindings.top_function(call)
        name = top.child_by_field_name("name")
        if top.type == "function_declaration" and name is not None and (
            name.text == b"init" or termination.is_main(top, ctx)
        ):
            return
        if termination.held_until_exit(tree.statement_of(call), function, ctx):
            return
        if held_by_endless_code(call, function, ctx):
            return
        fix, reason = self._fix(call, ctx)
        message = (f"time.Tick makes a ticker that can never be stopped; under {ctx.go.label} "
                   "it is never collected, so it leaks once the function returns")
        if fix is not None and fix.applicability == Applicability.UNSAFE:
            message += f"; the fix is unsafe: {reason}"
            reason = ""
        yield Finding(self.ID, call.start_byte, call.end_byte, message, fix=fix, no_fix_reason=reason)

    def _fix(self, call: Node, ctx: Context) -> tuple[Fix | None, str]:
        args = call.child_by_field_name("arguments")
        duration = args.named_children[0] if args is not None and len(args.named_children) == 1 else None
        if duration is None:
            return None, "time.Tick is not called with one duration argument"
        value = constant_value(duration, ctx.src, ctx.imports)
        if value is not None and value[0] <= 0:
            return None, (f"`{ctx.src.text(duration)}` is a constant <= 0: time.NewTicker would panic "
                          "where time.Tick returns nil")
        package = ctx.src.text(call.child_by_field_name("function").child_by_field_name("operand"))  # type: ignore[union-attr]
        new_ticker = f"{package}.NewTicker({ctx.src.text(duration)})"
        fix, reason = release.stop_ticker_channel(call, new_ticker, ctx.src, ctx.imports,
                                                  "use time.NewTicker and stop it when the function returns")
        if fix is None or value is not None:
            return fix, reason
        return dataclasses.replace(fix, applicability=Applicability.UNSAFE), (
            f"`{ctx.src.text(duration)}` is not a constant known to be positive, and "
            "time.NewTicker panics on a duration <= 0 where time.Tick returns nil")


