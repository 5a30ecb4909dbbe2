"""The cheap test that decides whether defer-in-loop parses a file at all."""

from pathlib import Path

import pytest

from codemods.defer_in_loop import DeferInLoop
from gofixleak.analysis.loop_defers import may_defer_in_loop
from gofixleak.codemod import Context
from gofixleak.source import SourceFile

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def test_a_defer_outside_any_loop_needs_no_parse() -> None:
    data = b"package p\n\nfunc f(xs []int) {\n\tfor range xs {\n\t}\n\tdefer println()\n}\n"
    assert not may_defer_in_loop(data)


def test_a_defer_in_a_loop_or_in_a_literal_in_a_loop_is_seen() -> None:
    loop = b"package p\n\nfunc f(xs []int) {\n\tfor range xs {\n\t\tdefer println()\n\t}\n}\n"
    assert may_defer_in_loop(loop)
    var = b"package p\n\nvar g = func(xs []int) {\n\tfor range xs {\n\t\tdefer println()\n\t}\n}\n"
    assert may_defer_in_loop(var)


@pytest.mark.parametrize("data", [
    # Not gofmt's layout: the piece cut around the defer does not parse, so the answer is yes.
    b"package p\nfunc f(xs []int) { for range xs { defer println() } }\n",
    b"package p\n\nfunc f(xs []int) {\n\tfor range xs {\n\t\tdefer println()\n}\n\t}\n",
    b"package p\n\nfunc f(xs []int) {\n\tfor range xs {\n\t\tdefer println()",
])
def test_a_layout_it_cannot_cut_counts_as_a_maybe(data: bytes) -> None:
    assert may_defer_in_loop(data)


def test_every_golden_input_with_a_finding_is_let_through() -> None:
    checked = 0
    for path in sorted(GOLDEN.glob("**/*.go")):
        data = path.read_bytes()
        ctx = Context(SourceFile(str(path), data))
        if any(DeferInLoop().run(ctx)):
            assert may_defer_in_loop(data), path
            checked += 1
    assert checked >= 10


def test_a_piece_cut_inside_a_raw_string_is_parsed() -> None:
    # The line starting with `func ` belongs to the string: the piece from there holds no
    # `for`, yet the defer is in the loop above it.
    data = (b"package p\n\nfunc f(xs []int) {\n\tfor range xs {\n\t\t_ = `\nfunc g() {\n`\n"
            b"\t\tdefer println()\n\t}\n}\n")
    assert may_defer_in_loop(data)
