"""sql-rows-not-closed: `*sql.Rows` from Query or QueryContext that are never closed."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from tree_sitter import Node

from gofixleak.analysis import flow, release, resources
from gofixleak.analysis.leaks import leaks_on_paths, unreleased
from gofixleak.analysis.package_openers import Acquired, Resource, opener_calls
from gofixleak.analysis.sql_handles import is_sql_handle
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Finding

ROWS = resources.Kind(release=frozenset({"Close"}))
_ROWS_TYPES = (("database/sql", "Rows"),)


class SqlRowsNotClosed(Codemod):
    """
    ## What it does
    Finds `rows, err := x.Query(...)` or `x.QueryContext(...)` where `x` is evidently a
    `*sql.DB`, `*sql.Tx`, `*sql.Conn` or `*sql.Stmt` (also an element of a map or slice of them: `q.stmts[k]`; from `sql.Open`, `db.Begin`,
    `db.BeginTx`, `db.Conn`, `db.Prepare`, or declared with such a type in any file of the
    package; a field is judged by the struct type of the value holding it when that is
    known, else by every struct field of that name in the package), and the rows are never
    closed. Rows that are returned, stored or passed to another function are not reported
    (the callee may close them), nor are rows closed on every path (a branch, a defer, a
    closure), rows read to the end by a `for rows.Next() { ... }` loop that nothing can
    leave early (then `rows.Next` closes them), or rows in `main.main`.

    Also rows from a method that an interface of the package declares to return
    `*sql.Rows` (called on a variable, parameter or field of that interface type, or of
    one embedding it: `s.store.ListUsers(ctx)`), and from a function or method of the
    package whose every return hands back rows it has just queried (or nil beside an
    error), itself or through one more such function.

    {path_leaks}

    ## Why is this bad?
    Open rows hold their database connection. `rows.Next` closes them only when it has
    read every row; an early return, a `break` or a Scan error leaves the connection busy,
    and the pool eventually blocks every query.

    ## Example
        rows, err := db.QueryContext(ctx, "SELECT name FROM users")
        if err != nil {
            return nil, err
        }
        for rows.Next() {
            ...
        }

    ## Fix
    `defer rows.Close()` after the `if err != nil { ... }` check that follows the call. In
    a loop an explicit `rows.Close()` ends the iteration, only when nothing can leave the
    iteration before; rows used only in one `go func() { ... }()` are closed by a defer at
    the top of that literal.

    For a path leak: `rows.Close()` right before each return, jump or block end that loses
    it (never a second release on a path, never on a path that handed it off).

    ## When the fix is withheld
    - no `if err != nil` check that leaves follows the call, or the error is discarded:
      `rows` may be nil there;
    - in a loop, something can leave the iteration before its end, or the rows are used
      after it or by a closure;
    - the rows are used both by a goroutine and by the function;
    - the binding is in an if, for or switch header, or the function uses `goto`;
    - for a path leak: a path to a place that loses it may already have closed it, or
      may not have acquired it yet; that place still uses it, or a defer using it was
      registered before it; the place does not start its own line, or another declaration
      hides the variable there.
    """

    ID = "sql-rows-not-closed"
    SUMMARY = "rows from a database/sql query are never closed, or not on every path"
    PATH_LEAK_SUBJECT = "a set of rows closed"
    QUERY = "sql_rows_not_closed.scm"
    # A file need not import database/sql when the handle is declared in another file.
    PREFILTER = (b".Query(", b".QueryContext(")
    ANCHORS = (b"Query",)
    SEVERITY_DOC = "warning"

    OPENER_TYPES = _ROWS_TYPES

    def run(self, ctx: Context) -> Iterator[Finding]:
        yield from super().run(ctx)
        for found in opener_calls(ctx, QUERIES):
            yield from self._judge(found.call, found.shown("rows"), ctx, found.opener.error_index)

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        call = captures["call"][0]
        if ctx.imports.call_target(call) is None:
            # Looking for the handle's declaration costs most, so it comes last.
            yield from self._judge(call, ctx.src.text(call.child_by_field_name("function")), ctx, 1,  # type: ignore[arg-type]
                                   lambda: acquisition(call, ctx) is not None)

    def _judge(self, call: Node, callee: str, ctx: Context, error_index: int | None,
               acquires: Callable[[], bool] = lambda: True) -> Iterator[Finding]:
        """The finding for the rows `call` returns (its error is result `error_index`), when
        they are not closed on every path and `acquires()` confirms the call."""
        results = 1 if error_index is None else 2
        life = unreleased(call, ctx, ROWS, results=results)
        if life is None:
            yield from self._path_leak(call, callee, ctx, error_index, acquires)
            return
        if not acquires() or _read_to_end(life, ctx):
            return
        name = ctx.src.text(life.variable)
        fix, reason = release.release_fix(life, ctx.src, f"{name}.Close()", error_index=error_index)
        yield Finding(self.ID, call.start_byte, call.end_byte,
                      f"rows `{name}` from {callee} are never closed, which holds a database connection",
                      fix=fix, no_fix_reason=reason)

    def _path_leak(self, call: Node, callee: str, ctx: Context, error_index: int | None,
                   acquires: Callable[[], bool]) -> Iterator[Finding]:
        leak = leaks_on_paths(call, ctx, ROWS, results=1 if error_index is None else 2, error_index=error_index,
                              closing_methods=("Next",))
        if leak is None or not acquires():
            return
        name = ctx.src.text(leak.life.variable)
        fix, reason = release.path_release_fix(leak, ctx.src, f"{name}.Close()", error_index=error_index)
        yield Finding(self.ID, call.start_byte, call.end_byte,
                      f"rows `{name}` from {callee} {leak.judged('closed').replace('is ', 'are ', 1)}: they leak at "
                      f"{leak.first.describe(ctx.src)}", fix=fix, no_fix_reason=reason)


def acquisition(call: Node, ctx: Context) -> Acquired | None:
    """`x.Query(...)` or `x.QueryContext(...)` on an evidently database/sql handle `x`."""
    function = call.child_by_field_name("function")
    if function is None or function.type != "selector_expression" or ctx.imports.call_target(call) is not None:
        return None
    if ctx.src.text(function.child_by_field_name("field")) not in {"Query", "QueryContext"}:  # type: ignore[arg-type]
        return None
    if not is_sql_handle(function.child_by_field_name("operand"), ctx):  # type: ignore[arg-type]
        return None
    return Acquired(ctx.src.text(function))


# Functions of the package returning rows are openers too, and so are the methods its
# interfaces declare to return them (whoever implements one hands over fresh rows).
QUERIES = Resource(ROWS, _ROWS_TYPES, acquisition, interfaces=True)


def _read_to_end(life: resources.Lifetime, ctx: Context) -> bool:
    """True when the rows are read to the end, so `rows.Next` closes them: a
    `for rows.Next() { ... }` loop follows the binding in its block, nothing before it (but
    the error check right after the binding) and nothing in its body can leave early, and
    after it the rows are only asked for `rows.Err()`."""
    src, binding = ctx.src, life.binding
    name = src.text(life.variable)
    block = binding.statement.parent
    if block is None or block.type != "statement_list" or any(u.go_literal is not None for u in life.uses):
        return False
    following = [s for s in block.named_children if s.type != "comment" and s.start_byte >= binding.statement.end_byte]
    check = release.error_check(binding.statement, binding.names[1], src) if len(binding.names) > 1 else None
    if following and check is not None and following[0] == check:
        following = following[1:]
    loop = next((s for s in following if _next_loop(s, name, src)), None)
    if loop is None:
        return False
    for statement in following[: following.index(loop)]:
        if flow.early_exit(statement, block, src) is not None:
            return False
    body = loop.child_by_field_name("body")
    if body is None or flow.early_exit(body, loop, src) is not None or flow.loop_exit(body, loop, src) is not None:
        return False
    for use in life.uses:
        if use.node.start_byte >= loop.end_byte:
            selector = use.node.parent
            called = selector.parent if selector is not None else None
            if not (selector is not None and selector.type == "selector_expression" and src.text(selector) == f"{name}.Err"
                    and called is not None and called.type == "call_expression"):
                return False
    return True


def _next_loop(statement: Node, name: str, src) -> bool:
    """`for <name>.Next() { ... }`."""
    if statement.type != "for_statement":
        return False
    condition = next((c for c in statement.named_children if c.type not in {"block", "comment"}), None)
    return condition is not None and condition.type == "call_expression" and src.text(condition).replace(" ", "") == f"{name}.Next()"
