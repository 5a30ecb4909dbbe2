"""time-after-in-loop: `time.After` as a select case inside a loop."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from gofixleak.analysis import layout, naming, purity, scopes, tree
from gofixleak.analysis.endless import reached_on_entry
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Applicability, Edit, Finding, Fix, Severity


class TimeAfterInLoop(Codemod):
    """
    ## What it does
    Finds `time.After(d)` used as a case of a `select` that sits inside a `for` loop of the
    same function (`case <-time.After(d):` or `case v := <-time.After(d):`).

    ## Why is this bad?
    Every pass through the loop creates a new timer. Below go 1.23 (a main module whose
    go.mod says `go 1.22` or older, built by a toolchain before go1.27) a timer that has not
    fired is never collected, so a busy loop with a long timeout piles up timers until they
    fire: heap profiles show them under `time.NewTimer`. From go 1.23 unreferenced timers
    are collected and the cost is one allocation per pass (reported as `info`, hidden by
    default).

    ## Example
        for {
            select {
            case msg := <-in:
                handle(msg)
            case <-time.After(time.Minute):
                return
            }
        }

    ## Fix
    One timer is created before the outermost loop with `defer timer.Stop()`, and reset
    right before the select, so the timeout still restarts each time the select is entered
    (an idle timeout, exactly as before). The reset uses the stop-and-drain idiom, so no
    stale expiry is received even with the old asynchronous timer channels; only in
    `package main` of a module whose timer channels are synchronous (go 1.23 or later, no
    `godebug asynctimerchan=1`) is a plain `Reset` enough: a library cannot know which
    main module it will be built into.
    `--after-style deadline` instead keeps one timer for the whole loop with no reset: a
    total deadline. That changes behaviour and is never the default.

    ## Fix safety
    The fix is unsafe when evaluating the duration before the loop could panic where the
    program would not: a field read through a value that may be a nil pointer there (like
    `s.timeout`), a division by a variable, a shift by a variable count. It is safe even
    then when the select is the first statement of a `for { ... }` loop that is outermost
    (or whose loops around are all so placed): the duration is then evaluated before the
    loop at the very moment the select would first evaluate it.

    ## When the fix is withheld
    - the duration has a call, a receive or another side effect, or uses a variable
      declared inside the loop (it must be evaluated before the loop);
    - with `--after-style deadline`: the duration may change during the loop;
    - the function uses `goto` (a new variable could be jumped over);
    - the loop or the select does not start its own line.
    """

    ID = "time-after-in-loop"
    SUMMARY = "time.After in a select inside a loop starts a new timer on every pass"
    QUERY = "time_after_in_loop.scm"
    PREFILTER = (b".After(",)
    ANCHORS = (b"After",)
    SEVERITY_DOC = "warning below go 1.23 or with `godebug asynctimerchan=1` (unless toolchain >= go1.27); info otherwise"

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        call, case = captures["call"][0], captures["case"][0]
        if not ctx.imports.is_call(call, "time", "After"):
            return
        select = case.parent
        if select is None or not tree.loops_around(select):
            return
        leaks = ctx.go.timers_leak
        message = (
            "time.After in a select inside a loop starts a timer on every pass; "
            + (
                f"under {ctx.go.label} an unfired timer is not collected until it fires (a leak with toolchains before go1.27)"
                if leaks
                else f"under {ctx.go.label} unfired timers are collected, so this is one allocation per pass (it leaks only with a go line below 1.23 built by a toolchain before go1.27)"
            )
        )
        fix, reason = self._fix(call, select, ctx)
        if fix is not None and fix.applicability == Applicability.UNSAFE:
            message += f"; the fix is unsafe: {reason}"
            reason = ""
        yield Finding(
            rule=self.ID,
            start=call.start_byte,
            end=call.end_byte,
            message=message,
            severity=Severity.WARNING if leaks else Severity.INFO,
            fix=fix,
            no_fix_reason=reason,
        )

    def _fix(self, call: Node, select: Node, ctx: Context) -> tuple[Fix | None, str]:
        src, imports = ctx.src, ctx.imports
        deadline = ctx.options.get("after_style", "idle") == "deadline"
        function = tree.enclosing_function(select)
        args = call.child_by_field_name("arguments")
        if function is None or args is None or len(args.named_children) != 1:
            return None, "time.After is not called with one duration argument"
        duration = args.named_children[0]
        if tree.has_goto(function, src):
            return None, "the function uses goto, which a new variable could be jumped over"
        outer = tree.statement_of(tree.loops_around(select)[-1])
        hoist = layout.insertion_before(outer, src)
        reset_at = layout.insertion_before(tree.statement_of(select), src)
        if hoist is None or reset_at is None:
            return None, "the loop or the select does not start its own line"

        why = purity.impurity(duration, src, imports)
        if why:
            return None, f"the duration must be evaluated once before the loop, but {why}"
        risk = purity.panic_risk(duration, src, imports)
        if risk and reached_on_entry(tree.statement_of(select), tree.loops_around(select)):
            risk = None  # evaluated before the loop at the very moment the select would

        names = purity.root_names(duration, src) - purity.package_operands(duration, imports)
        declared_in_loop = names & scopes.declared_names(outer, src)
        if declared_in_loop:
            return None, f"the duration uses `{sorted(declared_in_loop)[0]}`, declared inside the loop"
        if deadline:
            if names & scopes.assigned_names(outer, src):
                return None, "the duration may change during the loop, so one deadline timer would differ"

        package = src.text(call.child_by_field_name("function").child_by_field_name("operand"))  # type: ignore[union-attr]
        timer = naming.fresh_name(function, "timer", src)
        d = src.text(duration)
        hoist_at, hoist_indent = hoist
        nl = src.newline
        edits = [
            Edit.insert(hoist_at, layout.lines(hoist_indent, nl, f"{timer} := {package}.NewTimer({d})", f"defer {timer}.Stop()")),
            Edit.replace(call.start_byte, call.end_byte, f"{timer}.C".encode()),
        ]
        if not deadline:
            at, indent = reset_at
            if ctx.go.synchronous_timer_channels and ctx.package_name == "main":
                # Only the main module's go.mod decides; a library may be built into an
                # older main module, where a stopped timer can still hold a stale expiry.
                reset = [f"{timer}.Reset({d})"]
            else:
                reset = [
                    f"if !{timer}.Stop() {{",
                    "\tselect {",
                    f"\tcase <-{timer}.C:",
                    "\tdefault:",
                    "\t}",
                    "}",
                    f"{timer}.Reset({d})",
                ]
            edits.append(Edit.insert(at, layout.lines(indent, nl, *reset)))
        title = f"hoist one {timer} before the loop" + ("" if deadline else " and reset it before the select")
        if risk:
            return Fix(title, tuple(edits), declares=(timer,), scope=naming.name_scope(function),
                       applicability=Applicability.UNSAFE), (
                f"the duration is also evaluated before the loop, where {risk}")
        return Fix(title, tuple(edits), declares=(timer,), scope=naming.name_scope(function)), ""
