"""Channel fields nobody receives from: an unexported field of a struct of the package that
the package sends on, while no code of the package receives from it, ranges over it, or
hands it out (returns it, passes it, stores it elsewhere, fills it from outside)."""

from __future__ import annotations

import re

from tree_sitter import Node

from ..source import SourceFile
from . import field_index
from . import package as packages


def never_received(send: Node, src: SourceFile) -> str | None:
    """The field name when `send` (a send statement on `x.f`) sends on an unexported channel
    field that nothing in the package receives from or hands out; None otherwise (also
    when a file of the package cannot be read)."""
    channel = send.child_by_field_name("channel")
    field = channel.child_by_field_name("field") if channel is not None and channel.type == "selector_expression" else None
    if field is None:
        return None
    name = src.text(field)
    if not name[:1].islower() and name[:1] != "_":
        return None  # exported: code outside the package may receive
    package = packages.of(src)
    # A receive written out in some file settles it before any file is parsed.
    received = re.compile(rb"(?:<-|\brange)\s*[\w.()\[\]*]*\." + re.escape(name.encode()) + rb"\b")
    if any(received.search(data) for data in package.texts()):
        return None
    files = list(package.files_containing(name.encode()))
    declared = [
        (n.parent.child_by_field_name("type"), f)  # type: ignore[union-attr]
        for f in files
        for n in field_index.named(f.src, name)
        if n.type == "field_identifier" and n.parent is not None and n.parent.type == "field_declaration"
    ]
    if package.incomplete or not declared or any(
        kind is None or kind.type != "channel_type" or f.src.text(kind).startswith("chan<-") for kind, f in declared
    ):
        return None
    for file in files:
        for node in field_index.named(file.src, name):
            if not _harmless(node, file.src):
                return None
    return None if package.incomplete else name


def _harmless(ident: Node, src: SourceFile) -> bool:
    """True for a use of the field that gives no one a way to receive: a send on it, the
    declaration, a `len`/`cap`/`close` of it, or setting it to a channel made right there."""
    parent = ident.parent
    if parent is None:
        return False
    if parent.type == "field_declaration":
        return True
    element = parent.parent if parent.type == "literal_element" else None
    if element is not None and element.type == "keyed_element" and element.named_children and element.named_children[0] == parent:
        value = element.named_children[-1]
        value = value.named_children[0] if value.type == "literal_element" and value.named_children else value
        return _is_make(value, src)  # a composite literal setting the field
    if ident.type == "identifier":
        return True  # a variable of the same name
    if parent.type != "selector_expression" or parent.child_by_field_name("field") != ident:
        return True  # a method name or a label, not this field
    holder = parent.parent
    if holder is None:
        return False
    if holder.type == "send_statement" and holder.child_by_field_name("channel") == parent:
        return True
    if holder.type == "argument_list" and holder.parent is not None:
        callee = holder.parent.child_by_field_name("function")
        return callee is not None and src.text(callee) in {"len", "cap", "close"}
    if holder.type == "expression_list" and holder.parent is not None and holder.parent.type == "assignment_statement" \
            and holder.parent.child_by_field_name("left") == holder:
        values = holder.parent.child_by_field_name("right")
        index = [n.id for n in holder.named_children].index(parent.id)
        value = values.named_children[index] if values is not None and len(values.named_children) == len(holder.named_children) else None
        return value is not None and _is_make(value, src)
    return False


def _is_make(value: Node, src: SourceFile) -> bool:
    callee = value.child_by_field_name("function") if value.type == "call_expression" else None
    return callee is not None and src.text(callee) == "make"
