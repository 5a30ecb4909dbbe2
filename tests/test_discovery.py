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
