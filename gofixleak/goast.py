"""Go-aware questions about a tree-sitter-go tree: functions, loops, scopes, imports, layout.

Every helper is syntactic and conservative: when the tree does not say enough, it answers in
the way that makes a codemod report without a fix rather than guess.
"""

from __future__ import annotations

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
    """Pre-order walk of `node`'s subtree; optionally not entering nested func literals."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if not into_functions and current is not node and current.type == "func_literal":
            continue
        stack.extend(reversed(current.children))


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
    for spec in walk(root):
        if spec.type in {"function_declaration", "method_declaration"}:
            continue
        if spec.type != "import_spec":
            continue
        path_node = spec.child_by_field_name("path")
        if path_node is None:
            continue
        path = src.text(path_node).strip('"`')
        alias = spec.child_by_field_name("name")
        if alias is None:
            local = path.rsplit("/", 1)[-1]
        elif alias.type == "package_identifier":
            local = src.text(alias)
        else:  # `.` or `_`
            continue
        names[local] = path
    return names


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
        elif n.type == "inc_dec_statement":
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


def has_goto(function: Node) -> bool:
    return any(n.type == "goto_statement" for n in walk(function, into_functions=False))


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
    loops, switches and selects aim elsewhere). Nested func literals are not entered."""
    label = None
    if loop.parent is not None and loop.parent.type == "labeled_statement":
        label_node = loop.parent.child_by_field_name("label")
        label = src.text(label_node) if label_node is not None else None
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
                if src.text(target) == label:
                    return n
                continue
            if _innermost_breakable(n, n.type == "continue_statement") == loop:
                return n
    return None


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
