"""Fix safety levels in the engine, and the replacements of the original text each applied
fix is reported with (what SARIF `fixes` carry)."""

from __future__ import annotations

import random
from collections.abc import Iterator

from tree_sitter import Node

from gofixleak.compose import compose
from gofixleak.engine import Settings, apply_edits
from gofixleak.model import Applicability, Edit, Finding, Fix, FixStatus, Severity
from gofixleak.unsafe_preview import with_unsafe_split
from gofixleak.gomod import GoVersion
from test_engine import THREE_LEAKS, callee, comment_and_rename, fake, run

SOURCE = b"package p\n\nfunc f() {\n\tleak()\n\trisky()\n}\n"


def renames() -> object:
    """`leak()` -> `safe()` (a safe fix), `risky()` -> `checked()` (an unsafe one)."""

    def check(call: Node, ctx) -> Iterator[Finding]:
        fn = call.child_by_field_name("function")
        if callee(call) == "leak":
            fix = Fix("rename", (Edit.replace(fn.start_byte, fn.end_byte, b"safe"),))
        elif callee(call) == "risky":
            fix = Fix("rename", (Edit.replace(fn.start_byte, fn.end_byte, b"checked"),),
                      applicability=Applicability.UNSAFE)
        else:
            return
        yield Finding("renames", call.start_byte, call.end_byte, "call", Severity.WARNING, fix)

    return fake("renames", check)


def test_fix_is_safe_unless_said_otherwise_and_levels_are_ordered() -> None:
    assert Fix("t", (Edit.insert(0, b"x"),)).applicability == Applicability.SAFE
    assert Applicability.UNSAFE < Applicability.SAFE


def test_unsafe_fixes_are_reported_available_and_not_applied_at_the_safe_level() -> None:
    result = run(SOURCE, renames())
    assert result.fixed == b"package p\n\nfunc f() {\n\tsafe()\n\trisky()\n}\n"
    assert [(f.fix, f.applicability) for f in result.findings] == [
        (FixStatus.APPLIED, Applicability.SAFE),
        (FixStatus.AVAILABLE, Applicability.UNSAFE),
    ]


def test_unsafe_fixes_are_applied_at_the_unsafe_level() -> None:
    result = run(SOURCE, renames(), settings=Settings(applicability=Applicability.UNSAFE))
    assert result.fixed == b"package p\n\nfunc f() {\n\tsafe()\n\tchecked()\n}\n"
    assert [(f.fix, f.applicability) for f in result.findings] == [
        (FixStatus.APPLIED, Applicability.SAFE),
        (FixStatus.APPLIED, Applicability.UNSAFE),
    ]


def test_unsafe_split_gives_both_texts_whichever_level_ran() -> None:
    go = GoVersion(go=(1, 21), source="test")
    safe_text = b"package p\n\nfunc f() {\n\tsafe()\n\trisky()\n}\n"
    all_text = b"package p\n\nfunc f() {\n\tsafe()\n\tchecked()\n}\n"
    for level in Applicability:
        settings = Settings(applicability=level, preview_unsafe=True)
        result = with_unsafe_split(run(SOURCE, renames(), settings=settings), [renames()], settings, go)
        assert result.unsafe_split == (safe_text, all_text)
    plain = run(b"package p\n\nfunc f() {\n\tleak()\n}\n", renames())
    assert with_unsafe_split(plain, [renames()], Settings(preview_unsafe=True), go).unsafe_split is None


def _apply_reported(result) -> bytes:
    edits = [edit for finding in result.findings for edit in finding.replacements]
    return apply_edits(result.original, edits)[0]


def test_replacements_of_every_finding_rebuild_the_fixed_text_over_several_passes() -> None:
    result = run(THREE_LEAKS, fake("comment-leak", comment_and_rename))
    assert len({f.fix for f in result.findings}) == 1 and result.changed
    assert all(f.replacements for f in result.findings)
    assert _apply_reported(result) == result.fixed


def test_only_applied_fixes_carry_replacements() -> None:
    result = run(SOURCE, renames())
    applied, available = result.findings
    at = SOURCE.index(b"leak")
    assert applied.replacements == (Edit(at, at + 4, b"safe"),) and applied.fix_title == "rename"
    assert available.replacements == ()
    assert _apply_reported(result) == result.fixed


def test_compose_matches_applying_the_passes_one_after_another() -> None:
    rnd = random.Random(8)
    for _ in range(400):
        original = bytes(rnd.choice(b"abcdef") for _ in range(rnd.randint(0, 16)))
        current, passes = original, []
        for _ in range(rnd.randint(1, 4)):
            edits, position = [], 0
            while position <= len(current) and rnd.random() < 0.7:
                start = rnd.randint(position, len(current))
                end = rnd.randint(start, min(len(current), start + 3))
                new = bytes(rnd.choice(b"XYZ") for _ in range(rnd.randint(start == end, 3)))
                edits.append((Edit(start, end, new), rnd.randint(1, 5)))
                position = end + 1
            passes.append(edits)
            current = apply_edits(current, [edit for edit, _ in edits])[0]
        composed = compose(len(original), passes)
        assert apply_edits(original, [edit for edit, _ in composed])[0] == current
        # Every fix keeps a share, even one whose text a later pass rewrote.
        assert set().union(*(o for _, o in composed)) == {owner for edits in passes for _, owner in edits}
