"""The Go language version that governs a file: the nearest go.mod's `go` and `toolchain` lines."""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .realdir import DIRECTORIES_KEPT, real_path

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
    # The file's own language version when its `//go:build` line lowers it below `go`
    # (see file_language_version); language features follow it, timers do not.
    language: tuple[int, int] | None = None

    @property
    def known(self) -> bool:
        return self.source != "default"

    def at_least(self, major: int, minor: int) -> bool:
        """True when the file's language version is at least major.minor."""
        return (self.language or self.go) >= (major, minor)

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
# No go.mod above a file: the go command builds it in GOPATH mode, with the GODEBUG defaults
# of go 1.20 (old timers, unless the toolchain is go1.27 or later, which cannot be seen), and
# the language version of whatever toolchain builds it: go 1.20 is the safest guess for both
# language features the rules depend on (one loop variable for all iterations, no `max`).
GOPATH_MODE = GoVersion(go=(1, 20), source="default")


_OPTION_VERSION = re.compile(r"1\.(\d+)(?:\.\d+)?")


def parse_option_version(text: str) -> tuple[int, int]:
    """A `--go-version` value: '1.N' or '1.N.P' only -> (1, N). Raises ValueError otherwise."""
    match = _OPTION_VERSION.fullmatch(text)
    if not match:
        raise ValueError(f"--go-version {text!r}: not a Go version (expected 1.N or 1.N.P, e.g. 1.22)")
    return 1, int(match.group(1))


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


@functools.lru_cache(maxsize=DIRECTORIES_KEPT)
def _nearest_gomod(directory: str) -> str | None:
    """The go.mod of the module holding `directory` (absolute and resolved)."""
    gomod = os.path.join(directory, "go.mod")
    if os.path.isfile(gomod):
        return gomod
    # One question per directory, however many directories below share the answer.
    parent = os.path.dirname(directory)
    return None if parent == directory else _nearest_gomod(parent)


@functools.lru_cache(maxsize=DIRECTORIES_KEPT)
def _version_for_dir(directory: str) -> GoVersion:
    gomod = _nearest_gomod(directory)
    if gomod is None:
        return GOPATH_MODE
    try:
        with open(gomod, "rb") as handle:
            return parse_gomod(handle.read(), gomod)
    except OSError:
        return NEWEST


_DIRECTIVE = re.compile(rb"^[ \t]*(go|toolchain)(?:[ \t]+([^\r\n]*?))?[ \t]*(?://[^\r\n]*)?\r?$", re.MULTILINE)
_VALID_VALUE = {
    b"go": re.compile(rb"\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?"),
    b"toolchain": re.compile(rb"default|go\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?(?:-[A-Za-z0-9_.+-]+)?"),
}


def gomod_problem(gomod: Path) -> str | None:
    """What is wrong with `gomod` for reading a Go version from it (unreadable, not UTF-8,
    a malformed `go` or `toolchain` line) and what is assumed instead; None when nothing."""
    try:
        data = gomod.read_bytes()
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc}): assuming {NEWEST.label}"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        problem = "not UTF-8 text"
    else:
        bad = [m for m in _DIRECTIVE.finditer(data) if not _VALID_VALUE[m.group(1)].fullmatch(m.group(2) or b"")]
        if not bad:
            return None
        problem = f"malformed {bad[0].group(1).decode()} line {bad[0].group(0).strip().decode()!r}"
    version = parse_gomod(data, str(gomod))
    return f"{problem}: assuming {version.label}"


def gomod_warnings(files: Iterable[Path]) -> list[str]:
    """`path: problem` for each go.mod governing one of `files` that cannot be read or is
    malformed (see gomod_problem), sorted."""
    # Directories resolved once each (a link's go.mod is its target's, as in version_for_file).
    directories = {os.path.dirname(os.path.realpath(f)) if os.path.islink(f) else os.path.dirname(os.fspath(f)) or "."
                   for f in files}
    found = {_nearest_gomod(real_path(directory, is_dir=True)) for directory in directories}
    warnings = [(gomod, gomod_problem(Path(gomod))) for gomod in found if gomod is not None]
    return sorted(f"{gomod}: {problem}" for gomod, problem in warnings if problem)


_PACKAGE_LINE = re.compile(rb"^package\b", re.MULTILINE)
_BUILD_LINE = re.compile(rb"^//go:build[ \t]+([^\r\n]*)", re.MULTILINE)
_BUILD_TOKEN = re.compile(r"\s*(\(|\)|!|&&|\|\||[A-Za-z0-9_.]+)")
_GO_TAG = re.compile(r"^go1\.(\d+)$")
# Go 1.21 introduced per-file versions; an older go1.N tag still means at least go1.21.
_FIRST_FILE_VERSION = (1, 21)


_GO_DEBUG_ASYNCTIMERCHAN = re.compile(rb"^//go:debug[ \t]+asynctimerchan=([0-9])[ \t]*\r?$", re.MULTILINE)


def file_version(data: bytes, module_version: GoVersion) -> GoVersion:
    """The version governing the file whose text is `data`: its language version (see
    `file_language_version`), and a `//go:debug asynctimerchan=N` directive before the
    package clause, which overrides go.mod's godebug setting in a main package."""
    version = file_language_version(data, module_version)
    package = _PACKAGE_LINE.search(data)
    directive = _GO_DEBUG_ASYNCTIMERCHAN.search(data, 0, package.start() if package else len(data))
    if directive is None:
        return version
    return dataclasses.replace(version, asynctimerchan=directive.group(1).decode())


def file_language_version(data: bytes, module_version: GoVersion) -> GoVersion:
    """`module_version` with the language version of the file whose text is `data`.

    Like the go command, a `//go:build` line whose expression implies a minimum `go1.N`
    sets the file's language version to max(go1.N, go1.21): a go1.21 file in a go 1.27
    module keeps one loop variable for all iterations. Only a lower version is taken
    (a higher one would only make the tool less careful); timers keep the module's."""
    package = _PACKAGE_LINE.search(data)
    match = _BUILD_LINE.search(data, 0, package.start() if package else len(data))
    minor = _min_go_minor(match.group(1).decode("utf-8", "replace")) if match else None
    if minor is None:
        return module_version
    language = max((1, minor), _FIRST_FILE_VERSION)
    if language >= (module_version.language or module_version.go):
        return module_version
    return dataclasses.replace(module_version, language=language)


def _min_go_minor(expression: str) -> int | None:
    """The N of the minimum go1.N a build expression implies (go/build/constraint's
    GoVersion), or None when it implies none or does not parse."""
    tokens, rest = [], expression.strip()
    while rest:
        match = _BUILD_TOKEN.match(rest)
        if match is None:
            return None
        tokens.append(match.group(1))
        rest = rest[match.end() :].strip()
    position = 0

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> str:
        nonlocal position
        if position >= len(tokens):
            raise ValueError("unexpected end")
        position += 1
        return tokens[position - 1]

    # Each parser returns (minimum version of x, minimum version of !x); -1: none.
    def either() -> tuple[int, int]:
        x_min, not_x_min = both()
        while peek() == "||":
            take()
            y_min, not_y_min = both()
            x_min, not_x_min = min(x_min, y_min), max(not_x_min, not_y_min)
        return x_min, not_x_min

    def both() -> tuple[int, int]:
        x_min, not_x_min = unary()
        while peek() == "&&":
            take()
            y_min, not_y_min = unary()
            x_min, not_x_min = max(x_min, y_min), min(not_x_min, not_y_min)
        return x_min, not_x_min

    def unary() -> tuple[int, int]:
        token = take()
        if token == "!":
            x_min, not_x_min = unary()
            return not_x_min, x_min
        if token == "(":
            inner = either()
            if take() != ")":
                raise ValueError("missing )")
            return inner
        if token in {")", "&&", "||"}:
            raise ValueError(f"unexpected {token}")
        if token == "go1":
            return 0, -1
        tag = _GO_TAG.match(token)
        return (int(tag.group(1)) if tag else -1), -1

    try:
        minimum, _ = either()
    except ValueError:
        return None
    if position != len(tokens) or minimum < 0:
        return None
    return minimum


def forget() -> None:
    """Start a run afresh: a go.mod may have changed since the last run of this process
    (an editor's, a test's)."""
    for cached in (_nearest_gomod, _version_for_dir, _version_for_directory):
        cached.cache_clear()


def version_for_directory(directory: str, override: tuple[int, int] | None = None) -> GoVersion:
    """The version governing the files of `directory` that are not symbolic links."""
    if override is not None:
        return GoVersion(go=override, source="--go-version")
    return _version_for_directory(directory, os.getcwd())


def version_for_file(path: str | Path, override: tuple[int, int] | None = None) -> GoVersion:
    """The version governing `path`; an explicit override wins over go.mod."""
    if override is not None:
        return GoVersion(go=override, source="--go-version")
    name = os.fspath(path)
    if os.path.islink(name):  # governed by where it points
        return _version_for_dir(os.path.dirname(os.path.realpath(name)))
    return _version_for_directory(os.path.dirname(name), os.getcwd())


@functools.lru_cache(maxsize=DIRECTORIES_KEPT)
def _version_for_directory(directory: str, cwd: str) -> GoVersion:
    # Resolving each file's path costs a system call per component; its directory is shared.
    return _version_for_dir(real_path(os.path.join(cwd, directory), is_dir=True))
