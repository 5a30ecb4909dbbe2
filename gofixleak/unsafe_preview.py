"""Dry runs show unsafe fixes apart from safe ones: the text at both applicability levels."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from .codemod import Codemod
from .engine import Settings, fix_file
from .gomod import GoVersion
from .model import Applicability, FileResult, FixStatus


def with_unsafe_split(
    result: FileResult, codemods: Sequence[Codemod], settings: Settings, go_version: GoVersion, in_scope=None
) -> FileResult:
    """`result` (a run at `settings.applicability`) with `unsafe_split` set when unsafe
    fixes change the text: the file is run once more at the other level. Files with no
    unsafe fix, and results with an error, come back unchanged."""
    if result.error:
        return result
    unsafe = [f for f in result.findings if f.fix != FixStatus.NONE and f.applicability == Applicability.UNSAFE]
    if settings.applicability == Applicability.SAFE:
        if not any(f.fix == FixStatus.AVAILABLE for f in unsafe):
            return result
        other = fix_file(result.path, result.original, codemods, _at(settings, Applicability.UNSAFE), go_version, in_scope)
        split = (result.fixed, other.fixed)
    else:
        if not any(f.fix == FixStatus.APPLIED for f in unsafe):
            return result
        other = fix_file(result.path, result.original, codemods, _at(settings, Applicability.SAFE), go_version, in_scope)
        split = (other.fixed, result.fixed)
    return dataclasses.replace(result, unsafe_split=split) if split[0] != split[1] else result


def _at(settings: Settings, level: Applicability) -> Settings:
    return dataclasses.replace(settings, applicability=level, preview_unsafe=False)
