#!/usr/bin/env python3
"""Time a full gofixleak scan of $GOROOT/src against a bare tree-sitter parse of the same files.

    python scripts/benchmark.py [--jobs N] [--min-severity LEVEL] [--go-version X.Y] [--root DIR]

The scan is `gofixleak.runner.run` with every registered rule (what `gofixleak DIR` does,
minus printing). The baseline parses every file with tree-sitter-go in 2 worker processes
and does nothing else. Both read the files from disk; run it twice for a warm cache.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tree_sitter import Parser  # noqa: E402

from codemods import REGISTRY  # noqa: E402
from gofixleak.discovery import discover  # noqa: E402
from gofixleak.engine import Settings  # noqa: E402
from gofixleak.gomod import parse_version  # noqa: E402
from gofixleak.model import FixStatus, Severity  # noqa: E402
from gofixleak.runner import run  # noqa: E402
from gofixleak.source import GO  # noqa: E402

PARSE_WORKERS = 2
_parser: Parser | None = None


def _parse_chunk(paths: list[str]) -> tuple[int, int]:
    """(bytes parsed, files with a syntax error) for a chunk of files."""
    global _parser
    if _parser is None:
        _parser = Parser(GO)
    size = errors = 0
    for path in paths:
        data = Path(path).read_bytes()
        size += len(data)
        errors += _parser.parse(data).root_node.has_error
    return size, errors


def goroot_src() -> Path:
    env = dict(os.environ, GOTOOLCHAIN="local", GOFLAGS="-mod=mod", GOPROXY="off")
    go = Path(sys.executable).with_name("go")
    command = str(go) if go.exists() else "go"
    root = subprocess.run([command, "env", "GOROOT"], env=env, capture_output=True, text=True, check=True)
    return Path(root.stdout.strip()) / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=0, help="scan worker processes (default: one per CPU)")
    parser.add_argument("--min-severity", default="warning", help="info, warning or error")
    parser.add_argument("--go-version", default=None, help="override every go.mod, e.g. 1.21")
    parser.add_argument("--root", type=Path, default=None, help="tree to scan (default: $GOROOT/src)")
    args = parser.parse_args()
    root = args.root or goroot_src()
    settings = Settings(min_severity=Severity.parse(args.min_severity))
    override = parse_version(args.go_version) if args.go_version else None
    rules = [codemod.ID for codemod in REGISTRY]

    started = time.perf_counter()
    files = discover([str(root)])
    discovered = time.perf_counter() - started

    started = time.perf_counter()
    results = run(files, rules, settings, override, args.jobs)
    scan_seconds = time.perf_counter() - started

    chunks = [[str(f) for f in files[i : i + 64]] for i in range(0, len(files), 64)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=PARSE_WORKERS) as pool:
        parsed = list(pool.map(_parse_chunk, chunks))
    parse_seconds = time.perf_counter() - started

    megabytes = sum(size for size, _ in parsed) / 1e6
    findings = [f for r in results for f in r.findings]
    jobs = args.jobs or os.cpu_count() or 1
    print(f"root: {root}  ({len(files)} files, {megabytes:.1f} MB, discovered in {discovered:.2f}s)")
    print(f"rules: {len(rules)}  min severity: {settings.min_severity.label}  go version: {args.go_version or 'go.mod'}")
    print(f"{'pass':<32}{'files':>7}{'seconds':>10}{'files/s':>10}")
    print(f"{f'gofixleak scan ({jobs} jobs)':<32}{len(files):>7}{scan_seconds:>10.2f}{len(files) / scan_seconds:>10.0f}")
    print(f"{f'tree-sitter parse ({PARSE_WORKERS} procs)':<32}{len(files):>7}{parse_seconds:>10.2f}{len(files) / parse_seconds:>10.0f}")
    print(f"ratio scan/parse: {scan_seconds / parse_seconds:.2f}")
    print(
        f"scan: {len(findings)} findings, {sum(f.fix == FixStatus.APPLIED for f in findings)} fixable, "
        f"{sum(r.changed for r in results)} files would change, {sum(bool(r.error) for r in results)} errors; "
        f"parse: {sum(e for _, e in parsed)} files with tree-sitter errors"
    )


if __name__ == "__main__":
    main()
