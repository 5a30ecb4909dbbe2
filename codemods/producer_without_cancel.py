"""producer-without-cancel: a function returns a channel fed by a goroutine that cannot
stop when the caller stops reading."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from gofixleak.analysis.producers import stuck_sends
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Finding, Severity


class ProducerWithoutCancel(Codemod):
    """
    ## What it does
    Finds a function that makes a channel, starts a goroutine that sends on it, and
    returns the channel (a producer, or a "generator"), when the goroutine's sends are
    bare: not select cases beside a `ctx.Done()` or done-channel case. Each such send is
    reported, as information; for a named producer of the package the channel is handed
    to (`go produce(out)`), the go statement is.

    ## Why is this bad?
    The producer only ends when every value has been taken. A caller that stops reading
    early (an error, a `break`, a timeout) leaves the goroutine blocked forever on its
    next send, with everything it holds. Nothing in the function's signature lets the
    caller say it has gone.

    ## Example
        func numbers(n int) <-chan int {
            out := make(chan int)
            go func() {
                defer close(out)
                for i := range n {
                    out <- i
                }
            }()
            return out
        }

    ## Fix
    None automatic: the signature has to change. Take a `context.Context` (or a done
    channel) and select on it beside each send:

        select {
        case out <- i:
        case <-ctx.Done():
            return
        }

    ## When the fix is withheld
    Always: the rule only reports, with severity info. Not reported when a send already
    selects on another case, when the buffer the make gives has room for every value
    one run sends (`make(chan T, 1)` and one send), when the function or the goroutine
    also receives from the channel, or when the channel is used in any other way than
    sent on, closed and returned.
    """

    ID = "producer-without-cancel"
    SUMMARY = "a returned channel is fed by a goroutine that cannot stop when the caller stops reading"
    QUERY = "producer_without_cancel.scm"
    PREFILTER = (b"make(chan",)
    ANCHORS = (b"make",)
    SEVERITY_DOC = "info"

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        found = stuck_sends(captures["make"][0], ctx.src)
        if found is None:
            return
        ch, sends = found
        name = ctx.src.text(ch.function.child_by_field_name("name")) if ch.function.child_by_field_name("name") else "the function"
        for send in sends:
            if send.type == "go_statement":
                callee = send.named_children[0].child_by_field_name("function")
                yield Finding(
                    rule=self.ID,
                    start=send.start_byte,
                    end=send.start_byte + len("go"),
                    message=(
                        f"the goroutine running {ctx.src.text(callee)} feeds {ch.name}, which {name} returns, and blocks forever on "
                        "its next send once the caller stops reading: it has no select on a done channel or a context"
                    ),
                    severity=Severity.INFO,
                    no_fix_reason="take a context.Context and select on ctx.Done() beside each send, returning when it is done",
                )
                continue
            yield Finding(
                rule=self.ID,
                start=send.start_byte,
                end=send.end_byte,
                message=(
                    f"the goroutine feeding {ch.name}, which {name} returns, blocks forever on this send once the caller "
                    "stops reading: it has no select on a done channel or a context"
                ),
                severity=Severity.INFO,
                no_fix_reason=(
                    "select on ctx.Done() beside the send, returning when it is done" if _takes_context(ch.function, ctx.src)
                    else "take a context.Context and select on ctx.Done() beside the send, returning when it is done"
                ),
            )


def _takes_context(function: Node, src) -> bool:
    """True when a parameter of the function is a context.Context."""
    parameters = function.child_by_field_name("parameters")
    return parameters is not None and any(
        d.child_by_field_name("type") is not None and src.text(d.child_by_field_name("type")) == "context.Context"
        for d in parameters.named_children
    )
