"""goroutine-blocked-send: goroutines left blocked sending on an unbuffered channel."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from gofixleak.analysis.capacity import capacity_edit, sender_capacity
from gofixleak.analysis.senders import blocked_send
from gofixleak.analysis.tree import line
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Finding, Fix, Severity


class GoroutineBlockedSend(Codemod):
    """
    ## What it does
    Finds an unbuffered channel made in a function (`ch := make(chan T)`) that goroutines
    started by that function send on, while the function can stop receiving
    before every value arrived: the receive is a `select` case beside a timeout, a
    `ctx.Done()` or a quit channel; a `return` can run between the `go` statement and the
    receive; the goroutines are started in a `range` loop and only the first value is
    taken ("first answer wins") or receiving stops at an error; or nothing receives at all.
    The finding is on the `make` call.

    With one goroutine sending once, the function is followed on its control-flow graph from
    the go statement: no finding when every path receives (a `return <-ch` after a select
    that timed out), and a test that can fail before it receives (`t.Fatal`, `require.*`)
    leaves its sender blocked too. When only such failing paths skip the receive, the
    finding is `info`: the goroutine outlives a test that has already failed.

    ## Why is this bad?
    A send on an unbuffered channel waits for a receiver. Once the function has moved on,
    nobody will ever receive, so each such goroutine blocks forever and keeps its stack
    and everything it references. This is the most common goroutine leak in Go services
    (the "premature return" and "timeout" leaks).

    ## Example
        ch := make(chan result)
        go func() { ch <- fetch() }()
        select {
        case r := <-ch:
            return r, nil
        case <-ctx.Done():
            return result{}, ctx.Err()
        }

    ## Fix
    Give the channel a buffer with room for every sender: `make(chan result, 1)` for one
    goroutine, `make(chan T, len(xs))` for one goroutine per element of `xs`, or
    `make(chan T, max(n, 0))` for `for range n`. Each send then completes at once and the
    goroutine exits, whether or not anyone still receives. Receivers see the same values.

    A goroutine may be a func literal or a function of the package the channel is handed
    to (`go worker(ch)`, in any file of the package): gofixleak reads the callee and what
    it does with that parameter, following it one call further (`worker` passing it to
    `emit(ch, v)`). A call of the function itself (`v := take(ch)`) that receives from
    the channel counts as the function's receive. A goroutine may send more than once:
    then close the channel, send on some paths only, or send a bounded number of values;
    the buffer is the most values one run sends on any path. A goroutine that sends in a
    loop is reported without a fix.

    Only flagged when nothing but more sends, `close(ch)` and `return` follows each send
    in the goroutine, no send is a select case of its own, and the channel is used for
    nothing but these sends, receives in the function itself, and close. A named worker
    that stores the channel, returns it, hands it on to a goroutine or to code outside
    the package gives no verdict. Goroutines that select on `ctx.Done()` or
    a quit channel, buffered channels, and a receive nothing can skip are not reported.
    Goroutines started in exclusive branches (if/else, switch cases) count once, and a
    loop that breaks out right after its `go` statement starts one goroutine. Not
    reported either when the values left after an early stop are drained (a later
    `for range ch`, or a receiving loop just before the `break`), when the loop around the
    select goes round again whatever other case it takes (`for {}`, or `for cond` whose
    condition only the receiving case changes), or when the other case is a channel
    closed right after `wg.Wait()` for a WaitGroup every sender's deferred `wg.Done()`
    releases.

    ## When the fix is withheld
    - a goroutine sends in a loop (`for _, x := range xs { out <- f(x) }`): no buffer
      size is known to be enough for every value; give it a select on `ctx.Done()` or a
      done channel instead;
    - goroutines started in a loop each send more than one value;
    - the goroutines are started in a loop that is not a `range` over a variable (or an
      integer constant) whose length the function can read where the channel is made: the
      variable is declared after the make, used between the make and the loop, declared
      outside the function, or of a type the declaration does not show;
    - goroutines are started in nested loops, or both in a loop and elsewhere, or a
      `goto` back to a label before a `go` statement can start it again;
    - the ranged variable may grow after the make: its address is taken, a func literal
      assigns it, or it may be a map that is written to, passed on or copied;
    - a goroutine defers a call someone may see run (an `Unlock`, a `wg.Done()` whose
      `Wait` releases more than `close(ch)`): with a buffer it would run before the value
      is received (`defer close(ch)` is fine);
    - `len` or `max` is declared at package level by the file or another file of the
      package (or cannot be checked: a file of the directory cannot be read, or a dot
      import), or `max` is needed below go 1.21;
    - the make call spans several lines.
    """

    ID = "goroutine-blocked-send"
    SUMMARY = "goroutine can block forever sending on an unbuffered channel nobody receives from"
    QUERY = "goroutine_blocked_send.scm"
    PREFILTER = (b"make(chan",)
    ANCHORS = (b"make",)
    SEVERITY_DOC = "warning; info when only a failing test (t.Fatal, require.*) leaves the sender behind"

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        make = captures["make"][0]
        found = blocked_send(make, ctx.src)
        if found is None:
            return
        ch, src = found.channel, ctx.src
        lines = [line(s.go, src) for s in found.senders]
        if found.senders[0].loops:
            who = f"the goroutines started in the loop at line {line(found.senders[0].loops[-1], src)}"
        elif len(lines) == 1:
            who = f"the goroutine started at line {lines[0]}"
        else:
            who = f"the {len(lines)} goroutines started at lines {', '.join(map(str, lines))}"
        capacity, reason = sender_capacity(found, src, ctx.go)
        fix = None
        if capacity is not None:
            edit = capacity_edit(ch, capacity, src)
            if edit is None:
                reason = "the make call spans several lines or ends in a comma"
            else:
                fix = Fix(f"give {ch.name} a buffer of {capacity}", (edit,))
        failing = "; only a test that has already failed leaves it behind" if found.failing_only else ""
        yield Finding(
            rule=self.ID,
            start=make.start_byte,
            end=make.end_byte,
            severity=Severity.INFO if found.failing_only else Severity.WARNING,
            message=f"{who} can block forever sending on unbuffered channel {ch.name}: {found.why}{failing}",
            fix=fix,
            no_fix_reason=reason,
        )
