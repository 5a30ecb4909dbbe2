"""The package a file belongs to: the file itself and its siblings, the `.go` files of the
same directory with the same package clause, read from disk and indexed by top-level
declaration. Struct field types, functions and methods declared in another file of the
package are found here.

Siblings are read lazily (only when a lookup misses in the file itself), cached per file
by modification time and size; one that cannot be read or parsed is skipped, and marks the
package `incomplete`. A file that is
not on disk (stdin, tests) has no siblings. Test files see the package's other files;
other files do not see test files. A sibling marked `//go:build ignore` is skipped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from tree_sitter import Node

from ..source import SourceFile
from . import scopes
from .imports import Imports
from .tree import enclosing_function, walk

_CLAUSE = re.compile(rb"^package[ \t]+([A-Za-z_][A-Za-z0-9_]*)", re.MULTILINE)
_IGNORED = re.compile(rb"^//go:build[ \t]+ignore[ \t]*\r?$", re.MULTILINE)
# Top-level directories of the standard library's import paths.
_STDLIB = frozenset(
    "archive bufio builtin bytes cmp compress container context crypto database debug embed "
    "encoding errors expvar flag fmt go hash html image index io iter log maps math mime net "
    "os path plugin reflect regexp runtime slices sort strconv strings structs sync syscall "
    "testing text time unicode unique unsafe weak".split()
)


def is_stdlib(path: str) -> bool:
    """True for an import path of the standard library."""
    return path.split("/")[0] in _STDLIB


class PackageFile:
    """One file of the package with its imports and top-level declarations by name."""

    def __init__(self, src: SourceFile) -> None:
        self.src = src

    @cached_property
    def imports(self) -> Imports:
        return Imports(self.src)

    @cached_property
    def _index(self) -> tuple[dict, dict, dict, dict]:
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


@dataclass(frozen=True)
class Decl:
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


class _Sibling:
    """A file of the directory as read from disk: its package clause, parsed on demand."""

    def __init__(self, path: str, data: bytes) -> None:
        self.path, self.data = path, data
        clause = _CLAUSE.search(data)
        ignored = clause is not None and _IGNORED.search(data[: clause.start()]) is not None
        self.package = clause.group(1).decode() if clause is not None and not ignored else ""

    @cached_property
    def file(self) -> PackageFile | None:
        """None when tree-sitter cannot parse it."""
        src = SourceFile(self.path, self.data)
        return None if src.root.has_error else PackageFile(src)


# path -> ((mtime_ns, size), the file); the oldest entries go first beyond _CACHED files.
_SIBLINGS: dict[str, tuple[tuple[int, int], _Sibling]] = {}
_CACHED = 512


def _read(path: str) -> _Sibling | None:
    """The file at `path`, cached by modification time and size; None when unreadable."""
    try:
        stat = os.stat(path)
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = _SIBLINGS.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        with open(path, "rb") as handle:
            sibling = _Sibling(path, handle.read())
    except OSError:
        return None
    _SIBLINGS.pop(path, None)
    _SIBLINGS[path] = (stamp, sibling)
    while len(_SIBLINGS) > _CACHED:
        del _SIBLINGS[next(iter(_SIBLINGS))]
    return sibling


class Package:
    """The package of one SourceFile (see the module docstring)."""

    def __init__(self, src: SourceFile) -> None:
        self.current = PackageFile(src)
        self.src = src
        # Set once `siblings` met a file of the directory it could not read or parse.
        self.incomplete = False

    @cached_property
    def name(self) -> str:
        clause = next((c for c in self.src.root.named_children if c.type == "package_clause"), None)
        ident = clause.named_children[0] if clause is not None and clause.named_children else None
        return self.src.text(ident) if ident is not None else ""

    @cached_property
    def siblings(self) -> list[PackageFile]:
        path = self.src.path
        if not self.name or not os.path.isfile(path):
            return []
        own = os.path.abspath(path)
        directory = os.path.dirname(own)
        test = path.endswith("_test.go")
        try:
            entries = sorted(os.listdir(directory))
        except OSError:
            return []
        found = []
        for entry in entries:
            full = os.path.join(directory, entry)
            if not entry.endswith(".go") or full == own or (not test and entry.endswith("_test.go")):
                continue
            sibling = _read(full)
            if sibling is None or (sibling.package == self.name and sibling.file is None):
                self.incomplete = True
            elif sibling.package == self.name:
                found.append(sibling.file)  # type: ignore[arg-type]
        return found

    def files(self) -> Iterator[PackageFile]:
        yield self.current
        yield from self.siblings

    def _lookup(self, which: int, key) -> list[Decl]:
        """Declarations from the file itself; only when it has none, from its siblings (a
        package declares each top-level name once, build-tag variants aside)."""
        own = [Decl(n, self.current) for n in self.current._index[which].get(key, [])]
        if own:
            return own
        return [Decl(n, f) for f in self.siblings for n in f._index[which].get(key, [])]

    def types(self, name: str) -> list[Decl]:
        return self._lookup(0, name)

    def functions(self, name: str) -> list[Decl]:
        return self._lookup(1, name)

    def methods(self, type_name: str, method: str) -> list[Decl]:
        return self._lookup(2, (type_name, method))

    def values(self, name: str) -> list[Decl]:
        """Package-level var and const specs declaring `name`."""
        return self._lookup(3, name)

    def declares(self, name: str) -> bool:
        """True when some file of the package declares `name` at the top level."""
        return any(self._lookup(i, name) for i in (0, 1, 3))

    def field_declarations(self, name: str) -> list[Decl] | None:
        """The declared type of every struct field named `name` in the package, whatever
        struct holds it; None when a file of the package could not be read or parsed."""
        encoded = name.encode()
        found = [
            Decl(n.child_by_field_name("type"), f)  # type: ignore[arg-type]
            for f in self.files()
            for n in f.src.nodes_of("field_declaration")
            if any(c.text == encoded for c in n.children_by_field_name("name")) and n.child_by_field_name("type") is not None
        ]
        return None if self.incomplete else found

    def declared_type(self, expr: Node, depth: int = 0) -> Decl | None:
        """The declared type of `expr` in the file itself: a variable (from its declaration,
        or a composite literal, `&T{...}` or `new(T)` it is initialized with), or a field
        of a value whose type is a struct of the package. None when that cannot be told."""
        src = self.src
        while expr.type == "parenthesized_expression" and expr.named_children:
            expr = expr.named_children[0]
        if depth > 4:
            return None
        if expr.type == "identifier":
            return self._variable_type(expr)
        if expr.type != "selector_expression" or self.current.imports.resolve_selector(expr) is not None:
            return None
        operand, field = expr.child_by_field_name("operand"), expr.child_by_field_name("field")
        owner = self.declared_type(operand, depth + 1) if operand is not None and field is not None else None
        return self.field_type(owner, src.text(field), depth) if owner is not None else None  # type: ignore[arg-type]

    def _variable_type(self, ident: Node) -> Decl | None:
        src, name = self.src, self.src.text(ident)
        declared = scopes.declaration_of(name, ident, src)
        if declared is None:
            if scopes.scope_of(name, ident, src) is not None:
                return None  # declared locally where declaration_of does not look
            specs = [d for d in self.values(name) if d.node.type == "var_spec"]
            if len(specs) != 1:
                return None
            names = [n.text for n in specs[0].node.children_by_field_name("name")]
            return _spec_type(specs[0].node, names.index(ident.text), len(names), specs[0].file)
        parent = declared.parent
        if parent is None:
            return None
        if parent.type == "parameter_declaration":
            kind = parent.child_by_field_name("type")
            return Decl(kind, self.current) if kind is not None else None
        if parent.type == "var_spec":
            names = parent.children_by_field_name("name")
            return _spec_type(parent, [n.id for n in names].index(declared.id), len(names), self.current)
        holder = parent.parent
        if parent.type == "expression_list" and holder is not None and holder.type == "short_var_declaration":
            values = holder.child_by_field_name("right")
            items = values.named_children if values is not None else []
            if len(items) == len(parent.named_children):
                return _value_type(items[[n.id for n in parent.named_children].index(declared.id)], self.current)
        return None

    def struct_of(self, kind: Decl, depth: int = 0) -> Decl | None:
        """The struct_type a declared type names, when it is a struct type of the package
        (through pointers and defined types); else None."""
        node, file = kind.node, kind.file
        while node is not None and node.type in {"pointer_type", "parenthesized_type"}:
            node = node.named_children[0] if node.named_children else None
        if node is not None and node.type == "generic_type":
            node = node.child_by_field_name("type")
        if node is None:
            return None
        if node.type == "struct_type":
            return Decl(node, file)
        if node.type != "type_identifier" or depth > 4:
            return None
        name = file.src.text(node)
        if enclosing_function(node) is not None and scopes.scope_of(name, node, file.src) is not None:
            return None  # a type declared inside the function
        # A type named in a sibling is a type of the same package: any file may declare it.
        specs = self.types(name) if file is self.current else [
            Decl(n, f) for f in self.files() for n in f._index[0].get(name, [])]
        if len(specs) != 1 or specs[0].node.type != "type_spec":
            return None
        declared = specs[0].node.child_by_field_name("type")
        return self.struct_of(Decl(declared, specs[0].file), depth + 1) if declared is not None else None

    def field_type(self, owner: Decl, field: str, depth: int = 0) -> Decl | None:
        """The declared type of field `field` of the struct type `owner` names; None when
        it is not a struct of the package or the field may be promoted from an embedded one."""
        struct = self.struct_of(owner, depth)
        if struct is None:
            return None
        encoded = field.encode()
        for n in walk(struct.node):
            if n.type != "field_declaration" or n.parent is None or n.parent.parent != struct.node:
                continue
            if any(c.text == encoded for c in n.children_by_field_name("name")):
                kind = n.child_by_field_name("type")
                return Decl(kind, struct.file) if kind is not None else None
        return None


def _spec_type(spec: Node, index: int, count: int, file: PackageFile) -> Decl | None:
    kind = spec.child_by_field_name("type")
    if kind is not None:
        return Decl(kind, file)
    values = spec.child_by_field_name("value")
    items = values.named_children if values is not None else []
    return _value_type(items[index], file) if len(items) == count else None


def _value_type(value: Node, file: PackageFile) -> Decl | None:
    """The type a composite literal, `&T{...}` or `new(T)` makes."""
    if value.type == "unary_expression" and file.src.text(value.child_by_field_name("operator")) == "&":  # type: ignore[arg-type]
        value = value.child_by_field_name("operand")  # type: ignore[assignment]
    if value is None:
        return None
    if value.type == "composite_literal":
        kind = value.child_by_field_name("type")
        return Decl(kind, file) if kind is not None else None
    if value.type == "call_expression":
        callee = value.child_by_field_name("function")
        args = value.child_by_field_name("arguments")
        if callee is not None and file.src.text(callee) == "new" and args is not None and len(args.named_children) == 1:
            if not scopes.is_shadowed("new", value, file.src):
                return Decl(args.named_children[0], file)
    return None


def of(src: SourceFile) -> Package:
    """The package of `src`, made once per SourceFile."""
    cache = src._nodes_cache
    package = cache.get(("package",))
    if package is None:
        package = cache[("package",)] = Package(src)
    return package
