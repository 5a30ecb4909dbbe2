"""Property tests (hypothesis) over real inputs (every golden case) and mutations of them:
truncations, random byte edits, CRLF, a BOM, no final newline, Unicode identifiers, deep
nesting, huge literals. The engine never raises; a file that parsed keeps parsing, one that
did not gains no error and is only edited inside its functions that parse; running on the
output changes nothing more; and every diff applies (in memory, and with `git apply`)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codemods import REGISTRY
from gofixleak.damage import Damage, error_count
from gofixleak.engine import Settings, fix_file
from gofixleak.gomod import GoVersion
from gofixleak.model import Fix, Severity
from gofixleak.patch import replay, unified_diff
from gofixleak.source import SourceFile

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(p.read_bytes() for p in (ROOT / "golden").glob("*/*.go"))
SETTINGS = Settings(min_severity=Severity.INFO)
GO = GoVersion(go=(1, 21), source="test")
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def run(path: Path, data: bytes):
    return fix_file(str(path), data, [codemod() for codemod in REGISTRY], SETTINGS, GO)


@st.composite
def mutated(draw) -> bytes:
    data = draw(st.sampled_from(SEEDS))
    kind = draw(st.sampled_from(["none", "truncate", "bytes", "crlf", "bom", "no-eol", "unicode", "deep", "huge"]))
    if kind == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif kind == "bytes":
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(data)))
            cut = draw(st.integers(0, 3))
            data = data[:at] + draw(st.binary(max_size=3)) + data[at + cut :]
    elif kind == "crlf":
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    elif kind == "bom":
        data = b"\xef\xbb\xbf" + data
    elif kind == "no-eol":
        data = data.rstrip(b"\n")
    elif kind == "unicode":
        name = draw(st.sampled_from(["ñandú", "变量", "Δt", "ｘ"])).encode()
        data = re.sub(rb"\b(ctx|f|v|rows|resp|t|in|ch)\b", name, data, count=draw(st.integers(1, 20)))
    elif kind == "deep":
        depth = draw(st.integers(1, 120))
        data += b"\nfunc deep(in <-chan int) {\n" + b"if true {\n" * depth + b"for {\nselect {\ncase <-in:\n" \
            b"case <-time.After(1):\nreturn\n}\n}\n" + b"}\n" * depth + b"}\n"
    elif kind == "huge":
        data += b'\nvar big = "' + b"x" * draw(st.integers(10_000, 300_000)) + b'"\n'
    return data


@pytest.fixture(scope="module")
def place(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("props") / "x.go"  # an empty directory: no siblings


@FAST
@given(data=mutated())
def test_the_engine_never_raises_and_never_breaks_what_parsed(place: Path, data: bytes) -> None:
    result = run(place, data)
    before = SourceFile(str(place), data)
    errors_before = error_count(before.tree)
    errors_after = error_count(SourceFile(str(place), result.fixed).tree)
    if errors_before == 0:
        assert errors_after == 0
    else:
        assert errors_after <= errors_before
        if result.changes:  # edits only inside functions that parsed
            damage = Damage(before)
            assert all(damage.why_not(Fix("one", (edit,))) == "" for edit in result.changes)
    if result.changed:
        assert replay(data, unified_diff("x.go", data, result.fixed, changes=result.changes)) == result.fixed
        assert replay(data, unified_diff("x.go", data, result.fixed)) == result.fixed


@FAST
@given(data=mutated())
def test_running_on_the_output_changes_nothing_more(place: Path, data: bytes) -> None:
    once = run(place, data)
    if once.changed and not once.notes:
        assert run(place, once.fixed).fixed == once.fixed


FIXABLE = b"""package m

import (
\t"os"
)

// %s
func read(name string) (byte, error) {
\tf, err := os.Open(name)
\tif err != nil {
\t\treturn 0, err
\t}
\tnote := "%s"
\t_ = note
\tbuf := make([]byte, 1)
\t_, err = f.Read(buf) // %s
\treturn buf[0], err
}
"""

COMMENT_BYTES = st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"").replace(b"*/", b""))
STRING_BYTES = st.binary(max_size=12).map(lambda b: re.sub(rb'["\\\n]', b"", b))


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@settings(max_examples=15, deadline=None)
@given(before=COMMENT_BYTES, inside=STRING_BYTES, after=COMMENT_BYTES)
def test_patches_around_odd_bytes_apply_with_git(tmp_path_factory, before: bytes, inside: bytes, after: bytes) -> None:
    data = FIXABLE % (before, inside, after)
    work = tmp_path_factory.mktemp("apply")
    result = run(work / "x.go", data)
    if not result.changed:
        return  # the random bytes made the function not parse: nothing to apply
    diff = unified_diff("x.go", data, result.fixed, changes=result.changes)
    (work / "x.go").write_bytes(data)
    (work / "fix.patch").write_bytes(diff)
    applied = subprocess.run(["git", "apply", "--whitespace=nowarn", "fix.patch"], cwd=work, capture_output=True)
    assert applied.returncode == 0, applied.stderr
    assert (work / "x.go").read_bytes() == result.fixed
