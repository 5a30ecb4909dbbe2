"""Git-style unified diffs that `git apply` and `patch -p1` accept, built from bytes.

Lines end at `\\n` only, as git and patch read them: a lone `\\r` is part of its line. The
cost follows the changes, not the file: only the lines around each change are compared."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from .model import Edit

from .gitpath import header, unquote

NO_NEWLINE = b"\\ No newline at end of file\n"

Opcode = tuple[str, int, int, int, int]


def _range(start: int, count: int) -> str:
    # Unified-diff convention: an empty range names the line before it.
    if count == 0:
        return f"{start},0"
    return f"{start + 1}" if count == 1 else f"{start + 1},{count}"


def split_lines(text: bytes) -> list[bytes]:
    """`text` cut after every `\\n` (and nowhere else); each line keeps its ending."""
    lines = text.split(b"\n")
    out = [line + b"\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def unified_diff(path: str, old: bytes, new: bytes, context: int = 3, changes: Sequence[Edit] | None = None,
                 hunk_note: str = "") -> bytes:
    """The diff turning `old` into `new` for repository path `path` (POSIX, relative),
    with `a/` and `b/` prefixes. Lines keep their own endings, so CRLF files stay CRLF.
    `changes`, when given, are sorted non-overlapping edits of `old` that give `new` (the
    engine's); without them the unchanged head and tail are trimmed and the rest compared.
    `hunk_note` goes after each `@@ ... @@` (where git puts a function name; patch tools
    ignore it). Returns b"" when the texts are equal."""
    if old == new:
        return b""
    if changes is None:
        changes = (_trimmed_change(old, new),)
    a, b = split_lines(old), split_lines(new)
    out = [header(path)]
    for group in _grouped(_opcodes(old, new, a, b, changes), context):
        (_, i1, _, j1, _), (_, _, i2, _, j2) = group[0], group[-1]
        note = f" {hunk_note}" if hunk_note else ""
        out.append(f"@@ -{_range(i1, i2 - i1)} +{_range(j1, j2 - j1)} @@{note}\n".encode())
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(_lines(b" ", a[i1:i2]))
                continue
            if tag in {"replace", "delete"}:
                out.extend(_lines(b"-", a[i1:i2]))
            if tag in {"replace", "insert"}:
                out.extend(_lines(b"+", b[j1:j2]))
    return b"".join(out)


def checked_diff(path: str, old: bytes, new: bytes, changes: Sequence[Edit] | None = None) -> bytes:
    """`unified_diff`, after checking that applying it to `old` gives `new` exactly;
    ValueError otherwise (a bug here, reported rather than written)."""
    diff = unified_diff(path, old, new, changes=changes)
    if replay(old, diff) != new:
        raise ValueError(f"emitted patch for {path} does not reproduce the fixed file")
    return diff


def _trimmed_change(old: bytes, new: bytes) -> Edit:
    """One edit covering everything between the common head and the common tail."""
    head = _common_prefix(old, new)
    tail = _common_prefix(old[head:][::-1], new[head:][::-1])
    return Edit(head, len(old) - tail, new[head : len(new) - tail])


def _common_prefix(x: bytes, y: bytes) -> int:
    """Length of the common start of `x` and `y`, compared block by block."""
    limit, at, step = min(len(x), len(y)), 0, 4096
    while at < limit:
        end = min(at + step, limit)
        if x[at:end] != y[at:end]:
            while x[at] == y[at]:
                at += 1
            return at
        at = end
    return limit


def _opcodes(old: bytes, new: bytes, a: list[bytes], b: list[bytes], changes: Sequence[Edit]) -> list[Opcode]:
    """difflib-style opcodes over the lines `a` of `old` and `b` of `new`: equal between the
    changed regions, and difflib's own answer inside each (small) region."""
    a_index, b_index = _line_index(old), _line_index(new)
    codes: list[Opcode] = []
    i = j = 0
    for o1, o2, n1, n2 in _line_regions(old, new, changes):
        i1, i2, j1, j2 = a_index(o1), a_index(o2), b_index(n1), b_index(n2)
        if i1 > i:
            codes.append(("equal", i, i1, j, j1))
        matcher = difflib.SequenceMatcher(None, a[i1:i2], b[j1:j2], autojunk=False)
        for tag, x1, x2, y1, y2 in matcher.get_opcodes():
            if tag == "equal" and codes and codes[-1][0] == "equal":
                _, p1, _, q1, _ = codes.pop()
                codes.append(("equal", p1, i1 + x2, q1, j1 + y2))
            else:
                codes.append((tag, i1 + x1, i1 + x2, j1 + y1, j1 + y2))
        i, j = i2, j2
    if i < len(a):
        if codes and codes[-1][0] == "equal":
            _, p1, _, q1, _ = codes.pop()
            codes.append(("equal", p1, len(a), q1, len(b)))
        else:
            codes.append(("equal", i, len(a), j, len(b)))
    return codes


def _line_index(text: bytes):
    """Line number of an offset that starts a line (or is the end of `text`)."""
    starts: dict[int, int] = {}
    at, n = 0, 0
    while at < len(text):
        starts[at] = n
        n += 1
        nl = text.find(b"\n", at)
        at = len(text) if nl < 0 else nl + 1
    starts[len(text)] = n
    return starts.__getitem__


def _line_regions(old: bytes, new: bytes, changes: Sequence[Edit]) -> Iterator[tuple[int, int, int, int]]:
    """(old start, old end, new start, new end) byte ranges made of whole lines that hold
    every change, in order; the bytes between two regions are equal in both texts."""
    pending: list[int] | None = None
    shift = 0
    for change in changes:
        o1, o2 = change.start, change.end
        n1 = o1 + shift
        n2 = n1 + len(change.new)
        shift += len(change.new) - (o2 - o1)
        back = o1 - (old.rfind(b"\n", 0, o1) + 1)  # to the start of the line
        o1, n1 = o1 - back, n1 - back
        if not (_at_line_start(old, o2) and _at_line_start(new, n2)):
            ahead = _line_end(old, o2) - o2
            o2, n2 = o2 + ahead, n2 + ahead
        if pending is not None and o1 <= pending[1]:
            pending[1], pending[3] = o2, n2  # shares or touches a line of the previous region
            continue
        if pending is not None:
            yield pending[0], pending[1], pending[2], pending[3]
        pending = [o1, o2, n1, n2]
    if pending is not None:
        yield pending[0], pending[1], pending[2], pending[3]


def _at_line_start(text: bytes, at: int) -> bool:
    return at == 0 or at == len(text) or text[at - 1] == 10  # 10: "\n"


def _line_end(text: bytes, at: int) -> int:
    nl = text.find(b"\n", at)
    return len(text) if nl < 0 else nl + 1


def _grouped(codes: list[Opcode], context: int) -> Iterator[list[Opcode]]:
    """Hunks: the changes with `context` equal lines around them; changes closer than
    twice that share a hunk (as difflib groups them)."""
    if not codes:
        return
    tag, i1, i2, j1, j2 = codes[0]
    if tag == "equal":  # keep only the context before the first change
        codes[0] = (tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2)
    tag, i1, i2, j1, j2 = codes[-1]
    if tag == "equal":
        codes[-1] = (tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context))
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * context:
            group.append((tag, i1, i1 + context, j1, j1 + context))
            yield group
            group = []
            i1, j1 = i2 - context, j2 - context
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def _lines(prefix: bytes, lines: list[bytes]) -> list[bytes]:
    out = []
    for line in lines:
        out.append(prefix + line)
        if not line.endswith(b"\n"):
            out.append(b"\n" + NO_NEWLINE)
    return out


def check_patch(patch: bytes, paths: list[str]) -> None:
    """Raise ValueError unless `patch` parses as a unified diff touching exactly `paths`
    (a guard on what the emitter writes, so a broken patch never reaches a pull request)."""
    from unidiff import PatchSet
    from unidiff.errors import UnidiffParseError

    try:
        parsed = PatchSet(patch.decode("utf-8", "surrogateescape"))
    except UnidiffParseError as exc:
        raise ValueError(f"emitted patch does not parse: {exc}") from None
    # Names as the header spells them (git-quoted when needed), without the `b/` prefix.
    touched = [unquote(patched.target_file).removeprefix("b/") for patched in parsed]
    if touched != paths:
        raise ValueError(f"emitted patch touches {touched}, expected {paths}")


def replay(old: bytes, diff: bytes) -> bytes:
    """`old` with the hunks of the one-file unified `diff` applied, reading lines as git and
    patch do (cut at `\\n` only; a `\\` marker drops the newline of the line before it).
    Raises ValueError when the diff does not fit `old`: a check that what we emit applies."""
    source, out, cursor = split_lines(old), [], 0
    lines = split_lines(diff)
    at = next((i for i, line in enumerate(lines) if line.startswith(b"@@")), len(lines))
    while at < len(lines):
        header = lines[at].split(b" ")
        start, count = (int(part) for part in (header[1][1:].split(b",") + [b"1"])[:2])
        start = start - 1 if count else start
        if start < cursor:
            raise ValueError("hunks overlap or go backwards")
        out.extend(source[cursor:start])
        cursor, at = start, at + 1
        while at < len(lines) and not lines[at].startswith(b"@@"):
            kind, body = lines[at][:1], lines[at][1:]
            if at + 1 < len(lines) and lines[at + 1] == NO_NEWLINE:
                body, at = body[:-1], at + 1
            if kind in (b" ", b"-"):
                if cursor >= len(source) or source[cursor] != body:
                    raise ValueError(f"hunk does not match line {cursor + 1}")
                cursor += 1
            if kind in (b" ", b"+"):
                out.append(body)
            if kind not in (b" ", b"-", b"+"):
                raise ValueError(f"unexpected line in hunk: {lines[at][:40]!r}")
            at += 1
    out.extend(source[cursor:])
    return b"".join(out)
