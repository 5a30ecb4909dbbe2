"""`gofixleak triage SOURCE [PATHS]...`: read the evidence, scan PATHS, rank, print."""

from __future__ import annotations

import dataclasses
import os
import sys
from enum import Enum
from typing import Optional

import typer
from rich.console import Console

from codemods import RULE_IDS

from ..discovery import DiscoveryError, discover
from ..engine import Settings
from ..model import Severity
from ..runner import run
from .model import TriageError
from .rank import triage
from .render import print_tables, to_json
from .sites import SourceIndex
from .sources import is_url, load

EXIT_OK, EXIT_ERROR = 0, 2


class TriageFormat(str, Enum):
    text = "text"
    json = "json"


class HeapMetric(str, Enum):
    alloc = "alloc"
    inuse = "inuse"


triage_app = typer.Typer(add_completion=False, rich_markup_mode=None)


@triage_app.command(
    help="Rank static findings by what a running service shows. SOURCE is a goroutine dump "
    "(goroutine?debug=2, or a SIGQUIT traceback), a pprof profile file (heap, allocs, goroutine, "
    "goroutineleak), or the base URL of a service's pprof endpoints "
    "(http://127.0.0.1:6060/debug/pprof/). PATHS is the source tree (default: the current directory). "
    "Exit status: 0 triage shown, 2 unreadable source, fetch failure or usage error."
)
def triage_command(
    source: str = typer.Argument(..., metavar="SOURCE", help="Dump file, profile file or pprof base URL."),
    paths: Optional[list[str]] = typer.Argument(None, metavar="PATHS", help="Go source tree(s) the service was built from."),
    output_format: TriageFormat = typer.Option(TriageFormat.text, "--format", help="text (tables) or json."),
    top: int = typer.Option(10, "--top", min=1, metavar="N", help="Show the N costliest goroutine groups and heap sites."),
    heap_metric: HeapMetric = typer.Option(HeapMetric.alloc, "--heap-metric", help="Rank heap sites by alloc_space (churn and leaks) or inuse_space (what is held now)."),
    timeout: float = typer.Option(10.0, "--timeout", metavar="SECONDS", help="Per-request timeout when SOURCE is a URL."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes for the scan (default: one per CPU)."),
) -> None:
    errors = Console(stderr=True, highlight=False)
    try:
        if is_url(source) and errors.is_terminal:
            with errors.status("fetching") as spinner:
                evidence = load(source, timeout, lambda what: spinner.update(what))
        else:
            evidence = load(source, timeout)
        files = discover(paths or ["."])
    except (TriageError, DiscoveryError) as exc:
        typer.echo(f"gofixleak: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    results = run(files, list(RULE_IDS), Settings(min_severity=Severity.INFO), None, jobs)
    unreadable = [r.path for r in results if r.error]
    if unreadable:
        note = f"{len(unreadable)} file(s) could not be scanned, e.g. {unreadable[0]}"
        evidence = dataclasses.replace(evidence, notes=(*evidence.notes, note))
    result = triage(evidence, SourceIndex(files, results), heap_metric.value)
    if output_format == TriageFormat.json:
        typer.echo(to_json(result, top))
    else:
        width = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "160"))
        print_tables(result, top, Console(width=width, highlight=False))
    raise typer.Exit(EXIT_OK)
