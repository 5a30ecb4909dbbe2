"""Which declaration a name refers to, what a declaration says, which names a region declares or changes."""

from __future__ import annotations

from tree_sitter import Node

from ..source import SourceFile
from .tree import CASE_CLAUSES, FUNCTIONS, ancestors, walk


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


def is_shadowed(name: str, node: Node, src: SourceFile) -> bool:
    """True when a declaration between the file scope and `node` hides file-level `name`."""
    return scope_of(name, node, src) is not None


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
