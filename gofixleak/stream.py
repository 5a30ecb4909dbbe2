"""Handle each file's result as it arrives (write it, diff it) and keep only what the
report needs, so memory does not grow with the number of files scanned."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .model import FileResult, ReportedFinding
from .patch import checked_diff
from .runner import repository_path, write_back


@dataclass(frozen=True, slots=True)
class Outcome:
    """A FileResult without the file's text (what `report.build` and the notes read).
    `original` is kept only when asked, for files with findings (SARIF needs it)."""

    path: str
    findings: tuple[ReportedFinding, ...]
    error: str
    syntax_error: str
    notes: tuple[str, ...]
    changed: bool
    original: bytes = b""


_NOTHING = Outcome("", (), "", "", (), False)


class Sink:
    """Takes results in file order. `show_diff`, when given, receives each file's diff
    at once; the patch, when wanted, is gathered (changed files only)."""

    def __init__(self, *, write: bool, patch: bool, show_diff: Callable[[bytes], None] | None, keep_sources: bool) -> None:
        self._write, self._patch, self._show_diff, self._keep = write, patch, show_diff, keep_sources
        self.outcomes: list[Outcome] = []
        self.write_errors: list[str] = []
        self.written: set[str] = set()
        self.patch_parts: list[bytes] = []
        self.patch_paths: list[str] = []
        self.patch_error = ""

    def take(self, file: Path, result: FileResult) -> None:
        """Raises ValueError when a diff for the output would be wrong (a bug)."""
        if result.changed and not result.error:
            if self._write:
                errors = write_back([file], [result])
                self.write_errors.extend(errors)
                if not errors:
                    self.written.add(result.path)
            if self._patch and not self.patch_error:
                path = repository_path(file)
                try:
                    self.patch_parts.append(checked_diff(path, result.original, result.fixed, result.changes or None))
                    self.patch_paths.append(path)
                except ValueError as exc:
                    self.patch_error = str(exc)
            if self._show_diff is not None:
                self._show_diff(checked_diff(result.path, result.original, result.fixed, result.changes or None))
        if not (result.findings or result.error or result.syntax_error or result.notes or result.changed):
            self.outcomes.append(_NOTHING)  # one shared record: a quiet file costs a list slot
            return
        keep = result.original if self._keep and result.findings else b""
        self.outcomes.append(Outcome(result.path, result.findings, result.error, result.syntax_error,
                                     result.notes, result.changed, keep))
