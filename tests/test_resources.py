"""The shared resource-lifetime analysis (gofixleak/resources.py) on small Go functions."""

from __future__ import annotations

import textwrap

import pytest

from gofixleak.analysis import (
    bindings,
    evidence,
    flow,
    layout,
    release,
    resources,
    scopes,
    termination,
    tree,
)
from gofixleak.analysis.declared_types import declared_type
from gofixleak.codemod import Context
from gofixleak.source import SourceFile

FILE = resources.Kind(release=frozenset({"Close"}))
BODY = resources.Kind(release=frozenset({"Close"}), fields=frozenset({"Body"}))
CONTEXT = resources.Kind(borrowed_by_calls=True)


def context(body: str, package: str = "p") -> Context:
    text = f"package {package}\n\nimport (\n\t\"bufio\"\n\t\"context\"\n\t\"io\"\n\t\"os\"\n\t\"time\"\n)\n\n"
    return Context(SourceFile("x.go", (text + textwrap.dedent(body).lstrip()).encode()))


def call(ctx: Context, text: str):
    """The first call expression whose text starts with `text`."""
    for node in tree.walk(ctx.src.root):
        if node.type == "call_expression" and ctx.src.text(node).startswith(text):
            return node
    raise AssertionError(f"no call {text!r}")


def trace(body: str, callee: str = "os.Open", kind: resources.Kind = FILE, index: int = 0, results: int = 2):
    ctx = context(body)
    binding = bindings.binding_of(call(ctx, callee), results)
    assert binding is not None
    return ctx, resources.lifetime(binding, index, kind, ctx.src, ctx.imports)


# ---------------------------------------------------------------- bindings


@pytest.mark.parametrize("statement, name", [
    ("f, err := os.Open(p)", "f"),
    ("var f, err = os.Open(p)", "f"),
    ("f, err = os.Open(p)", "f"),
])
def test_binding_forms(statement: str, name: str) -> None:
    ctx = context(f"func g(p string) (f *os.File, err error) {{\n\t{statement}\n\treturn\n}}\n")
    binding = bindings.binding_of(call(ctx, "os.Open"), 2)
    assert binding is not None and ctx.src.text(binding.names[0]) == name
    assert binding.function.type == "function_declaration"


def test_single_result_in_a_list_and_unbound_calls() -> None:
    ctx = context("func g(d time.Duration) {\n\tvar t, n = time.NewTicker(d), 1\n\tuse(time.NewTicker(d), n)\n}\n")
    first = bindings.binding_of(call(ctx, "time.NewTicker"), 1)
    assert first is not None and ctx.src.text(first.names[0]) == "t"
    argument = [n for n in tree.walk(ctx.src.root) if n.type == "call_expression" and ctx.src.text(n) == "time.NewTicker(d)"][1]
    assert bindings.binding_of(argument, 1) is None


# ---------------------------------------------------------------- uses, escapes, releases


def test_uses_include_nested_literals_but_not_shadowing_names() -> None:
    ctx, life = trace("""
        func g(p string) {
        	f, _ := os.Open(p)
        	func() {
        		f.Stat()
        	}()
        	if p != "" {
        		f, _ := os.Create(p)
        		f.Sync()
        	}
        	func(f *os.File) { f.Sync() }(nil)
        }
        """)
    assert [ctx.src.position(u.node.start_byte).line for u in life.uses] == [14]
    assert life.uses[0].in_literal and not life.uses[0].deferred
    assert life.escape is None and not life.releases


@pytest.mark.parametrize("statement, reason", [
    ("return f", "returned"),
    ("g := f\n\t_ = g", "assigned to `g`"),
    ("files[0] = f", "assigned to `files\\[0\\]`"),
    ("sink <- f", "sent on a channel"),
    ("keep(f)", "passed to `keep`"),
    ("_ = []*os.File{f}", "part of a literal element"),
    ("_ = &f", "address is taken"),
    ("later = func() { f.Sync() }", "captured by a func literal"),
    ("go keep(f)", "passed to a goroutine"),
    ("return bufio.NewReader(f)", "returned"),
])
def test_escapes(statement: str, reason: str) -> None:
    _, life = trace(f"""
        func g(p string, files []*os.File, sink chan *os.File, later func()) io.Reader {{
        	f, _ := os.Open(p)
        	{statement}
        	return nil
        }}
        """)
    assert life.escape is not None
    assert __import__("re").search(reason, life.escape[1]), life.escape[1]


@pytest.mark.parametrize("statement", [
    "io.ReadAll(f)",
    "io.Copy(os.Stdout, f)",
    "sc := bufio.NewScanner(f)\n\tfor sc.Scan() {\n\t}",
    "if f != nil {\n\t\tf.Sync()\n\t}",
    "_ = f",
])
def test_borrowing_is_not_escape(statement: str) -> None:
    _, life = trace(f"""
        func g(p string) {{
        	f, _ := os.Open(p)
        	{statement}
        }}
        """)
    assert life.escape is None and not life.releases


@pytest.mark.parametrize("statement", [
    "defer f.Close()",
    "if p == \"\" {\n\t\tf.Close()\n\t}",
    "defer func() { _ = f.Close() }()",
    "cleanup(func() { f.Close() })",
])
def test_released_anywhere(statement: str) -> None:
    _, life = trace(f"""
        func g(p string, cleanup func(func())) {{
        	f, _ := os.Open(p)
        	{statement}
        }}
        """)
    assert life.releases


def test_named_result_and_outer_variable_escape() -> None:
    _, named = trace("func g(p string) (f *os.File, err error) {\n\tf, err = os.Open(p)\n\treturn\n}\n")
    assert named.escape is not None and "named result" in named.escape[1]
    _, outer = trace("var f *os.File\n\nfunc g(p string) {\n\tf, _ = os.Open(p)\n}\n")
    assert outer.escape is not None and "outside the function" in outer.escape[1]


def test_body_field_is_the_resource() -> None:
    body = """
        func g(c *http.Client, u string) int {
        	resp, err := c.Get(u)
        	if err != nil {
        		return 0
        	}
        	%s
        	return resp.StatusCode
        }
        """
    _, ok = trace(body % "io.Copy(io.Discard, resp.Body)", "c.Get", BODY)
    assert ok.escape is None and not ok.releases
    _, closed = trace(body % "defer resp.Body.Close()", "c.Get", BODY)
    assert closed.releases
    _, passed = trace(body % "drain(resp.Body)", "c.Get", BODY)
    assert passed.escape is not None


# Functions of the package the contexts below are lent to.
CALLEES = """
func work(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

func open(ctx context.Context) (io.ReadCloser, error) { return nil, ctx.Err() }

type pool struct{ jobs chan context.Context }

func (p *pool) Submit(ctx context.Context) { p.jobs <- ctx }

func (p *pool) Len(ctx context.Context) int { return len(p.jobs) }

func deeper(ctx context.Context) error { return work(ctx) }

func spawn(ctx context.Context) error {
	go work(ctx)
	return nil
}
"""


@pytest.mark.parametrize("statement, escapes", [
    ("return work(ctx)", False),
    ("return deeper(ctx)", False),
    ("<-ctx.Done()\n\treturn ctx.Err()", False),
    ("r, err := open(ctx)\n\tif err != nil {\n\t\treturn err\n\t}\n\treturn r.Close()", False),
    ("r, _ := open(ctx)\n\tkeep = r\n\treturn nil", True),
    ("go work(ctx)\n\treturn nil", True),
    ("srv.Start(ctx)\n\treturn nil", True),
    ("p := &pool{}\n\t_ = p.Len(ctx)\n\treturn nil", False),
    ("p := &pool{}\n\tp.Submit(ctx)\n\treturn nil", True),
    ("return spawn(ctx)", True),
    ("return f(ctx)", True),
    ("return w.Watch(ctx)", True),
    ("_, ok := ctx.Deadline()\n\treturn other(ok)", False),
    ("ctx = context.WithValue(ctx, 1, 2)\n\treturn work(ctx)", False),
    ("context.AfterFunc(ctx, func() {})\n\treturn nil", True),
])
def test_contexts_are_lent_to_calls(statement: str, escapes: bool) -> None:
    _, life = trace(f"""
        func g(parent context.Context, f func(context.Context) error, w interface{{ Watch(context.Context) error }}) error {{
        	ctx, _ := context.WithCancel(parent)
        	{statement}
        }}

        func other(ok bool) error {{ return nil }}
        """ + CALLEES, "context.WithCancel", CONTEXT)
    assert (life.escape is not None) == escapes, life.escape


def test_values_made_from_a_context_keep_it_when_started() -> None:
    text = textwrap.dedent("""
        package p

        import (
        	"context"
        	"os/exec"
        )

        func run(parent context.Context) error {
        	ctx, _ := context.WithCancel(parent)
        	return exec.CommandContext(ctx, "true").Run()
        }

        func start(parent context.Context) error {
        	ctx, _ := context.WithCancel(parent)
        	cmd := exec.CommandContext(ctx, "true")
        	return cmd.Start()
        }
        """).lstrip()
    ctx = Context(SourceFile("x.go", text.encode()))
    lives = [
        resources.lifetime(bindings.binding_of(n, 2), 0, CONTEXT, ctx.src, ctx.imports)
        for n in tree.walk(ctx.src.root)
        if n.type == "call_expression" and ctx.src.text(n).startswith("context.WithCancel")
    ]
    assert lives[0].escape is None
    assert lives[1].escape is not None and "cmd.Start" in lives[1].escape[1]


def test_derived_value_returned_from_a_function_with_rich_results_escapes() -> None:
    _, life = trace("""
        func g(parent context.Context) (io.ReadCloser, error) {
        	ctx, _ := context.WithCancel(parent)
        	return open(ctx)
        }
        """ + CALLEES, "context.WithCancel", CONTEXT)
    assert life.escape is not None and "returned" in life.escape[1]


# ---------------------------------------------------------------- placement


def place(body: str, callee: str = "os.Open", kind: resources.Kind = FILE, **options):
    ctx, life = trace(body, callee, kind)
    where = release.place_release(life, ctx.src, **options)
    if isinstance(where, str):
        return where
    line = ctx.src.position(where.at).line
    return line, where.indent.decode(), where.in_loop, where.function.type


def test_defer_goes_after_the_error_check() -> None:
    body = "func g(p string) error {\n\tf, err := os.Open(p)\n\tif err != nil {\n\t\treturn err\n\t}\n\tf.Sync()\n\treturn nil\n}\n"
    assert place(body, error_index=1) == (16, "\t", False, "function_declaration")


def test_without_a_leaving_error_check_only_nil_safe_releases_are_placed() -> None:
    body = "func g(p string) {\n\tf, err := os.Open(p)\n\tif err != nil {\n\t\tprintln(err)\n\t}\n\tf.Sync()\n}\n"
    assert "may be nil" in place(body, error_index=1)
    assert place(body, error_index=1, nil_safe=True) == (13, "\t", False, "function_declaration")


def test_in_a_loop_the_release_ends_the_block() -> None:
    body = "func g(ps []string) {\n\tfor _, p := range ps {\n\t\tf, err := os.Open(p)\n\t\tif err != nil {\n\t\t\tcontinue\n\t\t}\n\t\tf.Sync()\n\t}\n}\n"
    assert place(body, error_index=1) == (18, "\t\t", True, "function_declaration")
    leaving = body.replace("\t\tf.Sync()\n", "\t\tif f.Sync() != nil {\n\t\t\tbreak\n\t\t}\n")
    assert "`break` on line 18" in place(leaving, error_index=1)
    inner = body.replace("\t\tf.Sync()\n", "\t\tfor i := 0; i < 2; i++ {\n\t\t\tbreak\n\t\t}\n\t\tf.Sync()\n")
    assert place(inner, error_index=1)[2] is True


def test_a_binding_sharing_its_line_is_released_only_at_the_end_of_a_loop_block() -> None:
    # Not gofmt-clean input, but code gofixleak may meet: in a loop the release ends the
    # block, elsewhere the defer would have to go on the binding's line.
    looped = "func g(ps []string) {\n\tfor _, p := range ps {\n\t\tf, _ := os.Open(p); f.Sync()\n\t}\n}\n"
    assert place(looped) == (14, "\t\t", True, "function_declaration")
    alone = "func g(p string) {\n\tf, _ := os.Open(p); f.Sync()\n}\n"
    assert place(alone) == "the binding does not end its line"


def test_goroutine_only_use_is_released_in_the_literal() -> None:
    body = "func g(p string) {\n\tf, _ := os.Open(p)\n\tgo func() {\n\t\tf.Sync()\n\t}()\n}\n"
    assert place(body) == (14, "\t\t", False, "func_literal")
    mixed = body.replace("\tgo func", "\tf.Sync()\n\tgo func")
    assert "goroutine" in place(mixed)
    looped = "func g(p string) {\n\tf, _ := os.Open(p)\n\tfor i := 0; i < 2; i++ {\n\t\tgo func() {\n\t\t\tf.Sync()\n\t\t}()\n\t}\n}\n"
    assert "several goroutines" in place(looped)


def test_a_defer_registered_before_the_release_blocks_it() -> None:
    body = "func g(p string) {\n\tvar f *os.File\n\tdefer func() { f.Sync() }()\n\tf, _ = os.Open(p)\n}\n"
    assert "defer registered before" in place(body)


def test_goto_blocks_placement() -> None:
    body = "func g(p string) {\n\tf, _ := os.Open(p)\n\tif f == nil {\n\t\tgoto done\n\t}\n\tf.Sync()\ndone:\n\tprintln()\n}\n"
    assert "goto" in place(body)


# ---------------------------------------------------------------- functions that never return


@pytest.mark.parametrize("body, held", [
    ("t := time.NewTicker(d)\n\tfor {\n\t\t<-t.C\n\t}", True),
    ("t := time.NewTicker(d)\n\tfor range t.C {\n\t\tcontinue\n\t}", True),
    ("t := time.NewTicker(d)\n\tfor range t.C {\n\t\tbreak\n\t}", False),
    ("t := time.NewTicker(d)\n\tfor {\n\t\t<-t.C\n\t\tif d == 0 {\n\t\t\treturn\n\t\t}\n\t}", False),
    ("t := time.NewTicker(d)\n\t<-t.C", False),
])
def test_held_until_exit(body: str, held: bool) -> None:
    ctx = context(f"func g(d time.Duration) {{\n\t{body}\n}}\n")
    binding = bindings.binding_of(call(ctx, "time.NewTicker"), 1)
    assert termination.held_until_exit(binding.statement, binding.function, ctx) is held


def test_main_main_holds_until_exit_outside_loops() -> None:
    ctx = context("func main() {\n\tf, _ := os.Open(\"x\")\n\tf.Sync()\n}\n", package="main")
    binding = bindings.binding_of(call(ctx, "os.Open"), 2)
    assert termination.held_until_exit(binding.statement, binding.function, ctx)


# ---------------------------------------------------------------- goast helpers used here


def test_scope_of_and_exit_from() -> None:
    ctx = context("func g(x int) {\n\tfor {\n\t\ty := x\n\t\tswitch y {\n\t\tcase 1:\n\t\t\tbreak\n\t\t}\n\t\tcontinue\n\t}\n}\n")
    loop = next(n for n in tree.walk(ctx.src.root) if n.type == "for_statement")
    block = loop.child_by_field_name("body").named_children[0]
    use = next(n for n in tree.walk(loop) if n.type == "identifier" and ctx.src.text(n) == "y" and n.parent.type != "expression_list")
    assert scopes.scope_of("y", use, ctx.src) == block
    assert scopes.scope_of("x", use, ctx.src).type == "function_declaration"
    assert scopes.scope_of("fmt", use, ctx.src) is None
    leaving = flow.early_exit(block, block, ctx.src)
    assert leaving is not None and ctx.src.text(leaving) == "continue"


# ---------------------------------------------------------------- fixes stay gofmt-clean


ALIGNED = """package p

func f(a, bb int) {
	x := a        // first
	yy := a + bb  // second
	println(x, yy) // third
	if a > 0 {
		println(a) // fifth
	}
}
"""


@pytest.mark.parametrize("line", [
    4,  # after `x := a`: splits the block of three
    5,  # after `yy := ...`
    3,  # before the block: nothing moves
    6,  # after the block
])
def test_inserted_lines_keep_comment_alignment(tmp_path, line: int) -> None:
    import gotool

    from gofixleak.engine import apply_edits
    from gofixleak.model import Edit

    formatted = _gofmt(tmp_path, ALIGNED)
    src = SourceFile("x.go", formatted.encode())
    at = src.line_starts[line]
    edits = [Edit.insert(at, b"\tprintln()\n")]
    extra = layout.comment_alignment(src, edits)
    assert extra is not None
    out, _ = apply_edits(src.data, edits + extra)
    (tmp_path / "out.go").write_bytes(out)
    assert gotool.gofmt_unformatted([tmp_path / "out.go"]) == []


def test_changed_code_keeps_comment_alignment(tmp_path) -> None:
    import gotool

    from gofixleak.engine import apply_edits
    from gofixleak.model import Edit

    src = SourceFile("x.go", _gofmt(tmp_path, ALIGNED).encode())
    start = src.data.index(b"a + bb")
    edits = [Edit.replace(start, start + len(b"a + bb"), b"a + bb + 1000000")]
    extra = layout.comment_alignment(src, edits)
    out, _ = apply_edits(src.data, edits + extra)
    (tmp_path / "out.go").write_bytes(out)
    assert extra and gotool.gofmt_unformatted([tmp_path / "out.go"]) == []


def test_alignment_refuses_blocks_with_multi_line_statements(tmp_path) -> None:
    from gofixleak.model import Edit

    text = ALIGNED.replace("if a > 0 {", "if a > 0 { // fourth")
    src = SourceFile("x.go", _gofmt(tmp_path, text).encode())
    at = src.line_starts[5]  # leaves `println(x, yy)` with the `if` that spans lines
    assert layout.comment_alignment(src, [Edit.insert(at, b"\tprintln()\n")]) is None
    at = src.line_starts[6]  # leaves the `if` alone in its block: one space, as gofmt does
    assert layout.comment_alignment(src, [Edit.insert(at, b"\tprintln()\n")]) is not None


def _gofmt(tmp_path, text: str) -> str:
    import subprocess

    import gotool

    path = tmp_path / "in.go"
    path.write_text(text)
    return subprocess.run([gotool.gofmt_binary(), str(path)], capture_output=True, text=True, check=True).stdout


def test_declarations_follow_the_visible_variable() -> None:
    ctx = context("""
        type cache struct{}

        func a(c *os.File) { _ = c }

        func b(c cache) { _ = c }
        """)
    uses = [n for n in tree.walk(ctx.src.root) if n.type == "identifier" and ctx.src.text(n) == "c" and n.parent.type == "expression_list"]
    kinds = [[ctx.src.text(node) for _, node in evidence.declarations("c", ctx.src, at=use)] for use in uses]
    assert kinds == [["*os.File"], ["cache"]]


# ---------------------------------------------------------------- package


def _package_dir(tmp_path, files: dict[str, str]):
    from gofixleak.analysis import package as packages

    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text).lstrip())
    main = tmp_path / "users.go"
    return packages.of(SourceFile(str(main), main.read_bytes()))


def test_package_reads_the_siblings_of_the_same_package(tmp_path) -> None:
    package = _package_dir(tmp_path, {
        "users.go": "package tf\n\nfunc (r *Repo) f() { _ = r.db }\n",
        "repo.go": "package tf\n\nimport \"database/sql\"\n\ntype Repo struct {\n\tdb *sql.DB\n}\n",
        "other.go": "package main\n\ntype Repo struct{ db int }\n",
        "repo_test.go": "package tf\n\ntype Mock struct{ db int }\n",
        "gen.go": "//go:build ignore\n\npackage tf\n\ntype Repo struct{ db int }\n",
        "broken.go": "package tf\n\nfunc (\n",
    })
    assert [p.rsplit("/", 1)[1] for p in (f.src.path for f in package.siblings)] == ["repo.go"]
    selector = next(n for n in tree.walk(package.src.root) if n.type == "selector_expression")
    declared = declared_type(package, selector)
    assert declared is not None and declared.file.src.text(declared.node) == "*sql.DB"
    assert evidence.is_type(declared.node, declared.file.imports, "database/sql", "DB")
    assert package.declares("Repo") and not package.declares("Mock")
    # broken.go may declare anything: every field of a name cannot be listed.
    assert package.incomplete and package.field_declarations("db") is None
    (tmp_path / "broken.go").unlink()
    complete = _package_dir(tmp_path, {})
    assert [d.file.src.text(d.node) for d in complete.field_declarations("db")] == ["*sql.DB"]


def test_package_sees_changed_siblings_and_only_files_on_disk(tmp_path) -> None:
    from gofixleak.analysis import package as packages

    files = {"users.go": "package tf\n", "repo.go": "package tf\n\ntype Repo struct{ db int }\n"}
    assert _package_dir(tmp_path, files).types("Repo")
    import os
    import time as clock

    (tmp_path / "repo.go").write_text("package tf\n\ntype Store struct{ db int }\n")
    os.utime(tmp_path / "repo.go", ns=(clock.time_ns() + 10**9, clock.time_ns() + 10**9))
    package = _package_dir(tmp_path, {})
    assert not package.types("Repo") and package.types("Store")
    assert packages.of(SourceFile("not-on-disk.go", b"package tf\n")).siblings == []


def test_declared_type_follows_receivers_variables_and_fields() -> None:
    from gofixleak.analysis import package as packages

    ctx = context("""
        type inner struct{ f *os.File }
        type outer struct {
        	in  inner
        	ptr *inner
        }

        func (o *outer) m(p *outer) {
        	v := &outer{}
        	w := new(inner)
        	_, _, _, _ = o.in.f, p.ptr.f, v.in, w.f
        }
        """)
    package = packages.of(ctx.src)
    values = next(n for n in tree.walk(ctx.src.root) if n.type == "expression_list" and ctx.src.text(n).startswith("o.in.f"))
    assert [ctx.src.text(declared_type(package, v).node) for v in values.named_children] == ["*os.File", "*os.File", "inner", "*os.File"]


def test_http_calls_must_take_net_https_arguments() -> None:
    from codemods.http_body_not_closed import HttpBodyNotClosed

    text = textwrap.dedent("""
        package p

        import "net/http"

        type api struct{ c *http.Client }

        func (a *api) f(k string) int {
        	resp, err := a.c.Get(%s)
        	if err != nil {
        		return 0
        	}
        	return resp.StatusCode
        }
        """).lstrip()
    found = lambda args: list(HttpBodyNotClosed().run(Context(SourceFile("x.go", (text % args).encode()))))  # noqa: E731
    assert len(found("k")) == 1
    assert found("nil, k") == []
