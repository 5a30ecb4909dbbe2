"""runloop-send-after-stop: a bare send or receive on a channel field that only a run loop
serves, which blocks forever once the loop has returned."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from gofixleak.analysis.runloop import BareOp, bare_op
from gofixleak.analysis.tree import line, walk
from gofixleak.analysis.zero_values import result_types, zero_value
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Applicability, Edit, Finding, Fix

_STOPPED_ERROR = re.compile(r"(?i)^(\w+\.)?err\w*(stop|clos|shut|done|term|halt|exit)\w*$")


class RunloopSendAfterStop(Codemod):
    """
    ## What it does
    Finds a type whose method runs a loop over a `select` that serves channel fields of
    the type (`case c := <-n.status:`) and returns on a stop, done or quit case (or
    `ctx.Done()`), and another method that sends on such a field (`n.status <- c`), or
    receives from one the loop sends on, with a bare operation: not a select case beside
    another case. The finding is on that send or receive. A field counts as served only
    by the loop when, in every file of the package, nothing else receives from it (for a
    send) or sends on it (for a receive), and it is not handed out.

    ## Why is this bad?
    Once the loop has returned (after `Stop`, or when its context is canceled), nobody
    serves the field any more: every later call blocks forever in that send or receive,
    with its goroutine and everything it holds. Services that call such a method from a
    request handler after shutdown began pile up goroutines.

    ## Example
        func (n *node) run() {
            for {
                select {
                case c := <-n.status:
                    c <- n.snapshot()
                case <-n.stop:
                    close(n.done)
                    return
                }
            }
        }

        func (n *node) Status() Status {
            c := make(chan Status)
            n.status <- c // blocks forever once run has returned
            return <-c
        }

    ## Fix
    Turn the operation into a select whose second case is the channel the loop closes
    when it returns (`close(n.done)` in the stop case, or `defer close(n.done)`), or the
    `Done()` channel of the context the type holds and the loop watches, and return from
    that case: the zero values of the method's results, or the error the method already
    returns for "stopped" (a name like `ErrStopped` or `errClosed`).

        select {
        case n.status <- c:
        case <-n.done:
            return Status{}
        }

    The fix is **unsafe** (applied only with `--unsafe-fixes`): a call after shutdown now
    returns zero values instead of blocking, which callers may not expect.

    ## When the fix is withheld
    - the loop closes no channel field when it returns and the type holds no context
      whose `Done()` the loop waits on;
    - a result type has no zero value gofixleak can write (a type of another package, a
      type parameter);
    - a receive that is not a statement of its own or a `return <-n.field`;
    - the statement does not start its own line.
    Not reported when the operation is already a select case beside another case, when
    another method or function of the package also serves the field, when the field is
    set to a buffered channel or to one made elsewhere, or when the loop never returns.
    """

    ID = "runloop-send-after-stop"
    SUMMARY = "a send or receive on a channel field blocks forever once the run loop serving it has returned"
    QUERY = "runloop_send_after_stop.scm"
    PREFILTER = (b"<-",)
    # A send on a field (`n.status <- c`) or a receive from one (`<-n.out`); each starts
    # with a literal, so the search skips ahead instead of trying every identifier.
    PATTERNS = (rb"\.[A-Za-z_]\w*[ \t]*<-", rb"<-[ \t]*[A-Za-z_]\w*\.[A-Za-z_]\w*(?![\w.(])")
    ANCHORS = (b"<-",)

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        op = captures["op"][0]
        found = bare_op(op, ctx.src)
        if found is None:
            return
        src = ctx.src
        loop = found.loop
        loop_name = src.text(loop.method.child_by_field_name("name")) if loop.file.src is src else loop.file.src.text(loop.method.child_by_field_name("name"))  # type: ignore[arg-type]
        verb = "send on" if op.type == "send_statement" else "receive from"
        where = f" ({loop.file.src.path.rsplit('/', 1)[-1]})" if loop.file.src is not src else f" (line {line(loop.select, src)})"
        message = (
            f"{verb} {found.receiver}.{found.field} blocks forever once the run loop in {loop_name}{where} has returned: "
            f"only that loop serves {found.field}"
        )
        fix, reason = _fix(found, src)
        yield Finding(rule=self.ID, start=op.start_byte, end=op.end_byte, message=message, fix=fix, no_fix_reason=reason)


def _fix(found: BareOp, src) -> tuple[Fix | None, str]:
    r, loop = found.receiver, found.loop
    if loop.done is not None:
        other = f"<-{r}.{loop.done}"
    elif loop.context is not None:
        other = f"<-{r}.{loop.context}.Done()"
    else:
        return None, "the run loop closes no channel field when it returns and the type holds no context it watches"
    returned = _give_up(found.method, src)
    if isinstance(returned, tuple):
        return None, returned[0]
    op = found.op
    if op.type == "send_statement":
        statement, first = op, f"case {src.text(op)}:"
        body = ""
    elif op.parent is not None and op.parent.type == "expression_statement":
        statement, first, body = op.parent, f"case {src.text(op)}:", ""
    elif op.parent is not None and op.parent.type == "expression_list" and op.parent.parent is not None \
            and op.parent.parent.type == "return_statement" and len(op.parent.named_children) == 1:
        statement = op.parent.parent
        name = _free_name(found.method, src)
        first, body = f"case {name} := {src.text(op)}:", f"return {name}"
    else:
        return None, "the receive is not a statement of its own or a `return <-...`"
    start = src.data.rfind(b"\n", 0, statement.start_byte) + 1
    indent = src.data[start:statement.start_byte]
    if indent.strip() or "\n" in src.text(statement):
        return None, "the statement does not sit on a line of its own"
    tab = indent.decode()
    lines = ["select {", f"{tab}{first}"]
    if body:
        lines.append(f"{tab}\t{body}")
    lines += [f"{tab}case {other}:", f"{tab}\t{returned}", f"{tab}}}"]
    edit = Edit.replace(statement.start_byte, statement.end_byte, "\n".join(lines).encode())
    title = f"select on {other[2:]} beside the {'send' if op.type == 'send_statement' else 'receive'}, returning when the loop has stopped"
    return Fix(title, (edit,), applicability=Applicability.UNSAFE), ""


def _give_up(method: Node, src) -> str | tuple[str]:
    """The return statement for "the loop has stopped", or (why not,)."""
    types = result_types(method)
    if types is None:
        return "return"
    stopped = _stopped_error(method, src)
    values = []
    for kind in types:
        if src.text(kind) == "error" and stopped is not None:
            values.append(stopped)
            continue
        zero = zero_value(kind, src)
        if zero is None:
            return (f"cannot tell the zero value of {src.text(kind)}",)
        values.append(zero)
    return "return " + ", ".join(values)


def _stopped_error(method: Node, src) -> str | None:
    """An error value the method already returns for "stopped" (`ErrStopped`)."""
    for node in walk(method, into_functions=False):
        if node.type != "return_statement" or not node.named_children:
            continue
        values = node.named_children[0].named_children if node.named_children[0].type == "expression_list" else node.named_children
        last = values[-1] if values else None
        if last is not None and last.type in {"identifier", "selector_expression"} and _STOPPED_ERROR.match(src.text(last)):
            return src.text(last)
    return None


def _free_name(method: Node, src) -> str:
    used = {src.text(n) for n in walk(method) if n.type == "identifier"}
    for name in ("v", "got", "value", "result"):
        if name not in used:
            return name
    return "v_"
