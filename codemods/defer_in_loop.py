"""defer-in-loop: deferred calls that pile up across loop iterations."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from gofixleak.analysis import deferloop, wrap_edit, wrap_safety
from gofixleak.analysis.tree import enclosing_function, walk
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Finding, Fix


class DeferInLoop(Codemod):
    """
    ## What it does
    Finds a `defer` statement inside a `for` loop of the same function (a defer inside a
    func literal called in the loop is fine). Not reported when what follows the defer in
    its block always leaves the loop for good (a `return`, a `break` out of the loop, a
    `panic`, a `goto` past the loop, an if/else or a switch with a default whose every
    branch does, an endless inner loop) with no `continue` before it, so it is registered
    at most once; nor for `x.Lock(); defer x.Unlock()` on an x of the iteration (locking
    every element until the function returns is what that code means); nor in `_test.go`
    files, where deferring to the end of the test is harmless.

    ## Why is this bad?
    Deferred calls run when the function returns, not at the end of the iteration. Files,
    rows, response bodies, locks and buffers acquired in each iteration stay held, and the
    pending calls themselves pile up, until the whole loop is done; in a long or endless
    loop they are never released.

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

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        defer, src = captures["defer"][0], ctx.src
        loop = deferloop.loop_of(defer)
        if loop is None or ctx.is_test_file or deferloop.registered_once(defer, loop, src):
            return
        if deferloop.deliberate_lock_all(defer, loop, src):
            return
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
        yield Finding(
            rule=self.ID,
            start=defer.start_byte,
            end=defer.end_byte,
            message=f"defer in a loop: {call} waits until {owner} returns, so one deferred call piles up per iteration",
            fix=Fix("run the loop body in a function literal so its defers run every iteration", edits) if edits else None,
            no_fix_reason=reason or "",
        )
