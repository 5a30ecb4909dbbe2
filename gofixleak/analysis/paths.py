"""Released on every path: walk a function's control-flow graph from the statement that
acquires a resource and find each place where it is lost unreleased (the shape of vet's
lostcancel): a return, a jump or a fall-through that leaves the variable's scope, or an
assignment that overwrites the variable.

Along each path the resource is either unreleased or released (released, or handed off:
returned, stored, passed on). While the acquisition's error is not assigned again, the
branch of a check that it is set (`err != nil`, `os.IsNotExist(err)`, `errors.Is(err, x)`)
(or a call judging it: `failed(t, err)`) is where nothing was acquired, and a branch on `x == nil` for the variable itself is where
there is nothing to release; neither is followed. Calls that never return (panic, os.Exit, t.Fatal...) end a path without a leak."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from tree_sitter import Node

from ..source import SourceFile
from .cfg import RETURNING, Block, Graph, is_marker
from .jumps import jump_target
from .tree import FUNCTIONS, is_inside

UNRELEASED, RELEASED = "unreleased", "released"


class Site(NamedTuple):
    """A place the resource is lost: `node` is a return, break, continue or goto statement,
    the statement list whose end is fallen off, or the statement overwriting the variable."""

    node: Node
    kind: str  # "return", "jump", "block-end", "overwrite" or "call"

    def describe(self, src: SourceFile) -> str:
        line = src.position(self.node.start_byte).line
        if self.kind == "return":
            return f"the return on line {line}"
        if self.kind == "jump":
            word = src.text(self.node).split()[0]
            return f"the {word} on line {line}"
        if self.kind == "overwrite":
            return f"line {line}, where it is overwritten"
        if self.kind == "call":
            callee = self.node.child_by_field_name("function")
            return f"the `{src.text(callee) if callee is not None else 'call'}` on line {line}"
        block = self.node.parent if self.node.type == "statement_list" and self.node.parent is not None else self.node
        end = src.position(max(block.end_byte - 1, block.start_byte)).line
        if block.parent is not None and block.parent.type in FUNCTIONS:
            return f"the end of the function on line {end}"
        return f"the end of the block on line {end}"


@dataclass
class PathVerdict:
    leaks: list[Site]  # in source order
    # Ids of the graph nodes each state reaches (a release inserted where the released
    # state also arrives would run twice).
    states: dict[int, set[str]] = field(default_factory=dict)
    # Ids of the graph nodes reached from the function's entry without passing the
    # acquisition (a release there could run before anything was acquired).
    before: set[int] = field(default_factory=set)

    def only_unreleased(self, node: Node) -> bool:
        return self.states.get(node.id) == {UNRELEASED} and node.id not in self.before


@dataclass(frozen=True)
class Subject:
    """What the walk follows: the acquiring statement, the variable's scope (a statement
    list, or the function for a variable declared there), and how to read nodes."""

    acquisition: Node
    scope: Node
    event: Callable[[Node], str | None]  # "release" or "overwrite" for a graph node, else None
    nil_names: frozenset[str]  # `x == nil` on these means nothing is held
    error_name: str | None  # the acquisition's error result
    closing_conditions: frozenset[str] = frozenset()  # a false `rows.Next()` has released it
    # Calls ending the function that lose it too (a channel's receiver that fails a test
    # with t.Fatal leaves its sender blocked); returns always do.
    lost_at_calls: frozenset[str] = frozenset()
    # Reaching the acquisition again loses the first resource (a file opened again); for
    # a go statement in a loop it only starts another goroutine waiting on the same thing.
    again_is_lost: bool = True


def lost_on_paths(graph: Graph, subject: Subject, src: SourceFile) -> PathVerdict | None:
    """Where the resource acquired by `subject.acquisition` leaks; None when the
    acquisition is not a node of the graph."""
    located = graph.locate(subject.acquisition)
    if located is None:
        return None
    start_block, start_index = located
    acquiring = start_block.nodes[start_index]
    verdict = PathVerdict([])
    found: dict[int, Site] = {}
    seen: set[tuple[int, str, bool, frozenset]] = set()
    # Per path: booleans set to a literal since the acquisition (`mine = true`), so a later
    # `if mine` follows only the side that path takes.
    stack: list[tuple[Block, int, str, bool, frozenset]] = [(start_block, start_index + 1, UNRELEASED, True, frozenset())]

    def leak(node: Node, kind: str) -> None:
        found.setdefault(node.id, Site(node, kind))

    while stack:
        block, index, state, fresh, known = stack.pop()
        stopped = False
        for node in block.nodes[index:]:
            verdict.states.setdefault(node.id, set()).add(state)
            if is_marker(node):
                if node == subject.scope and state == UNRELEASED:
                    leak(node, "block-end")
                    stopped = True
                    break
                continue
            if node == acquiring:
                if state == UNRELEASED and subject.again_is_lost:
                    leak(node, "overwrite")
                stopped = True  # a new resource: it is judged on its own
                break
            if fresh and subject.error_name is not None and _asserts_error(node, subject.error_name, src):
                stopped = True  # past `require.Error(t, err)` the call failed: nothing was acquired
                break
            if fresh and subject.error_name is not None and subject.error_name in _assigned(node, src):
                fresh = False  # the error no longer tells whether it was acquired
            known = _learn(node, known, src)
            if state == RELEASED:
                continue
            event = subject.event(node)
            if event == "overwrite":
                leak(node, "overwrite")
                stopped = True
                break
            if event == "release":
                state = RELEASED
                continue
            if node.type == "return_statement":
                leak(node, "return")
                stopped = True
                break
            if node.type in {"break_statement", "continue_statement", "goto_statement"} and _leaves_scope(node, subject.scope, src):
                leak(node, "jump")
                stopped = True
                break
        if stopped:
            continue
        if block.exit is not None and state == UNRELEASED and block.exit.kind in subject.lost_at_calls:
            leak(block.exit.node, "call")
        if block.exit is not None and not block.exit.conditional:
            if block.exit.kind in RETURNING and state == UNRELEASED and block.exit.kind == "end":
                leak(block.exit.node, "block-end")
            continue
        successors = block.succs
        if block.condition is not None and len(successors) == 2:
            decided = _decided(block.condition, known, src)
            skipped = _nil_branch(block.condition, subject, fresh, src) if state == UNRELEASED else None
            if decided is not None:
                successors = [successors[0 if decided else 1]]
            elif skipped is not None:
                successors = [successors[1 - skipped]]
        closes = block.condition is not None and src.text(block.condition).replace(" ", "") in subject.closing_conditions
        for succ in successors:
            after = RELEASED if closes and succ is block.succs[-1] and len(block.succs) == 2 else state
            key = (succ.index, after, fresh, known)
            if key not in seen:
                seen.add(key)
                stack.append((succ, 0, after, fresh, known))
    verdict.leaks = sorted(found.values(), key=lambda s: s.node.start_byte)
    verdict.before = _reached_before(graph, acquiring)
    return verdict


def _learn(node: Node, known: frozenset, src: SourceFile) -> frozenset:
    """`known` after `node`: `x = true` (or `:=`, or false) records x's value; any other
    assignment to a recorded name forgets it."""
    names = _assigned(node, src)
    if not names:
        return known
    kept = frozenset(fact for fact in known if fact[0] not in names)
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    if left is not None and right is not None and len(left.named_children) == 1 == len(right.named_children):
        target, value = left.named_children[0], right.named_children[0]
        if target.type == "identifier" and value.type in {"true", "false"}:
            return kept | {(src.text(target), value.type == "true")}
    return kept


def _decided(condition: Node, known: frozenset, src: SourceFile) -> bool | None:
    """The value of `x` or `!x` when this path set x to a literal, else None."""
    if not known:
        return None
    negated = False
    while True:
        if condition.type == "parenthesized_expression" and condition.named_children:
            condition = condition.named_children[0]
        elif condition.type == "unary_expression" and src.text(condition.child_by_field_name("operator")) == "!":  # type: ignore[arg-type]
            negated, condition = not negated, condition.child_by_field_name("operand")  # type: ignore[assignment]
        else:
            break
    if condition is None or condition.type != "identifier":
        return None
    name = src.text(condition)
    for fact_name, value in known:
        if fact_name == name:
            return value != negated
    return None


def _leaves_scope(jump: Node, scope: Node, src: SourceFile) -> bool:
    if jump.type == "goto_statement":
        return True  # the analysis is not run on functions with goto; be safe
    target = jump_target(jump, src)
    return target is None or not is_inside(target, scope)


def _nil_branch(condition: Node, subject: Subject, fresh: bool, src: SourceFile) -> int | None:
    """Which successor of a branch on `condition` holds nothing to release: 0 (the true
    side), 1 (the false side) or None."""
    while condition.type == "parenthesized_expression" and condition.named_children:
        condition = condition.named_children[0]
    if condition.type == "call_expression" and fresh and subject.error_name is not None:
        function = condition.child_by_field_name("function")
        arguments = condition.child_by_field_name("arguments")
        if function is not None and arguments is not None and any(src.text(a) == subject.error_name for a in arguments.named_children):
            # true only for a non-nil error (`os.IsNotExist(err)`), or a helper judging the
            # error (`if failed(t, err) {`): taken as one, in favour of silence
            return 0
        return None
    if condition.type != "binary_expression":
        return None
    operator = src.text(condition.child_by_field_name("operator"))  # type: ignore[arg-type]
    left, right = condition.child_by_field_name("left"), condition.child_by_field_name("right")
    if left is None or right is None:
        return None
    if operator == "&&":  # true only when both are: a conjunct that holds nothing decides
        return 0 if 0 in (_nil_branch(left, subject, fresh, src), _nil_branch(right, subject, fresh, src)) else None
    if operator not in {"==", "!="}:
        return None
    sides = {src.text(left), src.text(right)}
    if "nil" not in sides or len(sides) != 2:
        return None
    (name,) = sides - {"nil"}
    if fresh and subject.error_name is not None and name == subject.error_name:
        return 0 if operator == "!=" else 1  # the error is set: nothing was acquired
    if name in subject.nil_names:
        return 1 if operator == "!=" else 0  # the variable is nil: nothing to release
    return None


def _asserts_error(node: Node, error: str, src: SourceFile) -> bool:
    """`require.Error(t, err)` (ErrorIs, ErrorContains, EqualError..., or `s.Require().X`):
    the test goes on only when `err` is set."""
    call = node.named_children[0] if node.type == "expression_statement" and node.named_children else None
    function = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    if function is None or function.type != "selector_expression":
        return False
    method = src.text(function.child_by_field_name("field"))  # type: ignore[arg-type]
    operand = src.text(function.child_by_field_name("operand"))  # type: ignore[arg-type]
    if not (operand == "require" or operand.endswith(".Require()")) or not (
        method.startswith("Error") or method in {"EqualError", "NotNil"}
    ):
        return False
    arguments = call.child_by_field_name("arguments")  # type: ignore[union-attr]
    return arguments is not None and any(src.text(a) == error for a in arguments.named_children[:2])


def _assigned(node: Node, src: SourceFile) -> set[str]:
    """Names a simple statement assigns or declares (func literals not entered)."""
    if node.type not in {"assignment_statement", "short_var_declaration", "var_declaration"}:
        return set()
    if node.type == "var_declaration":
        return {src.text(n) for spec in node.named_children for n in spec.children_by_field_name("name")}
    left = node.child_by_field_name("left")
    return {src.text(n) for n in left.named_children} if left is not None else set()


def _reached_before(graph: Graph, acquiring: Node) -> set[int]:
    """Ids of the nodes reached from the entry without passing `acquiring`."""
    reached: set[int] = set()
    seen: set[int] = set()
    stack = [graph.entry]
    while stack:
        block = stack.pop()
        if block.index in seen:
            continue
        seen.add(block.index)
        blocked = False
        for node in block.nodes:
            if node == acquiring:
                blocked = True
                break
            reached.add(node.id)
        if not blocked and (block.exit is None or block.exit.conditional):
            stack.extend(block.succs)
    return reached


def reaches(graph: Graph, start: Node, targets: set[int], barrier: Callable[[Node], bool]) -> bool:
    """True when a path from the graph node holding `start` reaches a node whose id is in
    `targets` without passing a node for which `barrier` is true."""
    located = graph.locate(start)
    if located is None:
        return True  # cannot tell: assume it does
    seen: set[int] = set()
    stack: list[tuple[Block, int]] = [(located[0], located[1] + 1)]
    while stack:
        block, index = stack.pop()
        for node in block.nodes[index:]:
            if node.id in targets:
                return True
            if not is_marker(node) and barrier(node):
                break
        else:
            for succ in block.succs:
                if succ.index not in seen:
                    seen.add(succ.index)
                    stack.append((succ, 0))
    return False


class Events(dict):
    """Graph node id -> "release" or "overwrite": what a walk meets at each node holding a
    use. A release wins: a node that both releases and overwrites hands the old value on."""

    def __init__(self, graph: Graph) -> None:
        super().__init__()
        self.graph = graph

    def mark(self, node: Node, event: str) -> None:
        located = self.graph.locate(node)
        if located is not None:
            holder = located[0].nodes[located[1]]
            if self.get(holder.id) != "release":
                self[holder.id] = event
