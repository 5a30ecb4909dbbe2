"""Unit tests for gofixleak.analysis.deferloop: when a defer in a loop piles up, and when the loop
body can be wrapped in `func() { ... }()` without changing the program."""

from __future__ import annotations

import textwrap

import pytest

from gofixleak.analysis import deferloop
from gofixleak.analysis.imports import Imports
from gofixleak.analysis.tree import walk
from gofixleak.engine import apply_edits
from gofixleak.gomod import GoVersion
from gofixleak.source import SourceFile

GO127 = GoVersion(go=(1, 27))

HEADER = 'package p\n\nimport "os"\n\nfunc f(names []string) (err error) {\n'


def source(body: str, newline: str = "\n") -> SourceFile:
    text = HEADER + textwrap.indent(textwrap.dedent(body), "\t") + "\treturn nil\n}\n"
    src = SourceFile("p.go", text.replace("\n", newline).encode())
    assert not src.root.has_error, text
    return src


def the_defer(src: SourceFile):
    return next(n for n in walk(src.root) if n.type == "defer_statement")


def blocker(body: str, go: GoVersion = GO127) -> str | None:
    src = source(body)
    loop = deferloop.loop_of(the_defer(src))
    assert loop is not None
    return deferloop.wrap_blocker(loop, src, Imports(src), go)


OPEN = "f, ferr := os.Open(name)\nif ferr != nil {\n\tpanic(ferr)\n}\n"


def test_loop_of_stops_at_func_literals() -> None:
    src = source("for range names {\n\tfunc() {\n\t\tdefer println()\n\t}()\n}\n")
    assert deferloop.loop_of(the_defer(src)) is None
    src = source("func() {\n\tfor range names {\n\t\tdefer println()\n\t}\n}()\n")
    assert deferloop.loop_of(the_defer(src)) is not None


@pytest.mark.parametrize(
    "tail, once",
    [
        ("return nil", True),
        ("break", True),
        ('panic("x")', True),
        ("continue", False),
        ("if err != nil {\n\t\treturn err\n\t}", False),
        ("switch {\n\tdefault:\n\t\tbreak\n\t}", False),
    ],
)
def test_registered_once(tail: str, once: bool) -> None:
    src = source(f"for _, name := range names {{\n\t{OPEN.replace(chr(10), chr(10) + chr(9))}defer f.Close()\n\t{tail}\n}}\n")
    defer = the_defer(src)
    assert (deferloop.registered_once(defer, deferloop.loop_of(defer), src) is not None) is once  # type: ignore[arg-type]


def test_plain_body_can_be_wrapped() -> None:
    body = "for _, name := range names {\n" + textwrap.indent(OPEN + "defer f.Close()\nswitch {\ncase name == \"\":\n\tbreak\n}\nfor {\n\tcontinue\n}\n", "\t") + "}\n"
    assert blocker(body) is None


@pytest.mark.parametrize(
    "body, reason",
    [
        ("for _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer f.Close()\n\tif name == \"\" {\n\t\tcontinue\n\t}\n}\n", "continue"),
        ("for _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer f.Close()\n\tif name == \"\" {\n\t\treturn nil\n\t}\n}\n", "returns"),
        ("for _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer func() { _ = recover() }()\n\tf.Close()\n}\n", "recover"),
        ("for range names {\n\tdefer os.Remove(names[0])\n}\n", "nothing made in the loop body"),
        ("for _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer func() { err = f.Close() }()\n}\n", "reads err"),
        ("var files []*os.File\nfor _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer f.Close()\n\tfiles = append(files, f)\n}\n_ = files\n", "stored in files"),
        ("for _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer f.Close()\n\tgo f.Sync()\n}\n", "goroutine"),
        ("for _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "g := f\n\tdefer g.Close()\n}\n", "not made in the iteration"),
        ("for _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer f.Close()\n\t_ = `a\nb`\n}\n", "spanning lines"),
        ("for _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer f.Close()\n\tfor range names {\n\t\tg, _ := os.Open(name)\n\t\tdefer g.Close()\n\t}\n}\n", "inner loop at line 12 is wrapped first"),
    ],
)
def test_wrap_blockers(body: str, reason: str) -> None:
    found = blocker(body)
    assert found is not None and reason in found


def test_loop_variable_in_a_deferred_closure_needs_go_122() -> None:
    body = "for _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer func() { f.Close(); println(name) }()\n}\n"
    assert blocker(body) is None
    assert "reads name" in (blocker(body, GoVersion(go=(1, 21))) or "")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_wrap_edit_reindents_and_keeps_newlines(newline: str) -> None:
    src = source("for _, name := range names { // each\n\tf, _ := os.Open(name)\n\tdefer f.Close()\n\n\tf.Sync()\n}\n", newline)
    edit = deferloop.wrap_edit(deferloop.loop_of(the_defer(src)), src)  # type: ignore[arg-type]
    assert edit is not None
    out = apply_edits(src.data, [edit])[0].decode()
    expected = (
        "\tfor _, name := range names { // each\n"
        "\t\tfunc() {\n"
        "\t\t\tf, _ := os.Open(name)\n"
        "\t\t\tdefer f.Close()\n"
        "\n"
        "\t\t\tf.Sync()\n"
        "\t\t}()\n"
        "\t}\n"
    ).replace("\n", newline)
    assert expected in out


def test_wrap_edit_needs_braces_on_their_own_lines() -> None:
    src = SourceFile("p.go", b"package p\n\nfunc f(xs []int) {\n\tfor range xs { defer println() }\n}\n")
    loop = deferloop.loop_of(the_defer(src))
    assert deferloop.wrap_edit(loop, src) is None  # type: ignore[arg-type]
