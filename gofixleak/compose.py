"""Edits of successive passes, each on the text the pass before left, turned into
replacements of the original text, each attributed to the fixes whose edits made it."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from .model import Edit


@dataclass(frozen=True, slots=True)
class _Piece:
    """A run of the current text: original bytes [start, end), or bytes fixes wrote."""

    length: int
    start: int = -1  # original offset; -1 for written bytes
    new: bytes = b""
    owners: frozenset = frozenset()

    @property
    def original(self) -> bool:
        return self.start >= 0


def _split(piece: _Piece, at: int) -> tuple[_Piece, _Piece]:
    if piece.original:
        return _Piece(at, piece.start), _Piece(piece.length - at, piece.start + at)
    return (_Piece(at, new=piece.new[:at], owners=piece.owners),
            _Piece(piece.length - at, new=piece.new[at:], owners=piece.owners))


def _apply(pieces: list[_Piece], start: int, end: int, new: bytes, owners: frozenset) -> list[_Piece]:
    """`pieces` with current-text bytes [start, end) replaced by `new`."""
    before: list[_Piece] = []
    inside: list[_Piece] = []
    after: list[_Piece] = []
    cursor = 0
    for piece in pieces:
        lo = cursor
        cursor += piece.length
        for cut in (start, end):
            if lo < cut < lo + piece.length:
                head, piece = _split(piece, cut - lo)
                (before if cut == start else inside).append(head)
                lo = cut
        hi = lo + piece.length
        if hi <= start:
            before.append(piece)
        elif lo >= end:
            after.append(piece)
        else:
            inside.append(piece)
    for piece in inside:
        if not piece.original:
            owners |= piece.owners
    return [*before, _Piece(len(new), new=new, owners=owners), *after]


def compose(original_length: int, passes: Sequence[Sequence[tuple[Edit, Hashable]]]) -> list[tuple[Edit, frozenset]]:
    """Replacements of the original text (sorted, disjoint) that give the text the passes
    lead to, each with the owners of every edit that went into it. Each pass's edits are
    non-overlapping positions in the text the previous passes left; an edit repeated by
    several owners is applied once for all of them."""
    pieces = [_Piece(original_length, 0)] if original_length else []
    for edits in passes:
        merged: dict[Edit, frozenset] = {}
        for edit, owner in edits:
            merged[edit] = merged.get(edit, frozenset()) | {owner}
        # Right to left, so the positions of the edits still to apply stay valid.
        for edit in sorted(merged, reverse=True):
            pieces = _apply(pieces, edit.start, edit.end, edit.new, merged[edit])
    out: list[tuple[Edit, frozenset]] = []
    position, new, owners, pending = 0, [], frozenset(), False
    for piece in pieces:
        if piece.original:
            if pending or piece.start > position:
                out.append((Edit(position, piece.start, b"".join(new)), owners))
            position, new, owners, pending = piece.start + piece.length, [], frozenset(), False
        else:
            new.append(piece.new)
            owners |= piece.owners
            pending = True
    if pending or position < original_length:
        out.append((Edit(position, original_length, b"".join(new)), owners))
    return out
