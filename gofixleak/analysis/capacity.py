"""The buffer that lets every blocked sender finish: how many values one call can send,
as an expression valid where the channel is made, and the edit giving it to the make call."""

from __future__ import annotations

from tree_sitter import Node

from ..gomod import GoVersion
from ..model import Edit
from ..source import SourceFile
from .channels import LocalChannel
from .evidence import declared_kind
from .package import package_declares
from .scopes import assigned_names, declaration_of
from .send_count import UNBOUNDED
from .senders import BlockedSend
from .tree import enclosing_function, is_inside, line, statement_of, walk


def sender_capacity(found: BlockedSend, src: SourceFile, go: GoVersion) -> tuple[str | None, str]:
    """The buffer that lets every sender finish (text to put in the make call), or None and
    why it cannot be written where the channel is made."""
    for sender in found.senders:
        if sender.defer is not None:
            return None, (
                f"the goroutine started at line {line(sender.go, src)} defers a call (line {line(sender.defer, src)}) that runs "
                "once its value is taken; with a buffer it would run before anyone receives the value"
            )
    for sender in found.senders:
        if sender.sends == UNBOUNDED:
            return None, (
                f"the goroutine started at line {line(sender.go, src)} sends in a loop, as many values as its data holds: "
                "no buffer size is known to be enough; give it a way out (a select on ctx.Done() or a done channel)"
            )
    again = _started_again(found, src)
    if again is not None:
        return None, again
    looped = [s for s in found.senders if s.loops]
    most = max(s.sends for s in found.senders)
    if not looped:
        return str(found.together * most), ""
    if most > 1:
        return None, f"each goroutine started in the loop sends up to {most} values"
    if len(found.senders) > 1:
        return None, "goroutines sending on it are started in several places, one of them in a loop"
    loops = looped[0].loops
    if len(loops) > 1:
        return None, f"the goroutines are started in nested loops (line {line(loops[-1], src)})"
    return _iterations(loops[0], found.channel, src, go)


def _started_again(found: BlockedSend, src: SourceFile) -> str | None:
    """Why a go statement may run more often than the loops around it say: a goto back
    to a label before it."""
    function = found.channel.function
    labels = {}
    for node in walk(function, into_functions=False):
        if node.type == "labeled_statement":
            name = node.child_by_field_name("label")
            if name is not None:
                labels[src.text(name)] = node
    for node in walk(function, into_functions=False):
        if node.type != "goto_statement":
            continue
        target = next((labels.get(src.text(c)) for c in node.named_children if c.type == "label_name"), None)
        for sender in found.senders:
            if target is not None and target.start_byte <= sender.go.start_byte and node.start_byte >= sender.go.end_byte:
                return f"the goto at line {line(node, src)} can start the goroutine at line {line(sender.go, src)} again"
    return None


def _iterations(loop: Node, ch: LocalChannel, src: SourceFile, go: GoVersion) -> tuple[str | None, str]:
    """An expression, valid at the make, for how many times `loop` runs its body at most."""
    where = f"the loop at line {line(loop, src)}"
    clause = next((c for c in loop.named_children if c.type == "range_clause"), None)
    ranged = clause.child_by_field_name("right") if clause is not None else None
    if ranged is None:
        return None, f"{where} is not a range loop, so the number of goroutines is not known where {ch.name} is made"
    if ranged.type == "int_literal":
        return src.text(ranged), ""
    if ranged.type != "identifier":
        return None, f"{where} ranges over `{src.text(ranged)}`, not a variable that can be measured where {ch.name} is made"
    name = src.text(ranged)
    decl = declaration_of(name, ranged, src)
    if decl is None or not is_inside(decl, ch.function):
        return None, f"{name} is not declared in this function, so it may change before the loop"
    if declaration_of(name, ch.make, src) != decl:
        return None, f"{name} is declared after {ch.name} is made"
    kind = declared_kind(decl, src)
    if kind is None:
        return None, f"cannot tell whether {name} is a slice, array, map, string or integer"
    for node in walk(ch.function):
        if node.type == "identifier" and ch.make.end_byte <= node.start_byte < ranged.start_byte and src.text(node) == name:
            return None, f"{name} is used between the make (line {line(ch.make, src)}) and {where}, so its size may change"
    changed = _changed_elsewhere(decl, ranged, loop, kind == "len" and _may_be_map(decl, src), ch, src)
    if changed:
        return None, changed
    if kind == "len":
        measure = "len"
    elif kind == "uint":
        return name, ""
    else:
        measure = "max"
        if not go.at_least(1, 21):
            return None, f"{name} may be negative and the max builtin needs go 1.21"
    declared = package_declares(src, measure)
    if declared is None:
        return None, f"cannot tell whether another file of the package declares `{measure}` (a file of the directory cannot be read, or a dot import)"
    if declared or declaration_of(measure, ch.make, src) is not None:
        return None, f"`{measure}` is declared in this package or file"
    return (f"len({name})" if measure == "len" else f"max({name}, 0)"), ""


def _changed_elsewhere(decl: Node, ranged: Node, loop: Node, map_like: bool, ch: LocalChannel, src: SourceFile) -> str | None:
    """Why the ranged variable may be larger in the loop than where the channel is made:
    its address is taken, a function literal assigns it, or (for what may be a map) it is
    copied to another variable anywhere, or written to or passed on inside the loop or a
    function literal (a range over a map may visit entries added meanwhile)."""
    name = src.text(decl)
    for node in src.identifiers(name):
        if node == decl or node == ranged or not is_inside(node, ch.function) or declaration_of(name, node, src) != decl:
            continue
        parent = node.parent
        at = line(node, src)
        if parent is not None and parent.type == "unary_expression" and src.text(parent)[:1] == "&":
            return f"the address of {name} is taken at line {at}, so it may change through a pointer"
        in_literal = enclosing_function(node) != ch.function
        if in_literal and name in assigned_names(statement_of(node), src):
            return f"{name} is assigned in a function literal at line {at}"
        if not map_like:
            continue
        copied = parent is not None and parent.type in {"expression_list", "literal_element", "keyed_element"}
        if not copied and not in_literal and not is_inside(node, loop):
            continue
        if parent is not None and parent.type == "range_clause" and parent.child_by_field_name("right") == node:
            continue
        if parent is not None and parent.type == "index_expression" and parent.child_by_field_name("operand") == node:
            holder = parent.parent
            written = holder is not None and (
                holder.type in {"inc_statement", "dec_statement"}
                or (holder.type == "expression_list" and holder.parent is not None
                    and holder.parent.type == "assignment_statement" and holder.parent.child_by_field_name("left") == holder)
            )
            if not written:
                continue
        elif parent is not None and parent.type == "argument_list" and parent.parent is not None:
            callee = parent.parent.child_by_field_name("function")
            if callee is not None and src.text(callee) in {"len", "cap", "delete"}:
                continue
        return f"{name} may be a map that gets new entries (line {at}), and a range over a map may visit them"
    return None


def _may_be_map(decl: Node, src: SourceFile) -> bool:
    """False when the declaration shows a slice, array or string; True otherwise."""
    parent = decl.parent
    kind = None
    if parent is not None and parent.type in {"parameter_declaration", "var_spec"}:
        kind = parent.child_by_field_name("type")
        if kind is None and parent.type == "var_spec":
            values = parent.child_by_field_name("value")
            kind = values.named_children[0] if values is not None and len(values.named_children) == 1 else None
    elif parent is not None and parent.type == "variadic_parameter_declaration":
        return False
    elif parent is not None and parent.type == "expression_list" and parent.parent is not None and parent.parent.type == "short_var_declaration":
        values = parent.parent.child_by_field_name("right")
        if values is not None and len(values.named_children) == len(parent.named_children):
            kind = values.named_children[[n.id for n in parent.named_children].index(decl.id)]
    if kind is None:
        return True
    if kind.type == "composite_literal":
        kind = kind.child_by_field_name("type")
    elif kind.type == "call_expression":
        args = kind.child_by_field_name("arguments")
        kind = args.named_children[0] if args is not None and args.named_children else None
    elif kind.type in {"interpreted_string_literal", "raw_string_literal"}:
        return False
    if kind is None:
        return True
    if kind.type in {"slice_type", "array_type", "implicit_length_array_type"}:
        return False
    return not (kind.type == "type_identifier" and src.text(kind) == "string")


def capacity_edit(ch: LocalChannel, capacity: str, src: SourceFile) -> Edit | None:
    """Give the make call `capacity`; None when the call is laid out across lines."""
    args = ch.make.child_by_field_name("arguments")
    if args is None or "\n" in src.text(args):
        return None
    if ch.capacity is not None:
        return Edit.replace(ch.capacity.start_byte, ch.capacity.end_byte, capacity.encode())
    chan_type = next(a for a in args.named_children if a.type == "channel_type")
    if src.data[chan_type.end_byte : args.end_byte - 1].strip():
        return None  # a trailing comma or comment
    return Edit.insert(chan_type.end_byte, f", {capacity}".encode())
