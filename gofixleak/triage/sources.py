"""Read a SOURCE: a goroutine dump file, a pprof profile file, or a pprof base URL."""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from .dump import parse_dump
from .model import Evidence, Profile, TriageError
from .pprof import GZIP_MAGIC, decode_profile


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def load(source: str, timeout: float, status: Callable[[str], None] = lambda _: None) -> Evidence:
    """The evidence in `source`. Raises TriageError with a message fit for the user."""
    if is_url(source):
        return _fetch_all(source, timeout, status)
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TriageError(f"{source}: cannot read: {exc.strerror or exc}") from None
    return read_bytes(data, source)


def read_bytes(data: bytes, name: str) -> Evidence:
    """Sniff `data`: gzip or protobuf means a profile, text with goroutine headers a dump."""
    if not data:
        raise TriageError(f"{name}: empty file: neither a goroutine dump nor a pprof profile")
    if not data.startswith(GZIP_MAGIC) and _looks_like_text(data):
        text = data.decode("utf-8", "replace")
        try:
            dump = parse_dump(text)
        except TriageError as exc:
            raise TriageError(f"{name}: {exc}") from None
        # A dump of goroutineleak?debug=2 marks what the leak detector proved.
        return Evidence(origin=name, dump=dump, leak_profile=any(g.leaked for g in dump.goroutines))
    return _profile_evidence(name, decode_profile(data, name))


def _looks_like_text(data: bytes) -> bool:
    """No control bytes but tabs and line ends in the first 4 KiB (protobuf has many)."""
    return all(byte >= 0x20 or byte in b"\t\r\n" for byte in data[:4096])


def _profile_evidence(name: str, profile: Profile) -> Evidence:
    if profile.kind == "heap":
        return Evidence(origin=name, heap=profile)
    if profile.kind in ("goroutine", "goroutineleak"):
        return Evidence(origin=name, goroutine_profile=profile, leak_profile=profile.kind == "goroutineleak")
    kinds = ", ".join(t for t, _ in profile.sample_types)
    raise TriageError(f"{name}: a {kinds} profile: triage reads goroutine, goroutineleak, heap and allocs profiles")


def _fetch_all(base: str, timeout: float, status: Callable[[str], None]) -> Evidence:
    """The leak dump (or the plain dump where the runtime has no leak detector) and the heap
    profile. The leak profile is read as a debug=2 dump: it lists every goroutine, marks
    the leaked ones, and keeps the wait reasons and creation sites a protobuf profile lacks."""
    base = base if base.endswith("/") else base + "/"
    notes = []
    status("fetching goroutineleak?debug=2")
    text = _get(base + "goroutineleak?debug=2", timeout, missing_ok=True)
    leak_profile = text is not None
    if text is None:
        notes.append("the runtime serves no goroutineleak profile (Go 1.26 or older, or not enabled): leaks are guessed from counts")
        status("fetching goroutine?debug=2")
        text = _get(base + "goroutine?debug=2", timeout)
    try:
        dump = parse_dump(text.decode("utf-8", "replace"))
    except TriageError as exc:
        raise TriageError(f"{base}: {exc}") from None
    status("fetching heap")
    heap_data = _get(base + "heap?gc=1", timeout)
    heap = decode_profile(heap_data, base + "heap")
    return Evidence(origin=base, dump=dump, heap=heap, leak_profile=leak_profile, notes=tuple(notes))


def _get(url: str, timeout: float, missing_ok: bool = False) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        if missing_ok and exc.code == 404:
            return None
        raise TriageError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ConnectionRefusedError):
            raise TriageError(f"{url}: connection refused: is the service running and serving net/http/pprof?") from None
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise TriageError(f"{url}: timed out after {timeout:g} s") from None
        raise TriageError(f"{url}: cannot fetch: {reason}") from None
    except (TimeoutError, socket.timeout):
        raise TriageError(f"{url}: timed out after {timeout:g} s") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise TriageError(f"{url}: cannot fetch: {exc!r}") from None
