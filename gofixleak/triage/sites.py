"""Map runtime frames to files under the scanned paths, and frames to static findings.

Frames carry the path the binary was built from (a CI checkout, a module cache, another
OS), so a frame maps to the scanned file sharing the longest run of trailing path
components with it; a tie leaves the frame unmapped rather than guessing.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import FileResult, ReportedFinding
from ..source import parse
from .model import Frame

_FUNCTION_NODES = {"function_declaration", "method_declaration"}


@dataclass(frozen=True, slots=True)
class Location:
    """A frame placed in the scanned tree."""

    path: str  # display path, as the scan reports findings
    line: int


@dataclass(frozen=True, slots=True)
class Match:
    finding: ReportedFinding
    how: str  # "line": the frame is on the finding; "function": same top-level function


def _components(path: str) -> tuple[str, ...]:
    return tuple(part for part in path.replace("\\", "/").split("/") if part)


class SourceIndex:
    """The scanned files and their findings, looked up by frame."""

    def __init__(self, files: Sequence[Path], results: Sequence[FileResult]) -> None:
        self._by_name: dict[str, list[tuple[tuple[str, ...], FileResult]]] = defaultdict(list)
        for file, result in zip(files, results):
            parts = _components(file.resolve().as_posix())
            self._by_name[parts[-1]].append((parts, result))
        self._results = {result.path: result for result in results}
        self._located: dict[tuple[str, int], Location | None] = {}

    def locate(self, frame: Frame) -> Location | None:
        """The scanned file `frame` is in, by longest common path suffix; None when no file
        or several files match equally well."""
        key = (frame.file, frame.line)
        if key not in self._located:
            self._located[key] = self._locate(frame)
        return self._located[key]

    def _locate(self, frame: Frame) -> Location | None:
        if not frame.file or frame.line <= 0:
            return None
        wanted = _components(frame.file)
        if not wanted:
            return None
        scored = []
        for parts, result in self._by_name.get(wanted[-1], ()):
            common = 0
            while common < min(len(parts), len(wanted)) and parts[-1 - common] == wanted[-1 - common]:
                common += 1
            scored.append((common, result.path))
        if not scored:
            return None
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            return None
        return Location(scored[0][1], frame.line)

    def matches(self, location: Location, rules: Iterable[str] = ()) -> list[Match]:
        """Findings on `location`'s line, else findings of `rules` in the same top-level
        function (a blocked send sits two lines below the `make` the finding is on)."""
        result = self._results.get(location.path)
        if result is None:
            return []
        on_line = [f for f in result.findings if f.start.line <= location.line <= f.end.line]
        if on_line:
            return [Match(f, "line") for f in on_line]
        wanted = set(rules)
        span = _function_span(result.original, location.line) if wanted else None
        if span is None:
            return []
        return [
            Match(f, "function")
            for f in result.findings
            if f.rule in wanted and span[0] <= f.start.line <= span[1]
        ]


@functools.lru_cache(maxsize=256)
def _function_spans(data: bytes) -> tuple[tuple[int, int], ...]:
    tree = parse(data)
    return tuple(
        (node.start_point[0] + 1, node.end_point[0] + 1)
        for node in tree.root_node.children
        if node.type in _FUNCTION_NODES
    )


def _function_span(data: bytes, line: int) -> tuple[int, int] | None:
    for start, end in _function_spans(data):
        if start <= line <= end:
            return start, end
    return None
