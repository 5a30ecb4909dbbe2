"""Regenerate gofixleak/triage/profile_pb2.py from profile.proto.

Needs grpcio-tools (it ships protoc as a wheel): `pip install grpcio-tools`, then
`python scripts/generate_profile_pb2.py`. The generated module requires a protobuf runtime of
at least the protoc version printed here; keep pyproject.toml's protobuf pin in step.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TRIAGE = Path(__file__).resolve().parent.parent / "gofixleak" / "triage"


def main() -> int:
    command = [sys.executable, "-m", "grpc_tools.protoc", f"-I{TRIAGE}", f"--python_out={TRIAGE}", "profile.proto"]
    version = subprocess.run([sys.executable, "-m", "grpc_tools.protoc", "--version"], capture_output=True, text=True)
    if version.returncode != 0:
        print("grpcio-tools is not installed: pip install grpcio-tools", file=sys.stderr)
        return 2
    print(version.stdout.strip())
    return subprocess.run(command, cwd=TRIAGE).returncode


if __name__ == "__main__":
    raise SystemExit(main())
