"""Which declarations of the package a call reaches, among the candidates the opener index
found: a function, a method of the declared type of its operand (one declaration, or one
per build tag), or a method an interface of the package declares. Only the files the index
names are parsed for it."""

from __future__ import annotations

import os
from collections.abc import Callable

from tree_sitter import Node

from ..source import SourceFile
from . import package as packages
from . import scopes
from . import siblings as disk
from .declared_types import declared_type
from .imports import Imports
from .opener_index import Declared
from .package_file import Decl, PackageFile


def callees(call: Node, src: SourceFile, imports: Imports, candidates: list[Declared], *, interfaces: bool) -> list[Decl]:
    """The declarations of the function or method of the package `call` (in `src`) calls,
    among the `candidates` (one, or a variant per build tag), or with `interfaces` the
    method an interface declares; none when that cannot be told."""
    function = call.child_by_field_name("function")
    package = packages.of(src)
    if function is not None and function.type == "identifier":
        name = src.text(function)
        if scopes.scope_of(name, call, src) is not None:
            return []  # a local func value
        return _declared(package, candidates, name, False, lambda f: f.index[1].get(name, []))
    if function is None or function.type != "selector_expression" or imports.resolve_selector(function) is not None:
        return []
    operand, method = function.child_by_field_name("operand"), src.text(function.child_by_field_name("field"))  # type: ignore[arg-type]
    if operand is None or not any(c.name == method and c.method for c in candidates):
        return []
    declared = declared_type(package, operand)
    kind = _underlying(declared.node) if declared is not None else None
    if kind is not None and kind.type == "interface_type" and interfaces:
        element = _interface_method(Decl(kind, declared.file), method, package)  # type: ignore[union-attr]
        return [element] if element is not None else []
    if kind is None or kind.type != "type_identifier":
        return []
    type_name = declared.file.src.text(kind)  # type: ignore[union-attr]
    found = _declared(package, candidates, method, True, lambda f: f.index[2].get((type_name, method), []))
    if found or not interfaces:
        return found
    element = _interface_method(_interface(type_name, package), method, package)
    return [element] if element is not None else []



def _declared(package: packages.Package, candidates: list[Declared], name: str, method: bool,
              lookup: Callable[[PackageFile], list[Node]]) -> list[Decl]:
    """The declarations `lookup` finds in the package's own file, or else in the files the
    index says declare `name` with a resource result (no other file is parsed)."""
    own = [Decl(n, package.current) for n in lookup(package.current)]
    if own:
        return own
    here = os.path.abspath(package.src.path)
    paths = sorted({c.path for c in candidates if c.name == name and c.method == method and c.path != here})
    files = [f for f in (_parsed(p) for p in paths) if f is not None]
    return [Decl(n, f) for f in files for n in lookup(f)]


def _parsed(path: str) -> PackageFile | None:
    sibling = disk.read(path)
    return sibling.file if sibling is not None else None


def _underlying(kind: Node | None) -> Node | None:
    while kind is not None and kind.type in {"pointer_type", "parenthesized_type"}:
        kind = kind.named_children[0] if kind.named_children else None
    if kind is not None and kind.type == "generic_type":
        kind = kind.child_by_field_name("type")
    return kind


def _interface(type_name: str, package: packages.Package) -> Decl | None:
    """The interface type the package declares as `type_name`; None for anything else."""
    specs = package.types(type_name)
    inner = specs[0].node.child_by_field_name("type") if len(specs) == 1 and specs[0].node.type == "type_spec" else None
    return Decl(inner, specs[0].file) if inner is not None and inner.type == "interface_type" else None


def _interface_method(interface: Decl | None, method: str, package: packages.Package, depth: int = 0) -> Decl | None:
    """The element declaring `method` in `interface`, or in an interface of the package it
    embeds."""
    if interface is None or depth > 2:
        return None
    text = interface.file.src.text
    for element in interface.node.named_children:
        if element.type == "method_elem" and text(element.child_by_field_name("name")) == method:  # type: ignore[arg-type]
            return Decl(element, interface.file)
        if element.type == "type_elem" and len(element.named_children) == 1 and element.named_children[0].type == "type_identifier":
            found = _interface_method(_interface(text(element.named_children[0]), package), method, package, depth + 1)
            if found is not None:
                return found
    return None
