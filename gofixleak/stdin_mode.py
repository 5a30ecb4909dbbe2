"""Editors: `--stdin-filename PATH` reads the source from stdin and writes the fixed source
to stdout (format-on-save style); findings go to stderr. PATH need not exist: it names the
file for messages, and its directory's go.mod decides the Go version."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from codemods import ref

from .codemod import wanting
from .engine import Settings, fix_file
from .gomod import file_version, version_for_file
from .model import FileResult, FixStatus
from .report import text_line
from .runner import display_path


def fix_source(path: Path, data: bytes, rules: Sequence[str], settings: Settings, go_override) -> FileResult:
    """The result for `data` as if it were the content of `path`."""
    active = [rule.load()() for rule in wanting([ref(r) for r in rules], data, str(path))]
    display = display_path(path)
    if not active:
        return FileResult(display, data, data)
    go_version = file_version(data, version_for_file(path, go_override))
    return fix_file(display, data, active, settings, go_version)


def run_stdin(path: Path, source: BinaryIO, out: BinaryIO, err, rules: Sequence[str], settings: Settings, go_override) -> int:
    """Exit status as for `--write`: 0 when no finding is left unfixed, 1 when one is, 2 when
    the source does not parse (its functions that do parse are still fixed). On an error the
    input goes back unchanged, so an editor that replaces its buffer with the output loses
    nothing."""
    data = source.read()
    result = fix_source(path, data, rules, settings, go_override)
    out.write(data if result.error else result.fixed)
    out.flush()
    for finding in result.findings:
        err.write(text_line(finding) + "\n")
    if result.error or result.syntax_error:
        # A syntax error elsewhere leaves the clean functions fixed, and still fails the run.
        err.write(f"{result.path}: error: {result.error or result.syntax_error}\n")
        return 2
    return 1 if any(f.fix != FixStatus.APPLIED for f in result.findings) else 0
