"""Which declaration a name refers to, what kind of value it holds, and how a loop is left.

Syntactic and conservative like goast: an answer of None means "cannot tell", and callers
treat it as a reason to withhold a fix.
"""

from __future__ import annotations

from tree_sitter import Node

from .goast import CASE_CLAUSES, FUNCTIONS, ancestors, is_inside, walk
from .source import SourceFile

_BREAKABLE = frozenset({"for_statement", "expression_switch_statement", "type_switch_statement", "select_statement"})
_SIGNED = frozenset({"int", "int8", "int16", "int32", "int64", "rune"})
_UNSIGNED = frozenset({"uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "byte"})
_EXITING_CALLS = frozenset({"panic", "os.Exit", "log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf", "log.Panicln"})


def line(node: Node, src: SourceFile) -> int:
    return src.position(node.start_byte).line


# ---------------------------------------------------------------- declarations


def declaration_of(name: str, at: Node, src: SourceFile) -> Node | None:
    """The identifier declaring the `name` visible at `at`; None when no enclosing function
    declares it (package level, another file, or predeclared)."""
    child = at
    for scope in ancestors(at):
        if scope.type == "source_file":
            return None
        if scope.type == "statement_list":
            for statement in scope.named_children:
                if statement.start_byte >= child.start_byte:
                    break
                found = _declared_by(statement, name, src)
                if found is not None:
                    return found
        found = _declared_in_header(scope, child, name, src)
        if found is not None:
            return found
        child = scope
    return None


def _declared_by(statement: Node, name: str, src: SourceFile) -> Node | None:
    if statement.type == "labeled_statement":
        inner = [c for c in statement.named_children if c.type != "label_name"]
        return _declared_by(inner[0], name, src) if inner else None
    if statement.type == "short_var_declaration":
        left = statement.child_by_field_name("left")
        return _named(left.named_children if left is not None else [], name, src)
    if statement.type in {"var_declaration", "const_declaration"}:
        for spec in walk(statement, into_functions=False):
            if spec.type in {"var_spec", "const_spec"}:
                found = _named(spec.children_by_field_name("name"), name, src)
                if found is not None:
                    return found
    return None


def _declared_in_header(scope: Node, child: Node, name: str, src: SourceFile) -> Node | None:
    """A declaration by `scope`'s header that is visible in its part `child`."""
    if scope.type in FUNCTIONS:
        if child != scope.child_by_field_name("body"):
            return None
        for field in ("receiver", "parameters", "result"):
            params = scope.child_by_field_name(field)
            for decl in params.named_children if params is not None else []:
                found = _named(decl.children_by_field_name("name"), name, src)
                if found is not None:
                    return found
    elif scope.type == "for_statement":
        if child != scope.child_by_field_name("body"):
            return None
        for clause in scope.named_children:
            if clause.type == "range_clause" and any(c.type == ":=" for c in clause.children):
                left = clause.child_by_field_name("left")
                return _named(left.named_children if left is not None else [], name, src)
            if clause.type == "for_clause":
                init = clause.child_by_field_name("initializer")
                return _declared_by(init, name, src) if init is not None else None
    elif scope.type in {"if_statement", "expression_switch_statement", "type_switch_statement"}:
        init = scope.child_by_field_name("initializer")
        if init is not None and child != init:
            found = _declared_by(init, name, src)
            if found is not None:
                return found
        alias = scope.child_by_field_name("alias")
        if alias is not None and child != alias and child.type in CASE_CLAUSES:
            return _named(alias.named_children, name, src)
    elif scope.type == "communication_case":
        comm = scope.child_by_field_name("communication")
        if comm is not None and child != comm and comm.type == "receive_statement" and any(c.type == ":=" for c in comm.children):
            left = comm.child_by_field_name("left")
            return _named(left.named_children if left is not None else [], name, src)
    return None


def _named(nodes: list[Node], name: str, src: SourceFile) -> Node | None:
    return next((n for n in nodes if n.type == "identifier" and src.text(n) == name), None)


def declared_kind(ident: Node, src: SourceFile) -> str | None:
    """What `range` over the declared variable counts: "len" for a slice, array, map or
    string, "int" or "uint" for an integer; None when the declaration does not say."""
    parent = ident.parent
    if parent is None:
        return None
    if parent.type == "variadic_parameter_declaration":
        return "len"
    if parent.type == "parameter_declaration":
        return _type_kind(parent.child_by_field_name("type"), src)
    if parent.type in {"var_spec", "const_spec"}:
        declared_type = parent.child_by_field_name("type")
        if declared_type is not None:
            return _type_kind(declared_type, src)
        names = parent.children_by_field_name("name")
        values = parent.child_by_field_name("value")
    elif parent.type == "expression_list" and parent.parent is not None and parent.parent.type == "short_var_declaration":
        names = parent.named_children
        values = parent.parent.child_by_field_name("right")
    else:
        return None
    if values is None or len(values.named_children) != len(names):
        return None
    index = [n.id for n in names].index(ident.id)
    return _value_kind(values.named_children[index], src)


def _type_kind(node: Node | None, src: SourceFile) -> str | None:
    if node is None:
        return None
    if node.type in {"slice_type", "array_type", "map_type", "implicit_length_array_type"}:
        return "len"
    if node.type == "type_identifier":
        text = src.text(node)
        if text == "string":
            return "len"
        return "int" if text in _SIGNED else "uint" if text in _UNSIGNED else None
    return None


def _value_kind(value: Node, src: SourceFile) -> str | None:
    if value.type == "int_literal":
        return "int"
    if value.type in {"interpreted_string_literal", "raw_string_literal"}:
        return "len"
    if value.type == "composite_literal":
        return _type_kind(value.child_by_field_name("type"), src)
    if value.type == "call_expression":
        callee = value.child_by_field_name("function")
        args = value.child_by_field_name("arguments")
        name = src.text(callee) if callee is not None else ""
        first = args.named_children[0] if args is not None and args.named_children else None
        if name == "make" and first is not None:
            return _type_kind(first, src)
        if name in {"len", "cap"}:
            return "uint"  # an int, never negative
        return _type_kind(callee, src) if callee is not None and callee.type == "identifier" else None
    return None


def file_declares(src: SourceFile, name: str) -> bool:
    """True when a top-level declaration of the file uses `name`."""
    for decl in src.root.named_children:
        if decl.type in {"function_declaration", "method_declaration"}:
            ident = decl.child_by_field_name("name")
            if decl.type == "function_declaration" and ident is not None and src.text(ident) == name:
                return True
        elif decl.type in {"var_declaration", "const_declaration", "type_declaration"}:
            for spec in walk(decl):
                if spec.type in {"var_spec", "const_spec", "type_spec", "type_alias"}:
                    if any(src.text(n) == name for n in spec.children_by_field_name("name")):
                        return True
    return False


# ---------------------------------------------------------------- leaving loops


def is_unconditional_loop(loop: Node) -> bool:
    """`for { ... }`: no condition, no range clause."""
    for child in loop.named_children:
        if child.type == "range_clause":
            return False
        if child.type == "for_clause":
            if child.child_by_field_name("condition") is not None:
                return False
        elif child.type not in {"block", "comment"}:
            return False  # `for cond {`
    return True


def innermost_breakable(stmt: Node, loops_only: bool) -> Node | None:
    """What an unlabeled break (or, with `loops_only`, continue) at `stmt` leaves."""
    for parent in ancestors(stmt):
        if parent.type in FUNCTIONS:
            return None
        if parent.type == "for_statement" or (not loops_only and parent.type in _BREAKABLE):
            return parent
    return None


def label_target(jump: Node, src: SourceFile) -> Node | None:
    """The statement a labeled break, continue or goto names, when it encloses `jump`."""
    label = next((c for c in jump.named_children if c.type == "label_name"), None)
    if label is None:
        return None
    for parent in ancestors(jump):
        if parent.type in FUNCTIONS:
            return None
        if parent.type == "labeled_statement":
            name = parent.child_by_field_name("label")
            if name is not None and src.text(name) == src.text(label):
                inner = [c for c in parent.named_children if c.type != "label_name"]
                return inner[0] if inner else None
    return None


def leaves(jump: Node, loop: Node, src: SourceFile) -> bool:
    """True when the break/continue `jump` inside `loop` ends the loop (not an iteration)."""
    labeled = any(c.type == "label_name" for c in jump.named_children)
    if labeled:
        target = label_target(jump, src)
        if target is None:
            return True  # cannot tell: assume it leaves
        if jump.type == "break_statement":
            return target == loop or is_inside(loop, target)
        return target != loop and is_inside(loop, target)
    if jump.type == "continue_statement":
        return False
    return innermost_breakable(jump, loops_only=False) == loop


def exit_from(body: Node, loop: Node, src: SourceFile, skip: Node | None = None) -> Node | None:
    """A return, goto, or break that ends `loop`, found in `body` outside `skip`; func
    literals are not entered."""
    for node in walk(body, into_functions=False):
        if skip is not None and is_inside(node, skip):
            continue
        if node.type in {"return_statement", "goto_statement"}:
            return node
        if node.type in {"break_statement", "continue_statement"} and leaves(node, loop, src):
            return node
    return None


def ends_iteration_for_good(stmt: Node, loop: Node, src: SourceFile) -> bool:
    """True when `stmt` leaves `loop` for good: return, a panic-like call, or a break out."""
    if stmt.type == "return_statement":
        return True
    if stmt.type == "break_statement":
        return leaves(stmt, loop, src)
    if stmt.type == "expression_statement" and stmt.named_children:
        call = stmt.named_children[0]
        callee = call.child_by_field_name("function") if call.type == "call_expression" else None
        return callee is not None and src.text(callee) in _EXITING_CALLS
    return False
