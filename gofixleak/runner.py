"""Run the engine over many files, in parallel when it pays, and write results back."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from codemods import by_id

from .changed_lines import ChangedLines
from .engine import Settings, fix_file
from .gomod import file_version, version_for_file
from .model import FileResult
from .pool import parallel_map
from .source import is_build_ignored
from .unsafe_preview import with_unsafe_split
from .writer import StaleFileError, write_atomic

_BUILD_IGNORED_NOTE = "skipped: marked `//go:build ignore`, so the go tool leaves it out (name the file to analyse it)"

# Below this many files a process pool costs more than it saves.
_PARALLEL_THRESHOLD = 48


@dataclass(frozen=True)
class Job:
    path: str  # as found on disk
    display: str  # relative to the working directory, POSIX
    rules: tuple[str, ...]
    settings: Settings
    go_override: tuple[int, int] | None
    scope: ChangedLines | None = None  # only findings touching these lines
    # True for a file found by walking a directory (not named): skipped if build-ignored.
    walked: bool = False


def display_path(path: Path) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def repository_path(path: Path) -> str:
    """`path` relative to the root of the git work tree holding it (where `git apply` reads
    patch paths from), or outside any work tree to the working directory. Raises ValueError
    for a file outside both: a patch path never climbs out with `..`."""
    resolved = path.resolve()
    for directory in resolved.parents:
        if (directory / ".git").exists():
            return resolved.relative_to(directory).as_posix()
    relative = Path(os.path.relpath(resolved))
    if ".." in relative.parts:
        raise ValueError(
            f"{display_path(path)}: outside the working directory and any git work tree, so no patch"
            " path can name it; run gofixleak from a directory that holds it"
        )
    return relative.as_posix()


def process(job: Job) -> FileResult:
    """One file, start to end; I/O errors become a FileResult with `error` set."""
    registry = by_id()
    codemods = [registry[rule]() for rule in job.rules]
    try:
        data = Path(job.path).read_bytes()
    except OSError as exc:
        return FileResult(job.display, b"", b"", error=f"cannot read: {exc.strerror or exc}")
    if job.walked and is_build_ignored(data):
        return FileResult(job.display, data, data, notes=(_BUILD_IGNORED_NOTE,))
    active = [codemod for codemod in codemods if codemod.wants(data)]
    if not active:
        # No rule's trigger text occurs: nothing can be found, so skip the parse.
        return FileResult(job.display, data, data)
    go_version = file_version(data, version_for_file(Path(job.path), job.go_override))
    result = fix_file(job.display, data, active, job.settings, go_version, job.scope)
    if job.settings.preview_unsafe:
        result = with_unsafe_split(result, active, job.settings, go_version, job.scope)
    return result


def run(
    files: Sequence[Path],
    rules: Sequence[str],
    settings: Settings,
    go_override: tuple[int, int] | None = None,
    jobs: int = 0,
    per_file: Callable[[Path], tuple[Sequence[str], ChangedLines | None]] | None = None,
    on_done: Callable[[FileResult], None] | None = None,
    named: Collection[Path] | None = None,
) -> list[FileResult]:
    """Results in the order of `files` (callers pass them sorted). `per_file` narrows the
    rules and the lines in scope for each file; `on_done` hears of each result in order.
    When `named` is given, the other files were found by a walk, and those marked
    `//go:build ignore` are skipped."""
    work = []
    for f in files:
        file_rules, scope = per_file(f) if per_file is not None else (rules, None)
        work.append(Job(str(f), display_path(f), tuple(file_rules), settings, go_override, scope,
                        walked=named is not None and f not in named))
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(work) < _PARALLEL_THRESHOLD:
        return [_heard(process(job), on_done) for job in work]
    return [_heard(result, on_done) for result in parallel_map(process, work, workers, chunksize=32)]


def _heard(result: FileResult, on_done: Callable[[FileResult], None] | None) -> FileResult:
    if on_done is not None:
        on_done(result)
    return result


def write_back(
    files: Sequence[Path],
    results: Sequence[FileResult],
    stop: Callable[[], bool] = lambda: False,
    on_written: Callable[[str], None] = lambda path: None,
) -> list[str]:
    """Write every changed result over its file; returns one error message per failure.
    `stop` is asked before each file: once it says so, the rest are left unwritten.
    `on_written` gets the display path of each file written."""
    errors = []
    for path, result in zip(files, results):
        if result.error or not result.changed:
            continue
        if stop():
            break
        try:
            write_atomic(path, result.original, result.fixed)
            on_written(result.path)
        except StaleFileError:
            # Named by the display path, as the findings are: the CLI matches them up.
            errors.append(f"{result.path}: changed since it was read; not written")
        except OSError as exc:
            errors.append(f"{result.path}: cannot write: {exc.strerror or exc}")
    return errors
