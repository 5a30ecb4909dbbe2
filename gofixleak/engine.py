"""Run codemods over one file and apply their fixes to a fixed point. No I/O here."""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .alignment import Alignment
from .analysis.layout import comment_alignment
from .codemod import Codemod, Context
from .compose import compose
from .damage import Damage, error_count
from .gomod import NEWEST, GoVersion
from .model import Applicability, Edit, FileResult, Finding, Fix, FixStatus, ReportedFinding, Severity
from .source import SourceFile, first_error, is_generated
from .suppress import suppressed_lines

MAX_PASSES = 10


@dataclass(frozen=True)
class Settings:
    """Per-run choices that do not depend on the file."""

    min_severity: Severity = Severity.WARNING
    options: Mapping[str, str] = field(default_factory=dict)
    # Fixes below this level are reported as available, never applied.
    applicability: Applicability = Applicability.SAFE
    # Dry runs: also work out the text with the unsafe fixes (FileResult.unsafe_split).
    preview_unsafe: bool = False
    # Rules whose fixes count as safe (`extend-safe-fixes`) or as unsafe
    # (`extend-unsafe-fixes`, which wins when a rule is in both).
    safe_rules: frozenset[str] = frozenset()
    unsafe_rules: frozenset[str] = frozenset()


def analyze(src: SourceFile, codemods: Sequence[Codemod], settings: Settings) -> list[Finding]:
    """Findings of every codemod at or above the minimum severity, minus suppressed ones.

    A codemod that raises is a bug in that codemod: it propagates, so tests catch it."""
    ctx = Context(src, settings.options)
    silenced = None
    findings: list[Finding] = []
    for codemod in codemods:
        # Trigger tokens or opener calls only: callers chose the rules with their own tests.
        if not codemod.triggered_by(src.data, src.path):
            continue
        for finding in codemod.run(ctx):
            if finding.severity < settings.min_severity:
                continue
            if silenced is None:
                silenced = suppressed_lines(src)
            if src.position(finding.start).line in silenced:
                continue
            findings.append(_graded(finding, settings))
    return findings


def _graded(finding: Finding, settings: Settings) -> Finding:
    """The finding with its fix promoted or demoted by the configuration's rule lists."""
    fix = finding.fix
    if fix is None:
        return finding
    if finding.rule in settings.unsafe_rules:
        level = Applicability.UNSAFE
    elif finding.rule in settings.safe_rules:
        level = Applicability.SAFE
    else:
        return finding
    return finding if fix.applicability == level else dataclasses.replace(
        finding, fix=dataclasses.replace(fix, applicability=level))


def select_fixes(fixes: Iterable[Fix]) -> list[Fix]:
    """A greedy batch of fixes whose edits do not overlap; the rest wait for the next pass.

    Edits identical to one already taken are shared, not conflicts. Two insertions at the
    same point from different fixes conflict (their order would be a guess), and so do two
    fixes that declare the same new name in the same scope (each chose it as free before
    the other). Cost: O(n log n) in the number of edits."""
    taken = _TakenEdits()
    names: set[tuple[str, tuple[int, int] | None]] = set()
    whole_file: set[str] = set()  # names declared by fixes without a scope
    scoped: set[str] = set()  # names declared by fixes with one
    batch: list[Fix] = []
    for fix in sorted(fixes, key=lambda f: (f.start, f.end, f.title)):
        new = [e for e in fix.edits if e not in taken.edits]
        if any(taken.conflicts(e) for e in new) or any(
            (name, fix.scope) in names or name in whole_file or (fix.scope is None and name in scoped)
            for name in fix.declares
        ):
            continue
        for edit in new:
            taken.add(edit)
        for name in fix.declares:
            names.add((name, fix.scope))
            (whole_file if fix.scope is None else scoped).add(name)
        batch.append(fix)
    return batch


class _TakenEdits:
    """Accepted edits, sorted by start; they never overlap, so a new edit need only be
    compared with its neighbours."""

    def __init__(self) -> None:
        self.edits: set[Edit] = set()
        self._starts: list[int] = []
        self._ends: list[int] = []

    def conflicts(self, edit: Edit) -> bool:
        i = bisect.bisect_left(self._starts, edit.start)
        if i < len(self._starts) and _conflict(edit, Edit(self._starts[i], self._ends[i])):
            return True
        return i > 0 and _conflict(edit, Edit(self._starts[i - 1], self._ends[i - 1]))

    def add(self, edit: Edit) -> None:
        i = bisect.bisect_left(self._starts, edit.start)
        self._starts.insert(i, edit.start)
        self._ends.insert(i, edit.end)
        self.edits.add(edit)


def _conflict(a: Edit, b: Edit) -> bool:
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    return a.start < b.end and b.start < a.end or (a.start == b.start)


def apply_edits(data: bytes, edits: Iterable[Edit]) -> tuple[bytes, tuple[Edit, ...]]:
    """Splice non-overlapping edits (duplicates collapse) into `data`, left to right."""
    unique = tuple(sorted(set(edits)))
    out, cursor = [], 0
    for edit in unique:
        if edit.start < cursor:
            raise ValueError(f"overlapping edits at byte {edit.start}")
        out.append(data[cursor : edit.start])
        out.append(edit.new)
        cursor = edit.end
    out.append(data[cursor:])
    return b"".join(out), unique


def map_back(offset: int, edits: Sequence[Edit]) -> int:
    """Offset in the edited text -> offset in the text before `edits` were applied.

    A position inside inserted text maps to where the insertion happened."""
    return OffsetMap(edits).back(offset)


class OffsetMap:
    """`map_back` for many offsets over the same sorted, non-overlapping edits: built once in
    O(n), each lookup O(log n)."""

    def __init__(self, edits: Sequence[Edit]) -> None:
        self._edits = edits
        self._new_starts: list[int] = []
        self._shifts: list[int] = []  # shift before each edit
        shift = 0
        for edit in edits:
            self._new_starts.append(edit.start + shift)
            self._shifts.append(shift)
            shift += len(edit.new) - (edit.end - edit.start)

    def back(self, offset: int) -> int:
        i = bisect.bisect_right(self._new_starts, offset) - 1
        if i < 0:
            return offset
        edit, new_start = self._edits[i], self._new_starts[i]
        if offset < new_start + len(edit.new):
            return edit.start
        return offset - self._shifts[i] - (len(edit.new) - (edit.end - edit.start))


@dataclass
class _Tracked:
    finding: Finding
    original_start: int
    original_end: int
    status: FixStatus
    reason: str


def fix_file(
    path: str,
    data: bytes,
    codemods: Sequence[Codemod],
    settings: Settings,
    go_version: GoVersion = NEWEST,
    in_scope: Callable[[SourceFile, Finding], bool] | None = None,
) -> FileResult:
    """Findings for `data` placed in the original text, and the text with every fix applied.
    With `in_scope`, only findings of the original text it accepts are reported and fixed.

    Never raises for bad input: an unparsable file comes back with `error` set and its
    text unchanged. Generated files are not analysed."""
    if is_generated(data):
        return FileResult(path, data, data, notes=("generated file skipped",))
    original = SourceFile(path, data, go_version)
    syntax_error = ""
    error = first_error(original.tree)
    if error is not None:
        pos = original.position(error.start_byte)
        syntax_error = f"syntax error at line {pos.line}, column {pos.column}; only functions without errors were analysed"

    history: list[OffsetMap] = []  # edits of each pass, in order
    owned: list[list[tuple[Edit, tuple[str, int]]]] = []  # the same, with the finding of each
    alignment = Alignment(len(data))
    tracked: dict[tuple[str, int], _Tracked] = {}
    broken: set[tuple[str, int]] = set()
    current = original
    notes: list[str] = []

    def to_original(offset: int) -> int:
        for edits in reversed(history):
            offset = edits.back(offset)
        return offset

    for pass_number in range(MAX_PASSES + 1):
        fixable: list[tuple[tuple[str, int], Fix]] = []
        damage = Damage(current)
        for finding in analyze(current, codemods, settings):
            if not damage.analysable(finding.start):
                continue
            finding = _keep_comment_alignment(current, _within_parsed_code(damage, finding))
            key = (finding.rule, to_original(finding.start))
            if key not in tracked:
                if pass_number:
                    # Only findings of the original text are reported; one that appears
                    # after a fix belongs to the fixed text and is left for the next run.
                    continue
                if in_scope is not None and not in_scope(current, finding):
                    continue
                status = FixStatus.AVAILABLE if finding.fix else FixStatus.NONE
                tracked[key] = _Tracked(
                    finding, key[1], to_original(finding.end), status, finding.no_fix_reason
                )
            if finding.fix is not None and key not in broken and finding.fix.applicability >= settings.applicability:
                fixable.append((key, finding.fix))
        if not fixable:
            break
        if pass_number == MAX_PASSES:
            notes.append("fixes did not converge after %d passes: %s" % (
                MAX_PASSES, ", ".join(sorted({k[0] for k, _ in fixable}))))
            break
        batch = select_fixes(fix for _, fix in fixable)
        chosen = {id(fix) for fix in batch}
        keys = [key for key, fix in fixable if id(fix) in chosen]
        result = _apply_checked(current, batch, keys, broken)
        if result is None:
            continue  # every fix of the batch broke the syntax; try the others
        new_text, edits, applied = result
        history.append(OffsetMap(edits))
        landed = set(applied)
        owned.append([(e, key) for key, fix in fixable if key in landed and id(fix) in chosen for e in fix.edits])
        alignment.apply(edits)
        for key in applied:
            tracked[key].status = FixStatus.APPLIED
        if current is not original:
            current.forget()
        current = SourceFile(path, new_text, go_version)

    for key in broken:
        if key in tracked and tracked[key].status != FixStatus.APPLIED:
            tracked[key].status = FixStatus.NONE
            tracked[key].reason = "the fix produced code that does not parse (a gofixleak bug)"
    for item in tracked.values():
        if item.status == FixStatus.AVAILABLE and _level(item) >= settings.applicability:
            # Found with a fix that never got applied (conflicts until the cap).
            item.status = FixStatus.NONE
            item.reason = item.reason or "the fix conflicted with other fixes"

    replacements: dict[tuple[str, int], list[Edit]] = {}
    for edit, owners in compose(len(data), owned):
        replacements.setdefault(min(owners), []).append(edit)
    reported = tuple(
        sorted(
            (
                ReportedFinding(
                    rule=t.finding.rule,
                    path=path,
                    start=original.position(t.original_start),
                    end=original.position(max(t.original_end, t.original_start)),
                    severity=t.finding.severity,
                    message=t.finding.message,
                    fix=t.status,
                    no_fix_reason=t.reason,
                    applicability=_level(t),
                    fix_title=t.finding.fix.title if t.finding.fix else "",
                    replacements=tuple(replacements.get(key, ())),
                )
                for key, t in tracked.items()
            ),
            key=ReportedFinding.sort_key,
        )
    )
    original.forget()
    current.forget()  # memory: freed now rather than by the cycle collector
    changes = alignment.changes(current.data) if current.data != data else ()
    return FileResult(path, data, current.data, reported, notes=tuple(notes), changes=changes,
                      syntax_error=syntax_error)


def _within_parsed_code(damage: Damage, finding: Finding) -> Finding:
    """The finding without its fix when the fix would edit code that did not parse."""
    why = damage.why_not(finding.fix) if finding.fix is not None else ""
    return dataclasses.replace(finding, fix=None, no_fix_reason=why) if why else finding


def _level(item: _Tracked) -> Applicability:
    fix = item.finding.fix
    return fix.applicability if fix is not None else Applicability.SAFE


def _keep_comment_alignment(src: SourceFile, finding: Finding) -> Finding:
    """The finding with its fix extended by the whitespace edits that keep gofmt's alignment
    of trailing comments; without a fix when only gofmt itself could realign them."""
    if finding.fix is None:
        return finding
    extra = comment_alignment(src, finding.fix.edits)
    if extra is None:
        return dataclasses.replace(
            finding, fix=None,
            no_fix_reason="trailing comments aligned around the change would need gofmt to realign them",
        )
    if not extra:
        return finding
    return dataclasses.replace(finding, fix=dataclasses.replace(finding.fix, edits=(*finding.fix.edits, *extra)))


def _apply_checked(
    src: SourceFile, batch: list[Fix], keys: list[tuple[str, int]], broken: set
) -> tuple[bytes, tuple[Edit, ...], list[tuple[str, int]]] | None:
    """Apply `batch`; a fix whose edits add a syntax error is dropped and marked."""
    errors_before = error_count(src.tree)

    def parses(text: bytes) -> bool:
        return error_count(SourceFile(src.path, text).tree) <= errors_before

    while batch:
        new_text, edits = apply_edits(src.data, (e for fix in batch for e in fix.edits))
        if parses(new_text):
            return new_text, edits, keys
        # Find the culprits one by one so the good fixes still land.
        good_batch, good_keys = [], []
        for fix, key in zip(batch, keys):
            alone, _ = apply_edits(src.data, fix.edits)
            if parses(alone):
                good_batch.append(fix)
                good_keys.append(key)
            else:
                broken.add(key)
        if len(good_batch) == len(batch):
            # Each is fine alone but not together: keep the first, retry the rest next pass.
            good_batch, good_keys = batch[:1], keys[:1]
        batch, keys = good_batch, good_keys
    return None
