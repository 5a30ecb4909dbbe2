"""Names for new variables that nothing in the function already uses."""

from __future__ import annotations

from tree_sitter import Node

from ..source import SourceFile
from .imports import import_names
from .tree import FUNCTIONS, ancestors, walk


def identifier_names(node: Node, src: SourceFile) -> set[str]:
    kinds = {"identifier", "type_identifier", "package_identifier", "field_identifier", "label_name"}
    return {src.text(n) for n in walk(node) if n.type in kinds}


def fresh_name(scope: Node, base: str, src: SourceFile, taken: set[str] = frozenset()) -> str:
    """`base`, `base2`, `base3`... the first not used anywhere in `scope` nor in `taken`."""
    used = identifier_names(scope, src) | set(taken) | set(import_names(src.root, src))
    if base not in used:
        return base
    n = 2
    while f"{base}{n}" in used:
        n += 1
    return f"{base}{n}"


def name_scope(node: Node) -> tuple[int, int]:
    """Byte range of the top-level function holding `node`: a fix's new names are chosen
    fresh in it, so they only conflict with names other fixes declare in the same range."""
    function = node if node.type in FUNCTIONS else None
    for ancestor in ancestors(node):
        if ancestor.type in FUNCTIONS:
            function = ancestor
    if function is None:
        raise ValueError("a fix's new names need a function to be fresh in")
    return function.start_byte, function.end_byte
