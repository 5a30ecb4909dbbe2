"""Which functions of a directory's Go files may return a resource, by the text of their
signatures alone: a file that only calls one names no opener itself (no `os.Open`), so
without this index the rule for that resource would never look at it. Nothing is parsed
here; a rule confirms a candidate by reading its body (package_openers).

A rule takes part by naming the types it follows in `OPENER_TYPES`: (import path, type
name) pairs, such as ("os", "File")."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import siblings as disk

# `func name(`, `func (r *T) name(`, `func name[T any](`: the name and where its parameters open.
_FUNC_HEAD = re.compile(rb"func[ \t]*(?:\([^()\n]*\)[ \t]*)?([A-Za-z_]\w*)[ \t]*(?:\[[^\]\n]*\][ \t]*)?\(")
# An interface method: an indented `Name(` opening its line.
_METHOD_ELEM = re.compile(rb"[ \t]+([A-Za-z_]\w*)\(")
_PARENS = re.compile(rb"[()]")
# How far a parameter list is followed before giving up on it.
_SIGNATURE_SPAN = 4096


@dataclass(frozen=True)
class Declared:
    """A function, method or interface method whose result list names a resource type."""

    name: str
    type_name: str  # "File" for `*os.File`; the qualifier is checked when it is parsed


@dataclass(frozen=True)
class _File:
    path: str
    package: str
    declared: tuple[Declared, ...]


@dataclass(frozen=True)
class _Directory:
    stamp: int  # the directory's modification time: a file added, removed or renamed changes it
    type_names: frozenset[str]  # what the files were scanned for
    files: tuple[_File, ...]  # only those declaring something


# directory -> its index; the last few directories only (files are scanned in path order).
_DIRECTORIES: dict[str, _Directory] = {}
_KEPT = 8
# Every type name asked about so far: one scan of a directory serves every rule.
_ASKED: set[str] = set()


def opener_types(codemod: type) -> frozenset[str]:
    """The type names a rule follows through package openers (empty: it does not)."""
    return frozenset(name for _, name in getattr(codemod, "OPENER_TYPES", ()))


def with_callers(codemods: Sequence[type], chosen: list[type], data: bytes, path: str) -> list[type]:
    """`chosen` and the other rules of `codemods` that `called_by` finds, in the order of
    `codemods`."""
    called = called_by([c for c in codemods if c not in chosen], data, path)
    return [c for c in codemods if c in chosen or c in called] if called else chosen


def called_by(codemods: Sequence[type], data: bytes, path: str) -> list[type]:
    """The rules among `codemods` whose resource some function of the package (a file of
    the directory of `path` with the package clause of `data`, or `data` itself) declares
    as a result, when `data` calls a function or method of that name. Costs a stat of
    the directory once its files were scanned; nothing is parsed."""
    asked = {codemod: names for codemod in codemods if (names := opener_types(codemod))}
    if not asked or not path:
        return []
    declared = declarations(path, data, frozenset().union(*asked.values()))
    if not declared:
        return []
    wanted = []
    for codemod, names in asked.items():
        candidates = {d.name for d in declared if d.type_name in names}
        if candidates and _calls(data, candidates):
            wanted.append(codemod)
    return wanted


def declarations(path: str, data: bytes, type_names: frozenset[str]) -> list[Declared]:
    """What the package of the file at `path` (holding `data`) declares with a result of
    one of `type_names`: from `data` itself and the other files of its directory with the
    same package clause (test files only for a test file)."""
    package = disk.package_clause(data)
    own = os.path.abspath(path)
    test = own.endswith("_test.go")
    found = list(scan(data, type_names))
    directory = _directory(os.path.dirname(own), type_names)
    for file in directory.files if directory is not None else ():
        if file.path != own and file.package == package and (test or not file.path.endswith("_test.go")):
            found += [d for d in file.declared if d.type_name in type_names]
    return found


def _calls(data: bytes, names: Iterable[str]) -> bool:
    """True when `data` holds `name(` for one of `names`, not in a declaration of it."""
    pattern = _call_pattern(frozenset(names))
    return pattern.search(data) is not None


_CALL_PATTERNS: dict[frozenset[str], re.Pattern[bytes]] = {}


def _call_pattern(names: frozenset[str]) -> re.Pattern[bytes]:
    pattern = _CALL_PATTERNS.get(names)
    if pattern is None:
        if len(_CALL_PATTERNS) > 64:
            _CALL_PATTERNS.clear()
        alternatives = b"|".join(re.escape(n.encode()) for n in sorted(names))
        # Not after `func ` nor a receiver's `) `: that is the declaration itself.
        pattern = _CALL_PATTERNS[names] = re.compile(rb"(?<!func )(?<!\) )(?<![\w])(?:" + alternatives + rb")[ \t]*\(")
    return pattern


def _directory(directory: str, type_names: frozenset[str]) -> _Directory | None:
    """The index of `directory`, scanned again when it changed or a new type is asked for;
    None when it cannot be listed."""
    _ASKED.update(type_names)
    try:
        stamp = os.stat(directory).st_mtime_ns
    except OSError:
        return None
    known = _DIRECTORIES.get(directory)
    if known is not None and known.stamp == stamp and type_names <= known.type_names:
        return known
    asked = frozenset(_ASKED)
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return None
    files = []
    for name in names:
        if not name.endswith(".go"):
            continue
        sibling = disk.peek(os.path.join(directory, name))
        if sibling is None or not sibling.package:
            continue
        declared = tuple(scan(sibling.data, asked))
        if declared:
            files.append(_File(sibling.path, sibling.package, declared))
    _DIRECTORIES.pop(directory, None)
    _DIRECTORIES[directory] = index = _Directory(stamp, asked, tuple(files))
    while len(_DIRECTORIES) > _KEPT:
        del _DIRECTORIES[next(iter(_DIRECTORIES))]
    return index


def scan(data: bytes, type_names: frozenset[str]) -> Iterable[Declared]:
    """Functions, methods and interface methods of `data` whose result list (the text after
    their parameters, on the line where those close) names `pkg.T` for T in `type_names`."""
    for type_name in sorted(type_names):
        token = b"." + type_name.encode()
        at = data.find(token)
        while at >= 0:
            end = at + len(token)
            qualified = at > 0 and (data[at - 1 : at].isalnum() or data[at - 1 : at] == b"_")
            if qualified and not (data[end : end + 1].isalnum() or data[end : end + 1] == b"_"):
                name = _declaring(data, at)
                if name is not None:
                    yield Declared(name, type_name)
            at = data.find(token, end)


def _declaring(data: bytes, at: int) -> str | None:
    """The name of the function, method or interface method whose results hold the
    position `at`; None when `at` is not in a result list."""
    start = data.rfind(b"\n", 0, at) + 1
    line = data[start:at]
    stripped = line.lstrip()
    if stripped.startswith(b")"):  # the close of parameters spread over several lines
        head = data.rfind(b"\nfunc", 0, start) + 1  # 0 when none: the file's start, which match checks
        opened = _FUNC_HEAD.match(data, head)
        closed = _close(data, opened.end() - 1) if opened is not None else None
        return opened.group(1).decode() if closed == start + len(line) - len(stripped) else None
    opened = _FUNC_HEAD.match(data, start) if line.startswith(b"func") else _METHOD_ELEM.match(data, start)
    if opened is None or opened.end() > at:
        return None
    closed = _close(data, opened.end() - 1)
    return opened.group(1).decode() if closed is not None and closed < at else None


def _close(data: bytes, open_at: int) -> int | None:
    """Where the parenthesis opening at `open_at` closes; None when that is far or missing."""
    depth = 0
    for match in _PARENS.finditer(data, open_at, open_at + _SIGNATURE_SPAN):
        depth += 1 if match.group() == b"(" else -1
        if depth == 0:
            return match.start()
    return None
