"""The package a file belongs to: the file and its siblings (the `.go` files of its directory
with the same package clause), and what they declare at the top level, by name."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from functools import cached_property

from ..source import SourceFile
from . import siblings as disk
from .imports import import_names
from .package_file import Decl, PackageFile


class Package:
    """The package of one SourceFile.

    Siblings are read lazily, only when a lookup misses in the file itself; one that cannot
    be read or parsed is skipped and marks the package `incomplete`. A file that is not on
    disk (stdin, tests) has no siblings. Test files see the package's other files; other
    files do not see test files. A sibling marked `//go:build ignore` is skipped."""

    def __init__(self, src: SourceFile) -> None:
        self.current = PackageFile(src)
        self.src = src
        # Set once `siblings` met a file of the directory it could not read or parse.
        self.incomplete = False

    @property
    def name(self) -> str:
        return self.current.package_name

    @cached_property
    def _unparsed(self) -> list[disk.Sibling]:
        """The other files of the package as read, not parsed yet."""
        path = self.src.path
        if not self.name or not os.path.isfile(path):
            return []
        paths = disk.beside(path)
        if paths is None:
            return []
        test = path.endswith("_test.go")
        found = []
        for full in paths:
            if not test and full.endswith("_test.go"):
                continue
            sibling = disk.read(full)
            if sibling is None:
                self.incomplete = True
            elif sibling.package == self.name:
                found.append(sibling)
        return found

    def _parsed(self, sibling: disk.Sibling) -> PackageFile | None:
        if sibling.file is None:
            self.incomplete = True
        return sibling.file

    @cached_property
    def siblings(self) -> list[PackageFile]:
        return [f for f in map(self._parsed, self._unparsed) if f is not None]

    def files(self) -> Iterator[PackageFile]:
        yield self.current
        yield from self.siblings

    def files_containing(self, *tokens: bytes) -> Iterator[PackageFile]:
        """The file itself, then the siblings whose bytes hold every token; the others
        cannot mention what is looked for and are not parsed."""
        yield self.current
        for sibling in self._unparsed:
            if all(t in sibling.data for t in tokens):
                parsed = self._parsed(sibling)
                if parsed is not None:
                    yield parsed

    def texts(self) -> Iterator[bytes]:
        """The bytes of the file itself and of its siblings, none of them parsed."""
        yield self.src.data
        yield from (sibling.data for sibling in self._unparsed)

    def _lookup(self, which: int, key) -> list[Decl]:
        """Declarations from the file itself; only when it has none, from its siblings (a
        package declares each top-level name once, build-tag variants aside)."""
        own = [Decl(n, self.current) for n in self.current.index[which].get(key, [])]
        if own:
            return own
        # Only a file whose text can declare the name is parsed.
        name = (key[-1] if isinstance(key, tuple) else key).encode()
        declaring = _declaring_text(which, key)
        found = []
        for sibling in self._unparsed:
            if name in sibling.data and declaring.search(sibling.data):
                parsed = self._parsed(sibling)
                found += [Decl(n, parsed) for n in parsed.index[which].get(key, [])] if parsed is not None else []
        return found

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
            for f in self.files_containing(encoded)
            for n in (i.parent for i in f.src.named(name, ("field_identifier",)))
            if n is not None and n.type == "field_declaration" and n.child_by_field_name("type") is not None
            and any(c.text == encoded for c in n.children_by_field_name("name"))
        ]
        return None if self.incomplete else found


@functools.lru_cache(maxsize=1024)
def _declaring_text(which: int, key) -> re.Pattern[bytes]:
    """Text that any declaration of `key` holds: `func name(` or `func name[` for a
    function, `) name(` or `) name[` for a method (after its receiver), the bare word
    otherwise (a name in a `type (...)` or `var (...)` group stands alone)."""
    name = re.escape((key[-1] if isinstance(key, tuple) else key).encode())
    if which == 1:
        return re.compile(rb"func\s+" + name + rb"\s*[(\[]")
    if which == 2:
        return re.compile(rb"\)\s*" + name + rb"\s*[(\[]")
    return re.compile(rb"(?<![\w\x80-\xff])" + name + rb"(?![\w\x80-\xff])")


def of(src: SourceFile) -> Package:
    """The package of `src`, made once per SourceFile."""
    cache = src._nodes_cache
    package = cache.get(("package",))
    if package is None:
        package = cache[("package",)] = Package(src)
    return package


def package_declares(src: SourceFile, name: str) -> bool | None:
    """True when `name` is declared at package level by the file or by another `.go` file
    of its directory with the same package clause, or is an import name of the file; None
    when that cannot be told: the file has a dot import, or a `.go` file of the directory
    cannot be read or parsed before one is found that declares it.

    Stricter than `Package.declares`, for a name that must be free in every build of the
    package (a builtin about to be used): test files and files marked `//go:build ignore`
    count, and a `.go` file of the directory that cannot be read or parsed, whatever its
    package, leaves the answer unknown, as does a directory that cannot be listed. A file
    that is not on disk has no other files."""
    package = of(src)
    if name in package.current.top_level_names:
        return True
    dot_import = any(
        (alias := spec.child_by_field_name("name")) is not None and src.text(alias) == "."
        for spec in src.nodes_of("import_spec")
    )
    if name in import_names(src.root, src):
        return True
    if dot_import:
        return None
    if not package.name or not os.path.isfile(src.path):
        return False
    paths = disk.beside(src.path)
    if paths is None:
        return None
    for full in paths:
        if not os.path.isfile(full):
            continue
        sibling = disk.read(full)
        file = sibling.file if sibling is not None else None
        if file is None:
            return None
        if file.package_name == package.name and name in file.top_level_names:
            return True
    return False
