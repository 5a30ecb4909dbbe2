"""The Go language version that governs a file: the nearest go.mod's `go` and `toolchain` lines."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

_GO_LINE = re.compile(rb"^\s*go\s+(\d+)\.(\d+)", re.MULTILINE)
_TOOLCHAIN_LINE = re.compile(rb"^\s*toolchain\s+go(\d+)\.(\d+)", re.MULTILINE)
# `godebug asynctimerchan=1` on its own line or inside a `godebug ( ... )` block.
_ASYNCTIMERCHAN = re.compile(rb"^\s*(?:godebug\s+)?asynctimerchan\s*=\s*([0-9])\s*$", re.MULTILINE)
_VERSION_TEXT = re.compile(r"^(?:go)?(\d+)\.(\d+)(?:\.\d+)?(?:rc\d+|beta\d+)?$")

# Go 1.23: unreferenced timers and tickers are collected; timer channels are synchronous.
TIMERS_COLLECTED = (1, 23)
# Go 1.27 removed asynctimerchan, so every program built by it has the new timers.
TOOLCHAIN_WITHOUT_OLD_TIMERS = (1, 27)


@dataclass(frozen=True, slots=True)
class GoVersion:
    """`go` line and optional `toolchain` line; `source` says where they came from."""

    go: tuple[int, int]
    toolchain: tuple[int, int] | None = None
    source: str = "default"
    # The go.mod `godebug asynctimerchan=N` setting, when present ("0", "1" or "2").
    asynctimerchan: str | None = None

    @property
    def known(self) -> bool:
        return self.source != "default"

    def at_least(self, major: int, minor: int) -> bool:
        return self.go >= (major, minor)

    @property
    def _old_timers_possible(self) -> bool:
        # A toolchain line of go1.27 or later means no build has the old timers at all.
        return self.toolchain is None or self.toolchain < TOOLCHAIN_WITHOUT_OLD_TIMERS

    @property
    def timers_leak(self) -> bool:
        """True when an unstopped timer or ticker stays alive (pre-1.23 semantics)."""
        if not self._old_timers_possible or self.asynctimerchan in {"0", "2"}:
            return False  # asynctimerchan=2 keeps async channels but collects timers
        return self.asynctimerchan == "1" or self.go < TIMERS_COLLECTED

    @property
    def synchronous_timer_channels(self) -> bool:
        """True when a Stop or Reset can never leave a stale value in a timer's channel."""
        if not self._old_timers_possible or self.asynctimerchan == "0":
            return True
        return self.asynctimerchan is None and self.go >= TIMERS_COLLECTED

    @property
    def label(self) -> str:
        """`go 1.21` or `go 1.21, toolchain go1.25`, for messages."""
        text = f"go {self.go[0]}.{self.go[1]}"
        if self.toolchain:
            text += f", toolchain go{self.toolchain[0]}.{self.toolchain[1]}"
        return text if self.known else f"{text} (assumed: no go.mod)"

    def describe(self) -> str:
        return f"{self.label} ({self.source})" if self.known else self.label


NEWEST = GoVersion(go=(1, 27), source="default")


def parse_version(text: str) -> tuple[int, int]:
    """'1.21', '1.21.3' or 'go1.21' -> (1, 21). Raises ValueError otherwise."""
    match = _VERSION_TEXT.match(text.strip())
    if not match:
        raise ValueError(f"not a Go version: {text!r} (expected e.g. 1.22)")
    return int(match.group(1)), int(match.group(2))


def parse_gomod(data: bytes, source: str) -> GoVersion:
    go = _GO_LINE.search(data)
    toolchain = _TOOLCHAIN_LINE.search(data)
    godebug = _ASYNCTIMERCHAN.search(data)
    return GoVersion(
        asynctimerchan=godebug.group(1).decode() if godebug else None,
        # A go.mod without a `go` line is treated by the go command as go 1.16.
        go=(int(go.group(1)), int(go.group(2))) if go else (1, 16),
        toolchain=(int(toolchain.group(1)), int(toolchain.group(2))) if toolchain else None,
        source=source,
    )


@functools.lru_cache(maxsize=4096)
def _version_for_dir(directory: Path) -> GoVersion:
    for candidate in (directory, *directory.parents):
        gomod = candidate / "go.mod"
        if gomod.is_file():
            try:
                return parse_gomod(gomod.read_bytes(), str(gomod))
            except OSError:
                return NEWEST
    return NEWEST


def version_for_file(path: Path, override: tuple[int, int] | None = None) -> GoVersion:
    """The version governing `path`; an explicit override wins over go.mod."""
    if override is not None:
        return GoVersion(go=override, source="--go-version")
    return _version_for_dir(path.resolve().parent)
