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


def _apply_pass(pieces: list[_Piece], edits: list[tuple[Edit, frozenset]]) -> list[_Piece]:
    """`pieces` with each edit's current-text bytes [start, end) replaced by its new bytes,
    in one sweep: the edits are sorted and do not overlap (an insertion may touch a
    replacement at the same start, and comes first)."""
    out: list[_Piece] = []
    rest = iter(pieces)
    current = next(rest, None)
    lo = 0  # current-text offset where `current` starts
    for edit, owners in edits:
        # Everything before the edit is kept.
        while current is not None and lo + current.length <= edit.start and not (
            current.length == 0 and lo == edit.start
        ):
            out.append(current)
            lo += current.length
            current = next(rest, None)
        if current is not None and lo < edit.start:
            head, current = _split(current, edit.start - lo)
            out.append(head)
            lo = edit.start
        # What the edit covers goes, its fixes' owners staying with the new bytes.
        while current is not None and lo < edit.end:
            if lo + current.length > edit.end:
                head, current = _split(current, edit.end - lo)
            else:
                head, current = current, None
            if not head.original:
                owners |= head.owners
            lo += head.length
            if current is None:
                current = next(rest, None)
        out.append(_Piece(len(edit.new), new=edit.new, owners=owners))
    if current is not None:
        out.append(current)
    out.extend(rest)
    return [piece for piece in out if piece.length or not piece.original]


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
        pieces = _apply_pass(pieces, [(edit, merged[edit]) for edit in sorted(merged)])
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
