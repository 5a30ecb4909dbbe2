"""Fix safety through the command line: unsafe fixes are shown in a dry run, applied only
with --unsafe-fixes (write, patch), labelled in JSON; SARIF fixes give the --write bytes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gofixleak.engine import apply_edits
from gofixleak.model import Edit
from test_cli import scan, snapshot

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def examples(tmp_path: Path, monkeypatch) -> Path:
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root)
    monkeypatch.chdir(root)
    return root


def _sarif_applied(root: Path, document: dict) -> dict[str, bytes]:
    """Every file with the replacements of every SARIF result applied to its bytes."""
    edits: dict[str, list[Edit]] = {}
    for result in document["runs"][0]["results"]:
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                for replacement in change["replacements"]:
                    region = replacement["deletedRegion"]
                    start = region["byteOffset"]
                    new = replacement["insertedContent"]["text"].encode()
                    edits.setdefault(change["artifactLocation"]["uri"], []).append(
                        Edit(start, start + region["byteLength"], new)
                    )
    return {path: apply_edits((root / path).read_bytes(), found)[0] for path, found in edits.items()}


def test_sarif_fixes_reproduce_the_written_bytes(examples: Path) -> None:
    code, out, _ = scan(".", "--format", "sarif", "--min-severity", "info")
    assert code == 1
    document = json.loads(out)
    with_fixes = [r for r in document["runs"][0]["results"] if "fixes" in r]
    assert len(with_fixes) >= 5
    assert all(r["properties"]["applicability"] == "safe" for r in with_fixes)
    from_sarif = _sarif_applied(examples, document)
    before = snapshot(examples)

    code, _, _ = scan(".", "--write", "--min-severity", "info")
    written = {path: data for path, data in snapshot(examples).items() if data != before[path]}
    assert written and from_sarif == written


def test_sarif_region_lines_and_columns_agree_with_the_byte_offsets(examples: Path) -> None:
    _, out, _ = scan(".", "--format", "sarif", "--min-severity", "info")
    for result in json.loads(out)["runs"][0]["results"]:
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                data = (examples / change["artifactLocation"]["uri"]).read_bytes()
                for replacement in change["replacements"]:
                    region = replacement["deletedRegion"]
                    lines = data.split(b"\n")
                    start = sum(len(line) + 1 for line in lines[: region["startLine"] - 1])
                    prefix = lines[region["startLine"] - 1].decode()[: region["startColumn"] - 1]
                    assert start + len(prefix.encode()) == region["byteOffset"]
