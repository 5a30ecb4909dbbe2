"""`gofixleak triage`: a real leaking service, real dumps and profiles, the real CLI.

The service (tests/triage_service, standard library only, `go 1.21`) leaks on purpose:
senders left blocked after a timeout, time.After in a select loop, a ticker never stopped.
It is built with -trimpath, so its frames carry module paths (example.com/triagesvc/...)
that only a path-suffix match can map to the checkout.
"""

from __future__ import annotations

import gzip
import json
import os
import selectors
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import gotool
import pytest

from gofixleak.triage.dump import parse_dump
from gofixleak.triage.model import TriageError

SERVICE = Path(__file__).resolve().parent / "triage_service"
LEAKS = (SERVICE / "leaks.go").read_text()
LOOKUPS = 60  # each leaves one sender blocked in the unfixed service
EVENTS = 20000  # passes of the time.After loop per load


def line_of(needle: str, text: str = LEAKS) -> int:
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


SEND_LINE = line_of("answer <- slowBackend")
GO_LINE = line_of("go func() {")
MAKE_LINE = line_of("answer := make(chan string)")
AFTER_LINE = line_of("time.After(")
TICKER_LINE = line_of("time.NewTicker(")


def gofixleak(*args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "400"}  # wide enough that no table cell is folded, whatever the temporary paths
    return subprocess.run(
        [sys.executable, "-m", "gofixleak.cli", *args], capture_output=True, text=True, timeout=timeout, env=env
    )


def triage_json(*args: str) -> dict:
    result = gofixleak("triage", *args, "--format", "json", "--top", "1000")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


# ---------------------------------------------------------------- the running service


@pytest.fixture(scope="module")
def binaries(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """(source tree, binary) of the service as shipped and after `gofixleak --write`."""
    gotool.require_go()
    root = tmp_path_factory.mktemp("triage")
    trees = {name: root / name for name in ("unfixed", "fixed")}
    for tree in trees.values():
        shutil.copytree(SERVICE, tree)
    wrote = gofixleak("--write", str(trees["fixed"]))
    assert wrote.returncode == 0, wrote.stdout + wrote.stderr
    assert (trees["fixed"] / "leaks.go").read_text() != LEAKS
    out = {}
    for name, tree in trees.items():
        binary = root / "bin" / name
        build = gotool.go("build", "-trimpath", "-o", str(binary), ".", cwd=tree)
        assert build.returncode == 0, build.stderr
        out[name] = (tree, binary)
    return out


@contextmanager
def running(binary: Path) -> Iterator[str]:
    """Start the service; yield its pprof base URL; always stop it."""
    process = subprocess.Popen([str(binary)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        selector = selectors.DefaultSelector()
        selector.register(process.stdout, selectors.EVENT_READ)
        assert selector.select(timeout=15), "the service did not start"
        line = process.stdout.readline()
        assert line.startswith("listening on http://127.0.0.1:"), line + process.stderr.read()
        yield line.split()[-1] + "debug/pprof/"
    finally:
        process.kill()
        process.wait(timeout=10)


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def drive(pprof_url: str) -> None:
    """One round of load: timed-out lookups, a long event stream, a few polls."""
    base = pprof_url.removesuffix("debug/pprof/")
    # A lookup whose goroutine was not scheduled for 2 ms may still get its answer.
    timeouts = int(get(f"{base}lookup?n={LOOKUPS}").strip().removeprefix("timeouts="))
    assert timeouts >= LOOKUPS * 0.9
    assert get(f"{base}drain?n={EVENTS}").strip() == f"total={EVENTS}"
    for _ in range(5):
        assert get(f"{base}poll?n=2").strip() == "ticks=2"
    settle(pprof_url)


def settle(pprof_url: str) -> None:
    """Wait (bounded) until the goroutine count stops changing: backends still sleeping
    off their 2 ms would otherwise be counted in one round and not the next."""
    stats = pprof_url.removesuffix("debug/pprof/") + "stats"
    readings = [get(stats)]
    for _ in range(100):
        if len(readings) >= 3 and len(set(readings[-3:])) == 1:
            return
        time.sleep(0.01)
        readings.append(get(stats))
    raise AssertionError(f"goroutine count did not settle: {readings[-5:]}")


def serves_leak_profile(pprof_url: str) -> bool:
    try:
        get(pprof_url + "goroutineleak?debug=1")
        return True
    except urllib.error.HTTPError as exc:
        assert exc.code == 404
        return False


def timer_bytes(report: dict) -> tuple[int, int]:
    """(alloc_space, inuse_space) charged to drain's timers."""
    sites = [s for s in report["heap"]["sites"] if s["function"] == "main.drain" and s["via"].startswith("time.")]
    return sum(s["values"]["alloc_space"] for s in sites), sum(s["values"]["inuse_space"] for s in sites)


def test_triage_ranks_the_leaks_of_a_running_service_and_the_fix_stops_them(binaries) -> None:
    tree, binary = binaries["unfixed"]
    with running(binary) as url:
        drive(url)
        first = triage_json(url, str(tree))
        drive(url)
        second = triage_json(url, str(tree))
        table = gofixleak("triage", url, str(tree), "--top", "3")
        # The same goroutines, read from a saved protobuf leak profile.
        leak_profile = serves_leak_profile(url)
        saved = tree.parent / "goroutineleak.pb.gz"
        if leak_profile:
            saved.write_bytes(urllib.request.urlopen(url + "goroutineleak", timeout=30).read())
        plain = tree.parent / "goroutine.pb.gz"
        plain.write_bytes(urllib.request.urlopen(url + "goroutine", timeout=30).read())

    # Runtimes with a leak detector (Go 1.27) serve goroutineleak; older ones do not.
    assert second["leak_profile"] is leak_profile
    top = second["goroutines"]["groups"][0]
    assert top["wait_reason"] == "chan send"
    assert top["count"] >= 2 * LOOKUPS * 0.9, top
    assert top["leaked"] == (top["count"] if leak_profile else 0)
    assert top["blocked_at"]["file"] == "example.com/triagesvc/leaks.go"  # -trimpath: a module path
    assert top["site"]["path"].endswith("unfixed/leaks.go") and top["site"]["line"] == SEND_LINE
    assert top["created_site"]["line"] == GO_LINE
    [finding] = top["findings"]
    assert (finding["rule"], finding["line"], finding["fix"]) == ("goroutine-blocked-send", MAKE_LINE, "available")

    heap_top = second["heap"]["sites"][0]
    assert second["heap"]["metric"] == "alloc_space"
    assert (heap_top["function"], heap_top["via"], heap_top["site"]["line"]) == ("main.drain", "time.After", AFTER_LINE)
    assert [(f["rule"], f["line"], f["match"]) for f in heap_top["findings"]] == [("time-after-in-loop", AFTER_LINE, "line")]
    tickers = [s for s in second["heap"]["sites"] if s["via"] == "time.NewTicker"]
    assert [(s["site"]["line"], s["findings"][0]["rule"]) for s in tickers] == [(TICKER_LINE, "ticker-not-stopped")]

    # The leak grows with the load: a second round adds as many blocked senders and timers.
    grown = second["goroutines"]["total"] - first["goroutines"]["total"]
    assert grown >= LOOKUPS * 0.9, grown
    assert timer_bytes(second)[0] - timer_bytes(first)[0] >= EVENTS * 64

    assert table.returncode == 0, table.stderr
    assert "[goroutine-blocked-send]" in table.stdout and "[time-after-in-loop]" in table.stdout
    assert f"leaks.go:{SEND_LINE}" in table.stdout

    from_plain = triage_json(str(plain), str(tree))
    group = from_plain["goroutines"]["groups"][0]
    assert not from_plain["leak_profile"] and group["leaked"] == 0
    assert (group["wait_reason"], group["site"]["line"], group["count"]) == ("chan send", SEND_LINE, top["count"])
    if leak_profile:
        from_file = triage_json(str(saved), str(tree))
        group = from_file["goroutines"]["groups"][0]
        assert from_file["leak_profile"] and from_file["heap"] is None
        assert (group["wait_reason"], group["site"]["line"], group["count"]) == ("chan send", SEND_LINE, top["count"])
        assert group["findings"][0]["rule"] == "goroutine-blocked-send"

    tree, binary = binaries["fixed"]
    with running(binary) as url:
        drive(url)
        first = triage_json(url, str(tree))
        drive(url)
        second = triage_json(url, str(tree))
    assert abs(second["goroutines"]["total"] - first["goroutines"]["total"]) <= 2, (first, second)
    assert not [g for g in second["goroutines"]["groups"] if g["wait_reason"] == "chan send"]
    alloc_before, inuse_before = timer_bytes(first)
    alloc_after, inuse_after = timer_bytes(second)
    assert alloc_after - alloc_before <= 16 * 1024  # one timer per drain call, not one per event
    assert inuse_after <= inuse_before + 4096


def test_unreachable_service_is_a_clear_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = gofixleak("triage", f"http://127.0.0.1:{port}/debug/pprof/", str(SERVICE))
    assert result.returncode == 2
    assert "connection refused" in result.stderr and "Traceback" not in result.stderr


def test_a_service_that_never_answers_times_out() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)  # accepted by the kernel, never answered
        port = server.getsockname()[1]
        result = gofixleak("triage", f"http://127.0.0.1:{port}/debug/pprof/", str(SERVICE), "--timeout", "0.5")
    assert result.returncode == 2
    assert "timed out after 0.5 s" in result.stderr and "Traceback" not in result.stderr


def heap_profile(frames: list[tuple[str, str, int]], alloc: int, inuse: int) -> bytes:
    """A gzip-compressed heap profile with one sample, encoded with the pprof schema."""
    from gofixleak.triage import profile_pb2

    profile = profile_pb2.Profile()
    strings = [""]

    def intern(text: str) -> int:
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    for name, unit in (("alloc_objects", "count"), ("alloc_space", "bytes"), ("inuse_objects", "count"), ("inuse_space", "bytes")):
        profile.sample_type.add(type=intern(name), unit=intern(unit))
    sample = profile.sample.add(value=[1, alloc, 1, inuse])
    for n, (function, file, line) in enumerate(frames, 1):
        profile.function.add(id=n, name=intern(function), filename=intern(file))
        profile.location.add(id=n, line=[profile_pb2.Line(function_id=n, line=line)])
        sample.location_id.append(n)
    profile.string_table.extend(strings)
    return gzip.compress(profile.SerializeToString())


def test_runtime_without_leak_detector_falls_back_to_the_goroutine_dump() -> None:
    """A server that answers 404 for goroutineleak, as runtimes before Go 1.27 do."""
    import http.server

    heap = heap_profile(
        [("time.NewTimer", "/go/src/time/sleep.go", 111), ("time.After", "/go/src/time/sleep.go", 170),
         ("main.drain", "/src/triagesvc/leaks.go", AFTER_LINE)], alloc=4096, inuse=2048,
    )
    answers = {"/debug/pprof/goroutine?debug=2": unusual_dump().encode(), "/debug/pprof/heap?gc=1": heap}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = answers.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.end_headers()
            self.wfile.write(body or b"404 page not found\n")

        def log_message(self, *args) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        report = triage_json(f"http://127.0.0.1:{server.server_port}/debug/pprof", str(SERVICE))
    finally:
        server.shutdown()
        server.server_close()
    assert report["leak_profile"] is False
    assert any("no goroutineleak profile" in note for note in report["notes"])
    assert report["goroutines"]["groups"][0]["site"]["line"] == SEND_LINE
    [site] = report["heap"]["sites"]
    assert (site["via"], site["values"]["inuse_space"], site["findings"][0]["rule"]) == ("time.After", 2048, "time-after-in-loop")


# ---------------------------------------------------------------- dumps with unusual frames


def unusual_dump(sep: str = "/") -> str:
    win = "C:\\Users\\dev\\src\\triagesvc\\leaks.go" if sep == "\\" else "C:/Users/dev/src/triagesvc/leaks.go"
    return f"""SIGQUIT: quit
PC=0x47a0c1 m=0 sigcode=0

goroutine 0 gp=0x9f3c80 m=0 mp=0x9f4e60 [idle]:
runtime.futex(0x9f4fa0, 0x80, 0x0, 0x0, 0x0, 0x0)
\t/usr/local/go/src/runtime/sys_linux_amd64.s:557 +0x21 fp=0x7ffd0 sp=0x7ffc8 pc=0x47a0c1
runtime.mPark(...)
\t/usr/local/go/src/runtime/proc.go:1887

goroutine 31 gp=0xc000102a80 m=nil [chan send (leaked), 42 minutes]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
\t/usr/local/go/src/runtime/proc.go:435 +0xce fp=0xc0000 sp=0xc0001 pc=0x4711ce
main.lookup.func1()
\t{win}:{SEND_LINE} +0x45
created by main.lookup in goroutine 12
\t{win}:{GO_LINE} +0xdd

goroutine 32 [chan send, 7 minutes]:
main.lookup.func1()
\t{win}:{SEND_LINE} +0x45
created by main.lookup
\t{win}:{GO_LINE} +0xdd

goroutine 40 [select, locked to thread] {{"handler":"drain"}}:
time.After(...)
\t/usr/local/go/src/time/sleep.go:170
main.drain(...)
\t/build/triagesvc/leaks.go:{AFTER_LINE}
main.handleDrain({{0x9f3ee8, 0xc0001}}, 0xc0002)
\t/build/triagesvc/main.go:46 +0x8a
...additional frames elided...
created by net/http.(*Server).Serve in goroutine 1
\t/usr/local/go/src/net/http/server.go:3454 +0x485

goroutine 50 [syscall]:
runtime.cgocall(0x4a1b20, 0xc00004cf58)
\t/usr/local/go/src/runtime/cgocall.go:167 +0x4b
non-Go function
\tpc=0x7f3a2c1e4a7d
sqlite3_step
\t/src/sqlite3.c:90210 pc=0x7f3a2c1e5b00
non-Go function at pc=0x7f3a2c1e4000
main._Cfunc_step(0x1)
\t_cgo_gotypes.go:61 +0x4b
...5 frames elided...
main.query()
\t/build/triagesvc/db.go:20 +0x25

rax    0xca
rbx    0x0
"""


def test_dump_with_unusual_frames_parses() -> None:
    dump = parse_dump(unusual_dump())
    assert [g.id for g in dump.goroutines] == [0, 31, 32, 40, 50]
    assert not dump.truncated
    _, leaked, plain, selecting, cgo = dump.goroutines
    assert (leaked.wait_reason, leaked.wait_minutes, leaked.leaked, leaked.creator) == ("chan send", 42, True, 12)
    assert leaked.frames[-1].file == "C:/Users/dev/src/triagesvc/leaks.go" and leaked.frames[-1].line == SEND_LINE
    assert (plain.leaked, plain.creator, plain.created_by.function) == (False, None, "main.lookup")
    assert selecting.wait_reason == "select" and selecting.frames_elided
    assert [(f.function, f.inlined) for f in selecting.frames] == [
        ("time.After", True), ("main.drain", True), ("main.handleDrain", False)
    ]
    assert selecting.created_by.function == "net/http.(*Server).Serve"
    assert [f.function for f in cgo.frames] == [
        "runtime.cgocall", "non-Go function", "sqlite3_step", "non-Go function", "main._Cfunc_step", "main.query"
    ]
    assert (cgo.frames[2].file, cgo.frames[2].line) == ("/src/sqlite3.c", 90210)
    assert cgo.frames_elided and cgo.frames[-1].line == 20


@pytest.mark.parametrize("sep", ["/", "\\"])
def test_dump_frames_map_to_the_checkout_and_its_findings(tmp_path: Path, sep: str) -> None:
    source = tmp_path / "goroutines.txt"
    source.write_text(unusual_dump(sep))
    report = triage_json(str(source), str(SERVICE))
    groups = report["goroutines"]["groups"]
    # Goroutines 31 and 32 share a wait reason, a blocking frame and a creation site (not
    # a creator): one group, ranked first because one of them is a proven leak.
    senders = groups[0]
    assert (senders["count"], senders["leaked"], senders["wait_reason"]) == (2, 1, "chan send")
    assert senders["site"]["path"].endswith("triage_service/leaks.go") and senders["site"]["line"] == SEND_LINE
    assert senders["created_site"]["line"] == GO_LINE
    assert [(f["rule"], f["line"], f["match"]) for f in senders["findings"]] == [
        ("goroutine-blocked-send", MAKE_LINE, "function")
    ]
    [drain] = [g for g in groups if g["wait_reason"] == "select"]
    assert drain["site"]["line"] == AFTER_LINE
    assert [f["rule"] for f in drain["findings"]] == ["time-after-in-loop"]
    assert drain["longest_wait_minutes"] == 0 and senders["longest_wait_minutes"] == 42
    [cgo] = [g for g in groups if g["wait_reason"] == "syscall"]
    assert cgo["site"] is None and cgo["findings"] == []  # db.go is not in the checkout


def test_dump_cut_off_midway_keeps_what_is_complete(tmp_path: Path) -> None:
    text = unusual_dump()
    cut = text[: text.index(f"leaks.go:{GO_LINE}", text.index("goroutine 32")) + len("leaks.go:")]
    dump = parse_dump(cut)
    assert dump.truncated
    assert [g.id for g in dump.goroutines] == [0, 31, 32]
    assert dump.goroutines[1].complete and not dump.goroutines[2].complete
    assert dump.goroutines[2].created_by is None  # its line number was cut: not trusted

    source = tmp_path / "cut.txt"
    source.write_text(cut)
    report = triage_json(str(source), str(SERVICE))
    assert report["truncated"] is True
    assert any("truncated" in note for note in report["notes"])
    assert report["goroutines"]["groups"][0]["site"]["line"] == SEND_LINE


def test_header_only_dump_is_truncated() -> None:
    dump = parse_dump("goroutine 1 [running]:\nmain.main()\n")
    assert dump.truncated and not dump.goroutines[0].complete


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "the goroutine dump is empty"),
        (b"hello, this is not a dump\n", "no goroutine found"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "truncated or corrupt gzip"),
        (gzip.compress(b"\x0a\x05garbage-not-a-profile"), "not a pprof profile"),
        (b"\x08\x96\x01\x12\x00\xff\xff", "not a pprof profile"),
        (gzip.compress(b""), "not a pprof profile"),
    ],
    ids=["empty", "blank", "text", "cut-gzip", "gzip-garbage", "binary", "empty-gzip"],
)
def test_bad_sources_are_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "source"
    source.write_bytes(content)
    result = gofixleak("triage", str(source), str(SERVICE))
    assert result.returncode == 2
    assert message in result.stderr, result.stderr
    assert result.stderr.startswith("gofixleak: ") and "Traceback" not in result.stderr


def test_truncated_profile_is_a_clear_error(tmp_path: Path) -> None:
    gotool.require_go()
    # A real profile, written by the Go runtime, cut in half.
    program = tmp_path / "main.go"
    program.write_text(
        "package main\n\nimport (\n\t\"os\"\n\t\"runtime/pprof\"\n)\n\n"
        "func main() {\n\tpprof.Lookup(\"heap\").WriteTo(os.Stdout, 0)\n}\n"
    )
    (tmp_path / "go.mod").write_text("module heapdump\n\ngo 1.21\n")
    run = subprocess.run(
        [gotool.require_go(), "run", "."], cwd=tmp_path, env=gotool.go_env(), capture_output=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    whole = run.stdout
    assert whole.startswith(b"\x1f\x8b")
    profile = tmp_path / "heap.pb.gz"
    profile.write_bytes(whole)
    assert triage_json(str(profile), str(SERVICE))["heap"]["metric"] == "alloc_space"
    raw = tmp_path / "heap.pb"
    raw.write_bytes(gzip.decompress(whole))
    assert triage_json(str(raw), str(SERVICE))["heap"]["metric"] == "alloc_space"
    for cut, name in ((whole[: len(whole) // 2], "cut.pb.gz"), (gzip.decompress(whole)[:-7], "cut.pb")):
        (tmp_path / name).write_bytes(cut)
        result = gofixleak("triage", str(tmp_path / name), str(SERVICE))
        assert result.returncode == 2, result.stdout
        assert result.stderr.startswith("gofixleak: ") and "Traceback" not in result.stderr


def test_missing_protobuf_is_a_clear_error(tmp_path: Path) -> None:
    profile = tmp_path / "heap.pb.gz"
    profile.write_bytes(gzip.compress(b"\x0a\x04\x08\x01\x10\x02"))
    script = (
        "import sys; sys.modules['google.protobuf'] = None\n"
        "from gofixleak.cli import main\n"
        f"main(['triage', {str(profile)!r}, {str(SERVICE)!r}])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "the protobuf package is not installed" in result.stderr and "Traceback" not in result.stderr


def test_unknown_paths_and_unreadable_source_exit_2(tmp_path: Path) -> None:
    missing = gofixleak("triage", str(tmp_path / "nope.txt"), str(SERVICE))
    assert missing.returncode == 2 and "cannot read" in missing.stderr
    source = tmp_path / "g.txt"
    source.write_text(unusual_dump())
    bad_path = gofixleak("triage", str(source), str(tmp_path / "no-such-dir"))
    assert bad_path.returncode == 2 and "no such file or directory" in bad_path.stderr


def test_parse_errors_are_triage_errors() -> None:
    with pytest.raises(TriageError, match="empty"):
        parse_dump("")


def test_frames_map_by_longest_path_suffix_and_ties_stay_unmapped(tmp_path: Path, monkeypatch) -> None:
    from gofixleak.discovery import discover
    from gofixleak.engine import Settings
    from gofixleak.runner import run
    from gofixleak.triage.model import Frame
    from gofixleak.triage.sites import SourceIndex

    for name in ("a", "b"):
        (tmp_path / "cmd" / name).mkdir(parents=True)
        (tmp_path / "cmd" / name / "leaks.go").write_text(LEAKS)
    monkeypatch.chdir(tmp_path)
    files = discover(["."])
    index = SourceIndex(files, run(files, ["goroutine-blocked-send"], Settings()))
    located = index.locate(Frame("main.lookup.func1", "example.com/svc/cmd/b/leaks.go", SEND_LINE))
    assert (located.path, located.line) == ("cmd/b/leaks.go", SEND_LINE)
    assert index.locate(Frame("main.lookup.func1", r"D:\build\cmd\a\leaks.go", SEND_LINE)).path == "cmd/a/leaks.go"
    assert index.locate(Frame("main.lookup.func1", "/elsewhere/leaks.go", SEND_LINE)) is None  # a or b?
    assert index.locate(Frame("main.main", "/elsewhere/main.go", 3)) is None
