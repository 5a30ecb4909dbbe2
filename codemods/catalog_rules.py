"""conn-not-closed, tx-not-finished, timer-not-stopped: one rule per entry of the resource
catalog (gofixleak/analysis/catalog.py), all judged the same way: never released, or
released on some paths and lost on others."""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Iterator

from tree_sitter import Node, Query

from gofixleak.analysis import release
from gofixleak.analysis.catalog import CATALOG, Entry
from gofixleak.analysis.leaks import leaks_on_paths, receives, unreleased
from gofixleak.analysis.package_openers import Acquired, Resource, opener_calls
from gofixleak.analysis.sql_handles import is_sql_handle
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Finding, Severity
from gofixleak.source import GO

_FIX_DOC = """
## Fix
When it is never {released}: `defer {release}` after the `if err != nil {{ ... }}` check
that follows the call (in a loop, an explicit `{release}` ends the iteration). When it is
{released} on some paths only: `{release}` right before each return, jump or block end
that loses it.

## When the fix is withheld
- no `if err != nil` check that leaves follows the call, so the value may be nil;
- a path that loses it may already have {released} it, or may not have acquired it yet
  (a second release, or one on nothing, would follow);
- the return that loses it still uses it, or a defer using it would run after the release;
- in a loop, something can leave the iteration before its end; the binding is in an if,
  for or switch header, or the function uses `goto`.
"""


class CatalogRule(Codemod):
    """Base of the catalog's rules; ENTRY says what each finds."""

    ENTRY: Entry

    @classmethod
    def query(cls) -> Query:
        if cls.__dict__.get("_query") is None:
            names = sorted({name for _, name in cls.ENTRY.functions} | set(cls.ENTRY.sql_methods))
            listed = " ".join(f'"{n}"' for n in names)
            cls._query = Query(GO, f"(call_expression function: (selector_expression field: (field_identifier) @function"
                                   f" (#any-of? @function {listed}))) @call")
        return cls._query  # type: ignore[return-value]

    def run(self, ctx: Context) -> Iterator[Finding]:
        yield from super().run(ctx)
        if self.ENTRY.returns:
            for found in opener_calls(ctx, _resource(self.ENTRY)):
                yield from self._judge(found.call, found.shown(self.ENTRY.noun), ctx, found.opener.error_index)

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        call = captures["call"][0]
        acquired = _acquisition(self.ENTRY, call, ctx)
        if acquired is not None:
            yield from self._judge(call, acquired.shown, ctx, 1 if self.ENTRY.results == 2 else None)

    def _judge(self, call: Node, callee: str, ctx: Context, error_index: int | None) -> Iterator[Finding]:
        """The finding for what `call` acquires (its error is result `error_index`), when
        it is not released on every path."""
        entry, src = self.ENTRY, ctx.src
        results = 1 if error_index is None else 2
        severity, effect = Severity.WARNING, ""
        if entry.timer:
            leaks = ctx.go.timers_leak
            severity = Severity.WARNING if leaks else Severity.INFO
            effect = (f"; under {ctx.go.label} an unstopped timer stays alive until it fires" if leaks
                      else f"; under {ctx.go.label} an unreferenced timer is collected, so this only costs work until it fires")
        life = unreleased(call, ctx, entry.kind, results=results)
        if life is not None and not (entry.fired_by_receive and receives(life, "C", src)):
            name = src.text(life.variable)
            fix, reason = release.release_fix(life, src, entry.release_call.format(name=name), error_index=error_index)
            yield Finding(self.ID, call.start_byte, call.end_byte,
                          f"{entry.noun} `{name}` from {callee} is never {entry.released}{effect}", severity, fix, reason)
            return
        leak = leaks_on_paths(call, ctx, entry.kind, results=results, error_index=error_index,
                              receive_field="C" if entry.fired_by_receive else None)
        if leak is None:
            return
        name = src.text(leak.life.variable)
        fix, reason = release.path_release_fix(leak, src, entry.release_call.format(name=name), error_index=error_index)
        yield Finding(self.ID, call.start_byte, call.end_byte,
                      f"{entry.noun} `{name}` from {callee} {leak.judged(entry.released)}: it leaks at "
                      f"{leak.first.describe(src)}{effect}", severity, fix, reason)


def _acquisition(entry: Entry, call: Node, ctx: Context) -> Acquired | None:
    """The call acquiring the entry's resource: one of its functions, or one of its methods
    on an evidently database/sql handle."""
    function = call.child_by_field_name("function")
    if function is None or function.type != "selector_expression":
        return None
    target = ctx.imports.call_target(call)
    if target is not None:
        return Acquired(ctx.src.text(function)) if target in entry.functions else None
    if ctx.src.text(function.child_by_field_name("field")) not in entry.sql_methods or not is_sql_handle(  # type: ignore[arg-type]
        function.child_by_field_name("operand"), ctx, entry.sql_receivers  # type: ignore[arg-type]
    ):
        return None
    return Acquired(ctx.src.text(function))


@functools.cache
def _resource(entry: Entry) -> Resource:
    """What the entry's rule follows through the openers of a package."""
    return Resource(entry.kind, entry.returns, functools.partial(_acquisition, entry), arity=entry.results)


def _rule(entry: Entry) -> type[CatalogRule]:
    names = sorted({name for _, name in entry.functions} | set(entry.sql_methods))
    what = textwrap.dedent(f"""
        ## What it does
        {entry.summary[0].upper() + entry.summary[1:]}: acquired by
        {", ".join(f"`{path}.{name}`" for path, name in sorted(entry.functions)) or ", ".join(f"`x.{m}`" for m in sorted(entry.sql_methods))}
        and bound to a variable, then never {entry.released} (released by
        {" or ".join(sorted(entry.kind.release))}), or {entry.released} on some paths and lost on
        another (an early return, a jump out of its block).
        """)
    if entry.returns:
        what += textwrap.dedent(f"""
            A function or method of the package whose every return hands back a {entry.noun} it has
            just acquired (or nil beside an error), itself or through one more such function, is an
            acquisition too: its callers are judged the same way.
            """)
    doc = what + textwrap.dedent(entry.doc) + _FIX_DOC.format(released=entry.released, release=entry.release_call.format(name="x"))
    return type(entry.rule.title().replace("-", ""), (CatalogRule,), {
        "__doc__": doc,
        "ENTRY": entry,
        "ID": entry.rule,
        "SUMMARY": entry.summary,
        "QUERY": "",
        "PREFILTER": tuple(f".{n}(".encode() for n in names),
        "ANCHORS": tuple(n.encode() for n in names),
        "SEVERITY_DOC": "warning below go 1.23 (unless toolchain >= go1.27); info from go 1.23" if entry.timer else "warning",
        "OPENER_TYPES": entry.returns,
        "_query": None,
    })


RULES: tuple[type[CatalogRule], ...] = tuple(_rule(entry) for entry in CATALOG)
