"""Git-style unified diffs that `git apply` and `patch -p1` accept, built from bytes."""

from __future__ import annotations

import difflib

from .gitpath import header, unquote

NO_NEWLINE = b"\\ No newline at end of file\n"


def _range(start: int, count: int) -> str:
    # Unified-diff convention: an empty range names the line before it.
    if count == 0:
        return f"{start},0"
    return f"{start + 1}" if count == 1 else f"{start + 1},{count}"


def unified_diff(path: str, old: bytes, new: bytes, context: int = 3, hunk_note: str = "") -> bytes:
    """The diff turning `old` into `new` for repository path `path` (POSIX, relative),
    with `a/` and `b/` prefixes. Lines keep their own endings, so CRLF files stay CRLF.
    `hunk_note` goes after each `@@ ... @@` (where git puts a function name; patch tools
    ignore it). Returns b"" when the texts are equal."""
    if old == new:
        return b""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out = [header(path)]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
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
