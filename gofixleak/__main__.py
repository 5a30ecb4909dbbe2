"""The `gofixleak` command and `python -m gofixleak`. The command line module is imported
here, inside the handler, so a Ctrl-C while Python is still loading the tool also ends it
with exit 130 and one line rather than a traceback."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from .cli import main as run_cli

        run_cli()
    except KeyboardInterrupt:
        sys.stderr.write("gofixleak: interrupted; no file was written\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
