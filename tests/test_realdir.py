"""Paths resolved the way os.path.realpath does, with each directory resolved once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gofixleak.pathfilter import PatternSet
from gofixleak.realdir import real_path


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = Path(os.path.realpath(tmp_path))
    (root / "a" / "b").mkdir(parents=True)
    (root / "gen").mkdir()
    (root / "gen" / "g.go").write_text("package gen\n")
    (root / "deep").symlink_to(root / "a" / "b", target_is_directory=True)
    (root / "a" / "link.go").symlink_to(root / "gen" / "g.go")
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize("path, is_dir", [
    ("deep/..", True),  # the link's target's parent, not `.`
    ("deep/../b", True),
    ("deep", True),
    ("a/link.go", False),  # a link to a file: its target
    ("deep/x.go", False),
    (".", True),
])
def test_real_path_is_realpath(tree: Path, path: str, is_dir: bool) -> None:
    assert real_path(path, is_dir) == os.path.realpath(path)


def test_an_exclude_matches_a_link_by_what_it_points_to(tree: Path) -> None:
    # Writing through the link would change the excluded file.
    assert PatternSet(tree, ["gen/"]).matches(Path("a/link.go"))
    assert not PatternSet(tree, ["a/"]).matches(Path("a/link.go"))
