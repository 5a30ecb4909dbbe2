"""Output files other than the sources (the `--patch` file), written before any source is."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .model import FileResult
from .patch import check_patch, unified_diff
from .runner import repository_path
from .safety_report import diff_sections, preview_diff


def write_patch(target: Path, files: Sequence[Path], results: Sequence[FileResult], mark_unsafe: bool = False) -> str | None:
    """Write every change in `results` to `target` as one git patch. Returns None, or an
    error message starting with `target` when the patch cannot be made or written (then
    `target` is not created, or holds whatever the failed write left). `mark_unsafe`: a
    file's unsafe fixes go in a second diff of it, their hunks marked (see preview_diff)."""
    try:
        changed = [(repository_path(f), r) for f, r in zip(files, results) if r.changed and not r.error]
        if mark_unsafe:
            diff = b"".join(preview_diff(r, path) for path, r in changed)
            check_patch(diff, [path for path, r in changed for _ in range(diff_sections(r))])
        else:
            diff = b"".join(unified_diff(path, r.original, r.fixed) for path, r in changed)
            check_patch(diff, [path for path, _ in changed])
    except ValueError as exc:
        return f"{target}: patch not written: {exc}"
    try:
        target.write_bytes(diff)
    except OSError as exc:
        return f"{target}: cannot write patch: {exc.strerror or exc}"
    return None
