"""One Go file as a member of its package: its package clause, imports and top-level
declarations by name."""

from __future__ import annotations

from functools import cached_property
from typing import NamedTuple

from tree_sitter import Node

from ..source import SourceFile
from .imports import Imports
from .tree import walk


class PackageFile:
    """One file of the package with its imports and top-level declarations by name."""

    def __init__(self, src: SourceFile) -> None:
        self.src = src

    @cached_property
    def imports(self) -> Imports:
        return Imports(self.src)

    @cached_property
    def package_name(self) -> str:
        """The name in the package clause; "" without one."""
        clause = next((c for c in self.src.root.named_children if c.type == "package_clause"), None)
        ident = clause.named_children[0] if clause is not None and clause.named_children else None
        return self.src.text(ident) if ident is not None else ""

    @cached_property
    def index(self) -> tuple[dict, dict, dict, dict]:
        """Declaration nodes by name: (types, functions, methods by (receiver type, name),
        package-level var and const specs)."""
        types: dict[str, list[Node]] = {}
        functions: dict[str, list[Node]] = {}
        methods: dict[tuple[str, str], list[Node]] = {}
        values: dict[str, list[Node]] = {}
        text = self.src.text
        for decl in self.src.root.named_children:
            if decl.type == "function_declaration":
                name = decl.child_by_field_name("name")
                if name is not None:
                    functions.setdefault(text(name), []).append(decl)
            elif decl.type == "method_declaration":
                name = decl.child_by_field_name("name")
                receiver = _receiver_type(decl, self.src)
                if name is not None and receiver is not None:
                    methods.setdefault((receiver, text(name)), []).append(decl)
            elif decl.type == "type_declaration":
                for spec in decl.named_children:
                    if spec.type in {"type_spec", "type_alias"}:
                        name = spec.child_by_field_name("name")
                        if name is not None:
                            types.setdefault(text(name), []).append(spec)
            elif decl.type in {"var_declaration", "const_declaration"}:
                for spec in walk(decl):
                    if spec.type in {"var_spec", "const_spec"}:
                        for name in spec.children_by_field_name("name"):
                            values.setdefault(text(name), []).append(spec)
        return types, functions, methods, values

    @cached_property
    def top_level_names(self) -> frozenset[str]:
        """The names of the file's function declarations and of every var, const and type
        spec inside its top-level var, const and type declarations (methods not included)."""
        text = self.src.text
        names: set[str] = set()
        for decl in self.src.root.named_children:
            if decl.type == "function_declaration":
                ident = decl.child_by_field_name("name")
                if ident is not None:
                    names.add(text(ident))
            elif decl.type in {"var_declaration", "const_declaration", "type_declaration"}:
                for spec in walk(decl):
                    if spec.type in {"var_spec", "const_spec", "type_spec", "type_alias"}:
                        names.update(text(n) for n in spec.children_by_field_name("name"))
        return frozenset(names)


class Decl(NamedTuple):
    """A declaration node and the package file holding it."""

    node: Node
    file: PackageFile


def _receiver_type(method: Node, src: SourceFile) -> str | None:
    receiver = method.child_by_field_name("receiver")
    decl = next((d for d in receiver.named_children if d.type == "parameter_declaration"), None) if receiver else None
    kind = decl.child_by_field_name("type") if decl is not None else None
    while kind is not None and kind.type in {"pointer_type", "parenthesized_type"}:
        kind = kind.named_children[0] if kind.named_children else None
    if kind is not None and kind.type == "generic_type":
        kind = kind.child_by_field_name("type")
    return src.text(kind) if kind is not None and kind.type == "type_identifier" else None
