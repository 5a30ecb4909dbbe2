"""Group goroutines and heap samples by site, attach findings, and rank by measured cost."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import patterns
from .model import Evidence, Frame, Goroutine, Profile
from .sites import Location, Match, SourceIndex

HEAP_METRICS = {"alloc": "alloc_space", "inuse": "inuse_space"}


@dataclass(frozen=True)
class GoroutineGroup:
    """Goroutines waiting for the same reason at the same frame, created at the same site."""

    wait_reason: str
    blocked_at: Frame | None  # the first frame outside the runtime
    created_at: Frame | None
    count: int
    leaked: int  # how many the runtime's leak detector proved blocked forever
    longest_wait: int  # minutes
    stack: tuple[Frame, ...]  # of the first goroutine seen
    site: Location | None  # the first frame (or the creation site) under the scanned paths
    created_site: Location | None
    matches: tuple[Match, ...]
    hint: str


@dataclass(frozen=True)
class HeapSite:
    """Heap samples charged to one user frame (through one standard constructor, if any)."""

    frame: Frame
    via: str  # "time.After"...; "" for allocations made by the frame itself
    site: Location | None
    values: dict[str, int]  # sample type -> total: alloc_space, inuse_space...
    matches: tuple[Match, ...]
    hint: str


@dataclass(frozen=True)
class Triage:
    origin: str
    goroutine_source: str  # "goroutineleak profile", "goroutine dump", "goroutine profile" or "" (none)
    goroutines_total: int
    groups: tuple[GoroutineGroup, ...]
    leak_profile: bool
    truncated: bool
    heap_metric: str  # the sample type heap sites are ranked by; "" without a heap profile
    heap_sites: tuple[HeapSite, ...]
    notes: tuple[str, ...]


def triage(evidence: Evidence, index: SourceIndex, heap_metric: str = "alloc") -> Triage:
    """Everything ranked, most costly first; never raises on odd evidence."""
    goroutines: list[tuple[Goroutine, int]] = []
    truncated = False
    source = ""
    if evidence.dump is not None:
        goroutines = [(goroutine, 1) for goroutine in evidence.dump.goroutines]
        truncated = evidence.dump.truncated
        source = "goroutine dump"
    elif evidence.goroutine_profile is not None:
        goroutines = _from_profile(evidence.goroutine_profile, evidence.leak_profile)
        source = "goroutine profile"
    if source and evidence.leak_profile:
        source = "goroutineleak profile"
    groups = _rank_groups(_group(goroutines, index))
    metric, sites = "", ()
    if evidence.heap is not None:
        metric = HEAP_METRICS[heap_metric]
        if evidence.heap.index(metric) is None:
            metric = evidence.heap.sample_types[-1][0]
        sites = tuple(_heap_sites(evidence.heap, index, metric))
    notes = list(evidence.notes)
    if truncated:
        notes.append("the goroutine dump is truncated: its last goroutine is incomplete")
    return Triage(
        origin=evidence.origin,
        goroutine_source=source,
        goroutines_total=sum(g.count for g in groups),
        groups=groups,
        leak_profile=evidence.leak_profile,
        truncated=truncated,
        heap_metric=metric,
        heap_sites=sites,
        notes=tuple(notes),
    )


def _from_profile(profile: Profile, leaked: bool) -> list[tuple[Goroutine, int]]:
    """One (goroutine, count) per sample. A goroutine profile has no creation sites and no
    wait reasons: the reason is read off the runtime frames of the stack."""
    out = []
    for sample in profile.samples:
        count = sample.values[0] if sample.values else 1
        reason = patterns.wait_reason_from_stack([f.function for f in sample.frames])
        if count > 0:
            out.append((Goroutine(id=0, wait_reason=reason, frames=sample.frames, leaked=leaked), count))
    return out


def _blocked_at(goroutine: Goroutine) -> Frame | None:
    for frame in goroutine.frames:
        if not frame.in_runtime and frame.function != "non-Go function":
            return frame
    return goroutine.frames[0] if goroutine.frames else None


def _frame_key(frame: Frame | None) -> tuple[str, str, int]:
    return (frame.function, frame.file, frame.line) if frame else ("", "", 0)


def _group(goroutines: list[tuple[Goroutine, int]], index: SourceIndex) -> list[GoroutineGroup]:
    buckets: dict[tuple, list[tuple[Goroutine, int]]] = defaultdict(list)
    for goroutine, count in goroutines:
        key = (goroutine.wait_reason, _frame_key(_blocked_at(goroutine)), _frame_key(goroutine.created_by))
        buckets[key].append((goroutine, count))
    groups = []
    for members in buckets.values():
        first = members[0][0]
        reason = first.wait_reason
        rules = patterns.wait_rules(reason)
        located = [loc for loc in map(index.locate, first.frames) if loc]
        created_site = index.locate(first.created_by) if first.created_by else None
        site = located[0] if located else created_site
        # Findings on any frame's line; in the same function only where the goroutine
        # waits (its first frame in the tree) and where it was created.
        candidates = [
            *(index.matches(loc, rules if loc == site else ()) for loc in located),
            index.matches(created_site, rules) if created_site else [],
        ]
        matches = _dedupe(m for found in candidates for m in found)
        groups.append(
            GoroutineGroup(
                wait_reason=reason,
                blocked_at=_blocked_at(first),
                created_at=first.created_by,
                count=sum(count for _, count in members),
                leaked=sum(count for g, count in members if g.leaked),
                longest_wait=max(g.wait_minutes for g, _ in members),
                stack=first.frames,
                site=site,
                created_site=created_site,
                matches=matches,
                hint=patterns.wait_hint(reason),
            )
        )
    return groups


def _rank_groups(groups: list[GoroutineGroup]) -> tuple[GoroutineGroup, ...]:
    """Proven leaks first, then the biggest and longest-waiting groups; the goroutine that
    was running (it wrote the dump) last."""
    return tuple(
        sorted(
            groups,
            key=lambda g: (-g.leaked, g.wait_reason == "running", -g.count, -g.longest_wait, _frame_key(g.blocked_at)),
        )
    )


def _dedupe(matches) -> tuple[Match, ...]:
    """Each finding once, a line match preferred over a same-function one."""
    best: dict[tuple, Match] = {}
    for match in matches:
        key = (match.finding.path, match.finding.start.line, match.finding.start.column, match.finding.rule)
        if key not in best or (match.how == "line" and best[key].how != "line"):
            best[key] = match
    return tuple(sorted(best.values(), key=lambda m: (m.how != "line", m.finding.sort_key())))


def _charged_frame(frames: tuple[Frame, ...], index: SourceIndex) -> tuple[int, Location | None] | None:
    """The index of the frame a sample is charged to: the first under the scanned paths,
    else the first outside the standard library; None for runtime-only stacks."""
    for i, frame in enumerate(frames):
        location = index.locate(frame)
        if location:
            return i, location
    for i, frame in enumerate(frames):
        if frame.function and not frame.in_standard_library and not frame.function.startswith("0x"):
            return i, None
    return None


def _heap_sites(profile: Profile, index: SourceIndex, metric: str) -> list[HeapSite]:
    names = [name for name, _ in profile.sample_types]
    totals: dict[tuple, dict[str, int]] = {}
    first_seen: dict[tuple, tuple[Frame, str, Location | None]] = {}
    for sample in profile.samples:
        charged = _charged_frame(sample.frames, index)
        if charged is None:
            continue
        at, location = charged
        frame = sample.frames[at]
        via = sample.frames[at - 1].function if at > 0 and sample.frames[at - 1].in_standard_library else ""
        key = (frame.function, frame.file, frame.line, via)
        bucket = totals.setdefault(key, dict.fromkeys(names, 0))
        for name, value in zip(names, sample.values):
            bucket[name] += value
        first_seen.setdefault(key, (frame, via, location))
    sites = []
    for key, values in totals.items():
        frame, via, location = first_seen[key]
        matches = _dedupe(index.matches(location, patterns.allocator_rules(via))) if location else ()
        sites.append(HeapSite(frame, via, location, values, matches, patterns.allocator_hint(via)))
    sites.sort(key=lambda s: (-s.values.get(metric, 0), _frame_key(s.frame), s.via))
    return [s for s in sites if s.values.get(metric, 0) > 0]
