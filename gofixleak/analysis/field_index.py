"""The identifiers of one package file by spelling, built once per file: the rules asking
"where else in the package is this field used?" look names up instead of walking every
file of the package for every send."""

from __future__ import annotations

from tree_sitter import Node

from ..source import SourceFile


def named(src: SourceFile, name: str) -> list[Node]:
    """Every `field_identifier` and `identifier` node of `src` spelled `name`."""
    key = ("field-index",)
    index = src._nodes_cache.get(key)
    if index is None:
        index = {}
        for node in src.nodes_of("field_identifier", "identifier"):
            index.setdefault(node.text, []).append(node)
        src._nodes_cache[key] = index
    return index.get(name.encode(), [])
