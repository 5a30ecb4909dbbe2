"""Run the engine over many files, in parallel when it pays, and write results back."""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import NamedTuple
from pathlib import Path

from codemods import ref

from .analysis import opener_index
from .changed_lines import ChangedLines
from .codemod import wanting
from .engine import Settings, fix_file
from . import gomod
from .gomod import file_version, version_for_directory, version_for_file
from .model import FileResult
from . import realdir
from .realdir import DIRECTORIES_KEPT
from .source import is_build_ignored
from .unsafe_preview import with_unsafe_split
from . import heap, tree_index
from .writer import StaleFileError, write_atomic

_BUILD_IGNORED_NOTE = "skipped: marked `//go:build ignore`, so the go tool leaves it out (name the file to analyse it)"

# Below this many files a process pool costs more than it saves.
_PARALLEL_THRESHOLD = 48


class Job(NamedTuple):  # a tuple: one is made and sent to a worker per file
    path: str  # as found on disk
    display: str  # relative to the working directory, POSIX
    rules: tuple[str, ...]
    settings: Settings
    go_override: tuple[int, int] | None
    scope: ChangedLines | None = None  # only findings touching these lines
    # True for a file found by walking a directory (not named): skipped if build-ignored.
    walked: bool = False
    cache: str = ""  # result cache directory; "" when off


def display_path(path: Path | str) -> str:
    directory, name = os.path.split(os.fspath(path))
    relative = _relative_directory(directory, os.getcwd())
    if relative is None:  # another drive on Windows
        return Path(path).as_posix()
    return name if relative == "." else f"{relative}/{name}"


@functools.lru_cache(maxsize=DIRECTORIES_KEPT)
def _relative_directory(directory: str, cwd: str) -> str | None:
    """One relpath per directory, not per file."""
    try:
        return os.path.relpath(directory or ".", cwd).replace(os.sep, "/")
    except ValueError:
        return None


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
    cached = bool(job.cache) and job.scope is None  # changed-line scopes are not part of a cache key
    stat = tree_index.stat_fields(job.path) if cached else None  # before the read: a later write shows
    try:
        data = Path(job.path).read_bytes()
    except OSError as exc:
        return FileResult(job.display, b"", b"", error=f"cannot read: {exc.strerror or exc}")
    if job.walked and is_build_ignored(data):
        return _build_ignored(job, data, stat)
    with heap.collector_paused():
        result = cached_analysis(job, data, stat) if cached else analysis(job, data)
    heap.analysed(len(data))
    if not result.changed and not result.findings:
        # Nothing to write, diff or quote: do not carry the text around (memory, pickling).
        return dataclasses.replace(result, original=b"", fixed=b"")
    return result


def analysis(job: Job, data: bytes) -> FileResult:
    active = [rule.load()() for rule in wanting([ref(r) for r in job.rules], data, job.path)]
    if not active:
        # No rule's trigger text occurs: nothing can be found, so skip the parse.
        return FileResult(job.display, b"", b"")
    go_version = file_version(data, version_for_file(Path(job.path), job.go_override))
    result = fix_file(job.display, data, active, job.settings, go_version, job.scope)
    if job.settings.preview_unsafe:
        result = with_unsafe_split(result, active, job.settings, go_version, job.scope)
    return result


def _build_ignored(job: Job, data: bytes, stat: tuple | None) -> FileResult:
    """The result of a walked file the go tool leaves out. Its bytes alone decide that, so
    the tree index can record it and a rerun skip the file without reading it."""
    facts = None
    if stat is not None:
        from .analysis import siblings

        facts = tree_index.Facts(stat[0], stat[1], siblings.digest(data), tree_index.BUILD_IGNORED)
    return FileResult(job.display, data, data, notes=(_BUILD_IGNORED_NOTE,), cache_facts=facts)


def cache_key(job: Job, data_digest: str, openers: str, *, not_a_link: bool = False) -> str:
    """The result cache's key for `job`, the digest of its bytes and the signature of what
    its package's functions return (`opener_signature`). The file's own version lines are
    in its bytes, so the module's version is all the key needs; it is worked out once per
    directory, unless the file is a symbolic link (its target's go.mod governs).
    `not_a_link`: the caller knows it is none."""
    from . import cache

    if not_a_link or not os.path.islink(job.path):
        directory, name = os.path.split(job.path)
        absolute_directory, version = _directory_facts(directory, job.go_override, os.getcwd())
        path = os.path.join(absolute_directory, name)
    else:
        path, version = os.path.abspath(job.path), repr(version_for_file(job.path, job.go_override))
    return cache.key(path, data_digest, version, job.rules, _options_text(job.settings) + openers)


def opener_signature(job: Job) -> tree_index.DirectoryFacts | None:
    """The signature of what the functions of the file's directory return of the types its
    rules follow (opener_index), with the state of the directory it was read from; None
    when no rule follows package openers. It reads the directory's files (once a run)."""
    types_text, types = _opener_types(job.rules)
    if not types:
        return None
    directory = os.path.dirname(absolute(job.path))
    found = opener_index.signature(directory, types)
    if found is None:
        return tree_index.DirectoryFacts(directory, types_text, "", 0, 0, "unlisted")
    return tree_index.DirectoryFacts(directory, types_text, found.state, found.state_time_ns, found.latest_change_ns,
                                     found.text)


@functools.lru_cache(maxsize=16)
def _opener_types(rules: tuple[str, ...]) -> tuple[str, frozenset[tuple[str, str]]]:
    """(as text, as a set) the result types `rules` follow through package openers."""
    types = frozenset(t for rule in rules for t in ref(rule).OPENER_TYPES)
    return repr(sorted(types)), types


_OPTIONS_TEXT: dict[int, tuple[Settings, str]] = {}


def _options_text(settings: Settings) -> str:
    """Every setting that changes results, as text for cache keys; made once per Settings."""
    found = _OPTIONS_TEXT.get(id(settings))
    if found is None or found[0] is not settings:
        text = repr((settings.min_severity, sorted(settings.options.items()), settings.applicability,
                     settings.preview_unsafe, sorted(settings.safe_rules), sorted(settings.unsafe_rules)))
        found = _OPTIONS_TEXT[id(settings)] = (settings, text)
    return found[1]


@functools.lru_cache(maxsize=DIRECTORIES_KEPT)
def _directory_facts(directory: str, go_override: tuple[int, int] | None, cwd: str) -> tuple[str, str]:
    """(absolute directory, the Go version text of cache keys) for files of `directory`."""
    return _absolute_directory(directory, cwd), repr(version_for_directory(directory, go_override))


def absolute(path: str) -> str:
    """`os.path.abspath`, with one call per directory rather than per file."""
    directory, name = os.path.split(path)
    return os.path.join(_absolute_directory(directory, os.getcwd()), name)


@functools.lru_cache(maxsize=DIRECTORIES_KEPT)
def _absolute_directory(directory: str, cwd: str) -> str:
    return os.path.abspath(os.path.join(cwd, directory))


def cached_analysis(job: Job, data: bytes, stat: tuple | None = None) -> FileResult:
    """`analysis` through the result cache (looked up first: a hit skips even the
    search for trigger text). `stat`: the file's `tree_index.stat_fields` read before
    `data`, for the tree index."""
    from . import cache
    from .analysis import siblings

    data_digest = siblings.digest(data)
    directory = opener_signature(job)
    name = cache_key(job, data_digest, directory.signature if directory is not None else "")
    hit = cache.load(Path(job.cache), name, job.display, data)
    if hit is not None:
        result, reads = hit
    else:
        siblings.start_recording()
        try:
            result = analysis(job, data)
        finally:
            reads = siblings.stop_recording()
        cache.store(Path(job.cache), name, result, reads)
    if stat is not None:
        empty = not result.findings and not result.changed and not result.notes and not result.syntax_error \
            and not reads["files"] and not reads["listings"]
        usable = directory is not None and directory.state != ""
        # A file a walk would skip is marked so whoever asked: a walk must not take the
        # findings of a run that named it.
        mark = tree_index.BUILD_IGNORED if is_build_ignored(data) else name if empty else ""
        facts = tree_index.Facts(stat[0], stat[1], data_digest, mark, directory if usable else None)
        result = dataclasses.replace(result, cache_facts=facts)
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
    share_quiet: bool = False,
    texts: str = "all",
) -> list[FileResult]:
    """Results in the order of `files` (callers pass them sorted). `per_file` narrows the
    rules and the lines in scope for each file; `on_done` hears of each result in order.
    When `named` is given, the other files were found by a walk, and those marked
    `//go:build ignore` are skipped. `share_quiet`: every file with nothing to report or
    change gets the one result NOTHING (its path is ""), so that the list does not grow by
    a result per file of the tree. `texts`: which results keep the file's text, "all",
    "changed" (to write, diff or patch; only SARIF output quotes a file without changes) or
    "none" (a run that only reports and counts)."""
    results = (_heard(result, on_done) for result in iter_results(files, rules, settings, go_override, jobs,
                                                                   cache=cache, per_file=per_file, named=named))
    if texts != "all":
        results = (_without_texts(result, keep_changed=texts == "changed") for result in results)
    return [_kept(result) for result in results] if share_quiet else list(results)


def _without_texts(result: FileResult, keep_changed: bool) -> FileResult:
    if not (result.original or result.fixed) or (keep_changed and (result.changed or result.unsafe_split)):
        return result
    return dataclasses.replace(result, original=b"", fixed=b"", unsafe_split=None, changed_without_text=result.changed)


NOTHING = FileResult("", b"", b"")


def _kept(result: FileResult) -> FileResult:
    quiet = not (result.findings or result.error or result.notes or result.syntax_error or result.unsafe_split
                 or result.changes or result.original or result.fixed)
    return NOTHING if quiet else result


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
    rule_tuple = tuple(rules)
    named_texts = None if named is None else {os.fspath(p) for p in named}
    # This run's view of the tree, not an earlier run's of this process.
    opener_index.forget()
    realdir.forget()
    gomod.forget()
    _directory_facts.cache_clear()  # holds go.mod's version

    def job(text: str) -> Job:
        file_rules, scope = per_file(Path(text)) if per_file is not None else (rule_tuple, None)
        return Job(text, display_path(text), file_rules if isinstance(file_rules, tuple) else tuple(file_rules),
                   settings, go_override, scope, walked=named_texts is not None and text not in named_texts, cache=cache)

    workers = jobs or os.cpu_count() or 1
    if not cache:  # jobs made as the workers ask: a list of them would grow with the tree
        if workers <= 1 or len(files) < _PARALLEL_THRESHOLD:
            yield from map(process, map(job, _texts(files)))
        else:
            from .pool import parallel_map  # multiprocessing: only a run over many files pays for it

            yield from parallel_map(process, map(job, _texts(files)), workers, chunksize=_chunk(len(files), workers))
        return
    yield from _through_cache(list(map(job, _texts(files))), tree_index.TreeIndex(cache), workers)


def _texts(files: Sequence[Path]) -> Iterator[str]:
    """The paths as text, without a Path object per file where the list keeps them as text."""
    texts = getattr(files, "texts", None)
    return texts() if texts is not None else map(os.fspath, files)


def _chunk(files: int, workers: int) -> int:
    """Files per task: large enough that sending tasks costs little, small enough that
    each worker gets about eight, so none idles long at the end."""
    return max(4, min(96, files // (workers * 8)))


def _through_cache(work: list[Job], index: tree_index.TreeIndex, workers: int) -> Iterator[FileResult]:
    from . import cache as result_cache

    result_cache.start_run(index)
    # Files the tree index shows unchanged: their cached results are looked up here, and
    # an empty one without reading the file.
    known = [_known(j, index) for j in work]
    pending = [j for j, result in zip(work, known) if result is None]
    if workers <= 1 or len(pending) < _PARALLEL_THRESHOLD:
        computed = map(process, pending)
    else:
        from .pool import parallel_map

        computed = parallel_map(process, iter(pending), workers, chunksize=_chunk(len(pending), workers))
    for j, result in zip(work, known):
        if result is None:
            result = next(computed)
            if result.cache_facts is not None:
                index.learn(absolute(j.path), result.cache_facts)
                result = dataclasses.replace(result, cache_facts=None)
        yield result
    for _ in computed:  # none left: lets the pool shut down now
        pass
    index.save()


def _known(job: Job, index: tree_index.TreeIndex) -> FileResult | None:
    """The cached result of a file the tree index shows unchanged since it was hashed
    (an empty one without reading the file); None when it must be processed."""
    if job.scope is not None:
        return None
    from . import cache

    directory, name = os.path.split(job.path)
    absolute_directory = _absolute_directory(directory, os.getcwd())
    recorded = index.unchanged_digest(absolute_directory, name)  # None for a symbolic link
    if recorded is None:
        return None
    digest, empty_key = recorded
    if empty_key == tree_index.BUILD_IGNORED:
        return FileResult(job.display, b"", b"", notes=(_BUILD_IGNORED_NOTE,)) if job.walked else None
    types_text, types = _opener_types(job.rules)
    openers = ""
    if types:  # the signature as recorded, if the directory is as it was; else a worker reads it
        openers = index.unchanged_signature(absolute_directory, types_text)
        if openers is None:
            return None
    key = cache_key(job, digest, openers, not_a_link=True)
    if key == empty_key:
        return FileResult(job.display, b"", b"")
    try:
        data = Path(job.path).read_bytes()
    except OSError:
        return None
    from .analysis import siblings

    if siblings.digest(data) != digest:  # written since the stat: its entry is not for these bytes
        return None
    hit = cache.load(Path(job.cache), key, job.display, data)
    if hit is None:
        return None
    result = hit[0]
    return result if result.changed or result.findings else dataclasses.replace(result, original=b"", fixed=b"")


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
