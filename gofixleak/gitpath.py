"""File names in patch headers, spelled exactly as git spells them."""

from __future__ import annotations

import os

# Bytes git writes as a backslash and a letter inside a quoted name; other control bytes,
# DEL and every byte from 0x80 (git's default core.quotePath) become three octal digits.
_LETTERS = {7: "a", 8: "b", 9: "t", 10: "n", 11: "v", 12: "f", 13: "r", 34: '"', 92: "\\"}
_FROM_LETTER = {letter: code for code, letter in _LETTERS.items()}


def _needs_quotes(raw: bytes) -> bool:
    return any(b < 0x20 or b >= 0x7F or b in (34, 92) for b in raw)


def quote(name: str) -> str:
    """`name` as git prints it in a patch: unchanged, or in double quotes with C escapes
    when it holds a control character, a double quote, a backslash or a non-ASCII byte.
    A space needs no quotes (see `header`)."""
    raw = os.fsencode(name)
    if not _needs_quotes(raw):
        return name
    out = []
    for byte in raw:
        if byte in _LETTERS:
            out.append("\\" + _LETTERS[byte])
        elif byte < 0x20 or byte >= 0x7F:
            out.append(f"\\{byte:03o}")
        else:
            out.append(chr(byte))
    return '"' + "".join(out) + '"'


def unquote(name: str) -> str:
    """The inverse of `quote`; a name not in double quotes is returned as it is."""
    if len(name) < 2 or not (name.startswith('"') and name.endswith('"')):
        return name
    text, raw, i = name[1:-1], bytearray(), 0
    while i < len(text):
        if text[i] != "\\":
            raw.extend(text[i].encode("utf-8", "surrogateescape"))
            i += 1
        elif text[i + 1 : i + 4].isdigit() and len(text[i + 1 : i + 4]) == 3:
            raw.append(int(text[i + 1 : i + 4], 8))
            i += 4
        else:
            raw.append(_FROM_LETTER.get(text[i + 1 : i + 2], ord(text[i + 1 : i + 2] or "\\")))
            i += 2
    return os.fsdecode(bytes(raw))


def header(path: str) -> bytes:
    """The `diff --git`, `---` and `+++` lines for repository path `path`, with `a/` and
    `b/` prefixes. Like git, a `---`/`+++` name holding a space ends with a tab, which tells
    `patch` where the name stops."""
    old, new = quote(f"a/{path}"), quote(f"b/{path}")
    old_end, new_end = ("\t" if " " in old else ""), ("\t" if " " in new else "")
    return f"diff --git {old} {new}\n--- {old}{old_end}\n+++ {new}{new_end}\n".encode("ascii")
