"""Functions that never return once a statement ran: what they acquire lives as long as they do."""

from __future__ import annotations

from tree_sitter import Node

from ..codemod import Context
from ..source import SourceFile
from . import tree
from .endless import is_endless_loop, is_terminating_call
from .evidence import is_ticker_channel
from .imports import Imports
from .jumps import jump_target
from .tree import walk


def held_until_exit(statement: Node, function: Node, ctx: Context) -> bool:
    """True when releasing what `statement` acquires gains nothing: it is not in a loop, and
    the function is `main.main` or cannot return after `statement`."""
    if tree.loops_around(statement):
        return False
    if is_main(function, ctx):
        return True
    return not can_return_after(statement, function, ctx.src, ctx.imports)


def is_main(function: Node, ctx: Context) -> bool:
    name = function.child_by_field_name("name")
    return function.type == "function_declaration" and ctx.package_name == "main" and name is not None and name.text == b"main"


def can_return_after(statement: Node, function: Node, src: SourceFile, imports: Imports,
                     tickers: frozenset[str] = frozenset()) -> bool:
    """False when the function provably never returns once `statement` ran: no return after
    it and a later top-level statement never ends (an endless loop, a range over a ticker
    channel that is never left, `select {}`, a terminating call). `tickers`: names of
    variables known to hold a ticker's channel (a parameter given `time.Tick(d)`)."""
    body = function.child_by_field_name("body")
    if body is None or tree.has_goto(function, src):
        return True
    for n in src.nodes_in(body, "return_statement"):
        if n.start_byte >= statement.start_byte and tree.enclosing_function(n) == function:
            return True
    top = statement
    while top.parent is not None and top.parent.parent != body:
        top = top.parent
    while top is not None:
        if _never_ends(top, src, imports, tickers):
            return False
        top = top.next_named_sibling
    return True


def _never_ends(statement: Node, src: SourceFile, imports: Imports, tickers: frozenset[str] = frozenset()) -> bool:
    if statement.type == "labeled_statement":
        inner = [c for c in statement.named_children if c.type != "label_name"]
        return bool(inner) and _never_ends(inner[0], src, imports, tickers)
    if statement.type == "select_statement":
        return not statement.named_children
    if statement.type == "expression_statement":
        call = statement.named_children[0]
        return call.type == "call_expression" and is_terminating_call(call, src)
    if statement.type != "for_statement":
        return False
    if is_endless_loop(statement, src):
        return True
    clause = next((c for c in statement.named_children if c.type == "range_clause"), None)
    channel = clause.child_by_field_name("right") if clause is not None else None
    body = statement.child_by_field_name("body")
    if channel is None or body is None:
        return False
    named = channel.type == "identifier" and src.text(channel) in tickers
    if not named and not is_ticker_channel(channel, src, imports):
        return False
    for n in walk(body, into_functions=False):
        if n.type in {"return_statement", "goto_statement"}:
            return False
        if n.type in {"break_statement", "continue_statement"}:
            target = jump_target(n, src)
            stays = target is not None and (tree.is_inside(target, body) or (
                n.type == "continue_statement" and target in (statement, statement.parent)))
            if not stays:
                return False
    return True
