"""Command line: `gofixleak [PATHS]...`, `gofixleak rules`, `gofixleak explain RULE`."""

from __future__ import annotations

import functools
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from codemods import REGISTRY, by_id

from . import __version__, interrupt
from .discovery import Discovery, DiscoveryError, find_go_files
from .docs import rule_table
from .engine import Settings
from .gomod import gomod_warnings, parse_option_version, version_for_file
from .model import FixStatus, Severity
from .outputs import write_patch
from .patch import unified_diff
from .report import RunReport, build, text_line, to_json, to_sarif
from .runner import run, write_back

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_INFO_COMMANDS = {"rules", "explain"}


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"


class AfterStyle(str, Enum):
    idle = "idle"
    deadline = "deadline"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"gofixleak: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


def _rule_list(values: list[str] | None) -> list[str]:
    ids = [part.strip() for value in values or [] for part in value.split(",") if part.strip()]
    unknown = [rule for rule in ids if rule not in by_id()]
    if unknown:
        raise _fail(f"unknown rule {unknown[0]!r}; `gofixleak rules` lists them")
    return ids


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"gofixleak {__version__}")
        raise typer.Exit()


def _colour(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def _coloured_diff(diff: str) -> str:
    out = []
    for line in diff.splitlines(keepends=True):
        if line.startswith(("+++", "---", "diff --git")):
            out.append(typer.style(line, bold=True))
        elif line.startswith("@@"):
            out.append(typer.style(line, fg="cyan"))
        elif line.startswith("+"):
            out.append(typer.style(line, fg="green"))
        elif line.startswith("-"):
            out.append(typer.style(line, fg="red"))
        else:
            out.append(line)
    return "".join(out)


def _interruptible(command):
    """Ctrl-C before any file is written ends the command with exit 130 and one line, not a
    traceback; the SIGINT handler is put back however the command ends."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        with interrupt.restored():
            try:
                return command(*args, **kwargs)
            except KeyboardInterrupt:
                typer.echo("gofixleak: interrupted; no file was written", err=True)
                raise typer.Exit(interrupt.EXIT_INTERRUPTED) from None

    return wrapper


scan_app = typer.Typer(add_completion=False, rich_markup_mode=None)


@scan_app.command(
    help="Find memory, goroutine and resource leaks in Go files and fix them. "
    "PATHS are files or directories (default: the current directory). "
    "Also: `gofixleak rules` and `gofixleak explain RULE`. "
    "Exit status: 0 no findings left, 1 findings left, 2 usage, syntax or I/O error, "
    "130 interrupted."
)
@_interruptible
def scan(
    paths: Optional[list[str]] = typer.Argument(None, metavar="PATHS", help="Go files or directories (recursive)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show diffs, change nothing (the default)."),
    write: bool = typer.Option(False, "--write", help="Apply fixes in place."),
    patch: Optional[Path] = typer.Option(None, "--patch", help="Write all fixes as a git patch to FILE (paths from the git work tree's root).", metavar="FILE"),
    follow_symlinks: bool = typer.Option(False, "--follow-symlinks", help="Also take symbolic links to .go files found in directories (their targets are fixed; the links stay)."),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", help="text, json or sarif."),
    select: Optional[list[str]] = typer.Option(None, "--select", metavar="RULES", help="Only these rules (comma-separated)."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", metavar="RULES", help="Skip these rules (comma-separated)."),
    min_severity: str = typer.Option("warning", "--min-severity", metavar="LEVEL", help="info, warning or error: lower findings are neither reported nor fixed."),
    go_version: Optional[str] = typer.Option(None, "--go-version", metavar="1.N[.P]", help="Go language version, 1.N or 1.N.P, e.g. 1.22 (default: each file's go.mod)."),
    after_style: AfterStyle = typer.Option(AfterStyle.idle, "--after-style", help="time.After fix: idle (keeps meaning) or deadline (one timer per loop; changes behaviour)."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (default: one per CPU)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only finding lines; no diffs or summary."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also say which Go version applies where, and what was skipped."),
    version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True, help="Print the version."),
) -> None:
    if dry_run and write:
        raise _fail("--dry-run and --write cannot be used together")
    try:
        threshold = Severity.parse(min_severity)
        override = parse_option_version(go_version) if go_version else None
    except ValueError as exc:
        raise _fail(str(exc)) from None
    selected = _rule_list(select) or [codemod.ID for codemod in REGISTRY]
    ignored = set(_rule_list(ignore))
    rules = [rule for rule in selected if rule not in ignored]
    try:
        found = find_go_files(paths or ["."], follow_symlinks)
    except DiscoveryError as exc:
        raise _fail(str(exc)) from None
    files = found.files
    if not quiet:
        for line in _input_warnings(found, override):
            typer.echo(line, err=True)

    settings = Settings(min_severity=threshold, options={"after_style": after_style.value})
    results = run(files, rules, settings, override, jobs, named=found.named)
    # From here on Ctrl-C ends the file being written, then the run, which reports and exits 130.
    interrupted = interrupt.hold()
    written: set[str] = set()
    # Every output besides the sources is written first: when one fails, no source is touched.
    output_errors = [error for error in [write_patch(patch, files, results) if patch else None] if error]
    write_errors = []
    if write and not output_errors:
        write_errors = write_back(files, results, stop=interrupted, on_written=written.add)
    report = build(results, written, output_errors + write_errors, wrote=write)

    if verbose:
        for line in _version_notes(files, override):
            typer.echo(line, err=True)
        for result in results:
            for note in result.notes:
                typer.echo(f"{result.path}: {note}", err=True)

    if output_format == OutputFormat.json:
        typer.echo(to_json(report))
    elif output_format == OutputFormat.sarif:
        active = [by_id()[rule] for rule in rules]
        typer.echo(to_sarif(report, active, {r.path: r.original for r in results}))
    else:
        _print_text(report, results, show_diffs=not write and not quiet, quiet=quiet)
    note = _unwritten_note(report, write, written, bool(output_errors), interrupted())
    if note:
        typer.echo(note, err=True)
    if interrupted():
        raise typer.Exit(interrupt.EXIT_INTERRUPTED)
    raise typer.Exit(_exit_code(report))


def _input_warnings(found: Discovery, override) -> list[str]:
    """What the user should know about the inputs before the results: skipped entries,
    PATHS without Go files (a typo?), go.mod files that cannot be read as such."""
    lines = list(found.skipped)
    lines += [f"gofixleak: warning: {path}: no .go files found" for path in found.empty]
    if override is None:
        lines += [f"gofixleak: warning: {line}" for line in gomod_warnings(found.files)]
    return lines


def _unwritten_note(report: RunReport, write: bool, written: set[str], output_failed: bool, interrupted: bool) -> str:
    """One line saying what was and was not written, when that is not everything asked for."""
    prefix = "gofixleak: interrupted: " if interrupted else "gofixleak: "
    if not write:
        return "gofixleak: interrupted" if interrupted else ""
    if output_failed and report.files_with_fixes:
        return prefix + f"no source file was written ({report.files_with_fixes} to fix), as an output could not be"
    left = report.files_with_fixes - len(written)
    if left == 0 and not interrupted:
        return ""
    return prefix + f"{_count(len(written), 'file')} written, {left} left unchanged"


def _exit_code(report: RunReport) -> int:
    if report.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if report.findings_left else EXIT_CLEAN


def _print_text(report: RunReport, results, show_diffs: bool, quiet: bool) -> None:
    if show_diffs:
        colour = _colour(sys.stdout)
        for result in results:
            if result.changed and not result.error:
                diff = unified_diff(result.path, result.original, result.fixed).decode("utf-8", "replace")
                typer.echo(_coloured_diff(diff) if colour else diff, nl=False)
    for finding in report.findings:
        typer.echo(text_line(finding), err=True)
    for path, message in report.errors:
        typer.echo(f"{path}: error: {message}" if not message.startswith(path) else f"error: {message}", err=True)
    if quiet:
        return
    total = len(report.findings)
    fixable = sum(1 for f in report.findings if f.fix == FixStatus.AVAILABLE)
    applied = sum(1 for f in report.findings if f.fix == FixStatus.APPLIED)
    if report.wrote:
        summary = f"fixed {applied} of {_count(total, 'finding')} in {_count(report.files_changed, 'file')}"
    else:
        summary = f"{_count(total, 'finding')}, {fixable} fixable in {_count(report.files_changed, 'file')}"
        if fixable:
            summary += " (run with --write to apply)"
    typer.echo(f"gofixleak: {summary}; {_count(report.files_scanned, 'file')} scanned", err=True)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _version_notes(files: list[Path], override) -> list[str]:
    seen: dict[str, str] = {}
    for file in files:
        version = version_for_file(file, override)
        if not version.known:
            seen.setdefault("default", "no go.mod found for some files: assuming the newest semantics (go 1.27)")
        else:
            seen.setdefault(version.source, f"go version: {version.describe()}")
    return sorted(seen.values())


info_app = typer.Typer(add_completion=False, rich_markup_mode=None, help="Rule documentation.")


@info_app.command("rules", help="List the rules.")
def rules_command(
    markdown: bool = typer.Option(False, "--markdown", help="Print the README's rule table."),
) -> None:
    if markdown:
        typer.echo(rule_table(REGISTRY), nl=False)
        return
    width = max(len(codemod.ID) for codemod in REGISTRY)
    for codemod in REGISTRY:
        typer.echo(f"{codemod.ID:<{width}}  {codemod.SUMMARY}")


@info_app.command("explain", help="Show a rule's documentation.")
def explain_command(rule: str = typer.Argument(..., help="A rule id from `gofixleak rules`.")) -> None:
    codemod = by_id().get(rule)
    if codemod is None:
        raise _fail(f"unknown rule {rule!r}; `gofixleak rules` lists them")
    typer.echo(f"{codemod.ID}: {codemod.SUMMARY}\n")
    typer.echo(f"Severity: {codemod.SEVERITY_DOC}\n")
    typer.echo(codemod.doc())


def main(argv: list[str] | None = None) -> None:
    """Entry point. `rules` and `explain` are subcommands; anything else is a scan, so that
    `gofixleak PATH` needs no subcommand (name a directory called `rules` as `./rules`)."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in _INFO_COMMANDS:
        info_app(args, prog_name="gofixleak")
    else:
        scan_app(args, prog_name="gofixleak")


if __name__ == "__main__":
    main()
