"""What one run covers, from the effective configuration: the files, the rules for each
file, and (with a diff) the lines in scope in each file."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from .changed_lines import ChangedLines, DiffError, diff_from_rev, diff_root, parse_diff
from .config import Config
from .pathfilter import GitIgnore, PathFilter, PatternSet, PerPathIgnores


def path_filter(config: Config) -> PathFilter:
    """`exclude` patterns (relative to the configuration file, or to the working directory
    when they come from --exclude) and .gitignore."""
    exclude = config.values["exclude"]
    root = Path.cwd() if exclude.source.startswith("--") else config.root
    return PathFilter(PatternSet(root, list(exclude.value)), GitIgnore())  # type: ignore[arg-type]


def changed_lines(diff_file: str | None, rev: str | None, paths: Sequence[str]) -> dict[Path, ChangedLines] | None:
    """Added lines per resolved path from `--diff FILE` (`-` for stdin) or `--new-from-rev
    REV`; None when neither was given. Raises DiffError."""
    if rev is not None:
        text, root = diff_from_rev(rev, Path(paths[0] if paths else ".").resolve())
        return parse_diff(text, root)
    if diff_file is not None:
        try:
            data = sys.stdin.buffer.read() if diff_file == "-" else Path(diff_file).read_bytes()
        except OSError as exc:
            raise DiffError(f"{diff_file}: cannot read: {exc.strerror or exc}") from None
        return parse_diff(data.decode("utf-8", "surrogateescape"), diff_root())
    return None


def per_file(
    config: Config, rules: Sequence[str], scope: Mapping[Path, ChangedLines] | None
) -> Callable[[Path], tuple[Sequence[str], ChangedLines | None]] | None:
    """For each file: the rules left after [per-path-ignores], and its changed lines; None
    when every file gets `rules` and no scope."""
    if not config.per_path_ignores and scope is None:
        return None
    ignores = PerPathIgnores(config.root, [(pattern, rules_) for pattern, rules_, _ in config.per_path_ignores])

    def plan(path: Path) -> tuple[Sequence[str], ChangedLines | None]:
        lines = scope.get(path.resolve(), ChangedLines(frozenset())) if scope is not None else None
        return ignores.rules_for(path, rules), lines

    return plan
