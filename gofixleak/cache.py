"""A per-file cache of results: a rerun over unchanged files only hashes them.

An entry is keyed by a hash of everything the result depends on: the file's path and bytes,
the Go version its go.mod gives, the tool (version and its own source files), the rules and
every option that changes results. What else the analysis read (other files of the package,
directory listings) is recorded in the entry with the hash of each file, and checked when it
is loaded, so a file whose analysis read nothing else costs one hash. Entries are JSON,
never code: one that is corrupt, truncated or written for another key is ignored (and
rewritten). Writes go to a temporary file renamed into place, so concurrent runs never see
half an entry.

The directory is the user cache directory (`platformdirs`), or `$GOFIXLEAK_CACHE_DIR`."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .analysis import siblings
from .model import Applicability, Edit, FileResult, FixStatus, Position, ReportedFinding, Severity

ENV_DIR = "GOFIXLEAK_CACHE_DIR"
_FORMAT = 2


def cache_dir() -> Path:
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir  # only when the cache is used

    return Path(user_cache_dir("gofixleak", appauthor=False))


def clean(directory: Path | None = None) -> Path:
    """Remove every entry; returns the directory that was cleaned."""
    directory = directory or cache_dir()
    shutil.rmtree(directory, ignore_errors=True)
    return directory


_TOOL: str | None = None
# What this run saw of the files and directories cache entries depend on. A run is one
# snapshot of the tree: each is read once however many entries name it, and forgotten
# when the next run of the process starts (an editor or a test may run several).
_FILE_HASHES: dict[str, str] = {}
_LISTINGS: dict[str, list[str] | None] = {}


def _tool_fingerprint() -> str:
    """The version plus the size and time of every source file of the tool, so that an
    edited checkout never reads results of the code before the edit."""
    global _TOOL
    if _TOOL is None:
        digest = hashlib.blake2b(__version__.encode(), digest_size=16)
        root = Path(__file__).resolve().parent.parent
        for package in ("gofixleak", "gofixleak/analysis", "codemods"):
            try:
                entries = sorted(os.scandir(root / package), key=lambda e: e.name)
            except OSError:  # laid out some other way: the version alone must do
                continue
            for entry in entries:
                if entry.name.endswith((".py", ".scm")):
                    stat = entry.stat()
                    digest.update(f"{package}/{entry.name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
        _TOOL = digest.hexdigest()
    return _TOOL


_INDEX = None  # a tree_index.TreeIndex whose unchanged files need no reading


def start_run(index) -> None:
    """Begin a run: forget what earlier runs saw, and take the digests of files `index`
    (a tree_index.TreeIndex) shows unchanged instead of reading them."""
    global _INDEX
    _INDEX = index
    _FILE_HASHES.clear()
    _LISTINGS.clear()


def _file_hash(path: str) -> str:
    """`siblings.digest` of a file's bytes, taken once per run."""
    found = _FILE_HASHES.get(path)
    if found is None:
        found = _FILE_HASHES[path] = _hash_now(path)
    return found


def _hash_now(path: str) -> str:
    if _INDEX is not None:
        known = _INDEX.unchanged_digest(*os.path.split(os.path.abspath(path)))
        if known is not None:
            return known[0]
    try:
        with open(path, "rb") as handle:
            return siblings.digest(handle.read())
    except OSError:
        return "unreadable"


def key(path: str, data_digest: str, go_version: str, rules: Sequence[str], options: str) -> str:
    """The entry name for one file's analysis (at the absolute `path`), from the digest of its bytes
    (`siblings.digest`). What else the analysis read (other files of the package, directory
    listings) is checked when the entry is loaded."""
    digest = _run_prefix(tuple(rules), options).copy()
    for part in (path, go_version, data_digest):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


_PREFIXES: dict[tuple[tuple[str, ...], str], object] = {}


def _run_prefix(rules: tuple[str, ...], options: str):
    """The hash of what the keys of a run share: the format, the tool, the rules and the
    options (hashed once, not once per file)."""
    found = _PREFIXES.get((rules, options))
    if found is None:
        if len(_PREFIXES) > 16:
            _PREFIXES.clear()
        found = hashlib.blake2b(digest_size=20)
        for part in (f"gofixleak-cache {_FORMAT}", _tool_fingerprint(), ",".join(rules), options):
            found.update(part.encode() + b"\0")
        _PREFIXES[(rules, options)] = found
    return found


def _still_true(reads: dict) -> bool:
    """True when every file the analysis read still has the same bytes, and every directory
    listing it asked for is the same."""
    for path, expected in reads["files"].items():
        if _file_hash(str(path)) != (expected or "unreadable"):
            return False
    return all(_listing(str(path)) == listing for path, listing in reads["listings"].items())


def _listing(path: str) -> list[str] | None:
    """`siblings.beside`, asked once per file and run."""
    if path not in _LISTINGS:
        _LISTINGS[path] = siblings.beside(path)
    return _LISTINGS[path]


def _entry_path(directory: Path, name: str) -> Path:
    return Path(os.path.join(directory, f"v{_FORMAT}", name[:2], f"{name}.json"))


def load(directory: Path, name: str, display: str, data: bytes) -> tuple[FileResult, dict] | None:
    """The cached result for `name`, placed at `display`, with what its analysis read
    (`siblings.stop_recording`); None on a miss or a bad entry."""
    try:
        with open(os.path.join(directory, f"v{_FORMAT}", name[:2], f"{name}.json"), "rb") as handle:
            text = handle.read()
        entry = json.loads(text)
        if entry.get("key") != name or entry.get("format") != _FORMAT or not _still_true(entry["reads"]):
            return None
        result = _decode(entry, display, data)
        return None if result is None else (result, entry["reads"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None


def store(directory: Path, name: str, result: FileResult, reads: dict) -> None:
    """Save `result` under `name` with what the analysis read (`siblings.stop_recording`),
    atomically; a failure to write is ignored (it is a cache)."""
    target = _entry_path(directory, name)
    text = json.dumps({"format": _FORMAT, "key": name, "reads": reads, **_encode(result)},
                      separators=(",", ":")).encode()
    temporary = f"{target}.{os.getpid()}.tmp"  # one writer per process and entry
    try:
        if str(target.parent) not in _MADE:
            target.parent.mkdir(parents=True, exist_ok=True)
            _MADE.add(str(target.parent))
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(text)
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        _MADE.discard(str(target.parent))


_MADE: set[str] = set()  # entry directories known to exist


def _encode(result: FileResult) -> dict:
    return {
        "findings": [
            [f.rule, f.start.line, f.start.column, f.end.line, f.end.column, int(f.severity), f.message, f.fix.value,
             f.no_fix_reason, int(f.applicability), f.fix_title, _edits(f.replacements)]
            for f in result.findings
        ],
        "unsafe_split": [_b64(t) for t in result.unsafe_split] if result.unsafe_split else None,
        "notes": list(result.notes),
        "syntax_error": result.syntax_error,
        "changes": _edits(result.changes),
        "changed": result.changed,
    }


def _decode(entry: dict, display: str, data: bytes) -> FileResult | None:
    findings = tuple(
        ReportedFinding(rule=str(rule), path=display, start=Position(int(l1), int(c1)), end=Position(int(l2), int(c2)),
                        severity=Severity(severity), message=str(message), fix=FixStatus(fix), no_fix_reason=str(reason),
                        applicability=Applicability(applicability), fix_title=str(title), replacements=_unedits(replacements))
        for rule, l1, c1, l2, c2, severity, message, fix, reason, applicability, title, replacements in entry["findings"]
    )
    changes = _unedits(entry["changes"])
    split = entry["unsafe_split"]
    unsafe_split = (base64.b64decode(split[0], validate=True), base64.b64decode(split[1], validate=True)) if split else None
    fixed, cursor = [], 0
    for edit in changes:
        if edit.start < cursor or edit.end > len(data):
            return None
        fixed += [data[cursor : edit.start], edit.new]
        cursor = edit.end
    fixed.append(data[cursor:])
    result = FileResult(display, data, b"".join(fixed), findings, notes=tuple(map(str, entry["notes"])),
                        changes=changes, syntax_error=str(entry["syntax_error"]), unsafe_split=unsafe_split)
    return result if result.changed == bool(entry["changed"]) else None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _edits(edits) -> list:
    return [[e.start, e.end, _b64(e.new)] for e in edits]


def _unedits(rows) -> tuple[Edit, ...]:
    return tuple(Edit(int(s), int(e), base64.b64decode(new, validate=True)) for s, e, new in rows)
