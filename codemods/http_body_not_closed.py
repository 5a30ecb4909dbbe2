"""http-body-not-closed: an HTTP response whose body is never closed."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from tree_sitter import Node

from gofixleak.analysis import evidence, release, resources
from gofixleak.analysis import package as packages
from gofixleak.analysis.declared_types import declared_type
from gofixleak.analysis.leaks import leaks_on_paths, unreleased
from gofixleak.analysis.package_openers import Acquired, Resource, opener_calls
from gofixleak.codemod import Codemod, Context
from gofixleak.model import Finding

# The resource is resp.Body; the response's other fields are plain data.
BODY = resources.Kind(release=frozenset({"Close"}), fields=frozenset({"Body"}))
_FUNCTIONS = {"Get", "Head", "Post", "PostForm"}
# How many arguments each function of net/http and method of *http.Client takes.
_ARITY = {"Get": 1, "Head": 1, "Post": 3, "PostForm": 2, "Do": 1, "RoundTrip": 1}
_RESPONSE_TYPES = (("net/http", "Response"),)


class HttpBodyNotClosed(Codemod):
    """
    ## What it does
    Finds `resp, err := http.Get(...)` (also Head, Post, PostForm), `t.RoundTrip(req)` where
    `t` is `http.DefaultTransport` or declared as an `http.RoundTripper` or `*http.Transport`
    (or bound to `&http.Transport{...}`), and `c.Do(...)` (also
    Get, Head, Post, PostForm) where `c` is evidently an `*http.Client`:
    `http.DefaultClient`, or a variable, parameter or struct field declared as
    `http.Client`, `*http.Client` or `&http.Client{...}` in any file of the package. A field
    is judged by the struct type of the value holding it when that is known, else by every
    struct field of that name in the package (one that is not a client: no finding). The
    call must take the arguments net/http's does. Reported when `resp.Body` is never
    closed. Reading the body through `io.ReadAll`, `io.Copy`, `json.NewDecoder` and
    similar readers is fine; a response or body that is returned, stored or passed to
    another function is not reported (the callee may close it), nor is one in `main.main`.

    Package openers: a function or method of the package (in any of its files) whose every
    return hands back a response it has just received (or nil beside an error), itself or
    through one more such function, is an opener too: `resp, err := c.fetch(url)` is
    judged as `client.Do` is. A function returning a stored response, or keeping it as
    well, is none; deeper chains and cycles are not followed.

    {path_leaks}

    ## Why is this bad?
    Until the body is closed the connection cannot be reused or released: each request
    leaks a connection and the goroutines serving it, and the client eventually runs out
    of file descriptors.

    ## Example
        resp, err := http.Get(url)
        if err != nil {
            return err
        }
        return json.NewDecoder(resp.Body).Decode(&v)

    ## Fix
    `defer resp.Body.Close()` after the `if err != nil { ... }` check that follows the
    call. In a loop an explicit `resp.Body.Close()` ends the iteration; a response used
    only in one `go func() { ... }()` is closed by a defer at the top of that literal.

    For a path leak: `resp.Body.Close()` right before each return, jump or block end that loses
    it (never a second release on a path, never on a path that handed it off).

    ## When the fix is withheld
    - no `if err != nil` check that leaves (returns, breaks, panics...) follows the call,
      or the error is discarded: `resp` may be nil there;
    - in a loop, something can leave the iteration before its end, or the response is used
      after it or by a closure;
    - the response is used both by a goroutine and by the function;
    - the binding is in an if, for or switch header, or the function uses `goto`;
    - for a path leak: a path to a place that loses it may already have closed it, or
      may not have acquired it yet; that place still uses it, or a defer using it was
      registered before it; the place does not start its own line, or another declaration
      hides the variable there.
    """

    ID = "http-body-not-closed"
    SUMMARY = "the body of an HTTP response is never closed, or not on every path"
    PATH_LEAK_SUBJECT = "a response body closed"
    QUERY = "http_body_not_closed.scm"
    # A file need not import net/http when the client is declared in another file.
    PREFILTER = (b".Get(", b".Head(", b".Post(", b".PostForm(", b".Do(", b".RoundTrip(")
    ANCHORS = (b"Get", b"Head", b"Post", b"Do", b"RoundTrip")
    SEVERITY_DOC = "warning"

    OPENER_TYPES = _RESPONSE_TYPES

    def run(self, ctx: Context) -> Iterator[Finding]:
        yield from super().run(ctx)
        for found in opener_calls(ctx, RESPONSES):
            yield from self._judge(found.call, found.shown("response"), ctx, found.opener.error_index)

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        call = captures["call"][0]
        shape = _shape(call, ctx)
        # Looking for the client's declaration costs most, so it comes last.
        if shape is not None:
            yield from self._judge(call, ctx.src.text(call.child_by_field_name("function")), ctx, 1,  # type: ignore[arg-type]
                                   lambda: _from_client(call, ctx, *shape))

    def _judge(self, call: Node, callee: str, ctx: Context, error_index: int | None,
               acquires: Callable[[], bool] = lambda: True) -> Iterator[Finding]:
        """The finding for the response `call` returns (its error is result `error_index`),
        when its body is not closed on every path and `acquires()` confirms the call."""
        results = 1 if error_index is None else 2
        life = unreleased(call, ctx, BODY, results=results)
        leak = None if life is not None else leaks_on_paths(call, ctx, BODY, results=results, error_index=error_index, nil_fields=("Body",))
        if (life is None and leak is None) or not acquires():
            return
        if leak is not None:
            name = ctx.src.text(leak.life.variable)
            fix, reason = release.path_release_fix(leak, ctx.src, f"{name}.Body.Close()", error_index=error_index)
            yield Finding(self.ID, call.start_byte, call.end_byte,
                          f"the body of the response from {callee} {leak.judged('closed')}: it leaks at "
                          f"{leak.first.describe(ctx.src)}", fix=fix, no_fix_reason=reason)
            return
        name = ctx.src.text(life.variable)  # type: ignore[union-attr]
        fix, reason = release.release_fix(life, ctx.src, f"{name}.Body.Close()", error_index=error_index)  # type: ignore[arg-type]
        yield Finding(self.ID, call.start_byte, call.end_byte,
                      f"the body of the response from {callee} is never closed, which leaks its connection",
                      fix=fix, no_fix_reason=reason)


def _shape(call: Node, ctx: Context) -> tuple[str, tuple[str, str] | None] | None:
    """(method, import target) when `call` looks like a request net/http makes: a function
    of net/http or a method of that name, with the arguments net/http's takes."""
    function = call.child_by_field_name("function")
    if function is None or function.type != "selector_expression":
        return None
    method = ctx.src.text(function.child_by_field_name("field"))  # type: ignore[arg-type]
    target = ctx.imports.call_target(call)
    if method not in _ARITY or (target is not None and (target[0] != "net/http" or method not in _FUNCTIONS)):
        return None
    arguments = call.child_by_field_name("arguments")
    if arguments is None or len(arguments.named_children) != _ARITY[method]:
        return None
    return method, target


def _from_client(call: Node, ctx: Context, method: str, target: tuple[str, str] | None) -> bool:
    """True when the request `call` (of that shape) is made by net/http itself, an
    evidently `*http.Client`, or a round tripper."""
    operand = call.child_by_field_name("function").child_by_field_name("operand")  # type: ignore[union-attr]
    if method == "RoundTrip":
        return target is None and _is_round_tripper(operand, ctx)  # type: ignore[arg-type]
    return target is not None or _is_client(operand, ctx)  # type: ignore[arg-type]


def acquisition(call: Node, ctx: Context) -> Acquired | None:
    """The request `call` makes, when it returns a response whose body must be closed."""
    shape = _shape(call, ctx)
    if shape is None or not _from_client(call, ctx, *shape):
        return None
    return Acquired(ctx.src.text(call.child_by_field_name("function")))  # type: ignore[arg-type]


# Functions of the package returning such a response are openers too.
RESPONSES = Resource(BODY, _RESPONSE_TYPES, acquisition)


def _is_round_tripper(operand: Node, ctx: Context) -> bool:
    """`http.DefaultTransport`, or a name declared as an `http.RoundTripper` or
    `*http.Transport`, or bound to `&http.Transport{...}`."""
    if ctx.imports.resolve_selector(operand) == ("net/http", "DefaultTransport"):
        return True
    if evidence.is_evidently(operand, ctx.imports, ctx.src, "net/http", ("RoundTripper", "Transport")):
        return True
    if operand.type != "identifier":
        return False
    for kind, node in evidence.declarations(ctx.src.text(operand), ctx.src, at=operand):
        if kind == "value" and node.type == "unary_expression":
            node = node.child_by_field_name("operand")  # type: ignore[assignment]
        if kind == "value" and node is not None and node.type == "composite_literal" and evidence.is_type(
            node.child_by_field_name("type"), ctx.imports, "net/http", "Transport"
        ):
            return True
    return False


def _is_client(operand: Node, ctx: Context) -> bool:
    """`http.DefaultClient`, or a variable or field declared as an http.Client: by the
    declared type of the variable, or of the field in the struct type of the value holding
    it (in any file of the package); else, for a field, by every struct field of that name
    in the package (all must be clients); else by the values the file assigns to the name."""
    imports = ctx.imports
    if operand.type == "selector_expression":
        target = imports.resolve_selector(operand)
        if target is not None:
            return target == ("net/http", "DefaultClient")
        name, field = ctx.src.text(operand.child_by_field_name("field")), True  # type: ignore[arg-type]
    elif operand.type == "identifier":
        name, field = ctx.src.text(operand), False
    else:
        return False
    package = packages.of(ctx.src)
    declared = declared_type(package, operand)
    if declared is not None:
        return evidence.is_type(declared.node, declared.file.imports, "net/http", "Client")
    if field:
        kinds = package.field_declarations(name)
        if kinds is None:
            return False  # a file of the package could not be read: its fields are unknown
        if kinds:
            return all(evidence.is_type(d.node, d.file.imports, "net/http", "Client") for d in kinds)
    for kind, node in evidence.declarations(name, ctx.src, field=field, at=operand):
        if kind == "type" and evidence.is_type(node, imports, "net/http", "Client"):
            return True
        if kind == "value":
            if node.type == "unary_expression":
                node = node.child_by_field_name("operand")  # type: ignore[assignment]
            if node is not None and node.type == "composite_literal" and evidence.is_type(
                node.child_by_field_name("type"), imports, "net/http", "Client"
            ):
                return True
            if node is not None and node.type == "selector_expression" and imports.resolve_selector(node) == ("net/http", "DefaultClient"):
                return True
    return False
