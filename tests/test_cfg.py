"""The control-flow graph: one test per statement kind, asserting which statements can
follow which, and how the function is left."""

from __future__ import annotations

from gofixleak.analysis import cfg
from gofixleak.analysis.imports import Imports
from gofixleak.source import SourceFile

HEADER = 'package p\n\nimport (\n\t"log"\n\t"os"\n\t"testing"\n\n\t"github.com/stretchr/testify/require"\n)\n\n'


def graph(body: str, params: str = "") -> tuple[cfg.Graph, SourceFile]:
    src = SourceFile("x.go", f"{HEADER}func f({params}) {{\n{body}\n}}\n".encode())
    function = src.nodes_of("function_declaration")[0]
    built = cfg.build(function, src, Imports(src))
    assert built is not None
    return built, src


def steps(g: cfg.Graph, src: SourceFile) -> dict[str, set[str]]:
    """For each statement or condition (by its text), the texts that can run right after
    it, skipping place markers; "<return>" etc. for the ways the function is left."""
    def label(node) -> str:
        return src.text(node).split("\n")[0]

    def next_items(block: cfg.Block, index: int, seen: set[int]) -> set[str]:
        out: set[str] = set()
        for node in block.nodes[index:]:
            if not cfg.is_marker(node):
                return {label(node)}
        if block.exit is not None:
            out.add(f"<{block.exit.kind}>")
            if not block.exit.conditional:
                return out
        for succ in block.succs:
            if succ.index not in seen:
                out |= next_items(succ, 0, seen | {succ.index})
        return out

    result: dict[str, set[str]] = {}
    for block in g.reachable():
        for i, node in enumerate(block.nodes):
            if not cfg.is_marker(node) and node.type != "return_statement":
                result.setdefault(label(node), set()).update(next_items(block, i + 1, set()))
    return result


def test_straight_line_falls_off_the_end() -> None:
    g, src = graph("\ta := 1\n\t_ = a")
    assert steps(g, src) == {"a := 1": {"_ = a"}, "_ = a": {"<end>"}}


def test_if_else_chain_branches_on_the_condition() -> None:
    g, src = graph("\tif x := 1; x > 0 {\n\t\tprintln(1)\n\t} else if x < 0 {\n\t\tprintln(2)\n\t}\n\tprintln(3)")
    s = steps(g, src)
    assert s["x := 1"] == {"x > 0"}
    assert s["x > 0"] == {"println(1)", "x < 0"}
    assert s["x < 0"] == {"println(2)", "println(3)"}
    assert s["println(1)"] == {"println(3)"}
    condition = next(b for b in g.reachable() if b.condition is not None and src.text(b.condition) == "x > 0")
    assert [src.text(b.nodes[0]) for b in condition.succs[:1]] == ["println(1)"]  # true side first


def test_three_clause_for_loops_through_post_and_may_end() -> None:
    g, src = graph("\tfor i := 0; i < 3; i++ {\n\t\tprintln(i)\n\t}\n\tprintln(9)")
    s = steps(g, src)
    assert s["i := 0"] == {"i < 3"}
    assert s["i < 3"] == {"println(i)", "println(9)"}
    assert s["println(i)"] == {"i++"}
    assert s["i++"] == {"i < 3"}


def test_endless_for_never_reaches_what_follows() -> None:
    g, src = graph("\tfor {\n\t\tprintln(1)\n\t}\n\tprintln(2)")
    s = steps(g, src)
    assert s["println(1)"] == {"println(1)"}
    assert "println(2)" not in s


def test_for_true_is_endless_but_a_break_ends_it() -> None:
    g, src = graph("\tfor true {\n\t\tif cond() {\n\t\t\tbreak\n\t\t}\n\t}\n\tprintln(2)")
    s = steps(g, src)
    assert s["break"] == {"println(2)"}
    assert s["cond()"] == {"break", "cond()"}


def test_range_may_run_no_pass() -> None:
    g, src = graph("\tfor _, v := range xs {\n\t\tprintln(v)\n\t}\n\tprintln(0)", "xs []int")
    s = steps(g, src)
    assert s["xs"] == {"_, v"}
    assert s["_, v"] == {"println(v)", "println(0)"}
    assert s["println(v)"] == {"_, v"}


def test_labeled_continue_and_break_reach_the_outer_loop() -> None:
    body = ("\touter:\n\tfor _, a := range xs {\n\t\tfor _, b := range xs {\n\t\t\tif a == b {\n\t\t\t\tcontinue outer\n"
            "\t\t\t}\n\t\t\tif a > b {\n\t\t\t\tbreak outer\n\t\t\t}\n\t\t}\n\t}\n\tprintln(0)")
    g, src = graph(body, "xs []int")
    s = steps(g, src)
    assert s["continue outer"] == {"_, a"}
    assert s["break outer"] == {"println(0)"}


def test_switch_cases_fallthrough_and_the_no_match_path() -> None:
    body = "\tswitch x {\n\tcase 1:\n\t\tprintln(1)\n\t\tfallthrough\n\tcase 2:\n\t\tprintln(2)\n\t}\n\tprintln(3)"
    g, src = graph(body, "x int")
    s = steps(g, src)
    assert s["fallthrough"] == {"println(2)"}
    assert s["println(2)"] == {"println(3)"}
    assert "println(3)" in s["2"]  # no default: no case may match


def test_switch_with_default_always_takes_a_case() -> None:
    g, src = graph("\tswitch {\n\tcase x > 1:\n\t\treturn\n\tdefault:\n\t\treturn\n\t}\n\tprintln(3)", "x int")
    assert "println(3)" not in steps(g, src)


def test_type_switch_binds_and_branches() -> None:
    g, src = graph("\tswitch v := x.(type) {\n\tcase int:\n\t\tprintln(v)\n\t}\n\tprintln(0)", "x any")
    s = steps(g, src)
    assert "println(v)" in s["int"] and "println(0)" in s["int"]


def test_select_without_default_runs_one_case() -> None:
    body = "\tselect {\n\tcase v := <-ch:\n\t\tprintln(v)\n\tcase ch <- 1:\n\t}\n\tprintln(0)"
    g, src = graph(body, "ch chan int")
    s = steps(g, src)
    assert s["v := <-ch"] == {"println(v)"}
    assert s["ch <- 1"] == {"println(0)"}


def test_empty_select_never_ends() -> None:
    g, src = graph("\tprintln(1)\n\tselect {}\n\tprintln(2)")
    s = steps(g, src)
    assert s["println(1)"] == set()
    assert "println(2)" not in s


def test_goto_jumps_to_its_label() -> None:
    g, src = graph("\ti := 0\nagain:\n\ti++\n\tif i < 3 {\n\t\tgoto again\n\t}")
    s = steps(g, src)
    assert s["goto again"] == {"i++"}


def test_return_and_defer() -> None:
    g, src = graph("\tdefer println(0)\n\tif x {\n\t\treturn\n\t}\n\tprintln(1)", "x bool")
    s = steps(g, src)
    assert s["defer println(0)"] == {"x"}
    assert s["println(1)"] == {"<end>"}
    returns = [b.exit for b in g.reachable() if b.exit is not None and b.exit.kind == "return"]
    assert len(returns) == 1 and src.text(returns[0].node) == "return"


def test_calls_that_never_return() -> None:
    body = ("\tswitch x {\n\tcase 0:\n\t\tpanic(1)\n\tcase 1:\n\t\tos.Exit(1)\n\tcase 2:\n\t\tlog.Fatalf(\"x\")\n"
            "\tcase 3:\n\t\tt.Fatal(1)\n\tcase 4:\n\t\tt.SkipNow()\n\tdefault:\n\t\tt.FailNow()\n\t}\n\tprintln(9)")
    g, src = graph(body, "x int, t *testing.T")
    s = steps(g, src)
    assert s["panic(1)"] == {"<panic>"}
    assert s["os.Exit(1)"] == {"<exit>"}
    assert s['log.Fatalf("x")'] == {"<exit>"}
    assert s["t.Fatal(1)"] == s["t.SkipNow()"] == s["t.FailNow()"] == {"<goexit>"}
    assert "println(9)" not in s


def test_testify_require_may_end_the_test() -> None:
    g, src = graph("\trequire.NoError(t, err)\n\ts.Require().True(ok)\n\tprintln(1)", "t *testing.T, err error, ok bool")
    s = steps(g, src)
    assert s["require.NoError(t, err)"] == {"<goexit>", "s.Require().True(ok)"}
    assert s["s.Require().True(ok)"] == {"<goexit>", "println(1)"}


def test_func_literals_are_not_entered() -> None:
    g, src = graph("\tgo func() {\n\t\treturn\n\t}()\n\tprintln(1)")
    s = steps(g, src)
    assert s["go func() {"] == {"println(1)"}


def test_a_body_with_a_syntax_error_gets_no_graph() -> None:
    src = SourceFile("x.go", b"package p\n\nfunc f() {\n\tx := \n}\n\nfunc g() {}\n")
    functions = src.nodes_of("function_declaration")
    assert cfg.build(functions[0], src, Imports(src)) is None
    assert cfg.build(functions[1], src, Imports(src)) is not None
