"""Value types shared by the engine, the codemods and the reporters."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """Ordered so that `finding.severity >= min_severity` filters."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (use info, warning or error)") from None


class Applicability(enum.IntEnum):
    """How far a fix can be trusted, ordered so that `fix.applicability >= required` filters.

    SAFE: the meaning of the program is kept, as proven from the code. UNSAFE: the fix is what
    a maintainer would write, but it relies on something gofixleak cannot see (applied only
    with `--unsafe-fixes`)."""

    UNSAFE = 1
    SAFE = 2

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace the half-open byte range [start, end) of the original text with `new`.

    An insertion has start == end.
    """

    start: int
    end: int
    new: bytes = b""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad edit range {self.start}..{self.end}")

    @classmethod
    def insert(cls, at: int, text: bytes) -> "Edit":
        return cls(at, at, text)

    @classmethod
    def replace(cls, start: int, end: int, text: bytes) -> "Edit":
        return cls(start, end, text)


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of edits that must be applied together or not at all."""

    title: str
    edits: tuple[Edit, ...]
    # New identifiers the fix introduces. Each fix picks names free in the text it saw, so
    # two fixes declaring the same name in the same scope never land in one pass.
    declares: tuple[str, ...] = ()
    applicability: Applicability = Applicability.SAFE
    # Byte range of the top-level declaration the names are fresh in (the names need not be
    # fresh elsewhere); None: the whole file.
    scope: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.edits))
        if not ordered:
            raise ValueError("a fix needs at least one edit")
        for a, b in zip(ordered, ordered[1:]):
            if b.start < a.end:
                raise ValueError(f"fix {self.title!r} has overlapping edits")
        object.__setattr__(self, "edits", ordered)

    @property
    def start(self) -> int:
        return self.edits[0].start

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)


class FixStatus(str, enum.Enum):
    AVAILABLE = "available"  # a fix exists and was not applied (dry run or filtered)
    APPLIED = "applied"
    NONE = "none"  # no fix; `no_fix_reason` says why


@dataclass(frozen=True, slots=True)
class Finding:
    """One leak reported by one codemod in one file.

    Positions are byte offsets into the text the codemod saw; the engine turns them into
    1-based lines and byte columns of the original file when it reports.
    """

    rule: str
    start: int
    end: int
    message: str
    severity: Severity = Severity.WARNING
    fix: Fix | None = None
    no_fix_reason: str = ""


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based byte column


@dataclass(frozen=True, slots=True)
class ReportedFinding:
    """A finding placed in the original file, as the reporters show it."""

    rule: str
    path: str
    start: Position
    end: Position
    severity: Severity
    message: str
    fix: FixStatus
    no_fix_reason: str = ""
    applicability: Applicability = Applicability.SAFE  # of the fix, when there is one
    fix_title: str = ""
    # When the fix was applied: the replacements of the original text that carry it out
    # (together, those of every finding of the file give the fixed text).
    replacements: tuple[Edit, ...] = ()

    def sort_key(self) -> tuple:
        return (self.path, self.start.line, self.start.column, self.rule, self.message)


@dataclass(frozen=True, slots=True)
class FileResult:
    """What processing one file produced. `error` set means the file was left alone."""

    path: str
    original: bytes
    fixed: bytes
    findings: tuple[ReportedFinding, ...] = ()
    error: str = ""
    notes: tuple[str, ...] = field(default=())
    # For dry runs: (text with the safe fixes only, text with unsafe fixes too) when they differ.
    unsafe_split: tuple[bytes, bytes] | None = None
    # Edits of `original` that give `fixed` (what the diff is built from); () if unknown.
    changes: tuple[Edit, ...] = ()
    # Set when the file does not fully parse: only its functions without errors were
    # analysed and fixed (reported as an error, but `fixed` may differ from `original`).
    syntax_error: str = ""
    # What the result cache learned about the file (tree_index.Facts); None outside it.
    cache_facts: tuple | None = None
    # Set when the texts were dropped from the result of a file that changes (a run that
    # neither writes, nor diffs, nor patches only counts such files).
    changed_without_text: bool = False

    @property
    def changed(self) -> bool:
        return self.changed_without_text or self.fixed != self.original
