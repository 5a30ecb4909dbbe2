"""A scan in path order reads and parses each file of a package once, however its files
and its subdirectories' files interleave, and keeps only the directories it may return to."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from codemods import RULE_IDS
from gofixleak import runner, source
from gofixleak.analysis.scan_order import may_return_to
from gofixleak.engine import Settings

from go_snippets import calls_opener


def test_the_scan_may_return_to_a_directory_it_is_inside_only() -> None:
    here = os.path.join("src", "net", "http")
    assert may_return_to(here, here)
    assert may_return_to(os.path.join("src", "net"), here)  # net/z.go sorts after net/http/...
    assert not may_return_to(os.path.join("src", "netip"), here)  # a longer name, not a parent
    assert not may_return_to(os.path.join("src", "net", "http", "pprof"), here)  # below: done
    assert not may_return_to(os.path.join("src", "os"), here)


CALLER = calls_opener("p")
OPENER = b"""package p

import (
\t"net/http"
\t"os"
)

type server struct{ client *http.Client }

func openConfig(name string) (*os.File, error) {
\treturn os.Open(name)
}

func (s *server) ping(u string) error {
\tresp, err := s.client.Head(u)
\tif err != nil {
\t\treturn err
\t}
\treturn resp.Body.Close()
}
"""
FETCH = b"""package p

func (s *server) fetch(u string) error {
\tresp, err := s.client.Get(u)
\tif err != nil {
\t\treturn err
\t}
\t_ = resp
\treturn nil
}
"""


@pytest.fixture
def package(tmp_path: Path) -> list[Path]:
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.24\n")
    pkg = tmp_path / "p"
    (pkg / "sub").mkdir(parents=True)
    files = {"a.go": CALLER, "m.go": FETCH, "sub/s.go": b"package sub\n\nfunc f() {}\n", "z.go": OPENER}
    for name, text in files.items():
        (pkg / name).write_bytes(text)
    # Path order: p/a.go, p/m.go, p/sub/s.go, p/z.go: the scan leaves p and comes back.
    return sorted((pkg / name for name in files), key=lambda p: p.as_posix())


def test_each_directory_is_listed_and_each_file_parsed_once(package, monkeypatch) -> None:
    listed: list[str] = []
    real_scandir = os.scandir

    def scandir(path):
        listed.append(os.path.basename(os.fspath(path)))
        return real_scandir(path)

    parsed: list[bytes] = []
    real_parser = source._PARSER

    class Counting:
        def parse(self, data, *args, **kwargs):
            parsed.append(bytes(data))
            return real_parser.parse(data, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(source, "_PARSER", Counting())
    results = runner.run(package, RULE_IDS, Settings(), jobs=1)
    messages = [f.message for r in results for f in r.findings]
    assert any("openConfig" in m for m in messages), messages  # a.go: the opener in z.go was found
    assert any("Get" in m for m in messages), messages  # m.go: the client field declared in z.go
    assert listed.count("p") == listed.count("sub") == 1
    # z.go is parsed for m.go's lookup of the field; its own analysis takes that tree.
    assert parsed.count(OPENER) == 1
