"""The engine: splicing edits, choosing a batch of fixes, mapping offsets back, and
`fix_file` (fixed point, syntax guard, generated files, suppression, severity, positions).

Most cases use tiny fake codemods over `leak(...)`-style calls so that each engine rule is
tested apart from any real codemod's judgement."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from tree_sitter import Node, Query

from codemods.time_after_in_loop import TimeAfterInLoop
from gofixleak.codemod import Codemod, Context
from gofixleak.engine import (
    MAX_PASSES,
    Settings,
    apply_edits,
    fix_file,
    map_back,
    select_fixes,
)
from gofixleak.gomod import GoVersion
from gofixleak.model import Edit, Finding, Fix, FixStatus, Position, Severity
from gofixleak.source import GO, SourceFile, first_error, parse

CALLS = "(call_expression function: (identifier) @fn arguments: (argument_list) @args) @call"

Check = Callable[[Node, Context], Iterator[Finding]]


def fake(rule: str, check: Check, query: str = CALLS) -> Codemod:
    """A codemod with an inline query; `check(call, ctx)` runs once per matched call."""

    def run_check(self, captures: dict[str, list[Node]], ctx: Context) -> Iterator[Finding]:
        yield from check(captures["call"][0], ctx)

    cls = type(
        f"Fake_{rule.replace('-', '_')}",
        (Codemod,),
        {"ID": rule, "SUMMARY": f"fake {rule}", "QUERY": "-", "_query": Query(GO, query), "check": run_check},
    )
    return cls()


def callee(call: Node) -> str:
    return call.child_by_field_name("function").text.decode()


def body_start(call: Node) -> int:
    """Offset of the line after the `{` of the function holding `call`."""
    node = call
    while node.type != "function_declaration":
        node = node.parent
    return node.child_by_field_name("body").start_byte + 2  # past "{\n"


def rename_leak(rule: str = "rename-leak", severity: Severity = Severity.WARNING) -> Codemod:
    """`leak(...)` -> `safe(...)`."""

    def check(call: Node, ctx: Context) -> Iterator[Finding]:
        if callee(call) == "leak":
            fn = call.child_by_field_name("function")
            fix = Fix("rename", (Edit.replace(fn.start_byte, fn.end_byte, b"safe"),))
            yield Finding(rule, call.start_byte, call.end_byte, "leak call", severity, fix)

    return fake(rule, check)


def run(data: bytes, *codemods: Codemod, settings: Settings = Settings()):
    return fix_file("x.go", data, list(codemods), settings, GoVersion(go=(1, 21), source="test"))


def parses(data: bytes) -> bool:
    return first_error(parse(data)) is None


# ------------------------------------------------------------------ apply_edits


def test_apply_edits_splices_in_offset_order_whatever_the_input_order() -> None:
    edits = [Edit.replace(6, 8, b"X"), Edit.replace(0, 1, b""), Edit.insert(3, b"++")]
    text, applied = apply_edits(b"0123456789", edits)
    assert text == b"12++345X89"
    assert applied == tuple(sorted(edits))


def test_apply_edits_collapses_duplicates() -> None:
    edit = Edit.replace(2, 4, b"ab")
    text, applied = apply_edits(b"0123456789", [edit, Edit.replace(2, 4, b"ab")])
    assert text == b"01ab456789"
    assert applied == (edit,)


def test_apply_edits_allows_touching_edits() -> None:
    text, _ = apply_edits(b"0123456789", [Edit.replace(2, 4, b"A"), Edit.replace(4, 6, b"B")])
    assert text == b"01AB6789"


def test_apply_edits_puts_an_insertion_before_a_replacement_at_the_same_start() -> None:
    text, _ = apply_edits(b"0123456789", [Edit.replace(2, 4, b"R"), Edit.insert(2, b"I")])
    assert text == b"01IR456789"


def test_apply_edits_refuses_overlapping_edits() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits(b"0123456789", [Edit.replace(1, 5, b"A"), Edit.replace(4, 6, b"B")])


def test_edit_rejects_a_backwards_range() -> None:
    with pytest.raises(ValueError):
        Edit(5, 4, b"x")


def test_fix_rejects_overlapping_edits_and_sorts_its_edits() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        Fix("f", (Edit.replace(0, 3, b"a"), Edit.replace(2, 4, b"b")))
    with pytest.raises(ValueError):
        Fix("empty", ())
    fix = Fix("f", (Edit.insert(9, b"b"), Edit.insert(1, b"a")))
    assert [e.start for e in fix.edits] == [1, 9]
    assert (fix.start, fix.end) == (1, 9)


# ------------------------------------------------------------------ select_fixes


def titles(fixes: list[Fix]) -> list[str]:
    return [f.title for f in fixes]


def test_overlapping_fix_is_deferred_whatever_the_input_order() -> None:
    a = Fix("a", (Edit.replace(0, 5, b"x"),))
    b = Fix("b", (Edit.replace(3, 8, b"y"),))
    assert titles(select_fixes([a, b])) == ["a"]
    assert titles(select_fixes([b, a])) == ["a"]


def test_touching_fixes_are_taken_together() -> None:
    a = Fix("a", (Edit.replace(0, 5, b"x"),))
    b = Fix("b", (Edit.replace(5, 8, b"y"),))
    c = Fix("c", (Edit.insert(8, b"z"),))  # an insertion right at the end of b
    assert titles(select_fixes([c, b, a])) == ["a", "b", "c"]


def test_identical_edits_are_shared_not_conflicts() -> None:
    shared = Edit.insert(0, b"import \"time\"\n")
    a = Fix("a", (shared, Edit.replace(10, 12, b"A")))
    b = Fix("b", (Edit.insert(0, b"import \"time\"\n"), Edit.replace(20, 22, b"B")))
    batch = select_fixes([a, b])
    assert titles(batch) == ["a", "b"]
    text, applied = apply_edits(b"x" * 30, [e for fix in batch for e in fix.edits])
    assert text.count(b"import") == 1
    assert len(applied) == 3


def test_same_point_inserts_from_different_fixes_are_deferred() -> None:
    a = Fix("a", (Edit.insert(4, b"first\n"),))
    b = Fix("b", (Edit.insert(4, b"second\n"),))
    assert titles(select_fixes([a, b])) == ["a"]
    assert titles(select_fixes([b])) == ["b"]  # and it lands alone in the next pass


def test_insertion_inside_a_replaced_range_conflicts() -> None:
    a = Fix("a", (Edit.replace(2, 8, b"x"),))
    b = Fix("b", (Edit.insert(5, b"y"),))
    assert titles(select_fixes([a, b])) == ["a"]


def test_a_fix_is_taken_whole_or_not_at_all() -> None:
    a = Fix("a", (Edit.replace(3, 6, b"A"),))
    # b's second edit would fit, but its first overlaps a: none of b is taken...
    b = Fix("b", (Edit.replace(4, 5, b"B"), Edit.replace(20, 25, b"B")))
    # ...so c, which overlaps only b's free edit, is still taken.
    c = Fix("c", (Edit.replace(22, 30, b"C"),))
    assert titles(select_fixes([a, b, c])) == ["a", "c"]


# ------------------------------------------------------------------ map_back


def test_map_back_inverts_the_offsets_of_unedited_text() -> None:
    old = b"package p; func f() { leak(1); leak(2) }"
    edits = (Edit.insert(0, b"// head\n"), Edit.replace(22, 26, b"safeguard"), Edit.replace(31, 35, b""))
    new, applied = apply_edits(old, edits)
    inserted = set()
    shift = 0
    for edit in applied:
        inserted.update(range(edit.start + shift, edit.start + shift + len(edit.new)))
        shift += len(edit.new) - (edit.end - edit.start)
    checked = 0
    for offset in range(len(new)):
        if offset in inserted:
            continue
        assert new[offset] == old[map_back(offset, applied)], offset
        checked += 1
    assert checked == len(old) - 4 - 4  # every byte outside the two replaced ranges


def test_map_back_sends_offsets_inside_new_text_to_the_edit_point() -> None:
    edits = (Edit.insert(3, b"XYZ"), Edit.replace(5, 7, b"LONGER"))
    # new text: 012XYZ34LONGER789
    assert [map_back(o, edits) for o in (3, 4, 5)] == [3, 3, 3]
    assert map_back(6, edits) == 3  # "3" itself
    assert [map_back(o, edits) for o in range(8, 14)] == [5] * 6
    assert map_back(14, edits) == 7
    assert map_back(0, edits) == 0


# ------------------------------------------------------------------ fix_file


THREE_LEAKS = b"""package p

func f() {
	leak(1)
	leak(2)
	leak(3)
}
"""


def comment_and_rename(call: Node, ctx: Context) -> Iterator[Finding]:
    """Renames `leak` and puts a comment at the top of the function: every finding of one
    function inserts at the same point, so each pass can take only one of them."""
    if callee(call) != "leak":
        return
    fn = call.child_by_field_name("function")
    arg = call.child_by_field_name("arguments").text.decode()
    fix = Fix(
        "comment",
        (Edit.insert(body_start(call), f"\t// fixed {arg}\n".encode()), Edit.replace(fn.start_byte, fn.end_byte, b"safe")),
    )
    yield Finding("comment-leak", call.start_byte, call.end_byte, "leak", Severity.WARNING, fix)


def test_conflicting_fixes_reach_a_fixed_point_over_several_passes() -> None:
    first_pass = [f.fix for f in fake("comment-leak", comment_and_rename).run(Context(SourceFile("x.go", THREE_LEAKS)))]
    assert len(select_fixes(first_pass)) == 1  # so one pass cannot do it all

    result = run(THREE_LEAKS, fake("comment-leak", comment_and_rename))
    assert result.fixed == b"""package p

func f() {
	// fixed (3)
	// fixed (2)
	// fixed (1)
	safe(1)
	safe(2)
	safe(3)
}
"""
    assert [(f.start, f.end, f.fix) for f in result.findings] == [
        (Position(4, 2), Position(4, 9), FixStatus.APPLIED),
        (Position(5, 2), Position(5, 9), FixStatus.APPLIED),
        (Position(6, 2), Position(6, 9), FixStatus.APPLIED),
    ]
    assert result.notes == () and result.error == ""
    # The output is itself a fixed point.
    assert run(result.fixed, fake("comment-leak", comment_and_rename)).findings == ()


TWO_AFTERS = b"""package p

import "time"

func f(in <-chan int, a, b time.Duration) {
	for {
		select {
		case <-in:
		case <-time.After(a):
			return
		case <-time.After(b):
			return
		}
	}
}
"""


def test_two_time_after_sites_in_one_select_are_both_fixed() -> None:
    result = run(TWO_AFTERS, TimeAfterInLoop())
    assert [(f.start.line, f.fix) for f in result.findings] == [(9, FixStatus.APPLIED), (11, FixStatus.APPLIED)]
    assert b"time.After" not in result.fixed
    assert result.fixed.count(b":= time.NewTimer(") == 2
    assert b"case <-timer.C:" in result.fixed and b"case <-timer2.C:" in result.fixed
    assert parses(result.fixed)
    assert run(result.fixed, TimeAfterInLoop()).findings == ()


def test_identical_fixes_of_two_rules_are_both_applied_once() -> None:
    result = run(b"package p\n\nfunc f() {\n\tleak()\n}\n", rename_leak("rule-a"), rename_leak("rule-b"))
    assert result.fixed == b"package p\n\nfunc f() {\n\tsafe()\n}\n"
    assert [(f.rule, f.fix) for f in result.findings] == [("rule-a", FixStatus.APPLIED), ("rule-b", FixStatus.APPLIED)]


def test_a_fix_that_breaks_the_syntax_is_discarded_and_the_others_land() -> None:
    def check(call: Node, ctx: Context) -> Iterator[Finding]:
        fn = call.child_by_field_name("function")
        if callee(call) == "broken":  # leaves an unbalanced parenthesis
            fix = Fix("break", (Edit.replace(fn.start_byte, fn.end_byte, b"broken("),))
        elif callee(call) == "leak":
            fix = Fix("rename", (Edit.replace(fn.start_byte, fn.end_byte, b"safe"),))
        else:
            return
        yield Finding("mixed", call.start_byte, call.end_byte, callee(call), Severity.WARNING, fix)

    data = b"package p\n\nfunc f() {\n\tbroken()\n\tleak()\n}\n"
    result = run(data, fake("mixed", check))
    assert result.fixed == b"package p\n\nfunc f() {\n\tbroken()\n\tsafe()\n}\n"
    by_message = {f.message: f for f in result.findings}
    assert by_message["leak"].fix == FixStatus.APPLIED
    assert by_message["broken"].fix == FixStatus.NONE
    assert "does not parse" in by_message["broken"].no_fix_reason
    assert result.error == ""


def test_a_fix_that_never_converges_stops_at_the_cap() -> None:
    def check(call: Node, ctx: Context) -> Iterator[Finding]:
        if callee(call) == "leak":  # the finding survives its own fix
            yield Finding("endless", call.start_byte, call.end_byte, "m", Severity.WARNING,
                          Fix("comment", (Edit.insert(call.start_byte, b"/**/"),)))

    result = run(b"package p\n\nfunc f() {\n\tleak()\n}\n", fake("endless", check))
    assert result.fixed.count(b"/**/") == MAX_PASSES
    assert any("did not converge" in note and "endless" in note for note in result.notes)
    assert len(result.findings) == 1 and result.findings[0].start == Position(4, 2)


def test_unparsable_input_is_reported_with_its_line_and_left_unchanged() -> None:
    data = b"package p\n\nfunc f() {\n\tleak()\n\tx := := 1\n}\n"
    result = run(data, rename_leak())
    assert result.fixed == data and not result.changed
    assert result.findings == ()
    assert result.syntax_error.startswith("syntax error at line 5, column 7")


@pytest.mark.parametrize(
    "header",
    [
        b"// Code generated by stringer; DO NOT EDIT.\n\npackage p\n",
        b"// Copyright x\n\n// Code generated by protoc-gen-go. DO NOT EDIT.\r\n\r\npackage p\r\n",
    ],
)
def test_generated_files_are_skipped(header: bytes) -> None:
    data = header + b"\nfunc f() {\n\tleak()\n}\n"
    result = run(data, rename_leak())
    assert result.findings == () and result.fixed == data
    assert result.notes == ("generated file skipped",)


@pytest.mark.parametrize(
    "data",
    [
        # The marker must come before the package clause...
        b"package p\n\n// Code generated by x. DO NOT EDIT.\n\nfunc f() {\n\tleak()\n}\n",
        # ...and be the exact form.
        b"// Code generated by x. Do not edit.\n\npackage p\n\nfunc f() {\n\tleak()\n}\n",
        b"/* Code generated by x. DO NOT EDIT. */\n\npackage p\n\nfunc f() {\n\tleak()\n}\n",
    ],
)
def test_files_that_are_not_generated_are_analysed(data: bytes) -> None:
    result = run(data, rename_leak())
    assert len(result.findings) == 1 and result.findings[0].fix == FixStatus.APPLIED


SUPPRESSING = [
    "//nolint:gofixleak",
    "//nolint:all",
    "//nolint:gofixleak,other",
    "//nolint:other,gofixleak // known",
    "//nolint",
    "// nolint:gofixleak",
    "//gofixleak:ignore",
    "//gofixleak:ignore this one is fine",
]
NOT_SUPPRESSING = ["//nolint:other", "//nolint:gofixleakish", "// gofixleak is great", "//nolintx"]


@pytest.mark.parametrize("comment", SUPPRESSING)
@pytest.mark.parametrize("where", ["same line", "line above"])
def test_suppression_comments(comment: str, where: str) -> None:
    if where == "same line":
        body = f"\tleak() {comment}\n\tleak()\n"
    else:
        body = f"\t{comment}\n\tleak()\n\tleak()\n"
    result = run(f"package p\n\nfunc f() {{\n{body}}}\n".encode(), rename_leak())
    # Only the first call is silenced; the second is still reported and fixed.
    assert [f.start.line for f in result.findings] == [5 if where == "same line" else 6]
    assert result.fixed.count(b"leak()") == 1 and result.fixed.count(b"safe()") == 1


@pytest.mark.parametrize("comment", NOT_SUPPRESSING)
def test_comments_that_do_not_suppress(comment: str) -> None:
    data = f"package p\n\nfunc f() {{\n\t{comment}\n\tleak() {comment}\n}}\n".encode()
    result = run(data, rename_leak())
    assert [f.start.line for f in result.findings] == [5]


def test_suppression_two_lines_above_does_not_apply() -> None:
    data = b"package p\n\nfunc f() {\n\t//nolint:gofixleak\n\n\tleak()\n}\n"
    assert len(run(data, rename_leak()).findings) == 1


def test_severity_filter_hides_and_does_not_fix_lower_findings() -> None:
    levels = {"low": Severity.INFO, "mid": Severity.WARNING, "high": Severity.ERROR}

    def check(call: Node, ctx: Context) -> Iterator[Finding]:
        name = callee(call)
        if name not in levels:
            return
        fn = call.child_by_field_name("function")
        fix = Fix("upper", (Edit.replace(fn.start_byte, fn.end_byte, name.upper().encode()),))
        yield Finding("levels", call.start_byte, call.end_byte, name, levels[name], fix)

    data = b"package p\n\nfunc f() {\n\tlow()\n\tmid()\n\thigh()\n}\n"
    seen = {}
    for minimum in Severity:
        result = run(data, fake("levels", check), settings=Settings(min_severity=minimum))
        seen[minimum] = sorted(f.message for f in result.findings)
        for name, level in levels.items():
            assert (name.upper().encode() + b"()" in result.fixed) == (level >= minimum)
    assert seen == {
        Severity.INFO: ["high", "low", "mid"],
        Severity.WARNING: ["high", "mid"],
        Severity.ERROR: ["high"],
    }


def test_positions_are_one_based_lines_and_byte_columns() -> None:
    data = "package p\n\nfunc f() {\n\t_, _ = \"héllo→\", leak(1,\n\t\t2)\n}\n".encode()
    result = run(data, rename_leak())
    (finding,) = result.findings
    line4 = data.split(b"\n")[3]
    assert finding.start == Position(4, line4.index(b"leak") + 1)
    assert finding.start.column == 22  # 18 characters precede it, é and → take 1 + 2 more bytes
    assert finding.end == Position(5, 5)  # just past ")" on the next line


def test_a_file_using_new_of_an_expression_parses_and_is_fixed() -> None:
    data = b"package p\n\nfunc f(x int) *int {\n\tleak()\n\treturn new(x + 1)\n}\n\nvar p = new(int64(-64))\n"
    assert _raw_has_error(data)  # tree-sitter-go alone rejects it
    assert parses(data)
    result = run(data, rename_leak())
    assert result.error == ""
    assert result.fixed == data.replace(b"leak()", b"safe()")


def test_a_shadowed_make_called_with_an_expression_parses() -> None:
    data = b"package p\n\nfunc f() int {\n\tmake := func(n int) int { return n }\n\treturn make(3 - 1)\n}\n"
    assert _raw_has_error(data)
    tree = parse(data)
    assert first_error(tree) is None
    assert tree.root_node.end_byte == len(data)  # offsets are those of the real text


def test_a_file_with_many_new_of_expression_calls_parses() -> None:
    table = b"".join(b"\tnew(%d),\n" % i for i in range(100))
    data = b"package p\n\nvar xs = []*int{\n" + table + b"}\n\nvar p = new(new(5))\n"
    assert _raw_has_error(data)
    assert parses(data)


def test_a_real_syntax_error_is_still_an_error_with_new_calls_around() -> None:
    data = b"package p\n\nvar p = new(42)\n\nfunc f( {\n}\n"
    assert not parses(data)


def _raw_has_error(data: bytes) -> bool:
    from tree_sitter import Parser

    return Parser(GO).parse(data).root_node.has_error


def test_fixes_declaring_the_same_name_wait_for_the_next_pass() -> None:
    first = Fix("a", (Edit.insert(0, b"timer := 1\n"),), declares=("timer",))
    second = Fix("b", (Edit.insert(50, b"timer := 2\n"),), declares=("timer",))
    other = Fix("c", (Edit.insert(90, b"cancel := 3\n"),), declares=("cancel",))
    assert select_fixes([second, other, first]) == [first, other]


def test_two_loops_in_one_function_get_distinct_timer_names() -> None:
    source = b"""package p

import "time"

func f(in <-chan int, d time.Duration) {
	for {
		select {
		case <-in:
		case <-time.After(d):
			return
		}
	}
	for {
		select {
		case <-in:
		case <-time.After(d):
			return
		}
	}
}
"""
    result = fix_file("p.go", source, [TimeAfterInLoop()], Settings(min_severity=Severity.INFO), GoVersion(go=(1, 21)))
    assert [f.fix for f in result.findings] == [FixStatus.APPLIED, FixStatus.APPLIED]
    assert result.fixed.count(b"timer := time.NewTimer(d)") == 1
    assert result.fixed.count(b"timer2 := time.NewTimer(d)") == 1


def test_a_fix_inside_a_wrapped_loop_body_lands_in_the_same_run() -> None:
    """The defer-in-loop wrap is made of insertions, so a goroutine-blocked-send fix in the
    same body keeps its position: both are applied, in one run."""
    from codemods.defer_in_loop import DeferInLoop
    from codemods.goroutine_blocked_send import GoroutineBlockedSend

    data = (
        b"package p\n\nimport (\n\t\"os\"\n\t\"time\"\n)\n\n"
        b"func poll(names []string, d time.Duration) int {\n\tsum := 0\n\tfor _, n := range names {\n"
        b"\t\tf, err := os.Open(n)\n\t\tif err != nil {\n\t\t\tpanic(err)\n\t\t}\n\t\tdefer f.Close()\n"
        b"\t\tch := make(chan int)\n\t\tgo func() { ch <- len(n) }()\n"
        b"\t\tselect {\n\t\tcase v := <-ch:\n\t\t\tsum += v\n\t\tcase <-time.After(d):\n\t\t}\n\t}\n\treturn sum\n}\n"
    )
    result = fix_file("p.go", data, [DeferInLoop(), GoroutineBlockedSend()], Settings())
    assert sorted((f.rule, f.fix) for f in result.findings) == [
        ("defer-in-loop", FixStatus.APPLIED),
        ("goroutine-blocked-send", FixStatus.APPLIED),
    ]
    assert b"\t\tfunc() {\n\t\t\tf, err := os.Open(n)\n" in result.fixed
    assert b"\t\t\tch := make(chan int, 1)\n" in result.fixed
