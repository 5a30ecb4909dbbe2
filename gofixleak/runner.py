"""Run the engine over many files, in parallel when it pays, and write results back."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from codemods import by_id

from .engine import Settings, fix_file
from .gomod import file_version, version_for_file
from .model import FileResult
from .writer import StaleFileError, write_atomic

# Below this many files a process pool costs more than it saves.
_PARALLEL_THRESHOLD = 48


@dataclass(frozen=True)
class Job:
    path: str  # as found on disk
    display: str  # relative to the working directory, POSIX
    rules: tuple[str, ...]
    settings: Settings
    go_override: tuple[int, int] | None
    cache: str = ""  # result cache directory; "" when off


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return path.as_posix()


def repository_path(path: Path) -> str:
    """`path` relative to the root of the git work tree holding it (where `git apply` reads
    patch paths from), or its display path outside any work tree."""
    resolved = path.resolve()
    for directory in resolved.parents:
        if (directory / ".git").exists():
            return resolved.relative_to(directory).as_posix()
    return display_path(path)


def process(job: Job) -> FileResult:
    """One file, start to end; I/O errors become a FileResult with `error` set."""
    try:
        data = Path(job.path).read_bytes()
    except OSError as exc:
        return FileResult(job.display, b"", b"", error=f"cannot read: {exc.strerror or exc}")
    result = cached_analysis(job, data) if job.cache else analysis(job, data)
    if not result.changed and not result.findings:
        # Nothing to write, diff or quote: do not carry the text around (memory, pickling).
        return dataclasses.replace(result, original=b"", fixed=b"")
    return result


def analysis(job: Job, data: bytes) -> FileResult:
    registry = by_id()
    active = [codemod() for codemod in (registry[rule] for rule in job.rules) if codemod.wants(data)]
    if not active:
        # No rule's trigger text occurs: nothing can be found, so skip the parse.
        return FileResult(job.display, b"", b"")
    go_version = file_version(data, version_for_file(Path(job.path), job.go_override))
    return fix_file(job.display, data, active, job.settings, go_version)


def cached_analysis(job: Job, data: bytes) -> FileResult:
    """`analysis` through the result cache (looked up first: a hit skips even the
    search for trigger text)."""
    from . import cache
    from .analysis import siblings

    # The file's own version lines are in `data`, so the module's version is all the key needs.
    module_version = version_for_file(Path(job.path), job.go_override)
    options = repr((job.settings.min_severity, sorted(job.settings.options.items())))
    name = cache.key(job.path, data, repr(module_version), job.rules, options)
    result = cache.load(Path(job.cache), name, job.display, data)
    if result is None:
        siblings.start_recording()
        try:
            result = analysis(job, data)
        finally:
            reads = siblings.stop_recording()
        cache.store(Path(job.cache), name, result, reads)
    return result


def run(
    files: Sequence[Path],
    rules: Sequence[str],
    settings: Settings,
    go_override: tuple[int, int] | None = None,
    jobs: int = 0,
) -> list[FileResult]:
    """Results in the order of `files` (callers pass them sorted)."""
    return list(iter_results(files, rules, settings, go_override, jobs))


def iter_results(
    files: Sequence[Path],
    rules: Sequence[str],
    settings: Settings,
    go_override: tuple[int, int] | None = None,
    jobs: int = 0,
    cache: str = "",
) -> Iterator[FileResult]:
    """`run`, one result at a time, so a caller can handle and drop each in turn. A file
    with no finding and no change comes back without its text. `cache`: the result cache
    directory ("" for none)."""
    work = (Job(str(f), display_path(f), tuple(rules), settings, go_override, cache) for f in files)
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(files) < _PARALLEL_THRESHOLD:
        yield from map(process, work)
        return
    from concurrent.futures import ProcessPoolExecutor  # only here: its import is costly

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(process, work, chunksize=32)


def write_back(files: Sequence[Path], results: Sequence[FileResult]) -> list[str]:
    """Write every changed result over its file; returns one error message per failure."""
    errors = []
    for path, result in zip(files, results):
        if result.error or not result.changed:
            continue
        try:
            write_atomic(path, result.original, result.fixed)
        except StaleFileError:
            # Named by the display path, as the findings are: the CLI matches them up.
            errors.append(f"{result.path}: changed since it was read; not written")
        except OSError as exc:
            errors.append(f"{result.path}: cannot write: {exc.strerror or exc}")
    return errors
