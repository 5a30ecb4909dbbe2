"""Which bytes of the original text survive, and where, after several passes of edits: the
engine's whole change to a file as one list of edits on the original, found in linear time
(the diff is built from it instead of comparing the two texts)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from .model import Edit


class Alignment:
    """Runs of the current text copied verbatim from the original: (original start, current
    start, length), in order. Everything between two runs was written by some edit."""

    def __init__(self, size: int) -> None:
        self.runs: list[tuple[int, int, int]] = [(0, 0, size)] if size else []
        self.size = size  # of the original text

    def apply(self, edits: Sequence[Edit]) -> None:
        """Follow one pass: `edits` are sorted, non-overlapping, in current coordinates."""
        if not edits:
            return
        ends = [edit.end for edit in edits]
        shifts = [0]  # shifts[i]: growth of the text from the first i edits
        for edit in edits:
            shifts.append(shifts[-1] + len(edit.new) - (edit.end - edit.start))
        runs: list[tuple[int, int, int]] = []
        for original, current, length in self.runs:
            cursor, stop = current, current + length
            i = bisect.bisect_right(ends, cursor)  # first edit not wholly before the run
            while cursor < stop:
                edit = edits[i] if i < len(edits) else None
                piece_end = stop if edit is None or edit.start >= stop else max(edit.start, cursor)
                if piece_end > cursor:
                    shift = shifts[bisect.bisect_right(ends, cursor)]
                    runs.append((original + cursor - current, cursor + shift, piece_end - cursor))
                if edit is None or edit.start >= stop:
                    break
                cursor = max(cursor, edit.end)
                i += 1
        self.runs = runs

    def changes(self, final: bytes) -> tuple[Edit, ...]:
        """The edits on the original text that give `final`: one per gap between runs."""
        out: list[Edit] = []
        old_at = new_at = 0
        for original, current, length in [*self.runs, (self.size, len(final), 0)]:
            if original > old_at or current > new_at:
                out.append(Edit(old_at, original, final[new_at:current]))
            old_at, new_at = original + length, current + length
        return tuple(out)
