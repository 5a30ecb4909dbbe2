"""The list of files a run covers, kept compact."""

from pathlib import Path

import pytest


def test_the_list_of_files_acts_as_a_list_of_paths() -> None:
    from gofixleak.discovery import PathList

    paths = [Path("a/x.go"), Path("b/y.go"), Path("c.go")]
    listed = PathList(paths)
    assert len(listed) == 3 and list(listed) == paths and listed == paths
    assert listed[0] == Path("a/x.go") and listed[-1] == Path("c.go") and listed[1:] == paths[1:]
    assert Path("b/y.go") in listed and Path("d.go") not in listed
    with pytest.raises(IndexError):
        listed[3]
    assert PathList([]) == [] and len(PathList([])) == 0


def test_a_walk_names_files_as_paths_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk builds its paths as text: they must read as Path would spell them, in
    path order, each file once, with the walk's own skips."""
    from gofixleak.discovery import find_go_files

    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    for name in ["b.go", "a.go", "sub/c.go", "sub/deeper/d.go", "notes.txt", "_hidden.go", ".dot.go"]:
        (tmp_path / name).write_text("package p\n")
    for skipped_dir in ["vendor", "testdata", "_build", ".cache"]:
        (tmp_path / skipped_dir).mkdir()
        (tmp_path / skipped_dir / "x.go").write_text("package p\n")
    (tmp_path / "linked").symlink_to(tmp_path / "sub", target_is_directory=True)  # not followed
    (tmp_path / "link.go").symlink_to(tmp_path / "a.go")
    (tmp_path / "sub" / "hard.go").hardlink_to(tmp_path / "b.go")  # the same file, met second

    monkeypatch.chdir(tmp_path)
    found = find_go_files(["."])
    assert [str(p) for p in found.files] == ["a.go", "b.go", "sub/c.go", "sub/deeper/d.go"]
    assert found.skipped == ["link.go: symbolic link skipped (name it, or use --follow-symlinks)"]
    assert [str(p) for p in find_go_files(["./sub/", "a.go"]).files] == ["a.go", "sub/c.go", "sub/deeper/d.go", "sub/hard.go"]
    assert find_go_files(["./sub/", "a.go"]).named == frozenset([Path("a.go")])
