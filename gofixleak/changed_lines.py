"""Changed lines only (`--diff FILE`, `--new-from-rev REV`): which lines a diff adds, and
which findings touch them.

A finding counts as changed when its own lines overlap added lines, or when a `return` (or
a call that never returns: `panic`, `os.Exit`, `log.Fatal...`, `runtime.Goexit`) after it
in its function sits on an added line: a resource acquired in old code can start leaking
through a new early exit. Lines only removed by the diff count for nothing."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node
from .model import Finding
from .source import SourceFile

_FUNCTIONS = {"function_declaration", "method_declaration", "func_literal"}
_EXIT_CALLS = {
    "panic", "os.Exit", "log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf",
    "log.Panicln", "runtime.Goexit",
}


class DiffError(Exception):
    """The diff cannot be read or made."""


@dataclass(frozen=True)
class ChangedLines:
    """The added lines (1-based) of one file; called on a finding of that file's original text,
    it says whether the finding is in scope."""

    lines: frozenset[int]

    def __call__(self, src: SourceFile, finding: Finding) -> bool:
        first, last = src.position(finding.start).line, src.position(max(finding.end, finding.start)).line
        if any(line in self.lines for line in range(first, last + 1)):
            return True
        function = _enclosing_function(src.tree.root_node, finding.start)
        return function is not None and any(
            self._touches(node) for node in _exits(function) if node.start_byte >= finding.start
        )

    def _touches(self, node: Node) -> bool:
        return any(row + 1 in self.lines for row in range(node.start_point[0], node.end_point[0] + 1))


def _enclosing_function(root: Node, offset: int) -> Node | None:
    node = root.descendant_for_byte_range(offset, offset)
    while node is not None and node.type not in _FUNCTIONS:
        node = node.parent
    return node


def _exits(function: Node):
    """Statements leaving `function`: its returns and calls that never return, not those of
    func literals inside it (they leave only the literal)."""
    body = function.child_by_field_name("body")
    stack = [body] if body is not None else []
    while stack:
        node = stack.pop()
        if node.type == "func_literal":
            continue
        if node.type == "return_statement":
            yield node
        elif node.type == "call_expression":
            callee = node.child_by_field_name("function")
            if callee is not None and callee.text is not None and callee.text.decode() in _EXIT_CALLS:
                yield node
        stack.extend(node.children)


def parse_diff(text: str, root: Path) -> dict[Path, ChangedLines]:
    """Added lines per file (resolved against `root`) of a unified diff. Deleted and binary
    files, and renames or mode changes without new lines, contribute nothing."""
    from unidiff import PatchSet  # only runs with a diff pay for importing it
    from unidiff.errors import UnidiffParseError

    try:
        patch = PatchSet(text)
    except UnidiffParseError as exc:
        raise DiffError(f"not a unified diff: {exc}") from None
    changed: dict[Path, ChangedLines] = {}
    for patched in patch:
        if patched.is_removed_file or patched.is_binary_file:
            continue
        lines = frozenset(
            line.target_line_no for hunk in patched for line in hunk if line.is_added and line.target_line_no
        )
        if lines:
            target = patched.target_file
            name = target[2:] if target.startswith("b/") else target
            path = (root / name).resolve()
            previous = changed.get(path)
            changed[path] = ChangedLines(lines | previous.lines if previous else lines)
    return changed


def git_root(directory: Path) -> Path | None:
    git = shutil.which("git")
    if git is None:
        return None
    result = subprocess.run(
        [git, "-C", str(directory), "rev-parse", "--show-toplevel"], capture_output=True, text=True
    )
    return Path(result.stdout.strip()).resolve() if result.returncode == 0 else None


def diff_root() -> Path:
    """Where the paths of a diff file are read from: the root of the git work tree holding
    the working directory (as `git diff` writes them), else the working directory."""
    return git_root(Path.cwd()) or Path.cwd().resolve()


def diff_from_rev(rev: str, near: Path) -> tuple[str, Path]:
    """`git diff REV` of the work tree holding `near` (the working tree against REV), and the
    work tree's root; prefixes, colour and external tools fixed so the output parses."""
    if rev.startswith("-"):
        raise DiffError(f"--new-from-rev: {rev!r} is not a revision")
    directory = near if near.is_dir() else near.parent
    root = git_root(directory)
    if root is None:
        raise DiffError(f"--new-from-rev needs a git work tree; {near} is not in one (or git is missing)")
    result = subprocess.run(
        ["git", "-C", str(root), "-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff",
         "--find-renames", "--src-prefix=a/", "--dst-prefix=b/", "--unified=0", rev, "--"],
        capture_output=True,
    )
    if result.returncode != 0:
        raise DiffError(f"git diff {rev}: {result.stderr.decode('utf-8', 'replace').strip()}")
    return result.stdout.decode("utf-8", "surrogateescape"), root
