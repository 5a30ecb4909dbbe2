"""Runtime proofs share this: a leaky Go file fixed by the engine itself (not by hand), the
unfixed and the fixed program built once, and a scenario run that prints `key=value` pairs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import gotool

from codemods import REGISTRY
from gofixleak.engine import Settings, fix_file
from gofixleak.model import FixStatus


def build_pair(root: Path, leaky: str, main: str, applied: set[tuple[str, int]],
               settings: Settings = Settings()) -> dict[str, Path]:
    """Fix `leaky` with every rule (at the fix level of `settings`), check exactly the fixes
    `applied` (rule, line) landed, and build both programs with `main`; returns their
    binaries by "unfixed" and "fixed" (the fixed source is beside it, in fixed/leaky.go)."""
    gotool.require_go()
    (root / "go.mod").write_text("module leakdemo\n\ngo 1.27\n")
    result = fix_file("leaky.go", leaky.encode(), [c() for c in REGISTRY], settings)
    assert {(f.rule, f.start.line) for f in result.findings if f.fix == FixStatus.APPLIED} == applied, result.findings
    for name, text in (("unfixed", leaky.encode()), ("fixed", result.fixed)):
        (root / name).mkdir()
        (root / name / "leaky.go").write_bytes(text)
        (root / name / "main.go").write_text(main)
    build = gotool.go("build", "-o", str(root / "bin") + "/", "./unfixed", "./fixed", cwd=root)
    assert build.returncode == 0, build.stderr
    return {"unfixed": root / "bin" / "unfixed", "fixed": root / "bin" / "fixed"}


def measure(binary: Path, scenario: str) -> dict[str, int]:
    out = subprocess.run([str(binary), scenario], capture_output=True, text=True, timeout=60, check=True)
    return {key: int(value) for key, value in (part.split("=") for part in out.stdout.split())}
