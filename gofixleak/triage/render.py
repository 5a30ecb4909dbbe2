"""Show a triage: rich tables for the terminal, or one JSON document."""

from __future__ import annotations

import json
from pathlib import PurePosixPath

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import FixStatus
from .model import Frame
from .rank import GoroutineGroup, HeapSite, Triage
from .sites import Location, Match


def _bytes(n: int) -> str:
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if abs(size) < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{n} B"


def _place(location: Location | None, frame: Frame | None) -> str:
    if location is not None:
        return f"{location.path}:{location.line}"
    if frame is None:
        return "-"
    short = PurePosixPath(frame.file.replace("\\", "/")).name if frame.file else "?"
    return f"{frame.function} ({short}:{frame.line})"


def _finding_text(matches: tuple[Match, ...], hint: str) -> str:
    if not matches:
        return f"none; {hint}" if hint else "none"
    lines = []
    for match in matches:
        f = match.finding
        # The scan runs without --write: an "applied" fix is one `gofixleak --write` would apply.
        fix = "no fix" if f.fix == FixStatus.NONE else "fix available"
        near = "" if match.how == "line" else " (same function)"
        lines.append(f"[{f.rule}] {f.path}:{f.start.line}\n  {fix}{near}")
    return "\n".join(lines)


def _state(group: GoroutineGroup) -> str:
    text = group.wait_reason or "?"
    if group.longest_wait:
        text += f", {group.longest_wait} min"
    return text


def _add_row(table: Table, *cells: str) -> None:
    # Plain Text: "[rule-id]" must not be read as console markup.
    table.add_row(*(Text(cell) for cell in cells))


def _print_goroutines(result: Triage, top: int, console: Console) -> None:
    groups = len(result.groups)
    title = f"Goroutines: {result.goroutines_total} in {groups} group{'' if groups == 1 else 's'} ({result.goroutine_source})"
    table = Table(title=title, title_justify="left")
    for column, justify in (("#", "right"), ("count", "right"), ("leaked", "right"), ("state", "left")):
        table.add_column(column, justify=justify)
    for column in ("blocked at", "created at"):
        table.add_column(column, overflow="fold", ratio=2)
    table.add_column("finding", ratio=3, overflow="fold")
    for rank, group in enumerate(result.groups[:top], 1):
        leaked = str(group.leaked) if result.leak_profile else "?"  # unknown without the leak detector
        _add_row(
            table, str(rank), str(group.count), leaked, _state(group), _place(group.site, group.blocked_at),
            _place(group.created_site, group.created_at), _finding_text(group.matches, group.hint),
        )
    console.print(table)


def _print_heap(result: Triage, top: int, console: Console) -> None:
    table = Table(title=f"Heap: sites ranked by {result.heap_metric}", title_justify="left")
    for column, justify in (("#", "right"), ("alloc", "right"), ("in use", "right")):
        table.add_column(column, justify=justify)
    for column in ("site", "via"):
        table.add_column(column, overflow="fold", ratio=2)
    table.add_column("finding", ratio=3, overflow="fold")
    for rank, site in enumerate(result.heap_sites[:top], 1):
        _add_row(
            table, str(rank), _bytes(site.values.get("alloc_space", 0)), _bytes(site.values.get("inuse_space", 0)),
            _place(site.site, site.frame), site.via or "-", _finding_text(site.matches, site.hint),
        )
    console.print(table)


def print_tables(result: Triage, top: int, console: Console) -> None:
    """The goroutine groups and heap sites present in `result`, then its notes."""
    if result.goroutine_source:
        _print_goroutines(result, top, console)
    if result.heap_metric:
        _print_heap(result, top, console)
    for note in result.notes:
        console.print(f"note: {note}", style="yellow", markup=False, highlight=False)


def _frame_json(frame: Frame | None) -> dict | None:
    if frame is None:
        return None
    return {"function": frame.function, "file": frame.file, "line": frame.line, "inlined": frame.inlined}


def _site_json(location: Location | None) -> dict | None:
    return None if location is None else {"path": location.path, "line": location.line}


def _matches_json(matches: tuple[Match, ...]) -> list[dict]:
    out = []
    for match in matches:
        f = match.finding
        item = {
            "rule": f.rule, "path": f.path, "line": f.start.line, "column": f.start.column,
            "severity": f.severity.label, "message": f.message, "match": match.how,
            "fix": FixStatus.NONE.value if f.fix == FixStatus.NONE else FixStatus.AVAILABLE.value,
        }
        if f.fix == FixStatus.NONE and f.no_fix_reason:
            item["no_fix_reason"] = f.no_fix_reason
        out.append(item)
    return out


def _group_json(group: GoroutineGroup) -> dict:
    return {
        "count": group.count,
        "leaked": group.leaked,
        "wait_reason": group.wait_reason,
        "longest_wait_minutes": group.longest_wait,
        "blocked_at": _frame_json(group.blocked_at),
        "created_at": _frame_json(group.created_at),
        "site": _site_json(group.site),
        "created_site": _site_json(group.created_site),
        "frames": [_frame_json(f) for f in group.stack],
        "findings": _matches_json(group.matches),
        "hint": group.hint,
    }


def _heap_json(site: HeapSite) -> dict:
    return {
        **_frame_json(site.frame),
        "via": site.via,
        "site": _site_json(site.site),
        "values": site.values,
        "findings": _matches_json(site.matches),
        "hint": site.hint,
    }


def to_json(result: Triage, top: int) -> str:
    document = {
        "version": 1,
        "source": result.origin,
        "leak_profile": result.leak_profile,
        "goroutine_source": result.goroutine_source,
        "truncated": result.truncated,
        "goroutines": {"total": result.goroutines_total, "groups": [_group_json(g) for g in result.groups[:top]]},
        "heap": (
            {"metric": result.heap_metric, "sites": [_heap_json(s) for s in result.heap_sites[:top]]}
            if result.heap_metric
            else None
        ),
        "notes": list(result.notes),
    }
    return json.dumps(document, indent=2)
