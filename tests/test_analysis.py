"""Go-aware tree questions: import resolution and shadowing, fresh names, loop exits."""

from __future__ import annotations

import pytest
from tree_sitter import Node

from gofixleak.analysis.endless import is_endless_loop
from gofixleak.analysis.imports import Imports
from gofixleak.analysis.naming import fresh_name
from gofixleak.analysis.tree import walk
from gofixleak.source import SourceFile, first_error


def source(body: str, imports: str = 'import "time"\n') -> SourceFile:
    src = SourceFile("x.go", f"package p\n\n{imports}\n{body}".encode())
    assert first_error(src.tree) is None, src.data.decode()
    return src


def nodes(src: SourceFile, kind: str, text: str | None = None) -> list[Node]:
    return [n for n in walk(src.root) if n.type == kind and (text is None or src.text(n) == text)]


def resolved(src: SourceFile) -> list[tuple[str, str] | None]:
    """resolve_selector for every call's function selector, in source order."""
    imports = Imports(src)
    return [imports.call_target(call) for call in nodes(src, "call_expression")]


# ------------------------------------------------------------------ imports


def test_plain_import_resolves() -> None:
    src = source("func f() { time.Sleep(1) }\n")
    assert resolved(src) == [("time", "Sleep")]


def test_alias_import_resolves_and_the_package_name_does_not() -> None:
    src = source("func f() { tm.Sleep(1); time.Sleep(1) }\n", imports='import tm "time"\n')
    assert resolved(src) == [("time", "Sleep"), None]
    assert Imports(src).qualifier("time") == "tm"


def test_grouped_imports_and_path_last_element() -> None:
    src = source(
        "func f() { http.Get(\"\"); sync.NewCond(nil); mrand.Int() }\n",
        imports='import (\n\t"net/http"\n\t"sync"\n\tmrand "math/rand/v2"\n)\n',
    )
    assert resolved(src) == [("net/http", "Get"), ("sync", "NewCond"), ("math/rand/v2", "Int")]


def test_another_package_under_the_name_context() -> None:
    src = source(
        "func f() { context.Background(); stdctx.TODO() }\n",
        imports='import (\n\tstdctx "context"\n\t"golang.org/x/net/context"\n)\n',
    )
    assert resolved(src) == [("golang.org/x/net/context", "Background"), ("context", "TODO")]
    imports = Imports(src)
    assert imports.names_for("context") == {"stdctx"}
    assert not imports.is_call(nodes(src, "call_expression")[0], "context", "Background")


def test_dot_and_blank_imports_are_ignored() -> None:
    src = source("func f() { Sleep(1); time.Sleep(1) }\n", imports='import (\n\t. "time"\n\t_ "embed"\n)\n')
    imports = Imports(src)
    assert imports.by_name == {}
    assert not imports.imports("time") and not imports.imports("embed")
    assert resolved(src) == [None, None]


@pytest.mark.parametrize(
    "body",
    [
        "func f(time fake) { time.Sleep(1) }",
        "func (time fake) f() { time.Sleep(1) }",
        "func f() (time fake) { time.Sleep(1); return }",
        "func f() { time := fake{}; time.Sleep(1) }",
        "func f() { var time fake; time.Sleep(1) }",
        "func f() { for _, time := range fakes { time.Sleep(1) } }",
        "func f() { for time := range fakes { time.Sleep(1) } }",
        "func f() { if time := get(); true { time.Sleep(1) } }",
        "func f() { if time := get(); true {} else { time.Sleep(1) } }",
        "func f() { switch time := get(); { default: time.Sleep(1) } }",
        "func f() { select { case time := <-fakes: time.Sleep(1) } }",
        "func f() { for time := get(); ; { time.Sleep(1) } }",
        "func f() { g := func(time fake) { time.Sleep(1) }; _ = g }",
        "func f() { { time := fake{}; { time.Sleep(1) } } }",
    ],
)
def test_shadowed_package_name_does_not_resolve(body: str) -> None:
    assert resolved(source(body + "\n"))[-1] is None


@pytest.mark.parametrize(
    "body",
    [
        "func f() { time.Sleep(1); time := fake{}; _ = time }",  # declared after the use
        "func f() { { time := fake{}; _ = time }; time.Sleep(1) }",  # in a sibling block
        "func f() { for _, time := range fakes { _ = time }; time.Sleep(1) }",
        "func f() { if time := get(); true {}; time.Sleep(1) }",
        "func f() { g := func(time fake) {}; _ = g; time.Sleep(1) }",
        "func g(time fake) {}\nfunc f() { time.Sleep(1) }",
    ],
)
def test_shadowing_elsewhere_does_not_hide_the_import(body: str) -> None:
    assert resolved(source(body + "\n"))[-1] == ("time", "Sleep")


def test_selector_on_a_non_identifier_operand_is_not_a_package() -> None:
    src = source("func f() { get().Sleep(1); a.time.Sleep(1) }\n")
    assert [t for t in resolved(src) if t is not None] == []


# ------------------------------------------------------------------ fresh_name


def test_fresh_name_avoids_every_identifier_in_scope() -> None:
    src = source("func f(timer int) { timer2 := 1; _ = timer2 }\nfunc g() {}\n")
    f, g = nodes(src, "function_declaration")
    assert fresh_name(f, "timer", src) == "timer3"
    assert fresh_name(g, "timer", src) == "timer"
    assert fresh_name(g, "timer", src, taken={"timer", "timer2"}) == "timer3"


def test_fresh_name_avoids_fields_labels_types_and_import_names() -> None:
    src = source(
        "func f() { x.timer = 1; var t timer2; _ = t\ntimer3:\n\tfor {} }\n",
        imports='import timer4 "time"\n',
    )
    (f,) = nodes(src, "function_declaration")
    # A field, a type, a label and an import name: each is taken (conservatively).
    assert fresh_name(f, "timer", src) == "timer5"
    assert fresh_name(f, "ticker", src) == "ticker"


# ------------------------------------------------------------------ is_endless_loop


@pytest.mark.parametrize(
    "body, endless",
    [
        ("func f() { for {} }", True),
        ("func f(c chan int) { for { select { case <-c: break } } }", True),
        ("func f(x int) { for { switch x { case 1: break } } }", True),
        ("func f() { for { for { break } } }", True),
        ("func f() { for { g := func() { return }; _ = g } }", True),
        ("func f() { for i := 0; ; i++ {} }", True),
        ("func f() { for true {} }", True),
        ("func f() { for (true) {} }", True),
        ("func f() { for i := 0; true; i++ {} }", True),
        ("func f() { for true { break } }", False),
        ("func f() { for { break } }", False),
        ("func f(x int) { for { if x > 0 { return } } }", False),
        ("func f() { for { goto end }\nend:\n}", False),
        ("func f(c chan int) {\nL:\n\tfor { select { case <-c: break L } } }", False),
        ("func f(x bool) { for x {} }", False),
        ("func f() { for i := 0; i < 3; i++ {} }", False),
        ("func f(c chan int) { for range c {} }", False),
        ("func f(c chan int) { for v := range c { _ = v } }", False),
    ],
)
def test_is_endless_loop(body: str, endless: bool) -> None:
    src = source(body + "\n")
    loop = nodes(src, "for_statement")[0]
    assert is_endless_loop(loop, src) is endless
