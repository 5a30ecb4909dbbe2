"""channel-field-never-received: a send on an unexported channel field that nothing in the
package receives from."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from gofixleak.analysis.channels import clause_count
from gofixleak.analysis.field_channels import never_received
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Finding




class ChannelFieldNeverReceived(Codemod):
    """
    ## What it does
    Finds a send on an unexported channel field of a struct of the package
    (`s.events <- e`) when no code of the package (any of its files) receives from that
    field, ranges over it, or hands it out: returns it, passes it to a call, stores it in
    another variable, or sets it to a channel made elsewhere. The finding is on the send.
    Report only.

    ## Why is this bad?
    With nobody receiving, the send blocks forever (an unbuffered channel at once, a
    buffered one when its buffer is full), and so does the goroutine making it. Usually
    the reader was removed or never written.

    ## Example
        type tracker struct {
            events chan event // nothing reads it
        }

        func (t *tracker) record(e event) {
            t.events <- e
        }

    ## Fix
    None automatic: start the reader the field was meant for, or remove the field and
    its sends.

    ## When the fix is withheld
    Always: the rule only reports. Not reported when the send is a select case beside
    another case (a `default`, a done channel), when the field is exported, when any
    struct of the package declares a field of that name that is not a channel, when a
    use of the field is not a send, `len`, `cap`, `close`, or setting it to a `make`
    (then someone else may receive), or when a file of the package cannot be read.
    """

    ID = "channel-field-never-received"
    SUMMARY = "a send on an unexported channel field that nothing in the package receives from"
    QUERY = "channel_field_never_received.scm"
    PREFILTER = (b"<-",)
    PATTERNS = (rb"\.[a-z_]\w*[ \t]*<-",)  # a send on an unexported field
    ANCHORS = (b"<-",)

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        send = captures["send"][0]
        case = send.parent
        if case is not None and case.type == "communication_case" and clause_count(case.parent) > 1:  # type: ignore[arg-type]
            return
        field = never_received(send, ctx.src)
        if field is None:
            return
        yield Finding(
            rule=self.ID,
            start=send.start_byte,
            end=send.end_byte,
            message=f"send on channel field {field} blocks forever: nothing in the package receives from {field} or hands it out",
            no_fix_reason=f"start the reader {field} was meant for, or remove the field and its sends",
        )
