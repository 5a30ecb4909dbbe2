"""Run the engine over many files, in parallel when it pays, and write results back."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from codemods import by_id

from .changed_lines import ChangedLines
from .codemod import wanting
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
    cache: str = ""  # result cache directory; "" when off


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path).replace(os.sep, "/")
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
    try:
        data = Path(job.path).read_bytes()
    except OSError as exc:
        return FileResult(job.display, b"", b"", error=f"cannot read: {exc.strerror or exc}")
    if job.walked and is_build_ignored(data):
        return FileResult(job.display, data, data, notes=(_BUILD_IGNORED_NOTE,))
    # Changed-line scopes are not part of a cache key: such runs skip the cache.
    result = cached_analysis(job, data) if job.cache and job.scope is None else analysis(job, data)
    if not result.changed and not result.findings:
        # Nothing to write, diff or quote: do not carry the text around (memory, pickling).
        return dataclasses.replace(result, original=b"", fixed=b"")
    return result


def analysis(job: Job, data: bytes) -> FileResult:
    registry = by_id()
    active = [codemod() for codemod in wanting([registry[rule] for rule in job.rules], data, job.path)]
    if not active:
        # No rule's trigger text occurs: nothing can be found, so skip the parse.
        return FileResult(job.display, b"", b"")
    go_version = file_version(data, version_for_file(Path(job.path), job.go_override))
    result = fix_file(job.display, data, active, job.settings, go_version, job.scope)
    if job.settings.preview_unsafe:
        result = with_unsafe_split(result, active, job.settings, go_version, job.scope)
    return result


def cached_analysis(job: Job, data: bytes) -> FileResult:
    """`analysis` through the result cache (looked up first: a hit skips even the
    search for trigger text)."""
    from . import cache
    from .analysis import siblings

    # The file's own version lines are in `data`, so the module's version is all the key needs.
    module_version = version_for_file(Path(job.path), job.go_override)
    options = repr((job.settings.min_severity, sorted(job.settings.options.items()), job.settings.applicability,
                    job.settings.preview_unsafe, sorted(job.settings.safe_rules), sorted(job.settings.unsafe_rules)))
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
    per_file: Callable[[Path], tuple[Sequence[str], ChangedLines | None]] | None = None,
    on_done: Callable[[FileResult], None] | None = None,
    named: Collection[Path] | None = None,
    cache: str = "",
) -> list[FileResult]:
    """Results in the order of `files` (callers pass them sorted). `per_file` narrows the
    rules and the lines in scope for each file; `on_done` hears of each result in order.
    When `named` is given, the other files were found by a walk, and those marked
    `//go:build ignore` are skipped."""
    return [_heard(result, on_done) for result in iter_results(files, rules, settings, go_override, jobs, cache=cache,
                                                               per_file=per_file, named=named)]


def iter_results(
    files: Sequence[Path],
    rules: Sequence[str],
    settings: Settings,
    go_override: tuple[int, int] | None = None,
    jobs: int = 0,
    cache: str = "",
    per_file: Callable[[Path], tuple[Sequence[str], ChangedLines | None]] | None = None,
    named: Collection[Path] | None = None,
) -> Iterator[FileResult]:
    """`run`, one result at a time, so a caller can handle and drop each in turn. A file
    with no finding and no change comes back without its text. `cache`: the result cache
    directory ("" for none)."""
    def job(f: Path) -> Job:
        file_rules, scope = per_file(f) if per_file is not None else (rules, None)
        return Job(str(f), display_path(f), tuple(file_rules), settings, go_override, scope,
                   walked=named is not None and f not in named, cache=cache)

    work = (job(f) for f in files)
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(files) < _PARALLEL_THRESHOLD:
        yield from map(process, work)
        return
    yield from parallel_map(process, work, workers, chunksize=32)


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
