"""Plain values for triage evidence: frames, goroutines, profile samples."""

from __future__ import annotations

from dataclasses import dataclass


class TriageError(Exception):
    """Evidence that cannot be read or used; the message is shown as is (exit status 2)."""


@dataclass(frozen=True, slots=True)
class Frame:
    """One stack frame as the runtime printed or recorded it."""

    function: str  # "main.lookup.func1", "net/http.(*conn).serve"; "" for a cgo frame without a name
    file: str = ""  # as recorded in the binary: module paths, build machine paths
    line: int = 0
    inlined: bool = False

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.file else "?"

    @property
    def package(self) -> str:
        """The import path of the function ("net/http", "main", "example.com/svc")."""
        name = self.function
        slash = name.rfind("/")
        dot = name.find(".", slash + 1)
        return name[:dot] if dot > 0 else name

    @property
    def in_standard_library(self) -> bool:
        first = self.package.split("/", 1)[0]
        return bool(first) and "." not in first and first != "main"

    @property
    def in_runtime(self) -> bool:
        return self.package == "runtime"


@dataclass(frozen=True, slots=True)
class Goroutine:
    """One goroutine of a text dump."""

    id: int
    wait_reason: str  # "chan send", "select", "IO wait", "running"...
    frames: tuple[Frame, ...]
    wait_minutes: int = 0
    leaked: bool = False  # the runtime's leak detector marked it "(leaked)"
    created_by: Frame | None = None
    creator: int | None = None  # "in goroutine N"
    frames_elided: bool = False
    complete: bool = True  # False for a goroutine cut off by the end of a truncated dump


@dataclass(frozen=True, slots=True)
class GoroutineDump:
    goroutines: tuple[Goroutine, ...]
    truncated: bool = False  # the text stopped in the middle of a goroutine or a line


@dataclass(frozen=True, slots=True)
class Sample:
    """One profile sample: a stack (leaf first) and one value per sample type."""

    frames: tuple[Frame, ...]
    values: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Profile:
    """A decoded pprof profile, reduced to what triage reads."""

    sample_types: tuple[tuple[str, str], ...]  # (type, unit): ("inuse_space", "bytes")
    samples: tuple[Sample, ...]
    period_type: tuple[str, str] = ("", "")

    def index(self, sample_type: str) -> int | None:
        for i, (name, _unit) in enumerate(self.sample_types):
            if name == sample_type:
                return i
        return None

    @property
    def kind(self) -> str:
        """"heap" (heap and allocs), "goroutineleak", "goroutine", or "other" (CPU, mutex...)."""
        names = {name for name, _ in self.sample_types}
        if {"alloc_space", "inuse_space"} & names:
            return "heap"
        if names == {"goroutineleak"}:
            return "goroutineleak"
        if self.period_type[0] == "goroutine" or names == {"goroutine"} or names == {"goroutines"}:
            return "goroutine"
        return "other"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Everything read from one SOURCE."""

    origin: str
    dump: GoroutineDump | None = None
    heap: Profile | None = None
    goroutine_profile: Profile | None = None
    leak_profile: bool = False  # the goroutine evidence came from the runtime's leak detector
    notes: tuple[str, ...] = ()
