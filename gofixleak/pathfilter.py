"""Which files a run leaves out: `exclude` patterns, `.gitignore`, and per-path rule ignores.

Patterns are gitignore-style (`pathspec`), each relative to the directory it was given for:
the configuration file's directory, or the working directory for `--exclude`."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .realdir import DIRECTORIES_KEPT, real_path

if TYPE_CHECKING:
    import pathspec


def _relative(path: str | Path, root: str, is_dir: bool) -> str | None:
    """`path` relative to the real directory `root`, POSIX, with a slash after a directory;
    None when it is not below `root`."""
    rel = _below(real_path(path, is_dir), root)
    if rel is None:
        return None
    return rel + "/" if is_dir else rel


def _below(path: str, top: str) -> str | None:
    """`path` relative to `top` (both real), POSIX; "" for `top` itself, None outside it."""
    if path == top:
        return ""
    prefix = top if top.endswith(os.sep) else top + os.sep
    if not path.startswith(prefix):
        return None
    return path[len(prefix):].replace(os.sep, "/")


class PatternSet:
    """gitignore-style patterns anchored at `root`."""

    def __init__(self, root: Path, patterns: Sequence[str]) -> None:
        self.root = real_path(root, is_dir=True)
        self.spec = _spec(patterns) if patterns else None
        self.empty = not patterns

    def matches(self, path: str | Path, is_dir: bool = False) -> bool:
        if self.empty:
            return False
        rel = _relative(path, self.root, is_dir)
        return rel is not None and rel not in ("", "/") and self.spec is not None and self.spec.match_file(rel)


@functools.lru_cache(maxsize=DIRECTORIES_KEPT)
def _work_tree(directory: str) -> str | None:
    """The top of the git work tree holding the real directory `directory`."""
    if os.path.exists(os.path.join(directory, ".git")):
        return directory
    parent = os.path.dirname(directory)
    return None if parent == directory else _work_tree(parent)


class GitIgnore:
    """What git would ignore. Inside a work tree it asks `git ls-files` (tracked files and
    untracked ones not ignored); without git, or when git refuses, it reads the `.gitignore`
    files and `.git/info/exclude` itself with pathspec."""

    def ignored(self, path: str | Path, is_dir: bool = False) -> bool:
        resolved = real_path(path, is_dir)
        top = _work_tree(resolved if is_dir else os.path.dirname(resolved))
        if top is None or resolved == top:
            return False
        rel = _below(resolved, top)
        listing = _listing(top)
        if listing is not None:
            files, dirs = listing
            return rel not in (dirs if is_dir else files)
        return _ignored_by_files(Path(top), Path(resolved), is_dir)


@functools.lru_cache(maxsize=None)
def _listing(top: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """(files, directories holding them) git does not ignore in the work tree `top`."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        result = subprocess.run(
            [git, "-C", str(top), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True, timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    files = frozenset(name.decode("utf-8", "surrogateescape") for name in result.stdout.split(b"\0") if name)
    dirs = {parent for name in files for parent in _parents(name)}
    # A nested repository (submodule) is listed as one entry: keep walking into it.
    dirs.update(name for name in files if os.path.exists(os.path.join(top, name, ".git")))
    return files, frozenset(dirs)


def _parents(name: str) -> list[str]:
    parts = name.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


@functools.lru_cache(maxsize=None)
def _ignore_file(path: Path) -> pathspec.GitIgnoreSpec | None:
    try:
        return _spec(path.read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return None


def _spec(patterns: Sequence[str]) -> pathspec.GitIgnoreSpec:
    import pathspec  # only runs with patterns pay for importing it

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _ignored_by_files(top: Path, path: Path, is_dir: bool) -> bool:
    """gitignore semantics: deeper files win, the last matching pattern wins, and nothing
    inside an ignored directory comes back."""
    rel_parts = path.relative_to(top).parts
    for depth in range(1, len(rel_parts) + 1):
        here_is_dir = is_dir or depth < len(rel_parts)
        verdict = None
        sources = [(top, top / ".git" / "info" / "exclude")]
        sources += [(top.joinpath(*rel_parts[:d]), top.joinpath(*rel_parts[:d], ".gitignore")) for d in range(depth)]
        for base, file in sources:
            spec = _ignore_file(file) if file.is_file() else None
            if spec is None:
                continue
            rel = "/".join(rel_parts[len(base.relative_to(top).parts) : depth]) + ("/" if here_is_dir else "")
            result = spec.check_file(rel)
            if result.include is not None:
                verdict = result.include
        if verdict:
            return True
    return False


class PathFilter:
    """The files discovery leaves out. `exclude` applies to every file, also one named on
    the command line (so pre-commit and editors follow it); `.gitignore` only to files
    found by walking a directory."""

    def __init__(self, exclude: PatternSet | None = None, gitignore: GitIgnore | None = None) -> None:
        self.exclude = exclude
        self.gitignore = gitignore

    def skip(self, path: str | Path, is_dir: bool, named: bool) -> bool:
        if self.exclude is not None and self.exclude.matches(path, is_dir):
            return True
        return not named and self.gitignore is not None and self.gitignore.ignored(path, is_dir)

    def walking(self, root: str | Path):
        """`skip` for what a walk of the named directory `root` finds; None when it would
        skip nothing. A directory git ignores is still walked when named (as ripgrep
        does); .gitignore then applies to nothing below it, since everything there is
        ignored alike."""
        inside_ignored = self.gitignore is not None and self.gitignore.ignored(root, True)
        if (self.exclude is None or self.exclude.empty) and (self.gitignore is None or inside_ignored):
            return None

        def skip(path: str | Path, is_dir: bool, named: bool) -> bool:
            return self.skip(path, is_dir, named or inside_ignored)

        return skip


class PerPathIgnores:
    """Rules switched off for files matching a pattern (`[per-path-ignores]`)."""

    def __init__(self, root: Path, entries: Sequence[tuple[str, Sequence[str]]]) -> None:
        self.entries = [(PatternSet(root, [pattern]), frozenset(rules)) for pattern, rules in entries]

    def rules_for(self, path: Path, rules: Sequence[str]) -> Sequence[str]:
        off: set[str] = set()
        for patterns, ignored in self.entries:
            if patterns.matches(path):
                off |= ignored
        # `rules` itself when nothing is off: one tuple per file would grow with the tree.
        return tuple(rule for rule in rules if rule not in off) if off else rules

