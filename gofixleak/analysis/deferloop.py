"""`defer` inside a loop: does it pile up, and can the loop body become `func() { ... }()`?

Wrapping the body moves every deferred call of the body from "when the function returns"
to "at the end of the iteration". That is the point of the fix, so it is only offered when
nothing else changes: no jump would change target, no deferred call reads state from outside
the iteration, and nothing the deferred calls release is still used after the iteration.
"""

from __future__ import annotations

from tree_sitter import Node

from ..gomod import GoVersion
from ..model import Edit
from ..source import SourceFile
from .channels import spawning_go
from .flow import innermost_breakable, left_for_good_after
from .imports import Imports
from .scopes import declaration_of
from .tree import ancestors, enclosing_function, is_inside, line, loops_around, walk


def loop_of(defer: Node) -> Node | None:
    """The innermost loop around `defer` in its own function (func literals reset)."""
    loops = loops_around(defer)
    return loops[0] if loops else None


def registered_once(defer: Node, loop: Node, src: SourceFile) -> Node | None:
    """A statement after `defer`, on its path through the body, that always leaves `loop`
    for good (return, break out, panic...): the defer then runs at most once per call."""
    return left_for_good_after(defer, loop, src)


# Acquire and release methods: `x.Lock(); defer x.Unlock()` for a per-iteration x holds
# every lock until the function returns, on purpose ("lock all, then work").
_RELEASES = {"Unlock": ("Lock",), "RUnlock": ("RLock",), "Release": ("Acquire",)}


def deliberate_lock_all(defer: Node, loop: Node, src: SourceFile) -> bool:
    """`x.Lock()` then `defer x.Unlock()` in the loop body, where x is the element of a
    range or is otherwise declared in the loop: the loop takes many locks and holds them
    all until the function returns, which is what the defer means (a lock taken again
    on every pass would deadlock, not pile up)."""
    target = _released_lock(defer, src)
    if target is None:
        return False
    operand, acquires = target
    root = operand
    while root.type == "selector_expression":
        root = root.child_by_field_name("operand")  # type: ignore[assignment]
    if root is None or root.type != "identifier":
        return False
    decl = declaration_of(src.text(root), root, src)
    if decl is None or not is_inside(decl, loop):
        return False
    for node in walk(loop.child_by_field_name("body"), into_functions=False):  # type: ignore[arg-type]
        if node.type != "call_expression" or node.start_byte > defer.start_byte:
            continue
        callee = node.child_by_field_name("function")
        if callee is None or callee.type != "selector_expression":
            continue
        field, other = callee.child_by_field_name("field"), callee.child_by_field_name("operand")
        if field is not None and other is not None and src.text(field) in acquires and src.text(other) == src.text(operand):
            return True
    return False


def _released_lock(defer: Node, src: SourceFile) -> tuple[Node, tuple[str, ...]] | None:
    """(x, its acquiring methods) for `defer x.Unlock()`, `x.RUnlock()` or `x.Release(...)`."""
    call = defer.named_children[0] if defer.named_children else None
    callee = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    if callee is None or callee.type != "selector_expression":
        return None
    field, operand = callee.child_by_field_name("field"), callee.child_by_field_name("operand")
    if field is None or operand is None or src.text(field) not in _RELEASES:
        return None
    return operand, _RELEASES[src.text(field)]


def wrap_blocker(loop: Node, src: SourceFile, imports: Imports, go: GoVersion) -> str | None:
    """Why wrapping `loop`'s body in a func literal could change the program, or None."""
    body = loop.child_by_field_name("body")
    function = enclosing_function(loop)
    if body is None or function is None:
        return "the loop has no body"
    for node in walk(body, into_functions=False):
        at = f"line {line(node, src)}"
        if node.type == "return_statement":
            return f"the loop body returns ({at}); inside a function literal that would only end the iteration"
        if node.type == "goto_statement":
            return f"the loop body uses goto ({at})"
        if node.type == "labeled_statement":
            return f"the loop body declares a label ({at})"
        if node.type in {"break_statement", "continue_statement"}:
            word = "break" if node.type == "break_statement" else "continue"
            target = None
            if not any(c.type == "label_name" for c in node.named_children):
                target = innermost_breakable(node, loops_only=word == "continue")
            if target is None or not is_inside(target, body):
                return f"the {word} at {at} refers to the loop, which a function literal would hide"
    for node in walk(body):
        if node.type == "call_expression":
            callee = node.child_by_field_name("function")
            if callee is not None and src.text(callee) == "recover":
                return f"recover is called in the loop body (line {line(node, src)}) and would stop panics per iteration"
        if node.type in {"raw_string_literal", "comment"} and b"\n" in src.data[node.start_byte : node.end_byte]:
            return f"re-indenting the body would change the text spanning lines at line {line(node, src)}"
    defers = [n for n in walk(body, into_functions=False) if n.type == "defer_statement"]
    for defer in defers:
        reason = _reads_outside(defer, loop, body, function, src, imports, go)
        if reason:
            return reason
    reason = _escapes(_released(defers, body, src, imports), defers, body, src, imports)
    if reason:
        return reason
    for defer in defers:
        inner = loop_of(defer)
        if inner is not None and inner != loop and wrap_blocker(inner, src, imports, go) is None and wrap_edits(inner, src):
            # Wrapping both at once would overlap; the engine wraps the inner loop, then this one.
            return f"the inner loop at line {line(inner, src)} is wrapped first"
    return None


def _free_names(defer: Node, src: SourceFile, imports: Imports) -> list[tuple[Node, Node | None]]:
    """(identifier, its declaration) for each name the deferred call reads from outside itself."""
    out = []
    for node in walk(defer):
        if node.type != "identifier":
            continue
        parent = node.parent
        if parent is not None and parent.type == "selector_expression" and parent.child_by_field_name("operand") == node:
            if imports.resolve_selector(parent) is not None:
                continue  # a package qualifier
        decl = declaration_of(src.text(node), node, src)
        if decl is None or not is_inside(decl, defer):
            out.append((node, decl))
    return out


def _reads_outside(defer: Node, loop: Node, body: Node, function: Node, src: SourceFile, imports: Imports, go: GoVersion) -> str | None:
    """Why running `defer`'s call at the end of the iteration could do something else.

    A deferred call's function and arguments are evaluated at the defer statement, so only
    two things can differ: the call may release something that is meant to stay held until
    the function returns (nothing it uses is made in the body), and a deferred func literal
    reads variables when it runs (one declared outside the body may change meanwhile)."""
    at = line(defer, src)
    free = _free_names(defer, src, imports)
    if not any(decl is not None and is_inside(decl, body) for _, decl in free):
        return f"the deferred call at line {at} uses nothing made in the loop body, so it may be meant to run only when the function returns"
    call = defer.named_children[0] if defer.named_children else None
    callee = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    released = _released_lock(defer, src)
    if released is not None and released[1] != ("Acquire",):
        return f"the deferred call at line {at} releases a lock: released every iteration instead of when the function returns, the rest of the function would run without it"
    reason = _writes_outside(defer, body, function, src)
    if reason:
        return reason
    if callee is None or callee.type != "func_literal":
        return None
    for ident, decl in free:
        if decl is None or is_inside(decl, body):
            continue
        per_iteration = is_inside(decl, loop) and go.at_least(1, 22)
        if (is_inside(decl, loop) and not per_iteration) or _may_change(decl, function, src):
            return f"the deferred function at line {at} reads {src.text(ident)}, which may change before the function returns"
    return None


def _writes_outside(defer: Node, body: Node, function: Node, src: SourceFile) -> str | None:
    """Why the deferred call may write a variable declared outside the body (through
    `&x` or a named result passed to it), or None. Run per iteration, such a write
    would land earlier, and what the function does later (`return nil`) would overwrite
    or read it differently."""
    at = line(defer, src)
    for node in walk(defer, into_functions=False):
        if node.type == "unary_expression" and src.text(node).startswith("&"):
            root = node.child_by_field_name("operand")
            while root is not None and root.type in {"selector_expression", "index_expression", "parenthesized_expression"}:
                root = root.named_children[0] if root.named_children else None
            if root is not None and root.type == "identifier":
                decl = declaration_of(src.text(root), root, src)
                if decl is None or not is_inside(decl, body):
                    return f"the deferred call at line {at} takes the address of {src.text(root)}, declared outside the loop body, and may write it when it runs"
        if node.type == "identifier" and node.parent is not None and node.parent.type == "argument_list":
            decl = declaration_of(src.text(node), node, src)
            if decl is not None and not is_inside(decl, body) and _is_result(decl, function):
                return f"the deferred call at line {at} is given the named result {src.text(node)}"
            if decl is not None and not is_inside(decl, body) and _points_outside(decl):
                return f"the deferred call at line {at} is given {src.text(node)}, a pointer it may write a variable declared outside the loop body through"
    return None


def _is_result(decl: Node, function: Node) -> bool:
    parent = decl.parent
    results = function.child_by_field_name("result")
    return parent is not None and parent.type == "parameter_declaration" and results is not None and parent.parent == results


def _points_outside(decl: Node) -> bool:
    """`p := &x` or `p := new(T)`: a pointer the deferred call could write through."""
    parent = decl.parent
    values = None
    if parent is not None and parent.type == "var_spec":
        values = parent.child_by_field_name("value")
    elif parent is not None and parent.type == "expression_list" and parent.parent is not None and parent.parent.type == "short_var_declaration":
        values = parent.parent.child_by_field_name("right")
    for value in values.named_children if values is not None else []:
        text = value.text.decode() if value.text else ""
        if text.startswith(("&", "new(")):
            return True
    return False


def _may_change(decl: Node, function: Node, src: SourceFile) -> bool:
    """True when the variable `decl` declares is assigned after its declaration (a named
    result is, by every return), incremented, or has its address taken in `function`."""
    parent = decl.parent
    if parent is not None and parent.type == "parameter_declaration":
        params = parent.parent
        if params is not None and params.parent is not None and params.parent.child_by_field_name("result") == params:
            return True
    name = src.text(decl)
    for node in walk(function):
        if node.type != "identifier" or node == decl or src.text(node) != name or declaration_of(name, node, src) != decl:
            continue
        parent = node.parent
        grand = parent.parent if parent is not None else None
        if parent is None:
            continue
        if parent.type in {"inc_statement", "dec_statement"}:
            return True
        if parent.type == "unary_expression" and src.text(parent).startswith("&"):
            return True
        if parent.type == "expression_list" and grand is not None and grand.child_by_field_name("left") == parent:
            if grand.type in {"assignment_statement", "short_var_declaration", "range_clause"}:
                return True
    return False


def _released(defers: list[Node], body: Node, src: SourceFile, imports: Imports) -> list[Node]:
    """Declarations inside the body that the deferred calls use, with the names declared
    beside them (`ctx` for `defer cancel()` after `ctx, cancel := ...`)."""
    seen: dict[int, Node] = {}
    for defer in defers:
        for _, decl in _free_names(defer, src, imports):
            if decl is not None and is_inside(decl, body):
                for sibling in _declared_with(decl):
                    seen.setdefault(sibling.id, sibling)
    return sorted(seen.values(), key=lambda d: d.start_byte)


def _declared_with(decl: Node) -> list[Node]:
    parent = decl.parent
    if parent is not None and parent.type == "var_spec":
        return parent.children_by_field_name("name")
    if parent is not None and parent.type == "expression_list":
        return [n for n in parent.named_children if n.type == "identifier"]
    return [decl]


def _escapes(resources: list[Node], defers: list[Node], body: Node, src: SourceFile, imports: Imports) -> str | None:
    """How a value the deferred calls release, or a value made from it, could still be
    used after the iteration ends, or None.

    Values made from a resource (`br := bufio.NewReader(f)`, `body := resp.Body`) are
    followed like the resource: by name, through declarations and assignments inside
    the body. Results that cannot hold on to it (lengths, arithmetic, comparisons,
    conversions to basic types, what Read, Stat or io.ReadAll return) are not."""
    for decl in resources:
        if not _made_fresh(decl):
            return f"{src.text(decl)} (line {line(decl, src)}) is not made in the iteration, so it may still be needed after it"
    origin: dict[str, str] = {src.text(d): src.text(d) for d in resources}
    queue = list(origin)
    while queue:
        name = queue.pop(0)
        for node in src.identifiers(name):
            if not is_inside(node, body) or any(is_inside(node, d) for d in defers):
                continue
            decl = declaration_of(name, node, src)
            if decl is None or not is_inside(decl, body) or decl == node:
                continue
            verdict = _flow(node, origin, body, src, imports)
            if isinstance(verdict, str):
                return verdict
            for made in verdict:
                if made not in origin:
                    origin[made] = origin[name]
                    queue.append(made)
    return None


# Conversions and builtins whose result cannot refer to their argument's resources.
_PLAIN_CALLS = frozenset({
    "len", "cap", "min", "max", "print", "println", "panic", "delete", "clear", "real", "imag", "complex",
    "bool", "string", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16",
    "uint32", "uint64", "uintptr", "float32", "float64", "complex64", "complex128", "byte", "rune",
})
# Standard-library functions that only read or write through their arguments and return
# plain data (counts, errors, bytes): the argument is not kept.
_DATA_FUNCTIONS = {
    "io": frozenset({"ReadAll", "Copy", "CopyN", "CopyBuffer", "ReadFull", "ReadAtLeast", "WriteString"}),
    "fmt": frozenset({"Fprint", "Fprintf", "Fprintln", "Fscan", "Fscanf", "Fscanln", "Print", "Printf", "Println", "Sprint", "Sprintf", "Sprintln", "Errorf"}),
    "log": frozenset({"Print", "Printf", "Println"}),
}
# Top-level directories of the standard library's import paths.
_STDLIB = frozenset(
    "archive bufio bytes cmp compress container context crypto database debug embed encoding "
    "errors expvar flag fmt go hash html image index io iter log maps math mime net os path "
    "reflect regexp runtime slices sort strconv strings sync syscall testing text time "
    "unicode unique unsafe weak".split()
)
# Methods whose results are plain data (counts, errors, names, file info, text).
_DATA_METHODS = frozenset({
    "Close", "Read", "ReadAt", "ReadByte", "ReadBytes", "ReadLine", "ReadRune", "ReadString",
    "Write", "WriteAt", "WriteByte", "WriteRune", "WriteString", "Flush", "Seek", "Stat",
    "Name", "Sync", "Truncate", "Chmod", "Scan", "Err", "Text", "Len", "Size", "Fd",
})


def _flow(node: Node, origin: dict[str, str], body: Node, src: SourceFile, imports: Imports) -> str | list[str]:
    """Where the value named at `node` goes: a reason it may outlive the iteration, or the
    names of body variables that now hold it (or something made from it)."""
    name = src.text(node)
    what = name if origin[name] == name else f"{name} (made from {origin[name]})"
    for parent in ancestors(node):
        if parent == body:
            break
        if parent.type == "go_statement" or (parent.type == "func_literal" and spawning_go(parent)):
            return f"{what} is used by a goroutine started at line {line(parent, src)}"
        if parent.type == "func_literal" and not _called_here(parent):
            return f"{what} is captured by the function literal at line {line(parent, src)}"
    child = node
    keyed = None  # the index expression the value is a key of, on the way up
    for parent in ancestors(node):
        if parent == body:
            break
        kind = parent.type
        at = line(parent, src)
        if kind == "index_expression" and parent.child_by_field_name("index") == child:
            keyed = parent
        if kind == "send_statement":
            if parent.child_by_field_name("value") == child:
                return f"{what} is sent on a channel at line {at}"
            return []
        if kind == "unary_expression":
            operator = src.text(parent)[:1]
            if operator == "&":
                return f"the address of {what} is taken at line {at}"
            if operator in {"!", "-", "+", "^"}:
                return []
        elif kind == "binary_expression":
            return []  # a number, a string or a truth value
        elif kind == "call_expression":
            callee = parent.child_by_field_name("function")
            if callee is None:
                return []
            if child == callee:
                field = callee.child_by_field_name("field") if callee.type == "selector_expression" else None
                if field is not None and src.text(field) in _DATA_METHODS:
                    return []
            else:
                verdict = _passed_to(parent, callee, origin, src, imports)
                if verdict is not None:
                    return [] if verdict == "" else f"{what} is passed to {verdict} at line {at}, which may keep it after the iteration"
        elif kind in {"short_var_declaration", "assignment_statement", "range_clause"}:
            left = parent.child_by_field_name("left")
            if child == left:
                if keyed is None:
                    return []  # written, not read
                root = keyed  # `m[f] = ...`: stored as a key of m
                while root.type in {"index_expression", "selector_expression", "parenthesized_expression"} and root.named_children:
                    root = root.named_children[0]
                decl = declaration_of(src.text(root), root, src) if root.type == "identifier" else None
                if decl is None or not is_inside(decl, body):
                    return f"{what} is stored in {src.text(keyed)} at line {at}, which outlives the iteration"
                return [src.text(root)]
            targets = [t for t in (left.named_children if left is not None else []) if t.type != "comment"]
            made = []
            for target in targets:
                text = src.text(target)
                if text == "_":
                    continue
                decl = declaration_of(text, target, src) if target.type == "identifier" else None
                if kind == "assignment_statement" and (decl is None or not is_inside(decl, body)):
                    return f"{what} is stored in {text} at line {at}, which outlives the iteration"
                if target.type == "identifier":
                    made.append(text)
            return made
        elif kind == "var_spec":
            return [src.text(n) for n in parent.children_by_field_name("name") if src.text(n) != "_"]
        elif kind in {"expression_statement", "return_statement", "if_statement", "for_statement", "expression_switch_statement", "inc_statement", "dec_statement"}:
            return []
        child = parent
    return []


def _passed_to(call: Node, callee: Node, origin: dict[str, str], src: SourceFile, imports: Imports) -> str | None:
    """For a value passed as an argument of `call`: None when the call's result carries it
    on, "" when the call neither keeps it nor returns it, else the callee (it may keep it)."""
    if callee.type == "identifier":
        text = src.text(callee)
        if declaration_of(text, callee, src) is None:
            if text in _PLAIN_CALLS:
                return ""
            if text == "append":
                return None
        return text
    if callee.type == "selector_expression":
        resolved = imports.resolve_selector(callee)
        if resolved is not None:
            path, member = resolved
            if path.split("/")[0] not in _STDLIB:
                return src.text(callee)  # another package's function: it may keep it
            return "" if member in _DATA_FUNCTIONS.get(path, ()) else None
        operand = callee.child_by_field_name("operand")
        if operand is not None and any(
            n.type == "identifier" and src.text(n) in origin and _declared_in(n, call, src) for n in walk(operand)
        ):
            return None  # a method of the value itself, or of one made from it
    return src.text(callee)


def _declared_in(ident: Node, call: Node, src: SourceFile) -> bool:
    decl = declaration_of(src.text(ident), ident, src)
    loop = next((a for a in ancestors(call) if a.type == "for_statement"), None)
    return decl is not None and loop is not None and is_inside(decl, loop)


# Values made on the spot: a call's result, a literal, a new pointer.
_FRESH = frozenset({"call_expression", "composite_literal", "func_literal", "int_literal", "interpreted_string_literal", "raw_string_literal"})


def _made_fresh(decl: Node) -> bool:
    """True when the declaration gives `decl` a new value: a zero value, a call's result or
    a literal, rather than a copy of something that exists outside the iteration."""
    parent = decl.parent
    if parent is not None and parent.type == "var_spec":
        names, values = parent.children_by_field_name("name"), parent.child_by_field_name("value")
    elif parent is not None and parent.type == "expression_list" and parent.parent is not None and parent.parent.type == "short_var_declaration":
        names, values = parent.named_children, parent.parent.child_by_field_name("right")
    else:
        return False  # a range variable, a select or type switch binding
    if values is None:
        return True
    if len(values.named_children) == 1:
        value = values.named_children[0]
    else:
        index = [n.id for n in names].index(decl.id)
        value = values.named_children[index]
    if value.type == "unary_expression" and value.named_children and value.named_children[-1].type == "composite_literal":
        return True
    return value.type in _FRESH


def _called_here(literal: Node) -> bool:
    """`func() { ... }()` as a statement: it runs right there, like a block."""
    call = literal.parent
    return (
        call is not None
        and call.type == "call_expression"
        and call.child_by_field_name("function") == literal
        and call.parent is not None
        and call.parent.type == "expression_statement"
    )


def wrap_edits(loop: Node, src: SourceFile) -> tuple[Edit, ...] | None:
    """Turn the inside of `loop`'s body into `func() { <body, one tab deeper> }()`, as
    insertions only: a `func() {` line, a tab at the start of each non-blank body line,
    and a `}()` line (the first line's tab goes with the `func() {` line, which is
    inserted at the same point). Positions inside the body keep their meaning, so other
    fixes there still apply; another fix inserting lines in the body meets a tab at the
    same point and waits for the next pass, where it sees the new indentation. None when
    the braces do not sit at a line end and on a line of their own."""
    body = loop.child_by_field_name("body")
    if body is None:
        return None
    data, newline = src.data, src.newline
    open_end = src.line_end(body.start_byte)
    after_brace = data[body.start_byte + 1 : open_end].strip()
    if after_brace and not after_brace.startswith(b"//"):
        return None
    close = body.end_byte - 1
    close_start = src.line_start(close)
    if data[close_start:close].strip() or close_start < open_end:
        return None
    indent = src.indent_at(close)
    opening = indent + b"\tfunc() {" + newline
    closing = indent + b"\t}()" + newline
    if close_start == open_end:
        return (Edit.insert(open_end, opening + closing),)
    edits = [Edit.insert(close_start, closing)]
    start = open_end
    while start < close_start:
        end = data.index(b"\n", start) + 1
        if data[start:end].strip():
            if start == open_end:
                opening += b"\t"
            else:
                edits.append(Edit.insert(start, b"\t"))
        start = end
    edits.append(Edit.insert(open_end, opening))
    return tuple(sorted(edits))
