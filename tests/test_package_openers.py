"""Package openers: the text index of signatures that may return a resource
(gofixleak/analysis/opener_index.py), the trigger it adds to a file calling one, and the
confirmation by reading the body (gofixleak/analysis/package_openers.py)."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from codemods import by_id
from codemods.file_not_closed import OPENED
from codemods.sql_rows_not_closed import QUERIES
from gofixleak.analysis import opener_index, package_openers
from gofixleak.codemod import Context, wanting
from gofixleak.source import SourceFile

FILE_TYPES = frozenset({("os", "File")})
RULES = by_id()
FILE_RULE = RULES["file-not-closed"]


def go(text: str) -> bytes:
    return textwrap.dedent(text).lstrip().encode()


def names(data: bytes, types=FILE_TYPES) -> list[tuple[str, bool]]:
    return [(d.name, d.method) for d in opener_index.scan(data, frozenset(types), "x.go")]


# ---------------------------------------------------------------- the text index

def test_scan_reads_result_lists_only() -> None:
    data = go("""
        package p

        import "os"

        func open(p string) (*os.File, error) { return os.Open(p) }
        func (s *store) file(name string) *os.File { return nil }
        func typed[T any](v T) (*os.File, error) { return nil, nil }
        func spread(
            dir string,
            name string,
        ) (*os.File, error) {
            return nil, nil
        }
        func closeIt(f *os.File) error { return f.Close() }
        func files() []*os.File { return nil }
    """)
    # The parameter of closeIt is no result; a slice of files is a candidate, for the parse to refuse.
    assert names(data) == [("open", False), ("file", True), ("typed", False), ("spread", False), ("files", False)]


def test_scan_reads_interface_methods() -> None:
    data = go("""
        package p

        import (
            "context"
            "database/sql"
        )

        type store interface {
            List(ctx context.Context) (*sql.Rows, error)
            Count(ctx context.Context) (int, error)
        }
    """)
    assert names(data, {("database/sql", "Rows")}) == [("List", True)]


def test_scan_checks_the_qualifier_names_the_import() -> None:
    other = go("""
        package p

        import "io/fs"

        func open(name string) (fs.File, error) { return nil, nil }
    """)
    aliased = go("""
        package p

        import stdos "os"

        func open(name string) (*stdos.File, error) { return stdos.Open(name) }
    """)
    assert names(other) == []
    assert names(aliased) == [("open", False)]


def package(tmp_path: Path, files: dict[str, str]) -> Path:
    directory = tmp_path / "pkg"
    directory.mkdir()
    for name, text in files.items():
        (directory / name).write_bytes(go(text))
    return directory


OPENER = """
    package p

    import "os"

    func openConfig(name string) (*os.File, error) {
        f, err := os.Open(name)
        if err != nil {
            return nil, err
        }
        return f, nil
    }
"""

CALLER = """
    package p

    import "io"

    func read(name string) ([]byte, error) {
        f, err := openConfig(name)
        if err != nil {
            return nil, err
        }
        return io.ReadAll(f)
    }
"""


def test_a_file_calling_an_opener_of_its_package_wants_the_rule(tmp_path: Path) -> None:
    directory = package(tmp_path, {"open.go": OPENER, "read.go": CALLER})
    data = (directory / "read.go").read_bytes()
    assert FILE_RULE not in wanting([FILE_RULE], data)  # no trigger text of its own
    assert wanting([FILE_RULE], data, str(directory / "read.go")) == [FILE_RULE]
    assert FILE_RULE.triggered_by(data, str(directory / "read.go"))


def test_a_file_calling_no_opener_does_not(tmp_path: Path) -> None:
    directory = package(tmp_path, {"open.go": OPENER, "read.go": CALLER.replace("openConfig(name)", "lookup(name)")})
    data = (directory / "read.go").read_bytes()
    assert wanting([FILE_RULE], data, str(directory / "read.go")) == []


def test_openers_of_another_package_or_of_tests_are_not_seen(tmp_path: Path) -> None:
    directory = package(tmp_path, {"open_test.go": OPENER, "other.go": OPENER.replace("package p", "package q"),
                                   "read.go": CALLER})
    data = (directory / "read.go").read_bytes()
    assert wanting([FILE_RULE], data, str(directory / "read.go")) == []


def test_the_index_is_read_again_when_the_directory_changes(tmp_path: Path) -> None:
    directory = package(tmp_path, {"read.go": CALLER})
    path = str(directory / "read.go")
    data = (directory / "read.go").read_bytes()
    assert wanting([FILE_RULE], data, path) == []
    (directory / "open.go").write_bytes(go(OPENER))
    os.utime(directory, ns=(1, 1))  # a new modification time, whatever the clock's resolution
    assert wanting([FILE_RULE], data, path) == [FILE_RULE]


# ---------------------------------------------------------------- confirmation

def opener_calls(directory: Path, name: str, resource=OPENED, noun: str = "file") -> list[str]:
    path = directory / name
    ctx = Context(SourceFile(str(path), path.read_bytes()))
    return [found.shown(noun) for found in package_openers.opener_calls(ctx, resource)]


def test_an_opener_in_another_file_is_confirmed(tmp_path: Path) -> None:
    directory = package(tmp_path, {"open.go": OPENER, "read.go": CALLER})
    assert opener_calls(directory, "read.go") == ["openConfig (which returns the file from os.Open)"]


def test_a_function_returning_a_nil_file_without_an_error_is_no_opener(tmp_path: Path) -> None:
    maybe = OPENER.replace("f, err := os.Open(name)", "if name == \"\" {\n\t\treturn nil, nil\n\t}\n\tf, err := os.Open(name)")
    directory = package(tmp_path, {"open.go": maybe, "read.go": CALLER})
    assert opener_calls(directory, "read.go") == []


def test_an_unchecked_acquisition_is_an_opener_only_with_its_own_error(tmp_path: Path) -> None:
    unchecked = """
        package p

        import "os"

        func openConfig(name string) (*os.File, error) {
            f, err := os.Open(name)
            return f, err
        }

        func openQuiet(name string) (*os.File, error) {
            f, _ := os.Open(name)
            return f, nil
        }
    """
    caller = CALLER + "\nfunc quiet(name string) {\n\tf, _ := openQuiet(name)\n\t_ = f\n}\n"
    directory = package(tmp_path, {"open.go": unchecked, "read.go": caller})
    assert opener_calls(directory, "read.go") == ["openConfig (which returns the file from os.Open)"]


def test_a_file_that_does_not_parse_is_unknown(tmp_path: Path) -> None:
    broken = OPENER + "\nfunc broken( {\n"
    directory = package(tmp_path, {"open.go": broken, "read.go": CALLER})
    assert opener_calls(directory, "read.go") == []


def test_an_interface_method_counts_only_for_rows(tmp_path: Path) -> None:
    store = """
        package p

        import (
            "context"
            "database/sql"
            "os"
        )

        type store interface {
            List(ctx context.Context) (*sql.Rows, error)
            Open(name string) (*os.File, error)
        }
    """
    caller = """
        package p

        import "context"

        func use(ctx context.Context, s store) {
            rows, _ := s.List(ctx)
            f, _ := s.Open("x")
            _, _ = rows, f
        }
    """
    directory = package(tmp_path, {"store.go": store, "use.go": caller})
    assert opener_calls(directory, "use.go", QUERIES, "rows") == ["s.List (interface method store.List, which returns rows)"]
    assert opener_calls(directory, "use.go", OPENED) == []


def test_build_variants_must_all_be_openers(tmp_path: Path) -> None:
    variant = '//go:build {tag}\n\npackage p\n\nimport "os"\n\nfunc openConfig(name string) (*os.File, error) {{ return {body} }}\n'
    opened = "os.Open(name)"
    both = package(tmp_path, {"open_unix.go": variant.format(tag="unix", body=opened),
                              "open_windows.go": variant.format(tag="windows", body=opened), "read.go": CALLER})
    assert opener_calls(both, "read.go") == ["openConfig (which returns the file from os.Open)"]
    other = tmp_path / "other"
    other.mkdir()
    one = package(other, {"open_unix.go": variant.format(tag="unix", body=opened),
                          "open_windows.go": variant.format(tag="windows", body="os.Stdin, nil"), "read.go": CALLER})
    assert opener_calls(one, "read.go") == []


def test_an_editor_buffer_calling_an_opener_is_analysed(tmp_path: Path) -> None:
    from gofixleak.engine import Settings
    from gofixleak.stdin_mode import fix_source

    directory = package(tmp_path, {"open.go": OPENER})
    # The buffer is not saved yet: only the directory holds the opener.
    result = fix_source(directory / "read.go", go(CALLER), ["file-not-closed"], Settings(), None)
    assert [f.rule for f in result.findings] == ["file-not-closed"]
    assert b"defer f.Close()" in result.fixed
