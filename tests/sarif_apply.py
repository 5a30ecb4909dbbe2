"""Applying a SARIF document's `fixes` to the files it names, as a code-scanning tool would."""

from __future__ import annotations

from pathlib import Path

from gofixleak.engine import apply_edits
from gofixleak.model import Edit


def sarif_applied(root: Path, document: dict) -> dict[str, bytes]:
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
