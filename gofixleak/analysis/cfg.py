"""A control-flow graph of one function body, built from the tree-sitter tree (the shape of
golang.org/x/tools/go/cfg): blocks of nodes run in order, edges between blocks, and where
control leaves the function.

Nodes are the simple statements, conditions and headers of the body; nested func literals
are not entered (they are part of the node holding them). Two more kinds of node mark
places without code: the statement list (or `block`) a path falls off the end of, and the
body of a loop whose iteration ends there. A block's `exit` says how the function is left
after its last node: a return, falling off the end of the body, or a call that does not
come back (panic, os.Exit, t.Fatal...). A select with no case never ends, and a loop with
nothing leaving it has no edge out, so neither reaches an exit."""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from ..source import SourceFile
from .endless import always_true, no_return_kind
from .imports import Imports

# How the function is left: only "return" and "end" hand control back to the caller;
# "panic" unwinds, "exit" ends the process, "goexit" ends the goroutine (t.Fatal,
# runtime.Goexit, a failing testify `require` assertion).
RETURNING = frozenset({"return", "end"})


@dataclass(frozen=True)
class Exit:
    kind: str  # "return", "end", "panic", "exit" or "goexit"
    node: Node  # the return statement, the call, or the body (for "end")
    conditional: bool = False  # the call may also come back (testify's require.*)


@dataclass(eq=False)
class Block:
    index: int
    kind: str  # what made it: "entry", "if.then", "for.body", "switch.case"...
    nodes: list[Node] = field(default_factory=list)
    succs: list["Block"] = field(default_factory=list)
    exit: Exit | None = None
    # For a two-way branch on a boolean condition: the condition node, and
    # succs == [taken when true, taken when false].
    condition: Node | None = None

    def __repr__(self) -> str:
        return f"Block({self.index}, {self.kind!r})"


@dataclass
class Graph:
    function: Node
    blocks: list[Block]

    @property
    def entry(self) -> Block:
        return self.blocks[0]

    def __del__(self) -> None:
        # A loop's blocks point at each other, and their nodes at the file's syntax tree:
        # unlinked, they go with the graph instead of waiting for a full garbage
        # collection (on a large tree, tens of megabytes of trees would wait).
        for block in self.blocks:
            block.succs = []

    def reachable(self) -> list[Block]:
        seen: dict[int, Block] = {}
        stack = [self.entry]
        while stack:
            block = stack.pop()
            if block.index in seen:
                continue
            seen[block.index] = block
            stack.extend(block.succs)
        return [seen[i] for i in sorted(seen)]

    def locate(self, node: Node) -> tuple[Block, int] | None:
        """The block and position of the graph node holding `node` (itself or an ancestor)."""
        for block in self.blocks:
            for i, item in enumerate(block.nodes):
                if is_marker(item):
                    continue
                if item.start_byte <= node.start_byte and node.end_byte <= item.end_byte:
                    return block, i
        return None


LIST_ENDS = frozenset({"statement_list", "block", "expression_case", "type_case", "default_case", "communication_case"})


def is_marker(node: Node) -> bool:
    """True for the nodes that mark a place (a list fallen off, a loop body ended)."""
    return node.type in LIST_ENDS or node.type == "for_statement"


@dataclass
class _Target:
    label: str | None
    breaks: Block | None
    continues: Block | None
    loop: Node | None = None


class _Builder:
    def __init__(self, function: Node, src: SourceFile, imports: Imports) -> None:
        self.src, self.imports = src, imports
        self.blocks: list[Block] = []
        self.targets: list[_Target] = []
        self.labels: dict[str, Block] = {}
        self.gotos: list[tuple[Block, str]] = []
        self.pending_label: str | None = None
        self.current = self.new("entry")

    def new(self, kind: str) -> Block:
        block = Block(len(self.blocks), kind)
        self.blocks.append(block)
        return block

    def add(self, node: Node) -> None:
        self.current.nodes.append(node)

    def jump(self, to: Block) -> None:
        self.current.succs.append(to)

    def start(self, block: Block) -> None:
        self.current = block

    def dead(self) -> None:
        self.current = self.new("unreachable")

    def label_block(self, name: str) -> Block:
        if name not in self.labels:
            self.labels[name] = self.new(f"label.{name}")
        return self.labels[name]

    # Statements

    def statements(self, container: Node | None) -> None:
        """The statements of a block, case clause or statement list, then its end marker."""
        if container is None:
            return
        statements = container
        if container.type != "statement_list":
            statements = next((c for c in container.named_children if c.type == "statement_list"), None)  # type: ignore[assignment]
        if statements is not None:
            for stmt in statements.named_children:
                self.stmt(stmt)
        self.add(statements if statements is not None else container)

    def stmt(self, s: Node) -> None:
        kind = s.type
        label, self.pending_label = self.pending_label, None
        if kind == "comment" or kind == "empty_statement":
            return
        if kind == "block":
            return self.statements(s)
        if kind == "labeled_statement":
            return self.labeled(s)
        if kind == "if_statement":
            return self.if_stmt(s)
        if kind == "for_statement":
            return self.for_stmt(s, label)
        if kind in {"expression_switch_statement", "type_switch_statement"}:
            return self.switch_stmt(s, label)
        if kind == "select_statement":
            return self.select_stmt(s, label)
        if kind == "return_statement":
            self.add(s)
            self.current.exit = Exit("return", s)
            return self.dead()
        if kind in {"break_statement", "continue_statement"}:
            return self.branch(s)
        if kind == "goto_statement":
            self.add(s)
            name = next((self.src.text(c) for c in s.named_children if c.type == "label_name"), "")
            self.gotos.append((self.current, name))
            return self.dead()
        if kind == "fallthrough_statement":
            self.add(s)
            return  # the switch builder links the clause to the next one
        self.add(s)
        if kind == "expression_statement" and s.named_children and s.named_children[0].type == "call_expression":
            found = no_return_kind(s.named_children[0], self.src, self.imports)
            if found is not None:
                exit_kind, conditional = found
                self.current.exit = Exit(exit_kind, s.named_children[0], conditional)
                after = self.new("call.return")
                if conditional:
                    self.jump(after)
                self.start(after)

    def labeled(self, s: Node) -> None:
        name_node = s.child_by_field_name("label")
        name = self.src.text(name_node) if name_node is not None else ""
        block = self.label_block(name)
        self.jump(block)
        self.start(block)
        inner = [c for c in s.named_children if c.type != "label_name"]
        if inner:
            self.pending_label = name
            self.stmt(inner[0])
            self.pending_label = None

    def branch(self, s: Node) -> None:
        self.add(s)
        label_node = next((c for c in s.named_children if c.type == "label_name"), None)
        name = self.src.text(label_node) if label_node is not None else None
        breaking = s.type == "break_statement"
        for target in reversed(self.targets):
            if name is not None and target.label != name:
                continue
            block = target.breaks if breaking else target.continues
            if block is not None:
                self.jump(block)
                break
            if name is not None:
                break
        self.dead()

    def if_stmt(self, s: Node) -> None:
        init = s.child_by_field_name("initializer")
        if init is not None:
            self.stmt(init)
        condition = s.child_by_field_name("condition")
        then, done = self.new("if.then"), self.new("if.done")
        alternative = s.child_by_field_name("alternative")
        otherwise = self.new("if.else") if alternative is not None else done
        if condition is not None:
            self.add(condition)
            self.current.condition = condition
        self.jump(then)
        self.jump(otherwise)
        self.start(then)
        self.statements(s.child_by_field_name("consequence"))
        self.jump(done)
        if alternative is not None:
            self.start(otherwise)
            self.stmt(alternative)
            self.jump(done)
        self.start(done)

    def for_stmt(self, s: Node, label: str | None) -> None:
        clause = next((c for c in s.named_children if c.type in {"for_clause", "range_clause"}), None)
        body = s.child_by_field_name("body")
        condition: Node | None = None
        update: Node | None = None
        if clause is not None and clause.type == "for_clause":
            init = clause.child_by_field_name("initializer")
            if init is not None:
                self.stmt(init)
            condition = clause.child_by_field_name("condition")
            update = clause.child_by_field_name("update")
        elif clause is None:
            condition = next((c for c in s.named_children if c.type not in {"block", "comment"}), None)
        if clause is not None and clause.type == "range_clause":
            ranged = clause.child_by_field_name("right")
            if ranged is not None:
                self.add(ranged)
        head, loop_body, done = self.new("for.loop"), self.new("for.body"), self.new("for.done")
        post = self.new("for.post") if update is not None else head
        self.jump(head)
        self.start(head)
        if clause is not None and clause.type == "range_clause":
            left = clause.child_by_field_name("left")
            if left is not None:
                self.add(left)
            head.succs += [loop_body, done]
        elif condition is not None and not always_true(condition, self.src):
            self.add(condition)
            head.condition = condition
            head.succs += [loop_body, done]
        else:
            head.succs.append(loop_body)
        self.targets.append(_Target(label, done, post, s))
        self.start(loop_body)
        self.statements(body)
        self.add(s)  # the iteration ends here
        self.targets.pop()
        self.jump(post)
        if update is not None:
            self.start(post)
            self.stmt(update)
            self.jump(head)
        self.start(done)

    def switch_stmt(self, s: Node, label: str | None) -> None:
        init = s.child_by_field_name("initializer")
        if init is not None:
            self.stmt(init)
        for field_name in ("value", "alias"):
            value = s.child_by_field_name(field_name)
            if value is not None:
                self.add(value)
        clauses = [c for c in s.named_children if c.type in {"expression_case", "type_case", "default_case"}]
        for clause in clauses:
            for value in clause.children_by_field_name("value") + clause.children_by_field_name("type"):
                self.add(value)
        head, done = self.current, self.new("switch.done")
        bodies = [self.new("switch.case") for _ in clauses]
        head.succs += bodies
        if not any(c.type == "default_case" for c in clauses):
            head.succs.append(done)
        self.targets.append(_Target(label, done, None))
        for i, (clause, block) in enumerate(zip(clauses, bodies)):
            self.start(block)
            self.statements(clause)
            last = self.current.nodes[-2] if len(self.current.nodes) > 1 else None
            if last is not None and last.type == "fallthrough_statement" and i + 1 < len(bodies):
                self.jump(bodies[i + 1])
            else:
                self.jump(done)
        self.targets.pop()
        self.start(done)

    def select_stmt(self, s: Node, label: str | None) -> None:
        clauses = [c for c in s.named_children if c.type in {"communication_case", "default_case"}]
        head, done = self.current, self.new("select.done")
        self.targets.append(_Target(label, done, None))
        for clause in clauses:
            block = self.new("select.case")
            head.succs.append(block)
            self.start(block)
            comm = clause.child_by_field_name("communication")
            if comm is not None:
                self.add(comm)
            self.statements(clause)
            self.jump(done)
        self.targets.pop()
        self.start(done)  # with no case, nothing reaches it: `select {}` blocks forever

    def finish(self, function: Node, body: Node) -> Graph:
        self.statements(body)
        self.current.exit = Exit("end", body)
        for block, name in self.gotos:
            if name in self.labels:
                block.succs.append(self.labels[name])
        return Graph(function, self.blocks)


def build(function: Node, src: SourceFile, imports: Imports) -> Graph | None:
    """The graph of `function` (a declaration or a func literal); None when it has no body
    or its body holds a syntax error (no verdict is given there)."""
    body = function.child_by_field_name("body")
    if body is None or body.has_error:
        return None
    return _Builder(function, src, imports).finish(function, body)


class Graphs:
    """The graphs of one file's functions, built once each."""

    def __init__(self, src: SourceFile, imports: Imports) -> None:
        self.src, self.imports = src, imports
        self._built: dict[int, Graph | None] = {}

    def of(self, function: Node) -> Graph | None:
        if function.id not in self._built:
            self._built[function.id] = build(function, self.src, self.imports)
        return self._built[function.id]
