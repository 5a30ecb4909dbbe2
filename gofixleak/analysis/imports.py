"""Resolving `pkg.Name` to standard-library import paths, through aliases and shadowing."""

from __future__ import annotations

import re

from tree_sitter import Node

from ..source import SourceFile
from .scopes import is_shadowed
from .tree import walk


def import_names(root: Node, src: SourceFile) -> dict[str, str]:
    """Local package name -> import path, for the file's imports (dot and blank skipped)."""
    names: dict[str, str] = {}
    for index in range(root.named_child_count):
        declaration = root.named_child(index)
        if declaration is None or declaration.type in {"package_clause", "comment", "ERROR"}:
            continue
        if declaration.type != "import_declaration":
            break  # Go puts every import before the other declarations; stop in O(imports)
        for spec in walk(declaration):
            if spec.type != "import_spec":
                continue
            path_node = spec.child_by_field_name("path")
            if path_node is None:
                continue
            path = src.text(path_node).strip('"`')
            alias = spec.child_by_field_name("name")
            if alias is None:
                local = default_package_name(path)
            elif alias.type == "package_identifier":
                local = src.text(alias)
            else:  # `.` or `_`
                continue
            names[local] = path
    return names


def default_package_name(path: str) -> str:
    """The name an import path is used by without an alias: its last element, skipping a
    major-version suffix (`math/rand/v2` is `rand`)."""
    parts = path.split("/")
    if len(parts) > 1 and re.fullmatch(r"v[0-9]+", parts[-1]):
        return parts[-2]
    return parts[-1]


class Imports:
    """Resolves `pkg.Name` selectors to standard-library import paths in one file."""

    def __init__(self, src: SourceFile) -> None:
        self._src = src
        self.by_name = import_names(src.root, src)

    def names_for(self, path: str) -> set[str]:
        return {name for name, p in self.by_name.items() if p == path}

    def imports(self, path: str) -> bool:
        return path in self.by_name.values()

    def qualifier(self, path: str) -> str | None:
        """The local name this file uses for `path` (shortest first, deterministic)."""
        names = sorted(self.names_for(path), key=lambda n: (len(n), n))
        return names[0] if names else None

    def resolve_selector(self, selector: Node) -> tuple[str, str] | None:
        """(import path, member) for `pkg.Member` where `pkg` really is an import here."""
        if selector.type != "selector_expression":
            return None
        operand = selector.child_by_field_name("operand")
        member = selector.child_by_field_name("field")
        if operand is None or member is None or operand.type != "identifier":
            return None
        name = self._src.text(operand)
        path = self.by_name.get(name)
        if path is None or is_shadowed(name, selector, self._src):
            return None
        return path, self._src.text(member)

    def call_target(self, call: Node) -> tuple[str, str] | None:
        """(import path, function) for a call `pkg.Func(...)`, else None."""
        if call.type != "call_expression":
            return None
        function = call.child_by_field_name("function")
        return self.resolve_selector(function) if function is not None else None

    def is_call(self, call: Node, path: str, *functions: str) -> bool:
        target = self.call_target(call)
        return target is not None and target[0] == path and target[1] in functions
