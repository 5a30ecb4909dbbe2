"""Unit tests for gofixleak.analysis.deferloop: when a defer in a loop piles up, and when the loop
body can be wrapped in `func() { ... }()` without changing the program."""

from __future__ import annotations

import textwrap

import pytest

from gofixleak.analysis import deferloop, wrap_edit, wrap_safety
from gofixleak.analysis.deferred_release import deferred_release
from gofixleak.analysis.loop_bound import small_bound
from gofixleak.analysis.imports import Imports
from gofixleak.analysis.tree import walk
from gofixleak.engine import apply_edits
from gofixleak.gomod import GoVersion
from gofixleak.source import SourceFile

GO127 = GoVersion(go=(1, 27))

HEADER = 'package p\n\nimport (\n\t"bufio"\n\t"fmt"\n\t"io"\n\t"os"\n)\n\nfunc f(names []string) (err error) {\n'


def source(body: str, newline: str = "\n", header: str = HEADER) -> SourceFile:
    text = header + textwrap.indent(textwrap.dedent(body), "\t") + "\treturn nil\n}\n"
    src = SourceFile("p.go", text.replace("\n", newline).encode())
    assert not src.root.has_error, text
    return src


def the_defer(src: SourceFile):
    return next(n for n in walk(src.root) if n.type == "defer_statement")


def blocker(body: str, go: GoVersion = GO127) -> str | None:
    src = source(body)
    loop = deferloop.loop_of(the_defer(src))
    assert loop is not None
    return wrap_safety.wrap_blocker(loop, src, Imports(src), go)


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
        ("for _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer f.Close()\n\tfor range names {\n\t\tg, _ := os.Open(name)\n\t\tdefer g.Close()\n\t}\n}\n", "inner loop at line 17 is wrapped first"),
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
    edits = wrap_edit.wrap_edits(deferloop.loop_of(the_defer(src)), src)  # type: ignore[arg-type]
    assert edits is not None
    assert all(e.start == e.end for e in edits)  # insertions only: positions in the body keep their meaning
    out = apply_edits(src.data, edits)[0].decode()
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
    assert wrap_edit.wrap_edits(loop, src) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "tail, once",
    [
        ("if name == \"\" {\n\t\treturn nil\n\t} else {\n\t\treturn err\n\t}", True),
        ("switch {\n\tcase name == \"\":\n\t\treturn nil\n\tdefault:\n\t\treturn err\n\t}", True),
        ("switch {\n\tcase name == \"\":\n\t\treturn nil\n\t}", False),  # no default: may fall out
        ("for {\n\t\tf.Sync()\n\t}", True),
        ("goto done", True),
        ("if name == \"\" {\n\t\tcontinue\n\t}\n\treturn nil", False),  # the continue skips the return
    ],
)
def test_registered_once_after_review(tail: str, once: bool) -> None:
    body = f"for _, name := range names {{\n\t{OPEN.replace(chr(10), chr(10) + chr(9))}defer f.Close()\n\t{tail}\n}}\n"
    if "goto" in tail:
        body += "done:\n"
    src = source(body)
    defer = the_defer(src)
    assert (deferloop.registered_once(defer, deferloop.loop_of(defer), src) is not None) is once  # type: ignore[arg-type]


def test_a_goto_back_before_the_loop_repeats_it() -> None:
    src = source("again:\nfor _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer f.Close()\n\tgoto done\n}\ndone:\nif len(names) > 3 {\n\tgoto again\n}\n")
    defer = the_defer(src)
    assert deferloop.registered_once(defer, deferloop.loop_of(defer), src) is None  # type: ignore[arg-type]


LOOP = "var kept []any\nbyFile := make(map[*os.File]bool)\nfor _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer f.Close()\n\t{}\n}}\n_, _ = kept, byFile\n"


@pytest.mark.parametrize(
    "use, reason",
    [
        ("br := bufio.NewReader(f)\n\tkept = append(kept, br)", "br (made from f) is stored in kept"),
        ("r := bufio.NewReader(f)\n\tgo r.ReadByte()", "r (made from f) is used by a goroutine"),
        ("keep(f)", "f is passed to keep"),
        ("name := f.Name\n\tkept = append(kept, name)", "name (made from f) is stored in kept"),
        ("kept = append(kept, struct{ f *os.File }{f})", "f is stored in kept"),
        ("byFile[f] = true", "f is stored in byFile[f]"),
    ],
)
def test_values_made_from_the_resource_are_followed(use: str, reason: str) -> None:
    found = blocker(LOOP.replace("{}", use, 1).replace("{{", "{").replace("}}", "}"))
    assert found is not None and reason in found, found


@pytest.mark.parametrize(
    "use",
    [
        "sc := bufio.NewScanner(f)\n\tfor sc.Scan() {\n\t\tkept = append(kept, sc.Text())\n\t}",
        "data, _ := io.ReadAll(f)\n\tkept = append(kept, data)",
        "st, _ := f.Stat()\n\tkept = append(kept, st.Size())",
        "n, _ := f.Read(nil)\n\tkept = append(kept, n+1)",
        "fmt.Fprintln(f, len(kept))",
    ],
)
def test_plain_data_from_the_resource_does_not_block(use: str) -> None:
    assert blocker(LOOP.replace("{}", use, 1).replace("{{", "{").replace("}}", "}")) is None


def test_deferred_call_writing_outside_the_body_blocks() -> None:
    body = "for _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer closeInto(&err, f)\n}\n"
    assert "takes the address of err" in (blocker(body) or "")
    body = "p := &err\nfor _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer closeInto(p, f)\n}\n"
    assert "is given p" in (blocker(body) or "")


def test_a_deferred_unlock_is_not_moved() -> None:
    body = "for _, name := range names {\n\tmu := lockFor(name)\n\tmu.Lock()\n\tdefer mu.Unlock()\n\tprintln(name)\n}\n"
    assert "releases a lock" in (blocker(body) or "")


def _released(body: str, header: str = HEADER):
    src = source(body, header=header)
    defer = the_defer(src)
    loop = deferloop.loop_of(defer)
    return deferred_release(defer, loop.child_by_field_name("body"), src, Imports(src))  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "body, piles_up, known",
    [
        ("for _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer f.Close()\n}\n", True, True),
        ("for _, name := range names {\n\tt := newTimer(name)\n\tdefer t.Stop()\n}\n", True, True),
        ("for _, name := range names {\n\tr := get(name)\n\tdefer r.Body.Close()\n}\n", True, True),
        ("for _, name := range names {\n\tl := lease(name)\n\tdefer l.Release()\n}\n", True, False),
        ("for _, name := range names {\n\td := mkdir(name)\n\tdefer os.RemoveAll(d + \"/x\")\n}\n", True, False),
        ("for _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer func() { _ = f.Close() }()\n}\n", True, True),
        ("for _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer func() { f.Close(); println(name) }()\n}\n", True, False),
        # Not a pile-up: made before the loop, conditional, lock-like, nothing released.
        ("for _, f := range files {\n\tdefer f.Close()\n}\n", False, False),
        ("for _, name := range names {\n\tf := files[name]\n\tdefer f.Close()\n}\n", False, False),
        ("for _, name := range names {\n\t" + OPEN.replace("\n", "\n\t") + "defer func() {\n\t\tif err != nil {\n\t\t\tf.Close()\n\t\t}\n\t}()\n}\n", False, False),
        ("for _, name := range names {\n\tunlock := lockFor(name)\n\tdefer unlock()\n}\n", False, False),
        ("for _, name := range names {\n\tmu := lockFor(name)\n\tmu.Lock()\n\tdefer mu.Unlock()\n}\n", False, False),
        ("for _, name := range names {\n\twg := group(name)\n\tdefer wg.Done()\n}\n", False, False),
        ("for _, name := range names {\n\tstart := now()\n\tdefer report(start)\n}\n", False, False),
    ],
)
def test_deferred_release(body: str, piles_up: bool, known: bool) -> None:
    released = _released(body)
    assert (released.piles_up, released.known) == (piles_up, known)


def test_a_cancel_assigned_once_in_the_body_is_a_known_release() -> None:
    released = _released(
        "for range names {\n\tvar cancel context.CancelFunc\n\tctx := context.Background()\n"
        "\tctx, cancel = context.WithCancel(ctx)\n\tdefer cancel()\n\tuse(ctx)\n}\n",
        header=HEADER.replace('"bufio"', '"bufio"\n\t"context"'),
    )
    assert released.known and [c.text for c in released.releases[0].companions] == [b"ctx"]


def test_a_context_cancel_is_a_known_release_and_brings_its_context() -> None:
    released = _released(
        "for range names {\n\tctx, cancel := context.WithCancel(context.Background())\n\tdefer cancel()\n\tuse(ctx)\n}\n",
        header=HEADER.replace('"bufio"', '"bufio"\n\t"context"'),
    )
    assert released.known
    (release,) = released.releases
    assert [c.text for c in release.companions] == [b"ctx"]


@pytest.mark.parametrize(
    "header, bound",
    [
        ("for i := 0; i < 3; i++ {", 3),
        ("for i := 1; i <= 16; i++ {", 16),
        ("for i := 0; i < 17; i++ {", None),
        ("for i := 5; i > 0; i-- {", 5),
        ("for i := 0; i < small; i++ {", 4),
        ("for i := 0; i < len(names); i++ {", None),
        ("for range 8 {", 8),
        ('for _, s := range []string{"a", "b"} {', 2),
        ("for _, s := range names {", None),
        ("for {", None),
        ("for i := 0; i < 3; i += 1 {", None),
    ],
)
def test_small_bound(header: str, bound: int | None) -> None:
    src = source("const small = 4\n" + header + "\n\tprintln()\n}\n")
    loop = next(n for n in walk(src.root) if n.type == "for_statement")
    assert small_bound(loop, src, Imports(src)) == bound


def test_a_counter_changed_in_the_body_is_no_bound() -> None:
    src = source("for i := 0; i < 3; i++ {\n\ti += step()\n}\n")
    loop = next(n for n in walk(src.root) if n.type == "for_statement")
    assert small_bound(loop, src, Imports(src)) is None
