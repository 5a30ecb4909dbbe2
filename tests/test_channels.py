"""Unit tests for gofixleak.analysis.channels and gofixleak.scopes: the analysis behind the goroutine rules."""

from __future__ import annotations

import textwrap

import pytest

from gofixleak.analysis import channels, evidence, flow, receivers, scopes, senders
from gofixleak.analysis import package as packages
from gofixleak.analysis.capacity import capacity_edit, sender_capacity
from gofixleak.analysis.channels import Kind
from gofixleak.analysis.tree import ancestors, walk
from gofixleak.engine import apply_edits
from gofixleak.gomod import GoVersion
from gofixleak.source import SourceFile

GO127 = GoVersion(go=(1, 27))


def source(body: str, extra: str = "") -> SourceFile:
    text = "package p\n\nfunc f(xs []int, n int, m map[string]int, u uint) {\n" + textwrap.indent(textwrap.dedent(body), "\t") + "}\n" + extra
    src = SourceFile("p.go", text.encode())
    assert not src.root.has_error, text
    return src


def makes(src: SourceFile):
    return [n for n in walk(src.root) if n.type == "call_expression" and src.text(n).startswith("make(")]


def first(src: SourceFile, kind: str, text: str | None = None):
    return next(n for n in walk(src.root) if n.type == kind and (text is None or src.text(n).startswith(text)))


# ---------------------------------------------------------------- declarations and uses


@pytest.mark.parametrize(
    "decl, name, unbuffered",
    [
        ("ch := make(chan int)", "ch", True),
        ("var ch = make(chan int)", "ch", True),
        ("var ch chan int = make(chan int, 0)", "ch", True),
        ("a, ch := 1, make(chan int, 2)", "ch", False),
        ("ch := make(chan int, n)", "ch", False),
        ("var (\n\tx = 1\n\tch = make(chan struct{})\n)", "ch", True),
    ],
)
def test_local_channel_forms(decl: str, name: str, unbuffered: bool) -> None:
    src = source(decl + "\n_ = ch\n")
    ch = channels.local_channel(makes(src)[0], src)
    assert ch is not None and ch.name == name and ch.unbuffered is unbuffered


@pytest.mark.parametrize(
    "decl",
    ["ch := make(chan<- int)", "ch := make(<-chan int)", "_ = make(chan int)", "use(make(chan int))", "if ch := make(chan int); ch != nil {\n}"],
)
def test_not_a_local_channel(decl: str) -> None:
    src = source(decl + "\n", "\nfunc use(chan int) {}\n")
    assert channels.local_channel(makes(src)[0], src) is None


def test_uses_are_classified() -> None:
    src = source(
        """\
        ch := make(chan int)
        ch <- 1
        <-ch
        for range ch {
        }
        close(ch)
        _ = len(ch)
        use(ch)
        """,
        "\nfunc use(chan int) {}\n",
    )
    ch = channels.local_channel(makes(src)[0], src)
    kinds = [u.kind for u in channels.channel_uses(ch, src)]  # type: ignore[arg-type,union-attr]
    assert kinds == [Kind.SEND, Kind.RECEIVE, Kind.RANGE, Kind.CLOSE, Kind.LENGTH, Kind.OTHER]


def test_a_second_declaration_hides_every_use() -> None:
    src = source("ch := make(chan int)\ngo func(ch chan int) { ch <- 1 }(nil)\n<-ch\n")
    ch = channels.local_channel(makes(src)[0], src)
    assert channels.channel_uses(ch, src) is None  # type: ignore[arg-type]


# ---------------------------------------------------------------- control flow helpers


def test_tail_position() -> None:
    src = source(
        """\
        go func() {
        	if n > 0 {
        		a <- 1
        		return
        	}
        	b <- 2
        	println()
        }()
        go func() {
        	if n > 0 {
        		c <- 1
        	} else {
        		d <- 2
        	}
        }()
        """
    )
    sends = {src.text(s.child_by_field_name("channel")): s for s in walk(src.root) if s.type == "send_statement"}
    literal = lambda s: next(a for a in ancestors(s) if a.type == "func_literal")  # noqa: E731
    assert channels.in_tail_position(sends["a"], literal(sends["a"]))
    assert not channels.in_tail_position(sends["b"], literal(sends["b"]))
    assert channels.in_tail_position(sends["c"], literal(sends["c"]))
    assert channels.in_tail_position(sends["d"], literal(sends["d"]))


def test_may_follow_respects_branches() -> None:
    src = source("if n > 0 {\n\tgo g()\n} else {\n\treturn\n}\nreturn\n", "\nfunc g() {}\n")
    go = first(src, "go_statement")
    returns = [n for n in walk(src.root) if n.type == "return_statement"]
    assert not channels.may_follow(go, returns[0])
    assert channels.may_follow(go, returns[1])


def test_declaration_of_follows_scopes() -> None:
    src = source("x := 1\nfor x := range xs {\n\t_ = x\n}\n_ = x\n")
    uses = [n for n in walk(src.root) if n.type == "identifier" and src.text(n) == "x"]
    decls = [scopes.declaration_of("x", u, src) for u in uses]
    assert decls[2] == uses[1] and decls[3] == uses[0]
    assert scopes.declaration_of("n", uses[0], src) is not None
    assert scopes.declaration_of("println", uses[0], src) is None


@pytest.mark.parametrize(
    "decl, kind",
    [
        ("v := []int{1}", "len"),
        ("v := make(map[int]bool)", "len"),
        ('v := "abc"', "len"),
        ("v := 3", "int"),
        ("v := len(xs)", "uint"),
        ("var v uint8", "uint"),
        ("var v = f2()", None),
        ("v := xs", None),
    ],
)
def test_declared_kind(decl: str, kind: str | None) -> None:
    src = source(decl + "\n_ = v\n", "\nfunc f2() int { return 0 }\n")
    ident = next(n for n in walk(src.root) if n.type == "identifier" and src.text(n) == "v")
    assert evidence.declared_kind(ident, src) == kind


def test_exit_from_ignores_inner_breaks() -> None:
    src = source(
        """\
        for {
        	switch n {
        	case 1:
        		break
        	}
        	for {
        		continue
        	}
        }
        """
    )
    loop = first(src, "for_statement")
    assert flow.loop_exit(loop.child_by_field_name("body"), loop, src) is None
    src = source("outer:\nfor {\n\tfor {\n\t\tbreak outer\n\t}\n}\n")
    inner = [n for n in walk(src.root) if n.type == "for_statement"][1]
    assert flow.loop_exit(inner.child_by_field_name("body"), inner, src) is not None


# ---------------------------------------------------------------- goroutine-blocked-send


def blocked(body: str, extra: str = ""):
    src = source(body, extra)
    return src, senders.blocked_send(makes(src)[0], src)


@pytest.mark.parametrize(
    "body, why",
    [
        ("ch := make(chan int)\ngo func() { ch <- 1 }()\nselect {\ncase <-ch:\ndefault:\n}\n", "the select at line 6"),
        ("ch := make(chan int)\ngo func() { ch <- 1 }()\nif n > 0 {\n\treturn\n}\n<-ch\n", "return at line 7 before receiving"),
        ("ch := make(chan int)\ngo func() { ch <- 1 }()\n", "nothing receives"),
        ("ch := make(chan int)\nfor _, x := range xs {\n\tgo func() { ch <- x }()\n}\n<-ch\n", "only the first value"),
        ("ch := make(chan int)\nfor range n {\n\tgo func() { ch <- 1 }()\n}\nfor v := range ch {\n\tif v > 0 {\n\t\tbreak\n\t}\n}\n", "receiving can stop at line 10"),
    ],
)
def test_blocked_send_reasons(body: str, why: str) -> None:
    _, found = blocked(body)
    assert found is not None and why in found.why


def test_endless_sender_is_reported_without_capacity() -> None:
    # A goroutine sending in a loop: reported, but no buffer is known to be enough.
    src, found = blocked("ch := make(chan int)\ngo func() {\n\tfor {\n\t\tch <- 1\n\t}\n}()\nselect {\ncase <-ch:\ndefault:\n}\n")
    assert found is not None and "only the first value" in found.why
    capacity, reason = sender_capacity(found, src, GO127)
    assert capacity is None and "sends in a loop" in reason


@pytest.mark.parametrize(
    "body",
    [
        "ch := make(chan int, 1)\ngo func() { ch <- 1 }()\nselect {\ncase <-ch:\ndefault:\n}\n",
        "ch := make(chan int)\ngo func() { ch <- 1 }()\n<-ch\n",
        "ch := make(chan int)\ngo func() {\n\tselect {\n\tcase ch <- 1:\n\tdefault:\n\t}\n}()\nselect {\ncase <-ch:\ndefault:\n}\n",
        "ch := make(chan int)\ngo func() { ch <- 1 }()\nch <- 2\n",
        "ch := make(chan int)\ngo func() {\n\tch <- 1\n\tprintln()\n}()\nselect {\ncase <-ch:\ndefault:\n}\n",
        "ch := make(chan int)\nfor range xs {\n\tgo func() { ch <- 1 }()\n}\nfor range xs {\n\t<-ch\n}\n",
    ],
)
def test_not_blocked_send(body: str) -> None:
    assert blocked(body)[1] is None


@pytest.mark.parametrize(
    "loop, capacity",
    [
        ("for _, x := range xs {", "len(xs)"),
        ("for k := range m {", "len(m)"),
        ("for i := range n {", "max(n, 0)"),
        ("for i := range u {", "u"),
        ("for i := range 4 {", "4"),
    ],
)
def test_sender_capacity(loop: str, capacity: str) -> None:
    src, found = blocked(f"ch := make(chan int)\n{loop}\n\tgo func() {{ ch <- 1 }}()\n}}\n<-ch\n")
    assert found is not None
    assert sender_capacity(found, src, GO127) == (capacity, "")


@pytest.mark.parametrize(
    "body, reason",
    [
        ("ch := make(chan int)\nys := xs\nfor range ys {\n\tgo func() { ch <- 1 }()\n}\n<-ch\n", "declared after"),
        ("ch := make(chan int)\nxs = xs[1:]\nfor range xs {\n\tgo func() { ch <- 1 }()\n}\n<-ch\n", "used between"),
        ("ch := make(chan int)\nfor i := 0; i < n; i++ {\n\tgo func() { ch <- 1 }()\n}\n<-ch\n", "not a range loop"),
        ("ch := make(chan int)\nfor range xs {\n\tfor range xs {\n\t\tgo func() { ch <- 1 }()\n\t}\n}\n<-ch\n", "nested loops"),
        ("ch := make(chan int)\nfor range xs[1:] {\n\tgo func() { ch <- 1 }()\n}\n<-ch\n", "not a variable"),
    ],
)
def test_sender_capacity_withheld(body: str, reason: str) -> None:
    src, found = blocked(body)
    assert found is not None
    capacity, why = sender_capacity(found, src, GO127)
    assert capacity is None and reason in why


def test_max_needs_go_121_and_the_builtin() -> None:
    body = "ch := make(chan int)\nfor range n {\n\tgo func() { ch <- 1 }()\n}\n<-ch\n"
    src, found = blocked(body)
    assert sender_capacity(found, src, GoVersion(go=(1, 20)))[0] is None  # type: ignore[arg-type]
    src, found = blocked(body, "\nfunc max(a, b int) int { return a }\n")
    assert sender_capacity(found, src, GO127)[0] is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "make, after",
    [
        ("make(chan int)", "make(chan int, 1)"),
        ("make(chan int, 0)", "make(chan int, 1)"),
        ("make(chan func() (int, error))", "make(chan func() (int, error), 1)"),
    ],
)
def test_capacity_edit(make: str, after: str) -> None:
    src = source(f"ch := {make}\n_ = ch\n")
    edit = capacity_edit(channels.local_channel(makes(src)[0], src), "1", src)  # type: ignore[arg-type]
    assert edit is not None
    assert after.encode() in apply_edits(src.data, [edit])[0]


def test_capacity_edit_refuses_multiline_calls() -> None:
    src = source("ch := make(\n\tchan int,\n)\n_ = ch\n")
    assert capacity_edit(channels.local_channel(makes(src)[0], src), "1", src) is None  # type: ignore[arg-type]


# ---------------------------------------------------------------- goroutine-blocked-receive


def receives(body: str, extra: str = "") -> list[tuple[int, bool]]:
    src = source(body, extra)
    return [(src.position(b.go.start_byte).line, b.ranges) for b in receivers.blocked_receives(makes(src)[0], src)]


def test_blocked_receive_range_and_single_value() -> None:
    assert receives("ch := make(chan int)\ngo func() {\n\tfor range ch {\n\t}\n}()\nch <- 1\n") == [(5, True)]
    assert receives("ch := make(chan int)\ngo func() { <-ch }()\n") == [(5, False)]


@pytest.mark.parametrize(
    "body",
    [
        "ch := make(chan int)\ndefer close(ch)\ngo func() {\n\tfor range ch {\n\t}\n}()\n",
        "ch := make(chan int)\ngo func() { <-ch }()\nch <- 1\n",
        "ch := make(chan int)\ngo func() {\n\tfor range ch {\n\t}\n}()\nuse(ch)\n",
        "ch := make(chan int)\ngo func() {\n\tfor v := range ch {\n\t\tif v == 0 {\n\t\t\treturn\n\t\t}\n\t}\n}()\n",
        "ch := make(chan int)\ngo func() {\n\tselect {\n\tcase <-ch:\n\tcase <-time.After(0):\n\t}\n}()\n",
        "ch := make(chan int)\ngo func() {\n\tfor range ch {\n\t}\n}()\nselect {}\n",
    ],
)
def test_not_blocked_receive(body: str) -> None:
    assert receives(body, "\nfunc use(chan int) {}\n") == []


# ---------------------------------------------------------------- review fixes: blocked-send


@pytest.mark.parametrize(
    "body",
    [
        # exclusive branches start one goroutine
        "ch := make(chan int)\nif n > 0 {\n\tgo func() { ch <- 1 }()\n} else {\n\tgo func() { ch <- 2 }()\n}\n<-ch\n",
        "ch := make(chan int)\nswitch n {\ncase 0:\n\tgo func() { ch <- 1 }()\ndefault:\n\tgo func() { ch <- 2 }()\n}\n<-ch\n",
        # the loop starts at most one goroutine
        "ch := make(chan int)\nfor _, x := range xs {\n\tif x > 0 {\n\t\tgo func() { ch <- x }()\n\t\tbreak\n\t}\n}\n<-ch\n",
        # stop early, then drain the rest
        "ch := make(chan int)\nfor range xs {\n\tgo func() { ch <- 1 }()\n}\nfor i := range len(xs) {\n\tif <-ch > 0 {\n\t\tfor range len(xs) - i - 1 {\n\t\t\t<-ch\n\t\t}\n\t\tbreak\n\t}\n}\n",
        # a loop that waits for every value, logging meanwhile
        "ch := make(chan int)\nfor range xs {\n\tgo func() { ch <- 1 }()\n}\nvar out []int\nfor len(out) < len(xs) {\n\tselect {\n\tcase v := <-ch:\n\t\tout = append(out, v)\n\tcase <-tick:\n\t\tprintln(len(out))\n\t}\n}\n",
    ],
)
def test_not_blocked_send_after_review(body: str) -> None:
    assert blocked(body, "\nvar tick chan int\n")[1] is None


def test_a_condition_another_case_changes_does_not_keep_waiting() -> None:
    body = (
        "ch := make(chan int)\nfor range xs {\n\tgo func() { ch <- 1 }()\n}\nn = 0\nfor n < len(xs) {\n\tselect {\n"
        "\tcase <-ch:\n\t\tn++\n\tcase <-m2:\n\t\tn = len(xs)\n\t}\n}\n"
    )
    _, found = blocked(body, "\nvar m2 chan int\n")
    assert found is not None and "the select at line 10" in found.why


def test_exclusive_branches_count_once_in_the_capacity() -> None:
    body = (
        "ch := make(chan int)\nif n > 0 {\n\tgo func() { ch <- 1 }()\n} else {\n\tgo func() { ch <- 2 }()\n}\n"
        "go func() { ch <- 3 }()\nselect {\ncase <-ch:\ndefault:\n}\n"
    )
    src, found = blocked(body)
    assert found is not None and found.together == 2
    assert sender_capacity(found, src, GO127) == ("2", "")


@pytest.mark.parametrize(
    "body, reason",
    [
        ("ch := make(chan int)\ngo func() {\n\tdefer println()\n\tch <- 1\n}()\nselect {\ncase <-ch:\ndefault:\n}\n", "defers a call (line 6)"),
        ("ch := make(chan int)\nagain:\ngo func() { ch <- 1 }()\nif n > 0 {\n\tn--\n\tgoto again\n}\nselect {\ncase <-ch:\ndefault:\n}\n", "goto at line 9"),
        ("ch := make(chan int)\nfor k := range m {\n\tm[k+\"x\"] = 1\n\tgo func() { ch <- 1 }()\n}\n<-ch\n", "may be a map"),
        ("p := &xs\nch := make(chan int)\n*p = append(*p, 1)\nfor range xs {\n\tgo func() { ch <- 1 }()\n}\n<-ch\n", "address of xs"),
        ("grow := func() { xs = append(xs, 1) }\nch := make(chan int)\ngrow()\nfor range xs {\n\tgo func() { ch <- 1 }()\n}\n<-ch\n", "assigned in a function literal"),
    ],
)
def test_sender_capacity_withheld_after_review(body: str, reason: str) -> None:
    src, found = blocked(body)
    assert found is not None
    capacity, why = sender_capacity(found, src, GO127)
    assert capacity is None and reason in why, why


@pytest.mark.parametrize("defer", ["defer close(ch)", "defer wg.Done()"])
def test_deferred_calls_a_buffer_cannot_reorder(defer: str) -> None:
    body = (
        "var wg sync.WaitGroup\nch := make(chan int)\nfor range xs {\n\twg.Add(1)\n\tgo func() {\n\t\t"
        + defer
        + "\n\t\tch <- 1\n\t}()\n}\ngo func() {\n\twg.Wait()\n\tclose(ch)\n}()\nfor v := range ch {\n\tif v > 0 {\n\t\treturn\n\t}\n}\n"
    )
    if defer == "defer close(ch)":
        body = body.replace("\tclose(ch)\n}()", "}()")
    src, found = blocked(body)
    assert found is not None
    assert sender_capacity(found, src, GO127) == ("len(xs)", "")


def test_a_select_case_released_by_every_sender_finishing_is_not_giving_up() -> None:
    body = (
        "var wg sync.WaitGroup\nch := make(chan int)\ndone := make(chan struct{})\nfor range xs {\n\twg.Add(1)\n"
        "\tgo func() {\n\t\tdefer wg.Done()\n\t\tch <- 1\n\t}()\n}\ngo func() {\n\twg.Wait()\n\tclose(done)\n}()\n"
        "for {\n\tselect {\n\tcase <-ch:\n\tcase <-done:\n\t\treturn\n\t}\n}\n"
    )
    assert blocked(body)[1] is None
    # Closed before the senders are done: the select can give up early.
    _, found = blocked(body.replace("\twg.Wait()\n\tclose(done)", "\tclose(done)"))
    assert found is not None


def test_package_declares_reads_the_other_files(tmp_path) -> None:
    (tmp_path / "a.go").write_text("package p\n\nfunc f() {}\n")
    (tmp_path / "limits.go").write_text("package p\n\nconst max = 64\n")
    (tmp_path / "other.go").write_text("package q\n\nvar len = 1\n")
    src = SourceFile(str(tmp_path / "a.go"), (tmp_path / "a.go").read_bytes())
    assert packages.package_declares(src, "max") is True
    assert packages.package_declares(src, "len") is False  # another package's file
    (tmp_path / "broken.go").write_text("package p\n\nfunc {\n")
    assert packages.package_declares(src, "len") is None  # cannot tell
    assert packages.package_declares(SourceFile("nowhere/x.go", b"package p\n"), "max") is False


# ---------------------------------------------------------------- review fixes: blocked-receive


@pytest.mark.parametrize("last", ["os.Exit(0)", "log.Fatal(serve())", 'panic("stop")'])
def test_a_function_ending_in_a_call_that_does_not_return(last: str) -> None:
    body = "ch := make(chan int)\ngo func() {\n\tfor range ch {\n\t}\n}()\nch <- 1\n" + last + "\n"
    assert receives(body, "\nfunc serve() error { return nil }\n") == []
    assert receives("if n > 0 {\n\treturn\n}\n" + body, "\nfunc serve() error { return nil }\n") == [(8, True)]


def test_a_map_filled_before_the_make_is_measured() -> None:
    src, found = blocked('m["a"] = 1\nch := make(chan int)\nfor k := range m {\n\tif m[k] > 0 {\n\t\tgo func() { ch <- 1 }()\n\t}\n}\n<-ch\n')
    assert found is not None
    assert sender_capacity(found, src, GO127) == ("len(m)", "")


def test_a_return_before_the_only_close_leaves_the_ranging_goroutine() -> None:
    body = "ch := make(chan int)\ngo func() {\n\tfor range ch {\n\t}\n}()\nfor _, x := range xs {\n\tif x < 0 {\n\t\treturn\n\t}\n\tch <- x\n}\nclose(ch)\n"
    src = source(body)
    found = receivers.blocked_receives(makes(src)[0], src)
    assert [(src.position(b.go.start_byte).line, src.position(b.early_return.node.start_byte).line) for b in found] == [(5, 11)]  # type: ignore[union-attr]
    assert receives(body.replace("close(ch)\n", "").replace("ch := make(chan int)\n", "ch := make(chan int)\ndefer close(ch)\n")) == []
    assert receives(body.replace("\tif x < 0 {\n\t\treturn\n\t}\n", "")) == []
