"""What a function of the package does with a channel handed to it, and how many values one
run of a goroutine sends: the summaries both goroutine rules read a named worker by."""

from __future__ import annotations

import pytest

from gofixleak.analysis import handoff, send_count
from gofixleak.analysis.channels import go_literal
from gofixleak.analysis.tree import walk
from gofixleak.source import SourceFile


def summary(callee: str, call: str = "go worker(ch)"):
    text = f"package p\n\nfunc f() {{\n\tch := make(chan int)\n\t{call}\n}}\n\n{callee}\n"
    src = SourceFile("p.go", text.encode())
    assert not src.root.has_error, text
    statement = next(n for n in walk(src.root) if n.type in {"go_statement", "expression_statement"} and src.text(n) == call)
    node = statement.named_children[0] if statement.type == "go_statement" else statement.named_children[0]
    argument = next(a for a in node.child_by_field_name("arguments").named_children if src.text(a) == "ch")
    return handoff.summarise(node, argument, src)


def test_worker_ranging_until_close() -> None:
    found = summary("func worker(c chan int) {\n\tfor v := range c {\n\t\tprintln(v)\n\t}\n}")
    assert found is not None and found.ranges and not found.leaves_range and found.sends == 0


def test_worker_leaving_its_range_early() -> None:
    found = summary("func worker(c chan int) {\n\tfor v := range c {\n\t\tif v < 0 {\n\t\t\treturn\n\t\t}\n\t}\n}")
    assert found is not None and found.leaves_range and not found.ranges


def test_sender_guarded_by_a_done_case() -> None:
    found = summary("func worker(c chan int, done chan struct{}) {\n\tselect {\n\tcase c <- 1:\n\tcase <-done:\n\t}\n}",
                    "go worker(ch, nil)")
    assert found is not None and found.guarded


def test_sends_counted_on_the_longest_path_and_followed_one_call_further() -> None:
    found = summary("func worker(c chan int, ok bool) {\n\tif ok {\n\t\tc <- 0\n\t}\n\temit(c)\n}\n\nfunc emit(c chan int) { c <- 1 }",
                    "go worker(ch, true)")
    assert found is not None and found.sends == 2 and not found.tail_send


def test_a_send_in_a_loop_is_unbounded() -> None:
    found = summary("func worker(c chan int, xs []int) {\n\tfor _, x := range xs {\n\t\tc <- x\n\t}\n\tclose(c)\n}",
                    "go worker(ch, nil)")
    assert found is not None and found.sends is None and found.closes


@pytest.mark.parametrize(
    "callee",
    [
        "var kept []chan int\n\nfunc worker(c chan int) { kept = append(kept, c) }",  # stored
        "func worker(c chan int) chan int { return c }",  # handed back
        "func worker(c chan int) { go func() { c <- 1 }() }",  # a goroutine of the callee
        "func worker(c chan int) { a(c) }\n\nfunc a(c chan int) { b(c) }\n\nfunc b(c chan int) { c <- 1 }",  # two levels on
    ],
)
def test_no_summary_when_the_channel_is_not_modelled(callee: str) -> None:
    assert summary(callee) is None


def test_no_summary_for_code_outside_the_package() -> None:
    assert summary("func other() {}", "go fmt.Println(ch)") is None


def test_defers_other_than_closing_are_noted() -> None:
    assert summary("func worker(c chan int, mu interface{ Unlock() }) {\n\tdefer mu.Unlock()\n\tc <- 1\n}", "go worker(ch, nil)").defers
    assert not summary("func worker(c chan int) {\n\tdefer close(c)\n\tc <- 1\n}").defers


def goroutine_sends(body: str) -> int | None:
    text = f"package p\n\nfunc f(ok bool, xs []int) {{\n\tch := make(chan int)\n\tgo func() {{\n{body}\n\t}}()\n}}\n"
    src = SourceFile("p.go", text.encode())
    literal = go_literal(next(n for n in walk(src.root) if n.type == "go_statement"))
    sends = [n for n in walk(literal) if n.type == "send_statement"]
    return send_count.most_sends(literal, sends, src)


@pytest.mark.parametrize(
    "body, most",
    [
        ("\t\tch <- 1\n\t\tclose(ch)", 1),
        ("\t\tif ok {\n\t\t\tch <- 1\n\t\t\treturn\n\t\t}\n\t\tch <- 2", 1),
        ("\t\tif ok {\n\t\t\tch <- 1\n\t\t}\n\t\tch <- 2", 2),
        ("\t\tfor _, x := range xs {\n\t\t\tch <- x\n\t\t}", send_count.UNBOUNDED),
        ("\t\tfor {\n\t\t\tif ok {\n\t\t\t\tch <- 1\n\t\t\t\treturn\n\t\t\t}\n\t\t}", 1),
    ],
)
def test_most_sends_one_run_makes(body: str, most: int) -> None:
    assert goroutine_sends(body) == most
