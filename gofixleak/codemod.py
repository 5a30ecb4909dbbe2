"""The codemod contract: a query that finds candidates, and `check` that judges each match."""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Union

from tree_sitter import Node, Query, QueryCursor

from .analysis import opener_index
from .analysis.imports import Imports
from .gomod import GoVersion
from .model import Finding
from .source import GO, SourceFile

if TYPE_CHECKING:
    from .analysis.cfg import Graphs
    from .rule_ref import RuleRef


@dataclass
class Context:
    """What a codemod may look at while checking one file."""

    src: SourceFile
    options: Mapping[str, str] = field(default_factory=dict)
    # Results of shared analyses that several rules ask for on one file (lifetimes).
    memo: dict = field(default_factory=dict)

    @property
    def go(self) -> GoVersion:
        return self.src.go_version

    @cached_property
    def imports(self) -> Imports:
        return Imports(self.src)

    @cached_property
    def graphs(self) -> Graphs:
        """Control-flow graphs of the file's functions, built on demand."""
        from .analysis.cfg import Graphs  # only the path rules need it: not at start-up

        return Graphs(self.src, self.imports)

    @property
    def is_test_file(self) -> bool:
        return self.src.path.endswith("_test.go")

    @cached_property
    def package_name(self) -> str:
        for child in self.src.root.named_children:
            if child.type == "package_clause":
                ident = child.named_children[0] if child.named_children else None
                return self.src.text(ident) if ident is not None else ""
        return ""


ALL_FIXES_SAFE = (
    "Every fix of this rule is safe: it keeps the program's meaning, as proven from the code, "
    "and `--write` applies it."
)

# What every rule on the control-flow graph says of path leaks; a docstring holds the
# line `{path_leaks}` where it goes, and the rule's PATH_LEAK_SUBJECT says what leaks.
PATH_LEAKS = """\
Path leaks: {subject} or handed off on some paths but not on another (an
early return, a `continue`, falling off its block, the variable assigned again) is
reported too, naming the first place it is lost. The variable is followed on the
function's control-flow graph from its binding; the branch of an error check right
after it (`err != nil`, `os.IsNotExist(err)`, `errors.Is(err, x)`) and of a nil check
on it hold nothing, and calls that never return (panic, os.Exit, t.Fatal, log.Fatal)
end a path without a leak."""


class Codemod:
    """Base class. A subclass sets the class attributes and implements `check`.

    The class docstring is the rule's documentation (`gofixleak explain`), written in
    sections: What it does / Why is this bad? / Example / Fix / Fix safety (which fixes
    are unsafe and why; by default every fix is safe) / When the fix is withheld.
    """

    ID: ClassVar[str]
    SUMMARY: ClassVar[str]
    QUERY: ClassVar[str]  # name of the .scm file beside the module
    # A file is only parsed for this codemod when its bytes contain one of these.
    PREFILTER: ClassVar[tuple[bytes, ...]] = ()
    # Regexes of which one must also match the file's bytes (checked after PREFILTER).
    PATTERNS: ClassVar[tuple[bytes, ...]] = ()
    # Tokens of which one stands on the line of every match (the text of a node the query
    # pins with a predicate): the query then runs on those lines only. Empty: whole file.
    ANCHORS: ClassVar[tuple[bytes, ...]] = ()
    # False: the rule reports nothing in `_test.go` files, so they are not parsed for it.
    TEST_FILES: ClassVar[bool] = True
    # True: `wants` parses part of the file, so it is asked only when no other rule will
    # parse the whole file anyway (then the rule runs on the tree at little cost).
    WANTS_PARSES: ClassVar[bool] = False
    # One line for the README table: severity by Go version.
    SEVERITY_DOC: ClassVar[str] = "warning"

    # For the `{path_leaks}` paragraph of the docstring: "a file closed".
    PATH_LEAK_SUBJECT: ClassVar[str] = ""

    # Set for each subclass: it has a `wants` of its own beyond PREFILTER.
    OWN_TEST: ClassVar[bool] = False

    _query: ClassVar[Query | None] = None

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls.OWN_TEST = cls.wants.__func__ is not Codemod.wants.__func__  # type: ignore[attr-defined]

    @classmethod
    def query(cls) -> Query:
        if cls.__dict__.get("_query") is None:
            path = Path(inspect.getfile(cls)).with_name(cls.QUERY)
            cls._query = Query(GO, path.read_text(encoding="utf-8"))
        return cls._query  # type: ignore[return-value]

    @classmethod
    def wants(cls, data: bytes) -> bool:
        return cls._has_token(data) and matches_patterns(cls.PATTERNS, data)

    @classmethod
    def _has_token(cls, data: bytes) -> bool:
        return not cls.PREFILTER or any(token in data for token in cls.PREFILTER)

    @classmethod
    def triggered_by(cls, data: bytes, path: str) -> bool:
        """A trigger token occurs, or the file calls a function of its package that returns
        this rule's resource (opener_index): it names no opener itself. Cheap: the rule's
        own test is left to `wanting`, which chose the rules of a file."""
        return cls._has_token(data) or bool(opener_index.called_by((cls,), data, path))

    @classmethod
    def doc(cls) -> str:
        """The docstring; one without a `## Fix safety` section gets the default one."""
        text = inspect.cleandoc(cls.__doc__ or cls.SUMMARY)
        text = text.replace("{path_leaks}", PATH_LEAKS.format(subject=cls.PATH_LEAK_SUBJECT))
        if not re.search(r"^## Fix safety\s*$", text, re.MULTILINE):
            text += "\n\n## Fix safety\n\n" + ALL_FIXES_SAFE
        return text

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Every finding for one file, in match order."""
        for captures in self._matches(ctx.src):
            yield from self.check(captures, ctx)

    def _matches(self, src: SourceFile) -> Iterator[dict[str, list[Node]]]:
        if not self.ANCHORS:
            for _, captures in QueryCursor(self.query()).matches(src.root):
                yield captures
            return
        # Query only the lines holding an anchor: tree-sitter then skips the rest of the tree.
        seen: set[tuple] = set()
        for start, end in _anchor_lines(src.data, self.ANCHORS):
            cursor = QueryCursor(self.query())
            cursor.set_byte_range(start, end)
            for _, captures in cursor.matches(src.root):
                key = tuple(sorted((name, tuple(n.id for n in nodes)) for name, nodes in captures.items()))
                if key not in seen:
                    seen.add(key)
                    yield captures

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError


def _anchor_lines(data: bytes, anchors: tuple[bytes, ...]) -> list[tuple[int, int]]:
    """Byte ranges of the distinct lines holding an anchor, in order."""
    pattern = re.compile(b"|".join(re.escape(a) for a in anchors))
    lines: list[tuple[int, int]] = []
    for match in pattern.finditer(data):
        start = data.rfind(b"\n", 0, match.start()) + 1
        if lines and lines[-1][0] == start:
            continue
        end = data.find(b"\n", match.end())
        lines.append((start, len(data) if end < 0 else end))
    return lines


# A rule class, or a reference naming it (gofixleak.rule_ref): both carry ID, PREFILTER,
# PATTERNS, TEST_FILES, WANTS_PARSES, OWN_TEST, OPENER_TYPES and `wants`.
Rule = Union[type[Codemod], "RuleRef"]


def wanting(codemods: Sequence[Rule], data: bytes, path: str = "") -> list[Rule]:
    """The codemods (classes, or references to them) whose trigger text occurs in `data`,
    found in one pass over the bytes (asking each in turn scans a file once per token), in
    the order given; with the file's `path`, also those whose resource a function of its
    package returns, when the file calls it (opener_index)."""
    test_file = path.endswith("_test.go")
    present = set(_trigger_pattern(tuple(codemods)).findall(data))
    # A token inside a longer one that matched there was consumed with it: it occurs too.
    present |= {t for c in codemods for t in c.PREFILTER if any(t in found for found in present)}
    triggered = [c for c in codemods if (c.TEST_FILES or not test_file)
                 and (not c.PREFILTER or any(token in present for token in c.PREFILTER))
                 and matches_patterns(c.PATTERNS, data)]
    # A rule's own test, if it has one; those that parse go last, and only when needed.
    plain = {c for c in triggered if not c.WANTS_PARSES and (not c.OWN_TEST or c.wants(data))}
    parsing = {c for c in triggered if c.WANTS_PARSES and (plain or c.wants(data))}
    return opener_index.with_callers(codemods, [c for c in triggered if c in plain or c in parsing], data, path)


def matches_patterns(patterns: tuple[bytes, ...], data: bytes) -> bool:
    return not patterns or any(_compiled(p).search(data) is not None for p in patterns)


@functools.lru_cache(maxsize=64)
def _compiled(pattern: bytes) -> re.Pattern[bytes]:
    return re.compile(pattern)


@functools.lru_cache(maxsize=16)
def _trigger_pattern(codemods: tuple[Rule, ...]) -> re.Pattern[bytes]:
    tokens = {t for c in codemods for t in c.PREFILTER}
    return re.compile(_trie(sorted(tokens)) if tokens else b"(?!)")


def _trie(words: list[bytes]) -> bytes:
    """One regex alternation for `words`, factored on shared prefixes (`.Open(` and `.Get(`
    share the branch of the dot): the engine then tests each position against a few
    branches, not every word. Longer words win where one is a prefix of another."""
    branches: dict[bytes, list[bytes]] = {}
    ends = False
    for word in words:
        if word:
            branches.setdefault(word[:1], []).append(word[1:])
        else:
            ends = True
    if not branches:
        return b""
    parts = [re.escape(head) + _trie(rest) for head, rest in branches.items()]
    body = parts[0] if len(parts) == 1 and not ends else b"(?:" + b"|".join(parts) + b")"
    return body + b"?" if ends else body
