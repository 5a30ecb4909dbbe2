"""A rule named before its module is imported: what choosing rules for a file needs (id,
trigger text), with the class loaded on first use. Start-up then costs the rules a run
uses, not all of them."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .codemod import Codemod


# Compared and hashed by identity: each rule has one reference (codemods/manifest.py), and
# the rule choice hashes tuples of them for every file.
@dataclass(frozen=True, eq=False)
class RuleRef:
    ID: str
    module: str  # under `codemods`
    PREFILTER: tuple[bytes, ...]
    PATTERNS: tuple[bytes, ...]
    TEST_FILES: bool
    WANTS_PARSES: bool
    OWN_TEST: bool  # the class has a `wants` of its own beyond PREFILTER
    OPENER_TYPES: tuple[tuple[str, str], ...] = ()  # results followed through package openers

    def load(self) -> type[Codemod]:
        loaded = _LOADED.get(self.ID)
        if loaded is None:
            module = importlib.import_module(f"codemods.{self.module}")
            for value in (*vars(module).values(), *getattr(module, "RULES", ())):
                if getattr(value, "ID", None) == self.ID and isinstance(value, type):
                    loaded = _LOADED[self.ID] = value
                    break
            else:
                raise LookupError(f"codemods.{self.module} defines no rule {self.ID!r}")
        return loaded

    def wants(self, data: bytes) -> bool:
        return self.load().wants(data)


_LOADED: dict[str, type] = {}  # rule id -> its class, once imported
