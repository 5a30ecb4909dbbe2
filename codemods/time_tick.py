"""time-tick: `time.Tick` in a function that can return, below go 1.23."""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction

from tree_sitter import Node

from gofixleak.analysis import bindings, release, termination, tree
from gofixleak.analysis.imports import Imports
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Finding, Fix

_UNITS = {"Nanosecond": 1, "Microsecond": 10**3, "Millisecond": 10**6, "Second": 10**9,
          "Minute": 60 * 10**9, "Hour": 3600 * 10**9}


class TimeTick(Codemod):
    """
    ## What it does
    Finds `time.Tick(d)` in a function that can return, when the module's go version is
    below 1.23 (and no toolchain line of go1.27 or later). Not reported: functions `main`
    and `init`, `_test.go` files, and functions that never return (an endless `for {}` or
    a range over the ticker with no way out), where the ticker lives as long as they do.

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

    ## When the fix is withheld
    - `d` is not a constant expression known to be positive: `time.NewTicker` panics when
      d <= 0, where `time.Tick` returns nil (such a rewrite was rejected upstream for it);
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
        fix, reason = self._fix(call, ctx)
        yield Finding(self.ID, call.start_byte, call.end_byte,
                      f"time.Tick makes a ticker that can never be stopped; under {ctx.go.label} "
                      "it is never collected, so it leaks once the function returns", fix=fix, no_fix_reason=reason)

    def _fix(self, call: Node, ctx: Context) -> tuple[Fix | None, str]:
        args = call.child_by_field_name("arguments")
        duration = args.named_children[0] if args is not None and len(args.named_children) == 1 else None
        if duration is None:
            return None, "time.Tick is not called with one duration argument"
        value = _constant(duration, ctx.src.text, ctx.imports)
        if value is None or value[0] <= 0:
            return None, (f"`{ctx.src.text(duration)}` is not a constant known to be positive, and "
                          "time.NewTicker panics on a duration <= 0 where time.Tick returns nil")
        package = ctx.src.text(call.child_by_field_name("function").child_by_field_name("operand"))  # type: ignore[union-attr]
        new_ticker = f"{package}.NewTicker({ctx.src.text(duration)})"
        return release.stop_ticker_channel(call, new_ticker, ctx.src, ctx.imports,
                                           "use time.NewTicker and stop it when the function returns")


def _constant(expr: Node, text, imports: Imports) -> tuple[Fraction, bool] | None:
    """(value, is_integer) of a constant duration expression built from literals, time
    units, time.Duration conversions and + - * /; None for anything else."""
    kind = expr.type
    if kind == "int_literal":
        digits = text(expr).replace("_", "")
        return Fraction(int(digits, 8) if re.fullmatch(r"0[0-7]+", digits) else int(digits, 0)), True
    if kind == "float_literal":
        try:
            return Fraction(text(expr).replace("_", "")), False
        except ValueError:
            return None
    if kind == "parenthesized_expression":
        return _constant(expr.named_children[0], text, imports)
    if kind == "selector_expression":
        target = imports.resolve_selector(expr)
        return (Fraction(_UNITS[target[1]]), True) if target and target[0] == "time" and target[1] in _UNITS else None
    if kind == "call_expression" and imports.resolve_selector(expr.child_by_field_name("function")) == ("time", "Duration"):  # type: ignore[arg-type]
        args = expr.child_by_field_name("arguments").named_children  # type: ignore[union-attr]
        return _constant(args[0], text, imports) if len(args) == 1 else None
    if kind == "unary_expression" and text(expr.child_by_field_name("operator")) in {"-", "+"}:
        inner = _constant(expr.child_by_field_name("operand"), text, imports)  # type: ignore[arg-type]
        sign = -1 if text(expr.child_by_field_name("operator")) == "-" else 1
        return (sign * inner[0], inner[1]) if inner else None
    if kind != "binary_expression":
        return None
    left = _constant(expr.child_by_field_name("left"), text, imports)  # type: ignore[arg-type]
    right = _constant(expr.child_by_field_name("right"), text, imports)  # type: ignore[arg-type]
    operator = text(expr.child_by_field_name("operator"))
    if left is None or right is None or operator not in {"+", "-", "*", "/"}:
        return None
    integer = left[1] and right[1]
    if operator == "/":
        if right[0] == 0:
            return None
        quotient = left[0] / right[0]
        return (Fraction(int(quotient)) if integer else quotient), integer
    value = {"+": left[0] + right[0], "-": left[0] - right[0], "*": left[0] * right[0]}[operator]
    return value, integer
