"""Functions of the package that are openers: every value one returns as its first result is
a resource it has just acquired (or nil beside an error), so its caller owns that resource
as if it had made the acquiring call itself. An opener may return another opener's result,
two functions deep at most; a longer chain, a cycle or a body gofixleak cannot read is
unknown (no opener). A method declared by an interface of the package is an opener for the
resources that say so: rows from a query are never shared, whoever implements it."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from tree_sitter import Node

from ..codemod import Context
from . import handed_back, opener_callees, opener_index, tree
from .evidence import is_type
from .opener_index import Declared
from .package_file import Decl, PackageFile
from .resources import Kind

# How many functions of the package a resource may pass through on its way to the caller.
_DEPTH = 2


class Acquired(NamedTuple):
    """The acquisition an opener hands back."""

    shown: str  # the acquiring call as written ("os.Open"), or the interface method ("store.List")
    writable: bool = False  # a file opened for writing
    interface: bool = False  # the callee is a method an interface of the package declares
    through: str = ""  # the opener of the package the callee returns it from, if any


class Resource(NamedTuple):
    """What a rule follows through openers: its kind, the result types that carry it, and
    how it recognises an acquisition it judges itself."""

    kind: Kind
    types: tuple[tuple[str, str], ...]  # (import path, type name) of the first result
    acquires: Callable[[Node, Context], Acquired | None]
    arity: int = 2  # results of an acquiring call; with 2 the last is its error
    interfaces: bool = False  # an interface method returning it acquires it


class Opener(NamedTuple):
    results: int  # 1: the resource alone; 2: the resource and an error
    acquired: Acquired

    @property
    def error_index(self) -> int | None:
        return 1 if self.results == 2 else None


class OpenerCall(NamedTuple):
    """A call of the file to an opener of the package."""

    call: Node
    opener: Opener
    callee: str  # as the call names it: "openConfig", "s.db.ListUsers"

    def shown(self, noun: str) -> str:
        """The callee for a message: `openConfig (which returns the file from os.Open)`."""
        acquired = self.opener.acquired
        if acquired.interface:
            return f"{self.callee} (interface method {acquired.shown}, which returns {noun})"
        through = f", through {acquired.through}" if acquired.through else ""
        return f"{self.callee} (which returns the {noun} from {acquired.shown}{through})"


def opener_calls(ctx: Context, resource: Resource) -> list[OpenerCall]:
    """The calls of the file to openers of the package for `resource`, in order; calls the
    rule judges as acquisitions itself are left out."""
    candidates = opener_index.declarations(ctx.src.path, ctx.src.data, frozenset(resource.types))
    if not candidates:
        return []
    found = []
    for start, end in opener_index.calls(ctx.src.data, frozenset(d.name for d in candidates)):
        call = _call_at(ctx.src.root.descendant_for_byte_range(start, end))
        opener = _called_opener(call, ctx, ctx, resource, _DEPTH, candidates) if call is not None else None
        # Recognising an acquisition can cost most (a client's declaration), so it comes last.
        if opener is not None and resource.acquires(call, ctx) is None:  # type: ignore[arg-type]
            found.append(OpenerCall(call, opener, ctx.src.text(call.child_by_field_name("function"))))  # type: ignore[arg-type,union-attr]
    return found


def _call_at(name: Node | None) -> Node | None:
    """The call whose callee `name` (an identifier, or the field of a selector) is."""
    if name is None or name.parent is None:
        return None
    callee = name.parent if name.type == "field_identifier" and name.parent.type == "selector_expression" else name
    call = callee.parent
    if name.type not in {"identifier", "field_identifier"} or call is None or call.type != "call_expression":
        return None
    return call if call.child_by_field_name("function") == callee else None


def _called_opener(call: Node, here: Context, root: Context, resource: Resource, budget: int,
                   candidates: list[Declared]) -> Opener | None:
    """The opener `call` (in the file of `here`) calls, read with `budget` functions left;
    with several declarations (build-tag variants) each must be one, alike."""
    callees = opener_callees.callees(call, here.src, here.imports, candidates, interfaces=resource.interfaces)
    openers = [_opener(callee, root, resource, budget, candidates) for callee in callees]
    if not openers or None in openers or len({o.results for o in openers}) != 1:  # type: ignore[union-attr]
        return None
    first = openers[0]
    return first._replace(acquired=first.acquired._replace(writable=any(o.acquired.writable for o in openers)))  # type: ignore[union-attr]


def _opener(callee: Decl, root: Context, resource: Resource, budget: int, candidates: list[Declared]) -> Opener | None:
    """`callee` as an opener read with `budget` functions left (so a cycle runs out)."""
    if budget <= 0:
        return None
    key = ("opener", callee.file.src.path, callee.node.start_byte, resource.types, budget)
    if key not in root.memo:
        root.memo[key] = None
        root.memo[key] = _read_opener(callee, root, resource, budget, candidates)
    return root.memo[key]


def _read_opener(callee: Decl, root: Context, resource: Resource, budget: int, candidates: list[Declared]) -> Opener | None:
    node = callee.node
    results = _results(node, callee.file, resource)
    if results is None:
        return None
    if node.type == "method_elem":
        interface = node.parent.parent if node.parent is not None else None  # type: ignore[union-attr]
        name = interface.child_by_field_name("name") if interface is not None and interface.type == "type_spec" else None
        owner = callee.file.src.text(name) if name is not None else "interface"
        return Opener(results, Acquired(f"{owner}.{callee.file.src.text(node.child_by_field_name('name'))}", interface=True))  # type: ignore[arg-type]
    body = node.child_by_field_name("body")
    if body is None:
        return None
    here = _context(callee.file, root)
    acquired: list[Acquired] = []
    returns = [n for n in tree.walk(body, into_functions=False) if n.type == "return_statement"]
    for statement in returns:
        values = statement.named_children[0].named_children if statement.named_children else []
        fresh = _fresh_return(values, results, node, here, root, resource, budget, candidates)
        if fresh is False:
            return None
        if isinstance(fresh, Acquired):
            acquired.append(fresh)
    if not acquired:
        return None
    return Opener(results, acquired[0]._replace(writable=any(a.writable for a in acquired)))


def _results(function: Node, file: PackageFile, resource: Resource) -> int | None:
    """1 or 2 when `function` returns the resource alone or with an error; else None."""
    result = function.child_by_field_name("result")
    if result is None:
        return None
    if result.type == "parameter_list":
        types = [d.child_by_field_name("type") for d in result.named_children if d.type == "parameter_declaration"
                 for _ in (d.children_by_field_name("name") or [d])]
    else:
        types = [result]
    if not 1 <= len(types) <= 2 or not any(is_type(types[0], file.imports, path, name) for path, name in resource.types):
        return None
    if len(types) == 2 and (types[1] is None or file.src.text(types[1]) != "error"):
        return None
    return len(types)


def _fresh_return(values: list[Node], results: int, function: Node, here: Context, root: Context,
                  resource: Resource, budget: int, candidates: list[Declared]) -> Acquired | None | bool:
    """What one return hands back: an Acquired for a fresh resource, None for nil beside an
    error, False for anything else (a field, a parameter, a global, a naked return)."""
    if len(values) == 1 and values[0].type == "call_expression":
        return _fresh_call(values[0], results, here, root, resource, budget, candidates) or False
    if len(values) != results:
        return False
    first = values[0]
    while first.type == "parenthesized_expression" and first.named_children:
        first = first.named_children[0]
    if first.type == "nil":
        return None if results == 2 and values[1].type != "nil" else False
    if first.type == "identifier":
        return _fresh_variable(first, values, function, here, root, resource, budget, candidates) or False
    return False


def _fresh_call(call: Node, results: int, here: Context, root: Context, resource: Resource, budget: int,
                candidates: list[Declared]) -> Acquired | None:
    """The acquisition `call` makes with `results` results, directly or through an opener."""
    acquired = resource.acquires(call, here)
    if acquired is not None:
        return acquired if resource.arity == results else None
    opener = _called_opener(call, here, root, resource, budget - 1, candidates)
    if opener is None or opener.results != results:
        return None
    return opener.acquired._replace(interface=False, through=here.src.text(call.child_by_field_name("function")))  # type: ignore[arg-type]


def _fresh_variable(ident: Node, values: list[Node], function: Node, here: Context, root: Context,
                    resource: Resource, budget: int, candidates: list[Declared]) -> Acquired | None:
    """The acquisition held by the local variable `ident` a return hands back (in `values`),
    when an acquiring call binds it and the function only hands it back."""
    bound = handed_back.binding_call(ident, here.src)
    if bound is None:
        return None
    call, left = bound
    acquired = _fresh_call(call, len(left), here, root, resource, budget, candidates)
    if acquired is None or not handed_back.only_handed_back(call, left, values, function, resource.kind, here.src, here.imports):
        return None
    return acquired


def _context(file: PackageFile, root: Context) -> Context:
    """A Context for another file of the package, made once per analysis."""
    if file.src is root.src:
        return root
    key = ("context", file.src.path)
    if key not in root.memo:
        root.memo[key] = Context(file.src, root.options)
    return root.memo[key]
