"""Cost that follows the size of a file: every fix of a file with many findings lands in one
pass (names are fresh per function), and the per-fix bookkeeping does not compare every fix
with every other. Timing targets live in scripts/benchmark.py; these check the behaviour."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from codemods.file_not_closed import FileNotClosed
from codemods.time_after_in_loop import TimeAfterInLoop
from gofixleak import engine
from gofixleak.codemod import Context
from gofixleak.engine import Settings, fix_file, select_fixes
from gofixleak.gomod import GoVersion
from gofixleak.model import Edit, Fix, FixStatus
from gofixleak.source import SourceFile, first_error

from gotool import go_env, gofmt_unformatted, require_go

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "scripts" / "gen_many_functions.py"


def generator():
    spec = importlib.util.spec_from_file_location("gen_many_functions", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_same_name_in_different_functions_lands_in_one_pass() -> None:
    first = Fix("a", (Edit.insert(10, b"timer := 1\n"),), declares=("timer",), scope=(0, 40))
    second = Fix("b", (Edit.insert(50, b"timer := 2\n"),), declares=("timer",), scope=(45, 90))
    same_function = Fix("c", (Edit.insert(60, b"timer := 3\n"),), declares=("timer",), scope=(45, 90))
    assert select_fixes([same_function, second, first]) == [first, second]


def test_a_name_without_a_scope_conflicts_with_the_same_name_anywhere() -> None:
    scoped = Fix("a", (Edit.insert(10, b"x"),), declares=("timer",), scope=(0, 40))
    whole = Fix("b", (Edit.insert(50, b"y"),), declares=("timer",))
    assert select_fixes([scoped, whole]) == [scoped]
    assert select_fixes([whole, Fix("c", (Edit.insert(60, b"z"),), declares=("timer",), scope=(55, 90))]) == [whole]


def test_every_fix_of_a_many_function_file_is_taken_in_the_first_pass() -> None:
    data = generator().source(40).encode()
    ctx = Context(SourceFile("many.go", data, GoVersion(go=(1, 21), source="test")))
    fixes = [f.fix for codemod in (TimeAfterInLoop(), FileNotClosed()) for f in codemod.run(ctx)]
    assert len(fixes) == 80 and all(fix is not None for fix in fixes)
    assert len(select_fixes(fixes)) == 80


def test_a_file_with_more_functions_than_passes_is_fixed_completely(monkeypatch) -> None:
    data = generator().source(3 * engine.MAX_PASSES).encode()
    passes = []
    original = engine.select_fixes
    monkeypatch.setattr(engine, "select_fixes", lambda fixes: passes.append(1) or original(fixes))
    result = fix_file("many.go", data, [TimeAfterInLoop(), FileNotClosed()], Settings(), GoVersion(go=(1, 21), source="test"))
    assert not result.notes, result.notes
    assert len(result.findings) == 6 * engine.MAX_PASSES
    assert all(f.fix == FixStatus.APPLIED for f in result.findings)
    assert len(passes) == 1  # one batch; the second analysis finds nothing left to fix
    assert first_error(SourceFile("many.go", result.fixed).tree) is None


def test_generated_file_is_fixed_in_one_write_and_builds(tmp_path: Path) -> None:
    go = require_go()
    subprocess.run([sys.executable, str(GENERATOR), "60", str(tmp_path)], check=True)
    command = [sys.executable, "-m", "gofixleak.cli", "--write", "-v", str(tmp_path)]
    first = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    assert "fixed 120 of 120 findings" in first.stderr and "converge" not in first.stderr
    again = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert again.returncode == 0 and "0 findings" in again.stderr
    vet = subprocess.run([go, "vet", "./..."], cwd=tmp_path, env=go_env(), capture_output=True, text=True)
    assert vet.returncode == 0, vet.stderr
    assert gofmt_unformatted([tmp_path / "many.go"]) == []


def test_a_one_file_scan_imports_neither_pydantic_nor_the_process_pool(tmp_path: Path) -> None:
    """Start-up: typer's pydantic-based option conversion and the process pool are only
    loaded when needed (they cost more than scanning a small file)."""
    (tmp_path / "one.go").write_bytes(generator().source(1).encode())
    probe = (
        "import sys\nfrom gofixleak.cli import main\n"
        "try:\n    main([sys.argv[1], '--format', 'json', '--jobs', '1', '--select', 'file-not-closed'])\n"
        "except SystemExit as exit:\n    code = exit.code\n"
        "print(code, sorted(m for m in ('pydantic', 'concurrent.futures.process') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "one.go")], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "1 []", result.stdout + result.stderr


def test_option_values_keep_their_types_and_errors(tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from gofixleak import cli

    (tmp_path / "one.go").write_bytes(generator().source(1).encode())
    seen = {}
    original = cli.run

    def spy(files, rules, settings, override, jobs, *rest, **kwargs):
        seen.update(files=files, rules=rules, settings=settings, jobs=jobs)
        return original(files, rules, settings, override, jobs, *rest, **kwargs)

    monkeypatch.setattr(cli, "run", spy)
    result = CliRunner().invoke(cli.scan_app, [str(tmp_path / "one.go"), "-j", "1", "--select", "file-not-closed",
                                 "--after-style", "deadline", "--format", "json"])
    assert result.exit_code == 1, result.output
    assert seen["jobs"] == 1 and seen["rules"] == ["file-not-closed"]
    assert seen["settings"].options == {"after_style": "deadline"}
    bad = CliRunner().invoke(cli.scan_app, [str(tmp_path / "one.go"), "--jobs", "x"])
    assert bad.exit_code == 2 and "--jobs" in bad.output
    bad = CliRunner().invoke(cli.scan_app, [str(tmp_path / "one.go"), "--format", "yaml"])
    assert bad.exit_code == 2 and "--format" in bad.output
