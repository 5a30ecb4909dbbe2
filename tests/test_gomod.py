"""go.mod reading: go and toolchain lines, the nearest go.mod, overrides, and the timer rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from gofixleak.gomod import (
    GOPATH_MODE,
    GoVersion,
    file_version,
    parse_gomod,
    parse_version,
    version_for_file,
)


def test_go_and_toolchain_lines() -> None:
    version = parse_gomod(b"module m\n\ngo 1.21.3\n\ntoolchain go1.27.1\n\nrequire x v1.0.0\n", "go.mod")
    assert (version.go, version.toolchain, version.source) == ((1, 21), (1, 27), "go.mod")
    assert version.known


def test_go_line_without_toolchain() -> None:
    version = parse_gomod(b"module m\n\ngo 1.24\n", "go.mod")
    assert (version.go, version.toolchain) == ((1, 24), None)


def test_missing_go_line_means_go_1_16() -> None:
    assert parse_gomod(b"module m\n\nrequire x v1.0.0\n", "go.mod").go == (1, 16)


def test_lines_in_comments_or_other_directives_do_not_count() -> None:
    data = b"module m // go 1.10\n\n// go 1.12\n// toolchain go1.30\ngo 1.22\n"
    version = parse_gomod(data, "go.mod")
    assert (version.go, version.toolchain) == ((1, 22), None)


def test_crlf_go_mod() -> None:
    version = parse_gomod(b"module m\r\n\r\ngo 1.20\r\ntoolchain go1.21.0\r\n", "go.mod")
    assert (version.go, version.toolchain) == ((1, 20), (1, 21))


@pytest.mark.parametrize(
    "text, expected",
    [("1.22", (1, 22)), ("go1.22", (1, 22)), ("1.22.3", (1, 22)), ("1.23rc1", (1, 23)), (" 1.9 ", (1, 9))],
)
def test_parse_version(text: str, expected: tuple[int, int]) -> None:
    assert parse_version(text) == expected


@pytest.mark.parametrize("text", ["", "1", "1.x", "go 1.22", "v1.22", "1.22.x", "latest"])
def test_parse_version_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not a Go version"):
        parse_version(text)


def _module(root: Path, go_mod: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "go.mod").write_text(go_mod)
    return root


def test_nearest_go_mod_wins(tmp_path: Path) -> None:
    outer = _module(tmp_path / "outer", "module outer\n\ngo 1.21\n")
    inner = _module(outer / "tools" / "inner", "module inner\n\ngo 1.24\n")
    (outer / "pkg" / "deep").mkdir(parents=True)
    for file in (outer / "a.go", outer / "pkg" / "deep" / "b.go", inner / "c.go", inner / "sub" / "d.go"):
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("package x\n")
    assert version_for_file(outer / "a.go").go == (1, 21)
    assert version_for_file(outer / "pkg" / "deep" / "b.go").go == (1, 21)
    assert version_for_file(inner / "c.go").go == (1, 24)
    inner_version = version_for_file(inner / "sub" / "d.go")
    assert inner_version.go == (1, 24)
    assert inner_version.source == str((inner / "go.mod").resolve())


def test_relative_paths_are_resolved(tmp_path: Path, monkeypatch) -> None:
    module = _module(tmp_path / "m", "module m\n\ngo 1.20\n")
    (module / "a.go").write_text("package m\n")
    monkeypatch.chdir(module)
    assert version_for_file(Path("a.go")).go == (1, 20)


def test_no_go_mod_means_gopath_mode(tmp_path: Path) -> None:
    """GOPATH mode: go 1.20's GODEBUG defaults (timers leak), and the oldest language
    features the rules depend on (one loop variable for all iterations, no `max`)."""
    (tmp_path / "loose").mkdir()
    (tmp_path / "loose" / "a.go").write_text("package a\n")
    version = version_for_file(tmp_path / "loose" / "a.go")
    assert version == GOPATH_MODE and not version.known
    assert "assumed" in version.label
    assert version.timers_leak and not version.synchronous_timer_channels
    assert not version.at_least(1, 21) and not version.at_least(1, 22)


def test_override_wins_over_go_mod(tmp_path: Path) -> None:
    module = _module(tmp_path / "m", "module m\n\ngo 1.24\n\ntoolchain go1.27.0\n")
    (module / "a.go").write_text("package m\n")
    version = version_for_file(module / "a.go", override=(1, 21))
    assert (version.go, version.toolchain, version.source) == ((1, 21), None, "--go-version")
    assert version.timers_leak  # the toolchain line of go.mod no longer applies


@pytest.mark.parametrize(
    "go, toolchain, leaks",
    [
        ((1, 16), None, True),
        ((1, 21), None, True),
        ((1, 22), None, True),
        ((1, 21), (1, 26), True),
        ((1, 21), (1, 27), False),
        ((1, 22), (1, 30), False),
        ((1, 23), None, False),
        ((1, 24), (1, 24), False),
        ((2, 0), None, False),
    ],
)
def test_timers_leak_truth_table(go, toolchain, leaks: bool) -> None:
    assert GoVersion(go=go, toolchain=toolchain, source="go.mod").timers_leak is leaks


def test_at_least_and_labels() -> None:
    version = GoVersion(go=(1, 21), toolchain=(1, 27), source="x/go.mod")
    assert version.at_least(1, 21) and version.at_least(1, 9) and not version.at_least(1, 22)
    assert version.label == "go 1.21, toolchain go1.27"
    assert version.describe() == "go 1.21, toolchain go1.27 (x/go.mod)"
    assert GoVersion(go=(1, 24), source="go.mod").label == "go 1.24"


@pytest.mark.parametrize(
    ("gomod", "leak", "synchronous"),
    [
        (b"module m\n\ngo 1.24\n\ngodebug asynctimerchan=1\n", True, False),
        (b"module m\n\ngo 1.24\n\ngodebug (\n\tasynctimerchan=1\n\tpanicnil=1\n)\n", True, False),
        (b"module m\n\ngo 1.21\n\ngodebug asynctimerchan=0\n", False, True),
        (b"module m\n\ngo 1.21\n\ngodebug asynctimerchan=2\n", False, False),
        (b"module m\n\ngo 1.24\n\ngodebug asynctimerchan=1\n\ntoolchain go1.27.0\n", False, True),
        (b"module m\n\ngo 1.24\n", False, True),
        (b"module m\n\ngo 1.22\n", True, False),
    ],
)
def test_godebug_asynctimerchan(gomod: bytes, leak: bool, synchronous: bool) -> None:
    version = parse_gomod(gomod, "go.mod")
    assert version.timers_leak is leak
    assert version.synchronous_timer_channels is synchronous


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (b"//go:build go1.21\n\npackage p\n", (1, 21)),
        (b"// Copyright\n\n//go:build linux && go1.22\n\npackage p\n", (1, 22)),
        (b"//go:build go1.18\n\npackage p\n", (1, 21)),  # never below go1.21
        (b"//go:build (linux && go1.22) || (windows && go1.20)\r\n\r\npackage p\r\n", (1, 21)),
        (b"//go:build linux || go1.20\n\npackage p\n", None),  # linux alone needs no version
        (b"//go:build !go1.22\n\npackage p\n", None),
        (b"//go:build go1.26\n\npackage p\n", None),  # not below the module's go 1.24
        (b"//go:build linux\n\npackage p\n", None),
        (b"//go:build go1.21 &&\n\npackage p\n", None),  # does not parse
        (b"package p\n\n//go:build go1.21\n", None),  # after the package clause: not a constraint
        (b"package p\n", None),
    ],
)
def test_file_language_version(header: bytes, language) -> None:
    from gofixleak.gomod import file_language_version

    module = GoVersion(go=(1, 24), source="go.mod")
    version = file_language_version(header, module)
    assert version.language == language
    assert version.go == (1, 24) and version.timers_leak == module.timers_leak
    if language is None:
        assert version == module
    else:
        assert not version.at_least(language[0], language[1] + 1) and version.at_least(*language)


def test_file_language_version_under_go_1_22() -> None:
    from gofixleak.gomod import file_language_version

    version = file_language_version(b"//go:build go1.21\n\npackage p\n", GoVersion(go=(1, 27), source="go.mod"))
    assert not version.at_least(1, 22) and version.at_least(1, 21)
    assert not version.timers_leak  # timers follow the module's go line


def test_go_debug_directive_overrides_gomod_godebug() -> None:
    module = parse_gomod(b"module m\n\ngo 1.23\n", "go.mod")
    source = b"//go:debug asynctimerchan=1\n\npackage main\n"
    version = file_version(source, module)
    assert version.timers_leak and not version.synchronous_timer_channels
    assert file_version(b"package main\n\n//go:debug asynctimerchan=1\n", module) == module
