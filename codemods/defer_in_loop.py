"""defer-in-loop: deferred calls that pile up across loop iterations."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from gofixleak.analysis import deferloop, loop_defers, wrap_edit, wrap_safety
from gofixleak.analysis.deferred_release import DeferredRelease, deferred_release
from gofixleak.analysis.loop_bound import small_bound
from gofixleak.analysis.tree import enclosing_function, loops_around, walk
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Applicability, Finding, Fix, Severity


class DeferInLoop(Codemod):
    """
    ## What it does
    Finds a `defer` statement inside a `for` loop of the same function (a defer inside a
    func literal called in the loop is fine) that releases something each iteration
    acquires: a value the loop body binds to a call's result (`f, err := os.Open(name)`,
    `resp, err := client.Do(req)`, `ctx, cancel := context.WithTimeout(...)`), released by
    a method of it (`f.Close()`, `resp.Body.Close()`, `t.Stop()`, a project's `Release()`),
    by its cancel function, by `os.Remove`/`os.RemoveAll` or a handle-closing function,
    or by a function of the package whose body calls Close or Stop on it
    (`closeQuietly(f)`); a deferred func literal counts only the calls it always makes.

    Not reported:
    - a defer over values made before the loop (`for _, f := range files { defer
      f.Close() }` closes them all at the end, as meant);
    - a value that certainly outlives the iteration, or a value made from it: appended to
      or stored in an outer slice, map, field or variable, sent on a channel, used by a
      goroutine;
    - a conditional clean-up (`defer func() { if err != nil { l.Close() } }()`), or a
      deferred func literal that calls `recover` (a panic handler, meant for the end);
    - lock-like releases in any form: `Unlock`, `RUnlock`, `wg.Done()`, the undoing of a
      registration (`n.unregisterWriter(mac)`, `Unsubscribe`, `Deregister`), or a func
      value some call returned (`unlock := mu.Lock(); defer unlock()`): held until the
      function returns on purpose;
    - a value the iteration does nothing with but release it (`l := locks.Acquire(p);
      defer l.Stop()`): it is held for what holding it does, like a lock;
    - a value standing for work that runs later (`time.AfterFunc(d, f)`, or any call
      given a func literal): stopping it at the end of the iteration would cancel that
      work;
    - a defer registered at most once: what follows it in its block always leaves the loop
      for good (a `return`, a `break` out of the loop, a `panic`, a `goto` past the loop,
      an if/else or a switch with a default whose every branch does, an endless inner
      loop) with no `continue` before it;
    - `_test.go` files, where deferring to the end of the test is harmless.

    Severity: warning when the loop can run without a bound the code shows (a range over a
    parameter, a channel or a value of unknown size, an endless loop); info when every loop
    around the defer is bounded by a small constant (at most 16 passes: a range over a
    short composite literal or an integer constant, `for i := 0; i < 3; i++`).

    ## Why is this bad?
    Deferred calls run when the function returns, not at the end of the iteration. Files,
    rows, response bodies, contexts and timers acquired in each iteration stay held, and
    the pending calls themselves pile up, until the whole loop is done; in a long or
    endless loop they are never released.

    ## Example
        for _, name := range names {
            f, err := os.Open(name)
            if err != nil {
                log.Print(err)
                continue
            }
            defer f.Close()
            scan(f)
        }

    ## Fix
    The loop body becomes a function literal called once per iteration, so its defers run
    at the end of each iteration:

        for _, name := range names {
            func() {
                ...
                defer f.Close()
                scan(f)
            }()
        }

    ## Fix safety
    The wrap is safe when every deferred call of the body is a known release of a value
    acquired in that iteration: `Close` or `Stop` of it (`f.Close()`, `resp.Body.Close()`,
    `rows.Close()`, `t.Stop()`) or the cancel of a context made in it. It is unsafe when
    one is another method of such a value (a project's own `Release()`, `tx.Rollback()`),
    a function releasing it (`os.RemoveAll(dir)`), or any other call: running it at the
    end of each iteration is likely what is meant, but nothing proves it.

    ## When the fix is withheld
    - the body has a `return`, `goto`, a label, or a `break`/`continue` aimed at the loop
      (inside a func literal they would mean something else);
    - the body calls `recover`;
    - a deferred call uses nothing declared in the body, or releases a lock (`Unlock`,
      `RUnlock`): the rest of the function may rely on it being held;
    - a deferred call is given `&x`, a pointer made with `&` or `new`, or a named result,
      for a variable declared outside the body (it may write it, and `return nil` would
      then overwrite what it wrote);
    - a deferred func literal reads a variable declared outside the body that may change
      (a named result, anything assigned), or a loop variable below go 1.22 (the file's
      language version: its go.mod, lowered by a `//go:build go1.N` line);
    - a value the deferred calls use (or one declared beside it, like the ctx of
      `defer cancel()`), or a value made from it (`bufio.NewReader(f)`, `resp.Body`), is
      not made in the iteration, or is used by a goroutine, captured by a func literal,
      sent on a channel, stored outside the body, has its address taken, or is passed to
      a function that may keep it (anything but a method of the value itself or a
      standard function known to keep nothing, like `io.Copy` or `fmt.Fprintf`: even
      `log.SetOutput` keeps what it is given);
    - a raw string or comment spans lines inside the body (re-indenting would change it);
    - the body's braces do not sit at a line end and on a line of their own.
    """

    ID = "defer-in-loop"
    SUMMARY = "defer in a loop runs only when the function returns, piling up per iteration"
    QUERY = "defer_in_loop.scm"
    PREFILTER = (b"defer",)
    ANCHORS = (b"defer",)
    TEST_FILES = False  # a test's defers pile up for one short run
    WANTS_PARSES = True
    SEVERITY_DOC = "warning when the loop has no small constant bound; info otherwise"

    @classmethod
    def wants(cls, data: bytes) -> bool:
        return super().wants(data) and loop_defers.may_defer_in_loop(data)

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        defer, src = captures["defer"][0], ctx.src
        loop = deferloop.loop_of(defer)
        if loop is None or ctx.is_test_file or deferloop.registered_once(defer, loop, src):
            return
        body = loop.child_by_field_name("body")
        released = deferred_release(defer, body, src, ctx.imports)
        if not released.piles_up or deferloop.held_only(released, body, src):
            return
        if deferloop.outlives_iteration(released, body, src, ctx.imports):
            return
        bounded = all(small_bound(around, src, ctx.imports) is not None for around in loops_around(defer))
        function = enclosing_function(defer)
        name = function.child_by_field_name("name") if function is not None else None
        owner = src.text(name) if name is not None else "the function literal"
        first_line_end = min([src.line_end(defer.start_byte) - 1, defer.end_byte, *(c.start_byte for c in walk(defer) if c.type == "comment")])
        call = src.data[defer.start_byte + len("defer") : max(first_line_end, defer.start_byte + len("defer"))].decode("utf-8", "replace").strip()
        call = call.splitlines()[0] if call else call
        if len(call) > 40 or call != src.text(defer)[len("defer") :].strip():
            call = call[:37].rstrip() + "..."
        reason = wrap_safety.wrap_blocker(loop, src, ctx.imports, ctx.go)
        edits = None if reason else wrap_edit.wrap_edits(loop, src)
        if not reason and edits is None:
            reason = "the loop body's braces do not sit at a line end and on a line of their own"
        message = f"defer in a loop: {call} waits until {owner} returns, so one deferred call piles up per iteration"
        fix = None
        if edits:
            unknown = _unknown_release(body, src, ctx)
            fix = Fix("run the loop body in a function literal so its defers run every iteration", edits,
                      applicability=Applicability.UNSAFE if unknown else Applicability.SAFE)
            if unknown:
                message += (f"; the fix is unsafe: `{src.text(unknown)}` is not a known release (Close, Stop, "
                            "a context's cancel) of a value of the iteration, so running it at the end of each "
                            "iteration is likely but not proven right")
        yield Finding(
            rule=self.ID,
            start=defer.start_byte,
            end=defer.end_byte,
            message=message,
            severity=Severity.INFO if bounded else Severity.WARNING,
            fix=fix,
            no_fix_reason=reason or "",
        )


def _unknown_release(body: Node, src, ctx: Context) -> Node | None:
    """The first call that the deferred calls of `body` make and that is not a known
    release of a value acquired in the iteration; None when every one is."""
    for defer in walk(body, into_functions=False):
        if defer.type != "defer_statement":
            continue
        released: DeferredRelease = deferred_release(defer, body, src, ctx.imports)
        if released.known:
            continue
        weak = [r.call for r in released.releases if not r.known]
        return (weak or list(released.other_calls) or [defer.named_children[0]])[0]
    return None
