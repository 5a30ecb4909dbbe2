"""file-not-closed: a file from `os.Open`, `os.Create`, `os.OpenFile`, `os.CreateTemp` or an
`*os.Root` that is never closed, or not on every path."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from gofixleak.analysis import bindings, evidence, naming, release, resources, scopes, tree
from gofixleak.analysis.leaks import leaks_on_paths, unreleased
from gofixleak.analysis.package_openers import Acquired, Resource, opener_calls
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Finding, Fix

FILE = resources.Kind(release=frozenset({"Close"}))
_OPENERS = {"Open", "Create", "OpenFile", "CreateTemp"}
_WRITE_FLAGS = {"O_WRONLY", "O_RDWR", "O_APPEND", "O_CREATE", "O_TRUNC"}


def acquisition(call: Node, ctx: Context) -> Acquired | None:
    """`os.Open(...)` and the other openers of package os, or the methods of an evidently
    `*os.Root`: as the call shows it, and whether it opens the file for writing."""
    target = ctx.imports.call_target(call)
    direct = target is not None
    if target is None:
        target = _root_method(call, ctx)
    if target is None or target[0] != "os" or target[1] not in _OPENERS:
        return None
    writable = target[1] in {"Create", "CreateTemp"} or (target[1] == "OpenFile" and _writable(call, ctx))
    shown = f"os.{target[1]}" if direct else ctx.src.text(call.child_by_field_name("function"))  # type: ignore[arg-type]
    return Acquired(shown, writable)


# Functions of the package returning such a file are openers too.
OPENED = Resource(FILE, (("os", "File"),), acquisition)


class FileNotClosed(Codemod):
    """
    ## What it does
    Finds a file from `os.Open`, `os.Create`, `os.OpenFile` or `os.CreateTemp` (or the
    Open, Create and OpenFile methods of an evidently `*os.Root`: declared so, or from
    `os.OpenRoot`) bound to a variable that is never closed. A file that is returned, stored, passed to a function (other than readers
    such as `io.ReadAll`, `io.Copy`, `bufio.NewScanner`, `json.NewDecoder`, `fmt.Fprint*`),
    or closed on every path is not reported, nor one in
    `main.main` or in a function that never returns.

    Package openers: a function or method of the package (in any of its files) whose every
    return hands back a file it has just opened (or nil beside an error), itself or through
    one more such function, is an opener too: `f, err := openConfig(p)` is judged as
    `os.Open` is. A function returning a field, a parameter or a global, keeping the file
    as well, or returning nil without an error is none; deeper chains and cycles are not
    followed.

    {path_leaks}

    ## Why is this bad?
    Each open file holds a file descriptor until it is closed or its finalizer happens to
    run after a garbage collection. A function called often runs the process out of
    descriptors ("too many open files").

    ## Example
        f, err := os.Open(path)
        if err != nil {
            return err
        }
        return parse(bufio.NewScanner(f))

    ## Fix
    `defer f.Close()` after the `if err != nil { ... }` check that follows the call (or on
    the line after the call). A file opened for writing (`os.Create`; `os.OpenFile` with
    O_WRONLY, O_RDWR, O_APPEND, O_CREATE or O_TRUNC, or flags it cannot read) may lose data
    on Close, so its error is not dropped: when the function has a named `error` result, a
    deferred closure stores the Close error in it if it is still nil. In a loop, an explicit
    `f.Close()` ends the iteration; a file used only in one `go func() { ... }()` is closed
    by a defer at the top of that literal.

    For a path leak: `f.Close()` right before each return, jump or block end that loses
    it (never a second release on a path, never on a path that handed it off).

    ## When the fix is withheld
    - the file is opened for writing and the function has no named `error` result, or the
      file is used in a loop or a goroutine (a Close error would be dropped);
    - in a loop, something can leave the iteration before its end, or the file is used
      after it or by a closure;
    - the file is used both by a goroutine and by the function;
    - the binding is in an if, for or switch header, or the function uses `goto`;
    - for a path leak: a path to a place that loses it may already have closed it, or
      may not have acquired it yet; that place still uses it, or a defer using it was
      registered before it; the place does not start its own line, or another declaration
      hides the variable there; the file is opened for writing (its Close error would be
      dropped).
    """

    ID = "file-not-closed"
    SUMMARY = "a file from os.Open, os.Create, os.OpenFile, os.CreateTemp or an os.Root is never closed, or not on every path"
    PATH_LEAK_SUBJECT = "a file closed"
    QUERY = "file_not_closed.scm"
    PREFILTER = (b".Open(", b".OpenFile(", b".Create(", b".CreateTemp(")
    ANCHORS = (b"Open", b"Create")
    SEVERITY_DOC = "warning"

    OPENER_TYPES = OPENED.types

    def run(self, ctx: Context) -> Iterator[Finding]:
        yield from super().run(ctx)
        for found in opener_calls(ctx, OPENED):
            yield from self._judge(found.call, found.shown("file"), found.opener.acquired.writable, ctx,
                                   found.opener.error_index)

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        call = captures["call"][0]
        acquired = acquisition(call, ctx)
        if acquired is not None:
            yield from self._judge(call, acquired.shown, acquired.writable, ctx, 1)

    def _judge(self, call: Node, shown: str, writable: bool, ctx: Context, error_index: int | None) -> Iterator[Finding]:
        """The finding for the file `call` opens (its error is result `error_index`), when
        it is not closed on every path."""
        results = 1 if error_index is None else 2
        life = unreleased(call, ctx, FILE, results=results)
        if life is None:
            yield from self._path_leak(call, shown, writable, ctx, error_index)
            return
        fix, reason = self._fix(life, writable, ctx, error_index)
        opened = "opened for writing" if writable else "opened"
        yield Finding(self.ID, call.start_byte, call.end_byte,
                      f"file `{ctx.src.text(life.variable)}` {opened} by {shown} is never closed",
                      fix=fix, no_fix_reason=reason)

    def _path_leak(self, call: Node, opener: str, writable: bool, ctx: Context, error_index: int | None) -> Iterator[Finding]:
        leak = leaks_on_paths(call, ctx, FILE, results=1 if error_index is None else 2, error_index=error_index)
        if leak is None:
            return
        name = ctx.src.text(leak.life.variable)
        if writable:
            fix, reason = None, "the file is opened for writing, and closing it on these paths would drop its Close error"
        else:
            fix, reason = release.path_release_fix(leak, ctx.src, f"{name}.Close()", error_index=error_index, nil_safe=True)
        opened = "opened for writing" if writable else "opened"
        yield Finding(self.ID, call.start_byte, call.end_byte,
                      f"file `{name}` {opened} by {opener} {leak.judged('closed')}: it leaks at {leak.first.describe(ctx.src)}",
                      fix=fix, no_fix_reason=reason)

    def _fix(self, life: resources.Lifetime, writable: bool, ctx: Context, error_index: int | None) -> tuple[Fix | None, str]:
        src, name = ctx.src, ctx.src.text(life.variable)
        if not writable:
            return release.release_fix(life, src, f"{name}.Close()", error_index=error_index, nil_safe=True)
        if bindings.is_blank(life.variable):
            return None, "it is assigned to the blank identifier, so nothing can close it"
        place = release.place_release(life, src, error_index=error_index, nil_safe=True)
        if isinstance(place, str):
            return None, place
        if place.in_loop or place.function != life.binding.function:
            where = "a loop" if place.in_loop else "a goroutine"
            return None, f"the file is opened for writing and used in {where}, where closing it would drop its Close error"
        err, why = _named_error(place.function, life.binding.statement, src)
        if err is None:
            return None, f"the file is opened for writing, so its Close error must not be dropped, and {why}"
        cerr = naming.fresh_name(bindings.top_function(life.variable), "cerr", src)
        lines = ["defer func() {", f"\tif {cerr} := {name}.Close(); {cerr} != nil && {err} == nil {{",
                 f"\t\t{err} = {cerr}", "\t}", "}()"]
        return Fix(f"close `{name}` when the function returns, keeping its error in `{err}`",
                   (place.insert(src, *lines),), declares=(cerr,),
                   scope=naming.name_scope(life.variable)), ""


def _root_method(call: Node, ctx: Context) -> tuple[str, str] | None:
    """("os", "Open") for `root.Open(...)` (also Create, OpenFile) on an evidently
    `*os.Root` (declared so, or from os.OpenRoot)."""
    function = call.child_by_field_name("function")
    if function is None or function.type != "selector_expression":
        return None
    operand = function.child_by_field_name("operand")
    method = ctx.src.text(function.child_by_field_name("field"))  # type: ignore[arg-type]
    if method in {"Open", "Create", "OpenFile"} and evidence.is_evidently(operand, ctx.imports, ctx.src, "os", ("Root",), frozenset({"OpenRoot"})):
        return "os", method
    return None


def _writable(call: Node, ctx: Context) -> bool:
    args = call.child_by_field_name("arguments").named_children  # type: ignore[union-attr]
    if len(args) < 2:
        return True
    for n in tree.walk(args[1]):
        if n.type == "selector_expression":
            target = ctx.imports.resolve_selector(n)
            if target is None or target[0] not in {"os", "syscall"} or target[1] in _WRITE_FLAGS:
                return True
        elif n.is_named and n.type not in {"binary_expression", "parenthesized_expression", "field_identifier"}:
            if not (n.type == "identifier" and n.parent.type == "selector_expression"):  # type: ignore[union-attr]
                return True
    return False


def _named_error(function: Node, statement: Node, src) -> tuple[str | None, str]:
    """The function's last named `error` result, when it is the name visible after
    `statement`; else None and why not."""
    names = [n for n, kind in bindings.result_names(function, src) if kind == "error" and n != "_"]
    if not names:
        return None, "the function has no named error result to receive it"
    err, body = names[-1], function.child_by_field_name("body")
    top_list = next((c for c in body.named_children if c.type == "statement_list"), None) if body else None
    hidden = f"the named result `{err}` is hidden by another `{err}` here"
    if err in scopes.declared_in_statement(statement, src) and statement.parent != top_list:
        return None, hidden  # `:=` in a nested block declares a new one
    # At the top level of the body, `:=` assigns the result instead of declaring.
    return (err, "") if scopes.scope_of(err, statement, src) in (function, top_list) else (None, hidden)
