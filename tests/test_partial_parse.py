"""Files tree-sitter-go cannot fully read: Go 1.27 generic methods are masked so the file is
analysed as usual, and a file with a syntax error still gets its other functions analysed
and fixed, through the real CLI (a subprocess, as users run it)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import gotool
import pytest
from tree_sitter import Node, Query

from gofixleak.codemod import Codemod, Context
from gofixleak.engine import Settings, fix_file
from gofixleak.gomod import GoVersion
from gofixleak.model import Edit, Finding, Fix, FixStatus, Severity
from gofixleak.source import GO, SourceFile, first_error, parse_masked

LOOP = """\tfor {
\t\tselect {
\t\tcase v := <-in:
\t\t\tsum += v
\t\tcase <-time.After(time.Second):
\t\t\treturn sum
\t\t}
\t}
"""

GENERIC_METHOD = f"""package m

import "time"

type Box[T any] struct{{ v T }}

func (b *Box[T]) Sum[U ~int](in <-chan U) U {{
\tvar sum U
{LOOP}}}

func plain(in <-chan int) int {{
\tsum := 0
{LOOP}}}
""".encode()

BROKEN_ELSEWHERE = f"""package m

import "time"

func broken(in <-chan int) int {{
\tsum := 0
\tx := := 1
{LOOP}}}

func fine(in <-chan int) int {{
\tsum := 0
{LOOP}}}
""".encode()


def after_lines(source: bytes) -> list[int]:
    """1-based lines of every `time.After` call in `source`."""
    return [n for n, line in enumerate(source.split(b"\n"), start=1) if b"time.After(" in line]


def gofixleak(cwd: Path, *args: str) -> tuple[int, dict]:
    result = subprocess.run([sys.executable, "-m", "gofixleak.cli", *args, "--format", "json"],
                            cwd=cwd, capture_output=True, text=True)
    return result.returncode, json.loads(result.stdout)


@pytest.fixture
def module(tmp_path: Path) -> Path:
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.21\n")
    return tmp_path


def test_generic_methods_are_masked_with_offsets_kept() -> None:
    tree, masked = parse_masked(GENERIC_METHOD)
    assert first_error(tree) is None
    (span,) = masked
    assert GENERIC_METHOD[span[0] : span[1]] == b"[U ~int]"
    assert tree.root_node.end_byte == len(GENERIC_METHOD)


def test_a_generic_method_is_analysed_and_fixed_and_still_builds(module: Path) -> None:
    (module / "go.mod").write_text("module m\n\ngo 1.27\n")  # generic methods need it
    (module / "box.go").write_bytes(GENERIC_METHOD)
    code, report = gofixleak(module, ".", "--write", "--min-severity", "info")
    assert code == 0, report
    assert report["errors"] == []
    assert sorted((f["line"], f["fix"]) for f in report["findings"]) == [(n, "applied") for n in after_lines(GENERIC_METHOD)]
    fixed = (module / "box.go").read_bytes()
    assert b"func (b *Box[T]) Sum[U ~int](in <-chan U) U {\n\tvar sum U\n\ttimer := time.NewTimer(time.Second)" in fixed
    go = gotool.require_go()
    vet = subprocess.run([go, "vet", "./..."], cwd=module, env=gotool.go_env(), capture_output=True, text=True)
    assert vet.returncode == 0, vet.stderr
    assert gotool.gofmt_unformatted([module / "box.go"]) == []


def test_a_syntax_error_is_reported_and_the_other_functions_are_still_fixed(module: Path) -> None:
    (module / "part.go").write_bytes(BROKEN_ELSEWHERE)
    code, report = gofixleak(module, ".")
    assert code == 2
    (error,) = report["errors"]
    assert error["path"] == "part.go" and error["message"].startswith("syntax error at line 7, column 7")
    # Only the loop of `fine` is reported: the broken function is not analysed.
    assert [(f["line"], f["fix"]) for f in report["findings"]] == [(after_lines(BROKEN_ELSEWHERE)[1], "available")]

    code, report = gofixleak(module, ".", "--write")
    assert code == 2 and [f["fix"] for f in report["findings"]] == ["applied"]
    fixed = (module / "part.go").read_bytes()
    broken_function = BROKEN_ELSEWHERE[: BROKEN_ELSEWHERE.index(b"func fine")]
    assert fixed.startswith(broken_function)  # untouched, byte for byte
    assert b"timer.Reset(time.Second)" in fixed[len(broken_function):]

    code, report = gofixleak(module, ".", "--write")  # nothing left to do but the error
    assert code == 2 and report["findings"] == [] and (module / "part.go").read_bytes() == fixed


def _fake(rule: str, make_fix) -> Codemod:
    """A codemod reporting every call to `leak`, with the fix `make_fix(call, src)`."""

    def check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        call = captures["call"][0]
        if call.child_by_field_name("function").text == b"leak":
            yield Finding(rule, call.start_byte, call.end_byte, "leak", Severity.WARNING, make_fix(call, ctx.src))

    query = Query(GO, "(call_expression function: (identifier)) @call")
    return type("Fake", (Codemod,), {"ID": rule, "SUMMARY": rule, "QUERY": "-", "_query": query, "check": check})()


def _run(data: bytes, codemod: Codemod):
    return fix_file("x.go", data, [codemod], Settings(), GoVersion(go=(1, 21), source="test"))


def test_a_fix_that_adds_an_error_to_a_broken_file_is_dropped() -> None:
    data = b"package p\n\nfunc f() {\n\tleak()\n}\n\nfunc g() {\n\tx := := 1\n}\n"
    garbage = _fake("garbage", lambda call, src: Fix("t", (Edit.insert(call.start_byte, b"( "),)))
    result = _run(data, garbage)
    assert result.fixed == data
    (finding,) = result.findings
    assert finding.fix == FixStatus.NONE and "does not parse" in finding.no_fix_reason
    rename = _fake("rename", lambda call, src: Fix("t", (Edit.replace(call.start_byte, call.start_byte + 4, b"safe"),)))
    assert _run(data, rename).fixed == data.replace(b"leak()", b"safe()")


def test_a_fix_may_not_touch_a_masked_span_or_leave_its_function() -> None:
    data = b"package p\n\ntype T struct{}\n\nfunc (T) M[U any]() {\n\tleak()\n}\n\nfunc g() {\n\tx := := 1\n}\n"
    src = SourceFile("x.go", data)
    (span,) = src.masked
    into_mask = _fake("mask", lambda call, s: Fix("t", (Edit.replace(span[0] + 1, span[0] + 2, b"V"),
                                                         Edit.replace(call.start_byte, call.start_byte + 4, b"safe"))))
    (finding,) = _run(data, into_mask).findings
    assert finding.fix == FixStatus.NONE and "mask" in finding.no_fix_reason
    outside = _fake("outside", lambda call, s: Fix("t", (Edit.insert(len(data), b"// end\n"),
                                                        Edit.replace(call.start_byte, call.start_byte + 4, b"safe"))))
    (finding,) = _run(data, outside).findings
    assert finding.fix == FixStatus.NONE and "beyond the function" in finding.no_fix_reason
