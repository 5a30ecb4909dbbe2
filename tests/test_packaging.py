"""`pip install .` (not editable) ships every package and query file the tool imports."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_python_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    present = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("gofixleak", "codemods")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert present == listed


def test_query_files_are_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "*.scm" in config["tool"]["setuptools"]["package-data"]["codemods"]
    assert not list((ROOT / "gofixleak").rglob("*.scm")), "queries live beside their codemods"
