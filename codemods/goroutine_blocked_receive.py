"""goroutine-blocked-receive: goroutines waiting on a channel nobody closes or sends to."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from gofixleak.analysis import receivers
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Finding


class GoroutineBlockedReceive(Codemod):
    """
    ## What it does
    Finds a goroutine, started by the function that made a local channel, that ranges
    over the channel while no code in the function ever closes it, or closes it only
    after a `return` that can come first (the close is not deferred), or that waits for a
    value from it while nothing ever sends to it or closes it. The goroutine may be a func
    literal or a function of the package the channel is handed to (`go worker(jobs)`, in
    any file of the package, followed one call further); a call of the function itself
    that sends on or closes the channel (`feed(jobs, items)`) counts as the function's
    send or close. The finding is on the `go` statement. Report only.

    ## Why is this bad?
    `for v := range ch` ends only when `ch` is closed. When the function returns without
    closing it, the goroutine waits forever, keeping its stack and everything it
    references: the "range over a channel nobody closes" leak.

    ## Example
        jobs := make(chan job)
        go func() {
            for j := range jobs {
                handle(j)
            }
        }()
        for _, j := range batch {
            jobs <- j
        }
        // missing: close(jobs)

    ## Fix
    None automatic: where to close depends on who owns the channel. Usually the producer
    closes it once every value is sent (`defer close(jobs)` right after making it, when
    the function is the only sender), or the goroutine also selects on `ctx.Done()`.

    ## When the fix is withheld
    Always: the rule only reports. Not reported at all when the channel is closed in a
    deferred call, another goroutine or a func literal, or by a statement no `return`
    comes before; nor when a named worker also selects on another channel (`ctx.Done()`),
    can leave its range loop, or does with the channel what gofixleak does not model;
    nor when it is passed to code outside the package, stored, returned or assigned; when the ranging loop can end on its own (return,
    break); when the receive is a select case beside other cases; or when the function
    never returns (`func main`, or no `return` and a trailing `select {}`, endless loop or
    call that does not come back: `panic`, `os.Exit`, `log.Fatal(...)`).
    """

    ID = "goroutine-blocked-receive"
    SUMMARY = "goroutine can block forever receiving from a channel nobody closes or sends to, or that a path leaves unclosed"
    QUERY = "goroutine_blocked_receive.scm"
    PREFILTER = (b"make(chan",)
    ANCHORS = (b"make",)

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        for found in receivers.blocked_receives(captures["make"][0], ctx.src):
            name = found.channel.name
            who = f"goroutine running {found.worker}, which ranges over" if found.worker else "goroutine ranging over"
            if found.early_return is not None:
                at = found.early_return.describe(ctx.src)
                message = f"{who} channel {name} blocks forever when the function leaves at {at}: {name} is not closed on that path"
                reason = f"close {name} on every path, e.g. `defer close({name})` where the function is the only sender"
            elif found.ranges:
                message = f"{who} channel {name} blocks forever: nothing closes {name}"
                reason = f"decide who owns {name} and close it after the last send"
            else:
                waits = f"goroutine running {found.worker}, which receives from" if found.worker else "goroutine receiving from"
                message = f"{waits} channel {name} blocks forever: nothing sends to or closes {name}"
                reason = f"send to or close {name} on every path, or give the goroutine another way out"
            yield Finding(
                rule=self.ID,
                start=found.go.start_byte,
                end=found.go.start_byte + len("go"),
                message=message,
                no_fix_reason=reason,
            )
