"""The registry: every codemod, in the order their fixes are preferred."""

from __future__ import annotations

from gofixleak.codemod import Codemod

from .time_after_in_loop import TimeAfterInLoop

REGISTRY: tuple[type[Codemod], ...] = (
    TimeAfterInLoop,
)


def by_id() -> dict[str, type[Codemod]]:
    return {codemod.ID: codemod for codemod in REGISTRY}
