"""Which functions of a directory's Go files may return a resource, by the text of their
signatures alone: a file that only calls one names no opener itself (no `os.Open`), so
without this index the rule for that resource would never look at it. Nothing is parsed
here; a rule confirms a candidate by reading its body (package_openers).

A rule takes part by naming the result types it follows in `OPENER_TYPES`: (import path,
type name) pairs, such as ("os", "File").

A directory is read once a run and scanned again only when its modification time changes
(a file added, removed or replaced by a rename, as editors and gofixleak's own writes do);
a file rewritten in place is seen by the next run. What the index holds for a directory is
summed up in a signature, which the result cache keys on: a file's findings depend on what
its package's functions return."""

from __future__ import annotations

import functools
import os
import re
import time
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from ..tree_index import directory_state
from .scan_order import may_return_to
from .siblings import package_clause

Types = frozenset[tuple[str, str]]

# `func name(`, `func (r *T) name(`, `func name[T any](`: the name and where its parameters open.
_FUNC_HEAD = re.compile(rb"func[ \t]*(?:(\([^()\n]*\))[ \t]*)?([A-Za-z_]\w*)[ \t]*(?:\[[^\]\n]*\][ \t]*)?\(")
# An interface method: an indented `Name(` opening its line (a `func(` literal is not one).
_METHOD_ELEM = re.compile(rb"[ \t]+(?!func\()([A-Za-z_]\w*)\(")
_QUALIFIER = re.compile(rb"[A-Za-z_]\w*\Z")
_PARENS = re.compile(rb"[()]")
# How far a parameter list is followed before giving up on it.
_SIGNATURE_SPAN = 4096


class Declared(NamedTuple):
    """A function, method or interface method whose result list names a resource type."""

    name: str
    type: tuple[str, str]  # (import path, type name); the qualifier is checked when it is parsed
    method: bool  # a method or an interface method, not a function
    path: str  # the file declaring it


class _File(NamedTuple):
    path: str
    size: int
    package: str
    declared: tuple[Declared, ...]


class _Directory(NamedTuple):
    stamp: int  # the directory's modification time
    types: Types  # what the files were scanned for
    sizes: dict[str, int]  # every file scanned, by name
    files: tuple[_File, ...]  # those declaring something
    state: tuple[str, int] | None  # tree_index.directory_state, taken before the files were read
    state_time_ns: int


class Signature(NamedTuple):
    """What a directory's files declare with a result of some types, as a digest, and the
    state of the directory's entries (tree_index.directory_state) it was read from."""

    text: str
    state: str
    state_time_ns: int
    latest_change_ns: int


# directory -> its index; only those the scan may come back to (see scan_order).
_DIRECTORIES: dict[str, _Directory] = {}
# Every type asked about so far: one scan of a directory serves every rule.
_ASKED: set[tuple[str, str]] = set()


def opener_types(codemod: type) -> Types:
    """The result types a rule follows through package openers (empty: it does not)."""
    types = _OPENER_TYPES.get(codemod)
    if types is None:
        types = _OPENER_TYPES[codemod] = frozenset(getattr(codemod, "OPENER_TYPES", ()))
    return types


_OPENER_TYPES: dict[type, Types] = {}


@functools.lru_cache(maxsize=256)
def _following(codemods: tuple) -> dict:
    """The rules among `codemods` that follow package openers, with their result types."""
    return {codemod: types for codemod in codemods if (types := opener_types(codemod))}


def with_callers(codemods: Sequence[type], chosen: list[type], data: bytes, path: str) -> list[type]:
    """`chosen` and the other rules of `codemods` that `called_by` finds, in the order of
    `codemods`."""
    # Every type the run follows is scanned for at once: a type asked for later would
    # have each directory read again.
    _ASKED.update(*_following(tuple(codemods)).values())
    called = called_by([c for c in codemods if c not in chosen], data, path)
    return [c for c in codemods if c in chosen or c in called] if called else chosen


def called_by(codemods: Sequence[type], data: bytes, path: str) -> list[type]:
    """The rules among `codemods` whose resource a function of the package declares as a
    result (see `declarations`), when `data` calls a function or method of that name.
    Once the directory was scanned this costs a stat of it; nothing is parsed."""
    if not path:
        return []
    asked = _following(tuple(codemods))
    if not asked:
        return []
    declared = declarations(path, data, frozenset().union(*asked.values()))
    if not declared:
        return []
    return [codemod for codemod, types in asked.items()
            if (names := frozenset(d.name for d in declared if d.type in types)) and next(calls(data, names), None)]


def declarations(path: str, data: bytes, types: Types) -> list[Declared]:
    """What the package of the file at `path` (holding `data`) declares with a result of
    one of `types`: in `data` and in the other files of its directory with the same package
    clause (test files only for a test file)."""
    own = os.path.abspath(path)
    test = own.endswith("_test.go")
    directory = _directory(os.path.dirname(own), types)
    if directory is None:
        return list(scan(data, types, own))
    scanned = directory.sizes.get(os.path.basename(own)) == len(data)  # the file as the index read it
    if scanned and not directory.files:
        return []  # most directories: nothing declares a resource result
    package = package_clause(data)
    found = [] if scanned else list(scan(data, types, own))
    for file in directory.files:
        if file.package == package and (test or not file.path.endswith("_test.go")) and (
            file.path != own or file.size == len(data)
        ):
            found += [d for d in file.declared if d.type in types]
    return found


def calls(data: bytes, names: frozenset[str]) -> Iterator[tuple[int, int]]:
    """Where `data` holds `name(` for one of `names` (the span of the name), not in a
    declaration of it."""
    pattern = _CALL_PATTERNS.get(names)
    if pattern is None:
        if len(_CALL_PATTERNS) > 64:
            _CALL_PATTERNS.clear()
        alternatives = b"|".join(re.escape(n.encode()) for n in sorted(names))
        # Not after `func ` nor a receiver's `) `: that is the declaration itself.
        pattern = _CALL_PATTERNS[names] = re.compile(rb"(" + alternatives + rb")[ \t]*\(")
    for match in pattern.finditer(data):
        before = data[max(0, match.start() - 5) : match.start()]
        # Not inside a longer name, nor after `func ` or a receiver's `) `: that is the declaration itself.
        if not (before[-1:].isalnum() or before[-1:] == b"_" or before == b"func " or before[-2:] == b") "):
            yield match.span(1)


_CALL_PATTERNS: dict[frozenset[str], re.Pattern[bytes]] = {}


def _directory(directory: str, types: Types, with_state: bool = False) -> _Directory | None:
    """The index of `directory`, scanned again when it changed or a new type is asked for;
    None when it cannot be listed. `with_state`: also the state of its entries before they
    were read (for a signature)."""
    _ASKED.update(types)
    try:
        stamp = os.stat(directory).st_mtime_ns
        known = _DIRECTORIES.get(directory)
        if known is not None and known.stamp == stamp and types <= known.types and (known.state or not with_state):
            return known
        state_time = time.time_ns()
        state = directory_state(directory) if with_state else None  # before any read: a later write shows in it
        with os.scandir(directory) as found:
            entries = sorted(found, key=lambda e: e.name)
    except OSError:
        return None
    asked = frozenset(_ASKED)
    # Most files name no resource type at all: one search in C says so before any scan.
    any_type = _token_pattern(frozenset(name.encode() for _, name in asked))
    sizes: dict[str, int] = {}
    files = []
    for entry in entries:
        if not entry.name.endswith(".go") or not entry.is_file():
            continue
        try:
            with open(entry.path, "rb") as handle:
                data = handle.read()
        except OSError:
            continue
        full = entry.path
        sizes[entry.name] = len(data)
        if any_type.search(data) is None:
            continue
        declared = tuple(scan(data, asked, full))
        if declared:
            files.append(_File(full, len(data), package_clause(data), declared))
    for done in [d for d in _DIRECTORIES if not may_return_to(d, directory)]:
        del _DIRECTORIES[done]
    _DIRECTORIES[directory] = index = _Directory(stamp, asked, sizes, tuple(files), state, state_time)
    return index


def signature(directory: str, types: Types) -> Signature | None:
    """The signature of what the files of `directory` (absolute) declare with a result of
    one of `types`; None when the directory cannot be listed."""
    import hashlib  # only the result cache asks

    index = _directory(directory, types, with_state=True)
    if index is None or index.state is None:
        return None
    global _SIGNED
    if _SIGNED is not None and _SIGNED[0] is index and _SIGNED[1] == types:
        return _SIGNED[2]
    declared = []
    for file in index.files:
        kept = sorted((d.name, d.type, d.method) for d in file.declared if d.type in types)
        if kept:
            declared.append((os.path.basename(file.path), file.size, file.package, kept))
    text = hashlib.blake2b(repr(declared).encode(), digest_size=16).hexdigest()
    found = Signature(text, index.state[0], index.state_time_ns, index.state[1])
    _SIGNED = (index, types, found)  # the last one: files come in path order
    return found


_SIGNED: tuple[_Directory, Types, Signature] | None = None


def forget() -> None:
    """Start a run afresh: a file rewritten in place since the last run of this process
    leaves its directory's modification time as it was."""
    global _SIGNED
    _DIRECTORIES.clear()
    _SIGNED = None


def scan(data: bytes, types: Types, path: str) -> Iterator[Declared]:
    """Functions, methods and interface methods of `data` (the file at `path`) whose result
    list (the text after their parameters, on the line where those close) names `q.T` for
    (import path, T) in `types`, `q` being the name the file imports that path as."""
    paths: dict[bytes, list[str]] = {}
    for imported, name in types:
        paths.setdefault(name.encode(), []).append(imported)
    for match in _token_pattern(frozenset(paths)).finditer(data):
        dot = match.start()
        qualifier = _QUALIFIER.search(data, max(0, dot - 64), dot)
        if qualifier is None:
            continue
        for imported in paths[match.group(1)]:
            if _imported_as(data, qualifier.group(), imported):
                declaring = _declaring(data, dot)
                if declaring is not None:
                    yield Declared(declaring[0], (imported, match.group(1).decode()), declaring[1], path)


_TOKEN_PATTERNS: dict[frozenset[bytes], re.Pattern[bytes]] = {}


def _token_pattern(names: frozenset[bytes]) -> re.Pattern[bytes]:
    """`.Name` for the type names, as one pattern (its leading dot keeps the search fast)."""
    pattern = _TOKEN_PATTERNS.get(names)
    if pattern is None:
        alternatives = b"|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        pattern = _TOKEN_PATTERNS[names] = re.compile(rb"\.(" + alternatives + rb")\b")
    return pattern


def _imported_as(data: bytes, qualifier: bytes, path: str) -> bool:
    """True when `qualifier` may name the import of `path`: its default name, or an alias
    the file gives it."""
    if qualifier == path.rsplit("/", 1)[-1].encode():
        return True
    quoted = data.find(b'"' + path.encode() + b'"')
    return quoted >= 0 and data[data.rfind(b"\n", 0, quoted) + 1 : quoted].split()[-1:] == [qualifier]


def _declaring(data: bytes, at: int) -> tuple[str, bool] | None:
    """The name of the function, method or interface method whose results hold the
    position `at`, and whether it is a method; None when `at` is not in a result list."""
    start = data.rfind(b"\n", 0, at) + 1
    line = data[start:at]
    stripped = line.lstrip()
    if stripped.startswith(b")"):  # the close of parameters spread over several lines
        head = data.rfind(b"\nfunc", 0, start) + 1  # 0 when none: the file's start, which match checks
        opened = _FUNC_HEAD.match(data, head)
        closed = _close(data, opened.end() - 1) if opened is not None else None
        return _named(opened) if closed == start + len(line) - len(stripped) else None
    opened = _FUNC_HEAD.match(data, start) if line.startswith(b"func") else _METHOD_ELEM.match(data, start)
    if opened is None or opened.end() > at:
        return None
    closed = _close(data, opened.end() - 1)
    return _named(opened) if closed is not None and closed < at else None


def _named(opened: re.Match[bytes]) -> tuple[str, bool]:
    """The name a declaration head matched, and whether it is a method (a receiver, or an
    interface's element)."""
    if opened.re is _METHOD_ELEM:
        return opened.group(1).decode(), True
    return opened.group(2).decode(), opened.group(1) is not None


def _close(data: bytes, open_at: int) -> int | None:
    """Where the parenthesis opening at `open_at` closes; None when that is far or missing."""
    depth = 0
    for match in _PARENS.finditer(data, open_at, open_at + _SIGNATURE_SPAN):
        depth += 1 if match.group() == b"(" else -1
        if depth == 0:
            return match.start()
    return None
