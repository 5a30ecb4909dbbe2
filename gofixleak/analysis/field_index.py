"""The identifiers of one package file by spelling: the rules asking "where else in the
package is this field used?" look names up in the text instead of walking every file of
the package for every send."""

from __future__ import annotations

from tree_sitter import Node

from ..source import SourceFile


def named(src: SourceFile, name: str) -> list[Node]:
    """Every `field_identifier` and `identifier` node of `src` spelled `name`."""
    return src.named(name, ("field_identifier", "identifier"))
