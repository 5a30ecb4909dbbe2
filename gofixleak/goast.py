"""Go-aware questions about a tree-sitter-go tree: functions, loops, scopes, imports, layout.

Every helper is syntactic and conservative: when the tree does not say enough, it answers in
the way that makes a codemod report without a fix rather than guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from .source import SourceFile

FUNCTIONS = frozenset({"function_declaration", "method_declaration", "func_literal"})
STATEMENT_LISTS = frozenset({"statement_list", "block", "source_file"})
CASE_CLAUSES = frozenset(
    {"expression_case", "default_case", "type_case", "communication_case"}
)


# ---------------------------------------------------------------- tree walking


def walk(node: Node, *, into_functions: bool = True) -> Iterator[Node]:
    """Pre-order walk of `node`'s subtree; optionally not entering nested func literals.

    A tree cursor moves in C, so this is several times faster than following children."""
    cursor = node.walk()
    while True:
        current = cursor.node
        yield current  # type: ignore[misc]
        enter = into_functions or current.type != "func_literal" or current == node  # type: ignore[union-attr]
        if enter and cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


def ancestors(node: Node) -> Iterator[Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def enclosing_function(node: Node) -> Node | None:
    for parent in ancestors(node):
        if parent.type in FUNCTIONS:
            return parent
    return None


def function_body(function: Node) -> Node | None:
    return function.child_by_field_name("body")


def loops_around(node: Node) -> list[Node]:
    """`for` statements enclosing `node` inside its own function, innermost first."""
    loops = []
    for parent in ancestors(node):
        if parent.type in FUNCTIONS:
            break
        if parent.type == "for_statement":
            loops.append(parent)
    return loops


def outermost_loop(node: Node) -> Node | None:
    loops = loops_around(node)
    return loops[-1] if loops else None


def is_inside(node: Node, container: Node) -> bool:
    return container.start_byte <= node.start_byte and node.end_byte <= container.end_byte


def statement_of(node: Node) -> Node:
    """The statement holding `node` that sits directly in a statement list; a labeled
    statement counts as the whole statement."""
    current = node
    while current.parent is not None and current.parent.type not in STATEMENT_LISTS:
        if current.parent.type in CASE_CLAUSES or current.parent.type in FUNCTIONS:
            break
        current = current.parent
    if current.parent is not None and current.parent.type == "labeled_statement":
        current = current.parent
    return current


def is_statement_in_list(node: Node) -> bool:
    return node.parent is not None and node.parent.type in STATEMENT_LISTS | CASE_CLAUSES


# ---------------------------------------------------------------- imports and names


def import_names(root: Node, src: SourceFile) -> dict[str, str]:
    """Local package name -> import path, for the file's imports (dot and blank skipped)."""
    names: dict[str, str] = {}
    for declaration in root.named_children:
        if declaration.type != "import_declaration":
            continue
        for spec in walk(declaration):
            if spec.type != "import_spec":
                continue
            path_node = spec.child_by_field_name("path")
            if path_node is None:
                continue
            path = src.text(path_node).strip('"`')
            alias = spec.child_by_field_name("name")
            if alias is None:
                local = default_package_name(path)
            elif alias.type == "package_identifier":
                local = src.text(alias)
            else:  # `.` or `_`
                continue
            names[local] = path
    return names


def default_package_name(path: str) -> str:
    """The name an import path is used by without an alias: its last element, skipping a
    major-version suffix (`math/rand/v2` is `rand`)."""
    parts = path.split("/")
    if len(parts) > 1 and re.fullmatch(r"v[0-9]+", parts[-1]):
        return parts[-2]
    return parts[-1]


def declared_in_statement(stmt: Node, src: SourceFile) -> set[str]:
    """Names a statement declares in the enclosing block."""
    names: set[str] = set()
    if stmt.type == "labeled_statement":
        inner = [c for c in stmt.named_children if c.type != "label_name"]
        return declared_in_statement(inner[0], src) if inner else names
    if stmt.type == "short_var_declaration":
        left = stmt.child_by_field_name("left")
        if left is not None:
            names.update(src.text(c) for c in left.named_children if c.type == "identifier")
    elif stmt.type in {"var_declaration", "const_declaration", "type_declaration"}:
        for spec in walk(stmt, into_functions=False):
            if spec.type in {"var_spec", "const_spec", "type_spec", "type_alias"}:
                for child in spec.children_by_field_name("name"):
                    names.add(src.text(child))
    elif stmt.type == "function_declaration":
        name = stmt.child_by_field_name("name")
        if name is not None:
            names.add(src.text(name))
    return names


def _header_declarations(scope: Node, src: SourceFile) -> set[str]:
    """Names declared by the header of a function, for/if/switch, or a select case."""
    names: set[str] = set()
    if scope.type in FUNCTIONS:
        for field in ("receiver", "parameters", "result", "type_parameters"):
            params = scope.child_by_field_name(field)
            if params is None:
                continue
            for decl in params.named_children:
                names.update(src.text(c) for c in decl.children_by_field_name("name"))
    elif scope.type == "for_statement":
        for child in scope.named_children:
            if child.type == "range_clause" and any(c.type == ":=" for c in child.children):
                left = child.child_by_field_name("left")
                if left is not None:
                    names.update(src.text(c) for c in walk(left) if c.type == "identifier")
            elif child.type == "for_clause":
                init = child.child_by_field_name("initializer")
                if init is not None:
                    names |= declared_in_statement(init, src)
    elif scope.type in {"if_statement", "expression_switch_statement", "type_switch_statement"}:
        init = scope.child_by_field_name("initializer")
        if init is not None:
            names |= declared_in_statement(init, src)
        alias = scope.child_by_field_name("alias")
        if alias is not None:
            names.update(src.text(c) for c in walk(alias) if c.type == "identifier")
    elif scope.type == "communication_case":
        comm = scope.child_by_field_name("communication")
        if comm is not None and comm.type == "receive_statement" and any(
            c.type == ":=" for c in comm.children
        ):
            left = comm.child_by_field_name("left")
            if left is not None:
                names.update(src.text(c) for c in left.named_children)
    return names


def is_shadowed(name: str, node: Node, src: SourceFile) -> bool:
    """True when a declaration between the file scope and `node` hides file-level `name`."""
    child = node
    for scope in ancestors(node):
        if scope.type == "source_file":
            return False
        if scope.type in {"statement_list", "block"} or scope.type in CASE_CLAUSES:
            for sibling in scope.named_children:
                if sibling.start_byte >= child.start_byte:
                    break
                if name in declared_in_statement(sibling, src):
                    return True
        if name in _header_declarations(scope, src):
            # A header declaration covers the body, not the part of the header before it.
            return True
        child = scope
    return False


class Imports:
    """Resolves `pkg.Name` selectors to standard-library import paths in one file."""

    def __init__(self, src: SourceFile) -> None:
        self._src = src
        self.by_name = import_names(src.root, src)

    def names_for(self, path: str) -> set[str]:
        return {name for name, p in self.by_name.items() if p == path}

    def imports(self, path: str) -> bool:
        return path in self.by_name.values()

    def qualifier(self, path: str) -> str | None:
        """The local name this file uses for `path` (shortest first, deterministic)."""
        names = sorted(self.names_for(path), key=lambda n: (len(n), n))
        return names[0] if names else None

    def resolve_selector(self, selector: Node) -> tuple[str, str] | None:
        """(import path, member) for `pkg.Member` where `pkg` really is an import here."""
        if selector.type != "selector_expression":
            return None
        operand = selector.child_by_field_name("operand")
        member = selector.child_by_field_name("field")
        if operand is None or member is None or operand.type != "identifier":
            return None
        name = self._src.text(operand)
        path = self.by_name.get(name)
        if path is None or is_shadowed(name, selector, self._src):
            return None
        return path, self._src.text(member)

    def call_target(self, call: Node) -> tuple[str, str] | None:
        """(import path, function) for a call `pkg.Func(...)`, else None."""
        if call.type != "call_expression":
            return None
        function = call.child_by_field_name("function")
        return self.resolve_selector(function) if function is not None else None

    def is_call(self, call: Node, path: str, *functions: str) -> bool:
        target = self.call_target(call)
        return target is not None and target[0] == path and target[1] in functions


# ---------------------------------------------------------------- identifiers


def identifier_names(node: Node, src: SourceFile) -> set[str]:
    kinds = {"identifier", "type_identifier", "package_identifier", "field_identifier", "label_name"}
    return {src.text(n) for n in walk(node) if n.type in kinds}


def fresh_name(scope: Node, base: str, src: SourceFile, taken: set[str] = frozenset()) -> str:
    """`base`, `base2`, `base3`... the first not used anywhere in `scope` nor in `taken`."""
    used = identifier_names(scope, src) | set(taken) | set(import_names(src.root, src))
    if base not in used:
        return base
    n = 2
    while f"{base}{n}" in used:
        n += 1
    return f"{base}{n}"


def assigned_names(node: Node, src: SourceFile) -> set[str]:
    """Names whose value may change inside `node`: assigned, incremented, or address taken."""
    names: set[str] = set()
    for n in walk(node):
        if n.type == "assignment_statement":
            left = n.child_by_field_name("left")
            if left is not None:
                names.update(src.text(c) for c in left.named_children if c.type == "identifier")
        elif n.type in {"inc_statement", "dec_statement"}:
            target = n.named_children[0] if n.named_children else None
            if target is not None and target.type == "identifier":
                names.add(src.text(target))
        elif n.type == "unary_expression" and src.text(n).startswith("&"):
            operand = n.child_by_field_name("operand")
            if operand is not None and operand.type == "identifier":
                names.add(src.text(operand))
        elif n.type in {"short_var_declaration", "range_clause"}:
            left = n.child_by_field_name("left")
            if left is not None:
                names.update(src.text(c) for c in walk(left) if c.type == "identifier")
    return names


def declared_names(node: Node, src: SourceFile) -> set[str]:
    """Every name declared anywhere inside `node` (statements and headers)."""
    names: set[str] = set()
    for n in walk(node):
        names |= declared_in_statement(n, src)
        names |= _header_declarations(n, src)
    return names


def has_goto(function: Node, src: SourceFile) -> bool:
    """True when `function` itself (not a nested func literal) holds a goto."""
    return any(
        is_inside(n, function) and enclosing_function(n) == function
        for n in src.nodes_of("goto_statement")
    )


# ---------------------------------------------------------------- layout


def leading_comment_start(stmt: Node, src: SourceFile) -> int:
    """Start of the comment lines glued directly above `stmt`, else of `stmt`'s line."""
    start = stmt
    prev = _previous(stmt)
    while (
        prev is not None
        and prev.type == "comment"
        and src.starts_line(prev)
        and src.position(prev.end_byte).line + 1 == src.position(start.start_byte).line
    ):
        start = prev
        prev = _previous(prev)
    return src.line_start(start.start_byte)


def _previous(node: Node) -> Node | None:
    """The node before `node` in its block; comments before the first statement of a
    block sit outside its statement_list."""
    if node.prev_sibling is not None:
        return node.prev_sibling
    parent = node.parent
    if parent is not None and parent.type == "statement_list":
        return parent.prev_sibling
    return None


def insertion_before(stmt: Node, src: SourceFile) -> tuple[int, bytes] | None:
    """Where to insert whole lines before `stmt`, and its indentation; None when `stmt`
    does not start its own line (then a line-based insertion would not be gofmt-clean)."""
    if not src.starts_line(stmt):
        return None
    indented = stmt
    if stmt.type == "labeled_statement":
        # gofmt outdents labels: take the indentation of the labeled statement itself.
        body = stmt.named_children[-1]
        if body.type != "label_name" and src.starts_line(body):
            indented = body
    return leading_comment_start(stmt, src), src.indent_at(indented.start_byte)


def insertion_after(stmt: Node, src: SourceFile) -> int | None:
    """Offset of the line after `stmt` when only whitespace or a comment follows it."""
    end = stmt.end_byte
    sibling = stmt.next_sibling
    if sibling is not None and sibling.type == "comment" and (
        src.position(sibling.start_byte).line == src.position(end).line
    ):
        end = sibling.end_byte
    rest = src.data[end : src.line_end(end)]
    if rest.strip() != b"":
        return None
    return src.line_end(end)


def lines(indent: bytes, newline: bytes, *texts: str) -> bytes:
    """Indented lines ready to insert at a line start. An empty text yields a blank line;
    a text's own leading tabs nest deeper."""
    out = []
    for text in texts:
        out.append((indent + text.encode() if text else b"") + newline)
    return b"".join(out)


# ---------------------------------------------------------------- control flow


def exits_iteration(body: Node, loop: Node, src: SourceFile) -> Node | None:
    """A statement in `body` that can leave the current iteration of `loop` early:
    return, goto, panic, continue/break aimed at `loop` (unlabeled ones inside nested
    loops, switches and selects aim elsewhere; a labeled one leaves unless its label is
    inside `body`). Nested func literals are not entered."""
    for n in walk(body, into_functions=False):
        if n.type in {"return_statement", "goto_statement"}:
            return n
        if n.type == "call_expression":
            fn = n.child_by_field_name("function")
            if fn is not None and src.text(fn) in {"panic", "os.Exit", "log.Fatal", "log.Fatalf", "runtime.Goexit"}:
                return n
        if n.type in {"break_statement", "continue_statement"}:
            target = n.named_children[0] if n.named_children else None
            if target is not None:
                # Labels are unique per function: one not declared inside `body` is
                # `loop`'s own or an enclosing statement's, and either way it leaves.
                if not _labeled_within(n, src.text(target), body, src):
                    return n
                continue
            if _innermost_breakable(n, n.type == "continue_statement") == loop:
                return n
    return None


def _labeled_within(stmt: Node, label: str, container: Node, src: SourceFile) -> bool:
    for parent in ancestors(stmt):
        if parent == container:
            return False
        if parent.type == "labeled_statement":
            name = parent.child_by_field_name("label")
            if name is not None and src.text(name) == label:
                return True
    return False


def _innermost_breakable(stmt: Node, loops_only: bool) -> Node | None:
    kinds = {"for_statement"} if loops_only else {
        "for_statement",
        "expression_switch_statement",
        "type_switch_statement",
        "select_statement",
    }
    for parent in ancestors(stmt):
        if parent.type in FUNCTIONS:
            return None
        if parent.type in kinds:
            return parent
    return None


def is_endless_loop(loop: Node, src: SourceFile) -> bool:
    """`for { ... }` with no condition and nothing that leaves it."""
    if any(c.type in {"for_clause", "range_clause"} for c in loop.named_children):
        clause = next(c for c in loop.named_children if c.type in {"for_clause", "range_clause"})
        if clause.type == "range_clause" or clause.child_by_field_name("condition") is not None:
            return False
    elif any(c.type not in {"block", "comment"} for c in loop.named_children):
        return False  # `for cond {}`
    body = loop.child_by_field_name("body")
    if body is None:
        return False
    for n in walk(body, into_functions=False):
        if n.type in {"return_statement", "goto_statement"}:
            return False
        if n.type == "break_statement":
            target = n.named_children[0] if n.named_children else None
            if target is not None or _innermost_breakable(n, False) == loop:
                return False
    return True


# ---------------------------------------------------------------- scopes and exits


def scope_of(name: str, node: Node, src: SourceFile) -> Node | None:
    """The node whose region declares the `name` visible at `node`: a statement list, an
    if/for/switch statement or select case declaring it in its header, or a function
    declaring it as a parameter or result. None when no enclosing function declares it
    (package level, imported or predeclared). A `:=` that reuses a name counts as a
    declaration of it, like `declared_in_statement`."""
    child = node
    for scope in ancestors(node):
        if scope.type == "source_file":
            return None
        if scope.type in {"statement_list", "block"} or scope.type in CASE_CLAUSES:
            for sibling in scope.named_children:
                if sibling.start_byte >= child.start_byte:
                    break
                if name in declared_in_statement(sibling, src):
                    return scope
        if name in _header_declarations(scope, src):
            return scope
        child = scope
    return None


_NO_RETURN_CALLS = frozenset({"panic", "os.Exit", "runtime.Goexit", "syscall.Exit"})
# log, testing and most loggers: these methods do not come back.
_NO_RETURN_METHODS = frozenset({"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"})
# testing.T, B, F and TB: only on the receivers tests conventionally name so.
_NO_RETURN_TEST_METHODS = frozenset({"FailNow", "Skip", "Skipf", "SkipNow"})
_TEST_RECEIVERS = frozenset({"t", "b", "f", "tb"})


def is_terminating_call(call: Node, src: SourceFile) -> bool:
    """`panic(...)`, `os.Exit(...)`, `runtime.Goexit()`, a `Fatal*` or `Panic*` method (log,
    testing, loggers), or `t.FailNow()`/`t.Skip*()`: control does not come back."""
    function = call.child_by_field_name("function")
    if function is None:
        return False
    if src.text(function) in _NO_RETURN_CALLS:
        return True
    if function.type != "selector_expression":
        return False
    member = src.text(function.child_by_field_name("field"))  # type: ignore[arg-type]
    operand = src.text(function.child_by_field_name("operand"))  # type: ignore[arg-type]
    return member in _NO_RETURN_METHODS or (member in _NO_RETURN_TEST_METHODS and operand in _TEST_RECEIVERS)


def jump_target(stmt: Node, src: SourceFile) -> Node | None:
    """The statement a break or continue leaves: the labeled statement it names, else the
    innermost loop (continue) or loop, switch or select (break)."""
    label = stmt.named_children[0] if stmt.named_children else None
    if label is None:
        return _innermost_breakable(stmt, stmt.type == "continue_statement")
    for parent in ancestors(stmt):
        if parent.type in FUNCTIONS:
            return None
        name = parent.child_by_field_name("label") if parent.type == "labeled_statement" else None
        if name is not None and src.text(name) == src.text(label):
            return parent
    return None


def exit_from(node: Node, container: Node, src: SourceFile) -> Node | None:
    """A statement in `node` (nested func literals not entered) that can leave `container`
    before its end: return, goto, a terminating call, or a break or continue aimed at a
    statement outside `container`."""
    for n in walk(node, into_functions=False):
        if n.type in {"return_statement", "goto_statement"}:
            return n
        if n.type == "call_expression" and is_terminating_call(n, src):
            return n
        if n.type in {"break_statement", "continue_statement"}:
            target = jump_target(n, src)
            if target is None or not is_inside(target, container):
                return n
    return None


# ---------------------------------------------------------------- trailing comment alignment


def trailing_comment(src: SourceFile, line: int) -> tuple[int, int] | None:
    """(end of code, start of comment) when 0-based `line` ends with a `//` comment after code."""
    if not 0 <= line < len(src.line_starts):
        return None
    start = src.line_starts[line]
    end = src.line_end(start)
    at = src.data.find(b"//", start, end)
    while at >= 0:
        node = src.root.descendant_for_byte_range(at, at + 2)
        if node is not None and node.type == "comment" and node.start_byte == at:
            code_end = len(src.data[start:at].rstrip())
            return (start + code_end, at) if code_end and not src.starts_line(node) else None
        at = src.data.find(b"//", at + 2, end)
    return None


def comment_alignment(src: SourceFile, edits) -> list | None:
    """Edits that keep gofmt's alignment of trailing `//` comments once `edits` are applied.

    gofmt aligns the trailing comments of consecutive lines with the same indentation, one
    space after the widest code (in runes). Inserting whole lines (at line starts, ending
    with a newline) splits such a block; changing code on a line resizes its block. Returns
    [] when nothing moves, and None when a line in an affected block is not a one-line
    statement or an edit spans lines (only gofmt itself could say then)."""
    from .model import Edit  # the model does not depend on goast; keep goast import-light

    def line_of(offset: int) -> int:
        return src.position(offset).line - 1

    inserted: dict[int, list[bytes]] = {}
    changed: dict[int, list] = {}
    risky: set[int] = set()
    for edit in edits:
        line = line_of(edit.start)
        if edit.start == edit.end and edit.start == src.line_starts[line] and edit.new.endswith(b"\n"):
            inserted.setdefault(line, []).extend(edit.new.splitlines())
            if trailing_comment(src, line - 1) and trailing_comment(src, line):
                risky |= {line - 1, line}
        elif line_of(edit.end) != line:
            return None
        else:
            changed.setdefault(line, []).append(edit)
            if trailing_comment(src, line):
                risky.add(line)
    if not risky:
        return []
    low, high = min(risky), max(risky)
    while trailing_comment(src, low - 1):
        low -= 1
    while trailing_comment(src, high + 1):
        high += 1

    # (indent, code width, (code end, comment start) or None, one-line statement, touched)
    rows: list[tuple[bytes, int, tuple[int, int] | None, bool, bool]] = []
    for line in range(low, high + 1):
        rows += [(text[: len(text) - len(text.lstrip())], 0, None, True, True) for text in inserted.get(line, [])]
        start = src.line_starts[line]
        comment = trailing_comment(src, line)
        body = src.data[start : comment[0] if comment else src.line_end(start)].rstrip(b"\r\n")
        indent = body[: len(body) - len(body.lstrip())]
        node = src.root.descendant_for_byte_range(start + len(indent), start + len(indent))
        while node is not None and node.start_byte == start + len(indent) and not is_statement_in_list(node):
            node = node.parent
        simple = node is not None and node.start_byte == start + len(indent) and line_of(node.end_byte) == line
        for edit in sorted(changed.get(line, []), key=lambda e: -e.start):
            body = body[: edit.start - start] + edit.new + body[edit.end - start :]
        width = len(body[len(indent) :].decode("utf-8", "replace"))
        rows.append((indent, width, comment, simple, line in risky))

    extra = []
    block: list[tuple[bytes, int, tuple[int, int] | None, bool, bool]] = []
    for row in rows + [(b"", 0, None, True, False)]:
        if block and (row[2] is None or row[0] != block[0][0]):
            if any(r[4] for r in block):
                if len(block) > 1 and not all(r[3] for r in block):
                    return None  # gofmt may split blocks after multi-line statements
                column = max(r[1] for r in block) + 1
                for _, width, (code_end, comment_start), _, _ in block:  # type: ignore[misc]
                    padding = b" " * (column - width)
                    if src.data[code_end:comment_start] != padding:
                        extra.append(Edit(code_end, comment_start, padding))
            block = []
        if row[2] is not None:
            block.append(row)
    return extra
