"""Golden cases: golden/<rule>/<case>.go -> <case>.go.golden and <case>.patch.

Each case runs through the real CLI in a scratch copy (with the go.mod files that govern it
and the extra arguments of <case>.args), and must:
- report exactly the lines marked `// want "regex"` in the input, with matching messages;
- produce <case>.go.golden with --write and <case>.patch with --patch;
- leave the golden output unchanged when run again (a fixed point);
- give a patch that `git apply` turns the input into the golden output, and SARIF fixes whose
  replacements do too;
- and, checked with the real Go toolchain: gofmt-clean output (where the input was), and
  output that builds; changed outputs must also be `go vet` clean.

Other files of the case's package, when it needs them, sit in <case>.siblings/ and are copied
next to it (they are not cases themselves, and are never changed).

A case with unsafe fixes has <case>.unsafe.go.golden (the output of --write --unsafe-fixes)
and <case>.unsafe.patch (the dry run's diff, whose unsafe hunks are marked); --write alone
must leave those fixes out (its output is <case>.go.golden). A case without these files must
have no unsafe fix. The unsafe output is held to the same checks (fixed point, gofmt, build).

`UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py` rewrites .go.golden and .patch.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import gotool
import pytest
from typer.testing import CliRunner

from gofixleak.cli import scan_app

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
_WANT = re.compile(r"// want ((?:\"(?:[^\"\\]|\\.)*\"\s*)+)$")
_QUOTED = re.compile(r"\"((?:[^\"\\]|\\.)*)\"")


def _cases() -> list[Path]:
    return sorted(
        p for p in GOLDEN.rglob("*.go")
        if p.is_file() and not any(part.endswith(".siblings") for part in p.relative_to(GOLDEN).parts)
    )


def _siblings(case: Path) -> list[Path]:
    """The other files of the case's package, from <case>.siblings/."""
    folder = case.with_name(case.stem + ".siblings")
    return sorted(folder.glob("*.go")) if folder.is_dir() else []


CASES = _cases()
IDS = [c.relative_to(GOLDEN).with_suffix("").as_posix() for c in CASES]


def _rule_dir(case: Path) -> Path:
    return GOLDEN / case.relative_to(GOLDEN).parts[0]


def _golden_path(case: Path) -> Path:
    return case.with_name(case.name + ".golden")


def _unsafe_golden_path(case: Path) -> Path:
    return case.with_name(case.stem + ".unsafe.go.golden")


def _governing_gomods(case: Path) -> list[Path]:
    rule_dir = _rule_dir(case)
    mods, directory = [], case.parent
    while True:
        if (directory / "go.mod").exists():
            mods.append(directory / "go.mod")
        if directory == rule_dir:
            return mods
        directory = directory.parent


def _go_line(case: Path) -> str:
    for gomod in _governing_gomods(case):
        match = re.search(r"^go\s+(\S+)", gomod.read_text(), re.MULTILINE)
        if match:
            return match.group(1)
    return "1.27"


def wants(source: bytes) -> list[tuple[int, str]]:
    """(line, regex) for every `// want "regex"` in `source`."""
    out = []
    for number, line in enumerate(source.decode().splitlines(), start=1):
        match = _WANT.search(line.rstrip("\r"))
        if match:
            out.extend((number, rx) for rx in _QUOTED.findall(match.group(1)))
    return out


@dataclass
class Outcome:
    output: bytes
    patch: bytes
    findings: list[dict]


def _run_cli(workdir: Path, target: str, extra: list[str], patch_file: Path, monkeypatch) -> Outcome:
    monkeypatch.chdir(workdir)
    result = CliRunner().invoke(
        scan_app, [target, "--write", "--patch", str(patch_file), "--format", "json", *extra]
    )
    assert result.exit_code in (0, 1), f"exit {result.exit_code}: {result.output}{result.exception!r}"
    document = json.loads(result.stdout)
    assert document["errors"] == [], document["errors"]
    return Outcome((workdir / target).read_bytes(), patch_file.read_bytes(), document["findings"])


def _scratch_copy(case: Path, text: bytes, root: Path) -> tuple[Path, str]:
    rule_dir = _rule_dir(case)
    work = root / rule_dir.name
    for gomod in _governing_gomods(case):
        target = work / gomod.relative_to(rule_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(gomod, target)
    rel = case.relative_to(rule_dir)
    (work / rel).parent.mkdir(parents=True, exist_ok=True)
    (work / rel).write_bytes(text)
    for sibling in _siblings(case):
        shutil.copyfile(sibling, (work / rel).parent / sibling.name)
    return work, rel.as_posix()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_golden_case(case: Path, tmp_path: Path, monkeypatch) -> None:
    source = case.read_bytes()
    args_file = case.with_suffix(".args")
    extra = shlex.split(args_file.read_text()) if args_file.exists() else []

    work, rel = _scratch_copy(case, source, tmp_path / "run")
    outcome = _run_cli(work, rel, extra, tmp_path / "out.patch", monkeypatch)

    expected = wants(source)
    found = [(f["line"], f["message"]) for f in outcome.findings]
    missing = [(line, rx) for line, rx in expected if not any(l == line and re.search(rx, m) for l, m in found)]
    noisy = [(line, m) for line, m in found if not any(l == line and re.search(rx, m) for l, rx in expected)]
    assert not missing, f"missing findings: {missing}"
    assert not noisy, f"unexpected findings: {noisy}"

    golden, patch = _golden_path(case), case.with_suffix(".patch")
    if UPDATE:
        golden.write_bytes(outcome.output)
        patch.write_bytes(outcome.patch)
    assert outcome.output == golden.read_bytes(), f"output differs from {golden.name}"
    assert outcome.patch == patch.read_bytes(), f"patch differs from {patch.name}"
    if outcome.output == source:
        assert outcome.patch == b""
    unsafe = [f for f in outcome.findings if f.get("applicability") == "unsafe"]
    assert all(f["fix"] == "available" for f in unsafe), "--write applied an unsafe fix"
    if unsafe or _unsafe_golden_path(case).exists():
        _check_unsafe_fixes(case, source, extra, tmp_path, monkeypatch, unsafe)

    # SARIF carries the same fixes: its replacements turn the input into the output.
    sarif_dir, sarif_rel = _scratch_copy(case, source, tmp_path / "sarif")
    monkeypatch.chdir(sarif_dir)
    sarif = CliRunner().invoke(scan_app, [sarif_rel, "--format", "sarif", *extra])
    assert _apply_sarif(json.loads(sarif.stdout), source) == outcome.output, "SARIF fixes differ from --write"

    # The fixed output is a fixed point.
    again_dir, again_rel = _scratch_copy(case, outcome.output, tmp_path / "again")
    again = _run_cli(again_dir, again_rel, extra, tmp_path / "again.patch", monkeypatch)
    assert again.output == outcome.output, "a second run changed the output"
    assert again.patch == b""

    # The patch applies to the input with git and yields the golden output.
    if outcome.patch:
        apply_dir, apply_rel = _scratch_copy(case, source, tmp_path / "apply")
        git = subprocess.run(
            ["git", "apply", "--whitespace=nowarn", str(tmp_path / "out.patch")],
            cwd=apply_dir, capture_output=True, text=True,
        )
        assert git.returncode == 0, git.stderr
        assert (apply_dir / apply_rel).read_bytes() == outcome.output


def _apply_sarif(document: dict, source: bytes) -> bytes:
    """`source` with the replacements of every SARIF result (by byte offset) applied."""
    edits = []
    for result in document["runs"][0]["results"]:
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                for replacement in change["replacements"]:
                    region = replacement["deletedRegion"]
                    edits.append((region["byteOffset"], region["byteLength"], replacement["insertedContent"]["text"].encode()))
    out, cursor = [], 0
    for start, length, new in sorted(edits):
        assert start >= cursor, "SARIF replacements overlap"
        out += [source[cursor:start], new]
        cursor = start + length
    return b"".join(out) + source[cursor:]


def _check_unsafe_fixes(case: Path, source: bytes, extra: list[str], tmp_path: Path, monkeypatch, unsafe: list[dict]) -> None:
    """The dry run shows and marks the unsafe fixes; --write --unsafe-fixes applies them."""
    from gofixleak.safety_report import UNSAFE_HUNK_NOTE

    golden, patch = _unsafe_golden_path(case), case.with_name(case.stem + ".unsafe.patch")
    assert unsafe, f"{golden.name} exists but no finding has an unsafe fix"
    work, rel = _scratch_copy(case, source, tmp_path / "dry")
    monkeypatch.chdir(work)
    dry = CliRunner().invoke(scan_app, [rel, *extra])
    assert dry.exit_code == 1 and (work / rel).read_bytes() == source
    assert "(unsafe fix)" in dry.stderr and "--unsafe-fixes" in dry.stderr
    assert UNSAFE_HUNK_NOTE in dry.stdout

    work, rel = _scratch_copy(case, source, tmp_path / "unsafe")
    applied = _run_cli(work, rel, [*extra, "--unsafe-fixes"], tmp_path / "unsafe.patch", monkeypatch)
    if UPDATE:
        golden.write_bytes(applied.output)
        patch.write_bytes(dry.stdout.encode())
    assert golden.exists(), f"{case.name} has unsafe fixes: run with UPDATE_GOLDEN=1 to write {golden.name}"
    assert applied.output == golden.read_bytes(), f"--unsafe-fixes output differs from {golden.name}"
    assert dry.stdout.encode() == patch.read_bytes(), f"dry run differs from {patch.name}"
    assert applied.output != _golden_path(case).read_bytes(), "the unsafe fixes changed nothing"
    assert {(f["line"], f["fix"]) for f in applied.findings if f.get("applicability") == "unsafe"} == {
        (f["line"], "applied") for f in unsafe
    }

    # The dry run's diff (safe hunks, then marked unsafe ones) gives the same output.
    apply_dir, apply_rel = _scratch_copy(case, source, tmp_path / "apply-unsafe")
    (tmp_path / "dry.patch").write_bytes(patch.read_bytes())
    git = subprocess.run(["git", "apply", "--whitespace=nowarn", str(tmp_path / "dry.patch")],
                         cwd=apply_dir, capture_output=True, text=True)
    assert git.returncode == 0, git.stderr
    assert (apply_dir / apply_rel).read_bytes() == applied.output

    again_dir, again_rel = _scratch_copy(case, applied.output, tmp_path / "unsafe-again")
    again = _run_cli(again_dir, again_rel, [*extra, "--unsafe-fixes"], tmp_path / "unsafe-again.patch", monkeypatch)
    assert again.output == applied.output and again.patch == b"", "a second --unsafe-fixes run changed the output"


# ------------------------------------------------------------------ real toolchain


@pytest.fixture(scope="session")
def toolchain_problems(tmp_path_factory) -> dict[str, list[str]]:
    """Build and vet every golden output once, grouped into one module per go version;
    returns the problems attributed to each case id."""
    gotool.require_go()
    root = tmp_path_factory.mktemp("golden-modules")
    problems: dict[str, list[str]] = {case_id: [] for case_id in IDS}
    by_version: dict[str, list[tuple[str, Path]]] = {}
    for case_id, case in zip(IDS, CASES):
        by_version.setdefault(_go_line(case), []).append((case_id, case))

    clean_inputs = []
    for case in CASES:
        if b"\r\n" not in case.read_bytes():
            clean_inputs.append(case)
    for name in gotool.gofmt_unformatted(clean_inputs):
        problems[IDS[CASES.index(Path(name))]].append(f"input is not gofmt-clean: {name}")
    outputs = [_golden_path(c) for c in clean_inputs if _golden_path(c).exists()]
    outputs += [_unsafe_golden_path(c) for c in clean_inputs if _unsafe_golden_path(c).exists()]
    for name in gotool.gofmt_unformatted(outputs):
        unsafe = name.endswith(".unsafe.go.golden")
        case = Path(name[: -len(".unsafe.go.golden")] + ".go") if unsafe else Path(name[: -len(".golden")])
        problems[IDS[CASES.index(case)]].append(f"{'--unsafe-fixes ' if unsafe else ''}output is not gofmt-clean")

    for version, members in by_version.items():
        module = root / f"go{version}"
        module.mkdir()
        (module / "go.mod").write_text(f"module golden\n\ngo {version}\n")
        owners: dict[str, str] = {}
        changed: set[str] = set()
        for index, (case_id, case) in enumerate(members):
            golden = _golden_path(case)
            if not golden.exists():
                problems[case_id].append("no .go.golden yet (run with UPDATE_GOLDEN=1)")
                continue
            package_dir = module / f"c{index}"
            package_dir.mkdir()
            (package_dir / case.name).write_bytes(golden.read_bytes())
            for sibling in _siblings(case):
                shutil.copyfile(sibling, package_dir / sibling.name)
            owners[f"c{index}/"] = case_id
            if golden.read_bytes() != case.read_bytes():
                changed.add(f"c{index}/")
            if _unsafe_golden_path(case).exists():
                unsafe_dir = module / f"c{index}u"
                unsafe_dir.mkdir()
                (unsafe_dir / case.name).write_bytes(_unsafe_golden_path(case).read_bytes())
                for sibling in _siblings(case):
                    shutil.copyfile(sibling, unsafe_dir / sibling.name)
                owners[f"c{index}u/"] = case_id
                changed.add(f"c{index}u/")
        for command, only_changed in ((["build", "./..."], False), (["vet", "./..."], True)):
            result = gotool.go(*command, cwd=module)
            if result.returncode == 0:
                continue
            attributed = False
            for line in (result.stdout + result.stderr).splitlines():
                for prefix, case_id in owners.items():
                    if re.search(rf"(^|[\s/]){re.escape(prefix)}", line) or re.search(rf"golden/{re.escape(prefix[:-1])}(?!\w)", line):
                        attributed = True
                        if not only_changed or prefix in changed:
                            problems[case_id].append(f"go {command[0]}: {line.strip()}")
            if not attributed:
                for case_id in owners.values():
                    problems[case_id].append(f"go {command[0]} failed: {result.stderr.strip()[:500]}")
    return problems


@pytest.mark.parametrize("case_id", IDS)
def test_golden_output_builds(case_id: str, toolchain_problems) -> None:
    assert toolchain_problems[case_id] == []


def test_every_rule_has_positive_and_negative_cases() -> None:
    from codemods import REGISTRY

    for codemod in REGISTRY:
        cases = [c for c in CASES if _rule_dir(c).name == codemod.ID]
        positives = [c for c in cases if wants(c.read_bytes())]
        negatives = [c for c in cases if not wants(c.read_bytes())]
        assert positives and negatives, f"{codemod.ID}: needs flagged and ok_ cases"
