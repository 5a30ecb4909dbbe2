"""file-not-closed: an `os.Open`, `os.Create` or `os.OpenFile` file that is never closed."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from gofixleak.analysis import bindings, naming, release, resources, scopes, tree
from gofixleak.analysis.leaks import unreleased
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Finding, Fix

FILE = resources.Kind(release=frozenset({"Close"}))
_WRITE_FLAGS = {"O_WRONLY", "O_RDWR", "O_APPEND", "O_CREATE", "O_TRUNC"}


class FileNotClosed(Codemod):
    """
    ## What it does
    Finds a file from `os.Open`, `os.Create` or `os.OpenFile` bound to a variable that is
    never closed. A file that is returned, stored, passed to a function (other than readers
    such as `io.ReadAll`, `io.Copy`, `bufio.NewScanner`, `json.NewDecoder`, `fmt.Fprint*`),
    or closed anywhere (any branch, a defer, a closure) is not reported, nor one in
    `main.main` or in a function that never returns.

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

    ## When the fix is withheld
    - the file is opened for writing and the function has no named `error` result, or the
      file is used in a loop or a goroutine (a Close error would be dropped);
    - in a loop, something can leave the iteration before its end, or the file is used
      after it or by a closure;
    - the file is used both by a goroutine and by the function;
    - the binding is in an if, for or switch header, or the function uses `goto`.
    """

    ID = "file-not-closed"
    SUMMARY = "a file from os.Open, os.Create or os.OpenFile is never closed"
    QUERY = "file_not_closed.scm"
    PREFILTER = (b".Open(", b".OpenFile(", b".Create(")
    ANCHORS = (b"Open", b"Create")
    SEVERITY_DOC = "warning"

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        call = captures["call"][0]
        target = ctx.imports.call_target(call)
        if target is None or target[0] != "os" or target[1] not in {"Open", "Create", "OpenFile"}:
            return
        life = unreleased(call, ctx, FILE, results=2)
        if life is None:
            return
        writable = target[1] == "Create" or (target[1] == "OpenFile" and self._writable(call, ctx))
        fix, reason = self._fix(life, writable, ctx)
        opened = "opened for writing" if writable else "opened"
        yield Finding(self.ID, call.start_byte, call.end_byte,
                      f"file `{ctx.src.text(life.variable)}` {opened} by os.{target[1]} is never closed",
                      fix=fix, no_fix_reason=reason)

    def _writable(self, call: Node, ctx: Context) -> bool:
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

    def _fix(self, life: resources.Lifetime, writable: bool, ctx: Context) -> tuple[Fix | None, str]:
        src, name = ctx.src, ctx.src.text(life.variable)
        if not writable:
            return release.release_fix(life, src, f"{name}.Close()", error_index=1, nil_safe=True)
        if bindings.is_blank(life.variable):
            return None, "it is assigned to the blank identifier, so nothing can close it"
        place = release.place_release(life, src, error_index=1, nil_safe=True)
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
