"""Decode pprof profiles (gzip-compressed or plain protobuf) with the `protobuf` package and
the pprof profile schema (profile.proto, compiled to profile_pb2.py).

Chosen over `go tool pprof -raw` so that triage works where no Go toolchain is installed
(a production box, a CI job holding only the profile), and its output is a schema, not text.
"""

from __future__ import annotations

import gzip
import zlib

from .model import Frame, Profile, Sample, TriageError

GZIP_MAGIC = b"\x1f\x8b"


def _schema():
    """The generated message module; TriageError when the protobuf runtime is missing or
    too old for it (the generated code checks the version on import)."""
    try:
        from . import profile_pb2
    except ImportError as exc:
        raise TriageError(
            f"cannot decode pprof profiles: the protobuf package is not installed ({exc}); "
            "install it with `pip install 'protobuf>=7.35.1,<8'`"
        ) from None
    except Exception as exc:  # VersionError, or a clash in the descriptor pool
        raise TriageError(f"cannot decode pprof profiles: {exc}") from None
    return profile_pb2


def decode_profile(data: bytes, name: str = "profile") -> Profile:
    """The samples of a profile, each with its stack of frames (leaf first, inlined calls
    expanded). Raises TriageError for empty, truncated or non-profile data."""
    if not data:
        raise TriageError(f"{name}: empty file, not a pprof profile")
    if data.startswith(GZIP_MAGIC):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise TriageError(f"{name}: truncated or corrupt gzip data ({exc})") from None
    schema = _schema()
    message = schema.Profile()
    try:
        message.ParseFromString(data)
    except Exception as exc:  # google.protobuf.message.DecodeError and friends
        raise TriageError(f"{name}: not a pprof profile (protobuf decoding failed: {exc})") from None
    strings = list(message.string_table)
    if not strings or strings[0] != "" or not message.sample_type:
        raise TriageError(f"{name}: not a pprof profile (no string table or sample types)")

    def text(index: int) -> str:
        if not 0 <= index < len(strings):
            raise TriageError(f"{name}: corrupt pprof profile (string index {index} out of range)")
        return strings[index]

    functions = {f.id: (text(f.name), text(f.filename)) for f in message.function}
    locations: dict[int, tuple[Frame, ...]] = {}
    for location in message.location:
        frames = []
        # Lines are callee first: every line but the last was inlined into the next one.
        for position, line in enumerate(location.line):
            function, filename = functions.get(line.function_id, ("?", ""))
            inlined = position < len(location.line) - 1
            frames.append(Frame(function=function, file=filename, line=line.line, inlined=inlined))
        locations[location.id] = tuple(frames) or (Frame(function=f"0x{location.address:x}"),)
    samples = []
    for sample in message.sample:
        stack: list[Frame] = []
        for location_id in sample.location_id:
            if location_id not in locations:
                raise TriageError(f"{name}: corrupt pprof profile (unknown location {location_id})")
            stack.extend(locations[location_id])
        samples.append(Sample(frames=tuple(stack), values=tuple(sample.value)))
    return Profile(
        sample_types=tuple((text(t.type), text(t.unit)) for t in message.sample_type),
        samples=tuple(samples),
        period_type=(text(message.period_type.type), text(message.period_type.unit)),
    )
