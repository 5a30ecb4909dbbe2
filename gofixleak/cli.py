"""Command line: `gofixleak [PATHS]...`, `gofixleak rules`, `gofixleak explain RULE`."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from codemods import REGISTRY, by_id

from . import __version__
from .discovery import DiscoveryError, discover
from .cache import cache_dir, clean
from .engine import Settings
from .gomod import parse_version, version_for_file
from .model import FixStatus, Severity
from .patch import check_patch, split_lines
from .quick_params import QuickCommand
from .report import RunReport, build, text_line, to_json, to_sarif
from .runner import iter_results
from .stream import Sink

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_INFO_COMMANDS = {"rules", "explain", "cache"}


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


_DIFF_COLOURS = ((b"+++", b"\x1b[1m"), (b"---", b"\x1b[1m"), (b"diff --git", b"\x1b[1m"),
                 (b"@@", b"\x1b[36m"), (b"+", b"\x1b[32m"), (b"-", b"\x1b[31m"))


def _coloured_diff(diff: bytes) -> bytes:
    """`diff` with ANSI colours, as bytes: the file's own bytes are never re-encoded."""
    out = []
    for line in split_lines(diff):
        colour = next((code for prefix, code in _DIFF_COLOURS if line.startswith(prefix)), None)
        if colour is None:
            out.append(line)
            continue
        body = line.rstrip(b"\n")
        out.append(colour + body + b"\x1b[0m" + line[len(body):])
    return b"".join(out)


scan_app = typer.Typer(add_completion=False, rich_markup_mode=None)


@scan_app.command(
    cls=QuickCommand,
    help="Find memory, goroutine and resource leaks in Go files and fix them. "
    "PATHS are files or directories (default: the current directory). "
    "Also: `gofixleak rules`, `gofixleak explain RULE` and `gofixleak cache clean`. "
    "Exit status: 0 no findings left, 1 findings left, 2 usage, syntax or I/O error."
)
def scan(
    paths: Optional[list[str]] = typer.Argument(None, metavar="PATHS", help="Go files or directories (recursive)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show diffs, change nothing (the default)."),
    write: bool = typer.Option(False, "--write", help="Apply fixes in place."),
    patch: Optional[Path] = typer.Option(None, "--patch", help="Write all fixes as a git patch to FILE (paths from the git work tree's root).", metavar="FILE"),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", help="text, json or sarif."),
    select: Optional[list[str]] = typer.Option(None, "--select", metavar="RULES", help="Only these rules (comma-separated)."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", metavar="RULES", help="Skip these rules (comma-separated)."),
    min_severity: str = typer.Option("warning", "--min-severity", metavar="LEVEL", help="info, warning or error: lower findings are neither reported nor fixed."),
    go_version: Optional[str] = typer.Option(None, "--go-version", metavar="X.Y", help="Go language version, e.g. 1.22 (default: each file's go.mod)."),
    after_style: AfterStyle = typer.Option(AfterStyle.idle, "--after-style", help="time.After fix: idle (keeps meaning) or deadline (one timer per loop; changes behaviour)."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (default: one per CPU)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only finding lines; no diffs or summary."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also say which Go version applies where, and what was skipped."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the result cache (see `gofixleak cache`)."),
    version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True, help="Print the version."),
) -> None:
    if dry_run and write:
        raise _fail("--dry-run and --write cannot be used together")
    try:
        threshold = Severity.parse(min_severity)
        override = parse_version(go_version) if go_version else None
    except ValueError as exc:
        raise _fail(str(exc)) from None
    selected = _rule_list(select) or [codemod.ID for codemod in REGISTRY]
    ignored = set(_rule_list(ignore))
    rules = [rule for rule in selected if rule not in ignored]
    try:
        files = discover(paths or ["."])
    except DiscoveryError as exc:
        raise _fail(str(exc)) from None

    settings = Settings(min_severity=threshold, options={"after_style": after_style.value})
    show = _diff_printer() if output_format == OutputFormat.text and not write and not quiet else None
    sink = Sink(write=write, patch=patch is not None, show_diff=show, keep_sources=output_format == OutputFormat.sarif)
    try:
        cache = "" if no_cache else str(cache_dir())
        for file, result in zip(files, iter_results(files, rules, settings, override, jobs, cache)):
            sink.take(file, result)  # streamed: each file's text is dropped once handled
    except ValueError as exc:
        raise _fail(str(exc)) from None
    results = sink.outcomes
    report = build(results, sink.written, sink.write_errors, wrote=write)

    if patch is not None:
        try:
            if sink.patch_error:
                raise ValueError(sink.patch_error)
            diff = b"".join(sink.patch_parts)
            check_patch(diff, sink.patch_paths)
            patch.write_bytes(diff)
        except ValueError as exc:
            raise _fail(str(exc)) from None
        except OSError as exc:
            raise _fail(f"{patch}: cannot write patch: {exc.strerror or exc}") from None

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
        _print_text(report, quiet=quiet)
    raise typer.Exit(_exit_code(report))


def _exit_code(report: RunReport) -> int:
    if report.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if report.findings_left else EXIT_CLEAN


def _diff_printer():
    colour = _colour(sys.stdout)

    def show(diff: bytes) -> None:
        # Bytes, not text: a saved dry-run diff must apply even to a file that is not UTF-8.
        typer.echo(_coloured_diff(diff) if colour else diff, nl=False)

    return show


def _print_text(report: RunReport, quiet: bool) -> None:
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


@info_app.command("rules", cls=QuickCommand, help="List the rules.")
def rules_command(
    markdown: bool = typer.Option(False, "--markdown", help="Print the README's rule table."),
) -> None:
    if markdown:
        from .docs import rule_table

        typer.echo(rule_table(REGISTRY), nl=False)
        return
    width = max(len(codemod.ID) for codemod in REGISTRY)
    for codemod in REGISTRY:
        typer.echo(f"{codemod.ID:<{width}}  {codemod.SUMMARY}")


@info_app.command("explain", cls=QuickCommand, help="Show a rule's documentation.")
def explain_command(rule: str = typer.Argument(..., help="A rule id from `gofixleak rules`.")) -> None:
    codemod = by_id().get(rule)
    if codemod is None:
        raise _fail(f"unknown rule {rule!r}; `gofixleak rules` lists them")
    typer.echo(f"{codemod.ID}: {codemod.SUMMARY}\n")
    typer.echo(f"Severity: {codemod.SEVERITY_DOC}\n")
    typer.echo(codemod.doc())


cache_app = typer.Typer(add_completion=False, rich_markup_mode=None, help="The result cache.")
info_app.add_typer(cache_app, name="cache")


@cache_app.command("clean", cls=QuickCommand, help="Delete every cached result.")
def cache_clean_command() -> None:
    typer.echo(f"gofixleak: removed the cache at {clean()}", err=True)


@cache_app.command("dir", cls=QuickCommand, help="Print where results are cached.")
def cache_dir_command() -> None:
    typer.echo(str(cache_dir()))


def main(argv: list[str] | None = None) -> None:
    """Entry point. `rules`, `explain` and `cache` are subcommands; anything else is a scan, so that
    `gofixleak PATH` needs no subcommand (name a directory called `rules` as `./rules`)."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in _INFO_COMMANDS:
        info_app(args, prog_name="gofixleak")
    else:
        scan_app(args, prog_name="gofixleak")


if __name__ == "__main__":
    main()
