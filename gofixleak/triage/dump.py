"""Parse goroutine dumps: `/debug/pprof/goroutine?debug=2` and the tracebacks Go prints on
SIGQUIT or a fatal error.

The parser reads line by line and never raises on odd lines: text around the goroutines
(panic messages, signal and register dumps) is skipped, unknown lines inside a goroutine end
it. Only a text with no goroutine at all is an error.
"""

from __future__ import annotations

import dataclasses
import re

from .model import Frame, Goroutine, GoroutineDump, TriageError

# "goroutine 7 [chan send (leaked), 3 minutes]:", with optional "gp=... m=..." before the
# bracket (GOTRACEBACK=system and crashes) and labels "{...}" after it.
_HEADER = re.compile(r"^goroutine (\d+)\b[^\[]*\[([^\]]*)\]")
# "\t/path/file.go:12 +0x1d", maybe followed by " fp=... sp=... pc=...". Greedy up to the
# last ":digits" so that Windows drive letters ("C:/...") stay in the path.
_FILE_LINE = re.compile(r"^\t(.*):(\d+)(?:\s.*)?$")
# A cgo frame from a symbolizer: "\t/path/x.c:10 pc=0x..." or just "\tpc=0x...".
_CGO_PC = re.compile(r"^\t(?:(.*):(\d+) )?pc=0x[0-9a-fA-F]+\s*$")
_CREATED_BY = re.compile(r"^created by (.+?)(?: in goroutine (\d+))?\s*$")
_ELIDED = re.compile(r"^\.\.\.(?:additional|\d+) frames elided\.\.\.\s*$")
_MINUTES = re.compile(r"^(\d+) minutes?$")
_STATUS_MARKS = (" (leaked)", " (scan)", " (durable)")


def parse_dump(text: str) -> GoroutineDump:
    """Every goroutine of `text`, in order. Raises TriageError only when there is none."""
    truncated = bool(text) and not text.endswith("\n")
    lines = text.split("\n")
    if truncated:
        lines.pop()  # the last line was cut off: its file or line number may be partial
    goroutines: list[Goroutine] = []
    i = 0
    while i < len(lines):
        header = _HEADER.match(lines[i])
        if not header:
            i += 1
            continue
        goroutine, i = _read_goroutine(lines, i + 1, int(header.group(1)), header.group(2))
        truncated = truncated or not goroutine.complete
        goroutines.append(goroutine)
    if not goroutines:
        if not text.strip():
            raise TriageError("the goroutine dump is empty")
        raise TriageError(
            "no goroutine found: not a goroutine dump (expected lines like `goroutine 1 [running]:`, "
            "as goroutine?debug=2 serves them; debug=1 text is not read)"
        )
    if truncated and goroutines[-1].complete:
        goroutines[-1] = _incomplete(goroutines[-1])
    return GoroutineDump(tuple(goroutines), truncated=truncated)


def _incomplete(goroutine: Goroutine) -> Goroutine:
    return dataclasses.replace(goroutine, complete=False)


def _status(text: str) -> tuple[str, int, bool]:
    """(wait reason, minutes, leaked) from the bracket of a header."""
    parts = [part.strip() for part in text.split(",")]
    reason, minutes = parts[0], 0
    leaked = "(leaked)" in reason
    for mark in _STATUS_MARKS:
        reason = reason.replace(mark, "")
    for part in parts[1:]:
        match = _MINUTES.match(part)
        if match:
            minutes = int(match.group(1))
    return reason.strip(), minutes, leaked


def _function_name(line: str) -> tuple[str, bool]:
    """("pkg.Func", inlined) from "pkg.Func(0x1, {0x2, 0x3})" or "pkg.Func(...)"."""
    line = line.rstrip()
    if not line.endswith(")"):
        return line, False  # a cgo symbol printed without arguments
    depth = 0
    for at in range(len(line) - 1, -1, -1):
        if line[at] == ")":
            depth += 1
        elif line[at] == "(":
            depth -= 1
            if depth == 0:
                return line[:at], line[at + 1 : -1] == "..."
    return line, False


def _read_goroutine(lines: list[str], i: int, goroutine_id: int, status: str) -> tuple[Goroutine, int]:
    """Read frames from line `i` up to the blank line ending the goroutine.

    Returns the goroutine (`complete` False when its text was cut off) and the index after it."""
    reason, minutes, leaked = _status(status)
    frames: list[Frame] = []
    created_by: Frame | None = None
    creator: int | None = None
    elided = complete = False
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            complete = True
            i += 1
            break
        if _HEADER.match(line):
            complete = True  # a dump whose goroutines are not separated by blank lines
            break
        if _ELIDED.match(line):
            elided = True
            i += 1
            continue
        if line.startswith("[originating from goroutine"):
            # GODEBUG=tracebackancestors: the creators' stacks follow; they are not this stack.
            complete = True
            i = _skip_block(lines, i)
            break
        if line.startswith("non-Go function at pc="):
            frames.append(Frame(function="non-Go function"))
            i += 1
            continue
        next_line = lines[i + 1] if i + 1 < len(lines) else None
        if line.startswith("\t"):
            i += 1  # a file line with no function line (cut or unknown); skip it
            continue
        if not next_line:
            i += 1
            break  # a function line whose file line is missing: cut off
        created = _CREATED_BY.match(line)
        position = _FILE_LINE.match(next_line)
        cgo = _CGO_PC.match(next_line)
        if cgo:
            frames.append(Frame(function=line.strip(), file=cgo.group(1) or "", line=int(cgo.group(2) or 0)))
        elif position and created:
            created_by = Frame(function=created.group(1), file=position.group(1), line=int(position.group(2)))
            creator = int(created.group(2)) if created.group(2) else None
        elif position:
            name, inlined = _function_name(line)
            frames.append(Frame(function=name, file=position.group(1), line=int(position.group(2)), inlined=inlined))
        else:
            # Not a frame (a register dump, "goroutine running on other thread"...): the
            # goroutine ends here.
            complete = True
            i += 1
            break
        i += 2
    goroutine = Goroutine(
        id=goroutine_id,
        wait_reason=reason,
        frames=tuple(frames),
        wait_minutes=minutes,
        leaked=leaked,
        created_by=created_by,
        creator=creator,
        frames_elided=elided,
        complete=complete,
    )
    return goroutine, i


def _skip_block(lines: list[str], i: int) -> int:
    while i < len(lines) and not _HEADER.match(lines[i]):
        i += 1
    return i
