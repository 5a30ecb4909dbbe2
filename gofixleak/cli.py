"""Command line: `gofixleak [PATHS]...`, `gofixleak config`, `gofixleak rules`, `gofixleak explain RULE`."""

from __future__ import annotations

import functools
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

import codemods
from codemods import RULE_IDS, by_id

from . import __version__, interrupt, selection
from .changed_lines import DiffError
from .config import ConfigError, describe, effective
from .discovery import Discovery, DiscoveryError, find_go_files
from .engine import Settings
from .gomod import gomod_warnings, parse_option_version, version_for_file
from .model import Applicability, Severity
from .outputs import write_patch
from .patch import split_lines
from .quick_params import QuickCommand
from .report import RunReport, build, text_line, to_json, to_sarif
from .progress import Progress
from .runner import repository_path, run, write_back
from .safety_report import count, fix_summary, preview_diff
from .stdin_mode import run_stdin
from .summary import MIN_FILES as SUMMARY_MIN_FILES, rule_table as summary_table, styled_line, use_colour

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_INFO_COMMANDS = {"rules", "explain", "cache"}
# Options a configuration file can also set: parameter name -> config key.
_CONFIGURABLE = {"select": "select", "ignore": "ignore", "exclude": "exclude", "min_severity": "min-severity",
                 "after_style": "after-style", "go_version": "go-version", "unsafe_fixes": "unsafe-fixes"}


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
    unknown = [rule for rule in ids if rule not in RULE_IDS]
    if unknown:
        raise _fail(f"unknown rule {unknown[0]!r}; `gofixleak rules` lists them")
    return ids


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"gofixleak {__version__}")
        raise typer.Exit()


def _colour(stream) -> bool:
    return use_colour(stream)


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
    cls=QuickCommand,
    help="Find memory, goroutine and resource leaks in Go files and fix them. "
    "PATHS are files or directories (default: the current directory). "
    "Also: `gofixleak config`, `gofixleak rules`, `gofixleak explain RULE`, `gofixleak cache clean` and "
    "`gofixleak triage SOURCE [PATHS]`. "
    "Exit status: 0 no findings left, 1 findings left, 2 usage, syntax or I/O error, "
    "130 interrupted."
)
@_interruptible
def scan(
    ctx: typer.Context,
    paths: Optional[list[str]] = typer.Argument(None, metavar="PATHS", help="Go files or directories (recursive)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show diffs, change nothing (the default)."),
    write: bool = typer.Option(False, "--write", help="Apply fixes in place."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="Also apply unsafe fixes (with --write or --patch); a dry run shows them either way."),
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
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the result cache (see `gofixleak cache`)."),
    version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True, help="Print the version."),
    config_file: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Configuration file (default: the nearest .gofixleak.toml from the first path up)."),
    exclude: Optional[list[str]] = typer.Option(None, "--exclude", metavar="PATTERN", help="Leave out files matching this gitignore-style pattern (repeatable; replaces the file's exclude)."),
    diff: Optional[str] = typer.Option(None, "--diff", metavar="FILE", help="Only findings touching lines this unified diff adds (- for stdin)."),
    new_from_rev: Optional[str] = typer.Option(None, "--new-from-rev", metavar="REV", help="Only findings touching lines changed since REV (runs git diff REV)."),
    stdin_filename: Optional[Path] = typer.Option(None, "--stdin-filename", metavar="PATH", help="Read the source of PATH from stdin, write the fixed source to stdout."),
    show_config: bool = typer.Option(False, "--show-config", hidden=True),
) -> None:
    if dry_run and write:
        raise _fail("--dry-run and --write cannot be used together")
    if diff is not None and new_from_rev is not None:
        raise _fail("--diff and --new-from-rev cannot be used together")
    try:
        config = effective(paths or [str(stdin_filename or ".")], config_file, _given_flags(ctx))
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    if show_config:
        typer.echo(describe(config))
        raise typer.Exit(EXIT_CLEAN)
    select, ignore, min_severity = config["select"], config["ignore"], config["min-severity"]
    go_version, after_style = config["go-version"], AfterStyle(config["after-style"])
    unsafe_fixes = bool(config["unsafe-fixes"])
    try:
        threshold = Severity.parse(min_severity)
        override = parse_option_version(go_version) if go_version else None
    except ValueError as exc:
        raise _fail(str(exc)) from None
    selected = _rule_list(select) or list(RULE_IDS)
    ignored = set(_rule_list(ignore))
    rules = [rule for rule in selected if rule not in ignored]
    settings = Settings(
        min_severity=threshold, options={"after_style": after_style.value},
        applicability=Applicability.UNSAFE if unsafe_fixes else Applicability.SAFE,
        # The text of a dry run, and a patch with unsafe fixes, set the unsafe fixes apart.
        preview_unsafe=(not write and not quiet and output_format == OutputFormat.text) or (patch is not None and unsafe_fixes),
        safe_rules=frozenset(_rule_list(config["extend-safe-fixes"])),
        unsafe_rules=frozenset(_rule_list(config["extend-unsafe-fixes"])),
    )
    if stdin_filename is not None:
        if paths or write or patch is not None or diff is not None or new_from_rev is not None:
            raise _fail("--stdin-filename reads one file from stdin: no PATHS, --write, --patch, --diff or --new-from-rev")
        raise typer.Exit(_scan_stdin(stdin_filename, config, rules, settings, override))
    try:
        found = find_go_files(paths or ["."], follow_symlinks, selection.path_filter(config))
        scope = selection.changed_lines(diff, new_from_rev, paths or ["."])
    except (DiscoveryError, DiffError) as exc:
        raise _fail(str(exc)) from None
    files = found.files
    if scope is not None:
        files = [file for file in files if file.resolve() in scope]
    if not quiet:
        for line in _input_warnings(found, override):
            typer.echo(line, err=True)

    progress = Progress(len(files), sys.stderr, enabled=not quiet)
    results = run(files, rules, settings, override, jobs, selection.per_file(config, rules, scope), progress.advance,
                  named=found.named, cache="" if no_cache else _cache_directory(), share_quiet=True,
                  texts=_texts_needed(write, patch is not None, quiet, output_format))
    progress.close()
    # From here on Ctrl-C ends the file being written, then the run, which reports and exits 130.
    interrupted = interrupt.hold()
    written: set[str] = set()
    # Every output besides the sources is written first: when one fails, no source is touched.
    output_errors = [error for error in [write_patch(patch, files, results, mark_unsafe=unsafe_fixes) if patch else None] if error]
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
        _print_text(report, results, show_diffs=not write and not quiet, quiet=quiet, unsafe_fixes=unsafe_fixes)
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
    return prefix + f"{count(len(written), 'file')} written, {left} left unchanged"


def _exit_code(report: RunReport) -> int:
    if report.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if report.findings_left else EXIT_CLEAN


def _print_text(report: RunReport, results, show_diffs: bool, quiet: bool, unsafe_fixes: bool = False) -> None:
    if show_diffs:
        colour = _colour(sys.stdout)
        for result in results:
            if result.error:
                continue
            # Bytes, not text: a saved dry-run diff must apply even to a file that is not UTF-8.
            diff = preview_diff(result, _diff_path(result.path))
            if diff:
                typer.echo(_coloured_diff(diff) if colour else diff, nl=False)
    colour = use_colour(sys.stderr)
    for finding in report.findings:
        typer.echo(styled_line(text_line(finding), finding, colour), err=True)
    for path, message in report.errors:
        typer.echo(f"{path}: error: {message}" if not message.startswith(path) else f"error: {message}", err=True)
    if quiet:
        return
    if report.files_scanned >= SUMMARY_MIN_FILES and report.findings:
        typer.echo(summary_table(report.findings), err=True)
    summary = fix_summary(report, unsafe_fixes)
    typer.echo(f"gofixleak: {summary}; {count(report.files_scanned, 'file')} scanned", err=True)


def _diff_path(display: str) -> str:
    """The name a stdout diff gives a file: as the `--patch` file does (from the root of its
    git work tree, so a saved dry run applies there), else as the finding lines show it."""
    try:
        return repository_path(Path(display))
    except ValueError:
        return display


def _given_flags(ctx: typer.Context) -> dict[str, object]:
    """The configurable options given on the command line (they win over the file), by key."""
    given = {}
    for name, key in _CONFIGURABLE.items():
        # By name: typer may bring its own copy of click's ParameterSource.
        if getattr(ctx.get_parameter_source(name), "name", None) == "COMMANDLINE":
            value = ctx.params[name]
            given[key] = value.value if isinstance(value, Enum) else value
    return given


def _scan_stdin(path: Path, config, rules: list[str], settings: Settings, override) -> int:
    if selection.path_filter(config).skip(path, False, True):
        sys.stdout.buffer.write(sys.stdin.buffer.read())  # excluded: passed through untouched
        return EXIT_CLEAN
    plan = selection.per_file(config, rules, None)
    file_rules = plan(path)[0] if plan is not None else rules
    return run_stdin(path, sys.stdin.buffer, sys.stdout.buffer, sys.stderr, file_rules, settings, override)


def _version_notes(files: list[Path], override) -> list[str]:
    seen: dict[str, str] = {}
    for file in files:
        version = version_for_file(file, override)
        if not version.known:
            seen.setdefault("default", "no go.mod found for some files: GOPATH mode, timers as under go 1.20 "
                            "(they leak unless built by go1.27 or later) and language features of go 1.20")
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

        typer.echo(rule_table(codemods.registered()), nl=False)
        return
    registry = codemods.registered()
    width = max(len(codemod.ID) for codemod in registry)
    for codemod in registry:
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
    from .cache import clean

    typer.echo(f"gofixleak: removed the cache at {clean()}", err=True)


@cache_app.command("dir", cls=QuickCommand, help="Print where results are cached.")
def cache_dir_command() -> None:
    typer.echo(_cache_directory())


def _texts_needed(write: bool, patch: bool, quiet: bool, output_format: OutputFormat) -> str:
    """Which results must keep their file's text (runner.run `texts`): SARIF quotes every
    file with a finding; writes, patches and shown diffs need the files that change."""
    if output_format == OutputFormat.sarif:
        return "all"
    return "changed" if write or patch or (output_format == OutputFormat.text and not quiet) else "none"


def _cache_directory() -> str:
    from .cache import cache_dir  # hashing and entries: only runs with the cache pay for them

    return str(cache_dir())


def main(argv: list[str] | None = None) -> None:
    """Entry point. `config`, `rules`, `explain` and `cache` are subcommands; anything else is a scan, so that
    `gofixleak PATH` needs no subcommand (name a directory called `rules` as `./rules`)."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "config":
        # `gofixleak config [PATHS] [options]`: the scan's own option parsing, then print.
        scan_app([*args[1:], "--show-config"], prog_name="gofixleak config")
    elif args and args[0] in _INFO_COMMANDS:
        info_app(args, prog_name="gofixleak")
    elif args and args[0] == "triage":
        from .triage.command import triage_app  # imported here: a scan never pays for it

        triage_app(args[1:], prog_name="gofixleak triage")
    else:
        scan_app(args, prog_name="gofixleak")


if __name__ == "__main__":
    main()
