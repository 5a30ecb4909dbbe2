"""The `gofixleak` command and `python -m gofixleak`. The command line module is imported
here, inside the handler, so a Ctrl-C while Python is still loading the tool also ends it
with exit 130 and one line rather than a traceback."""

from __future__ import annotations

import os
import sys

# As interrupt.EXIT_INTERRUPTED; not imported, so that nothing loads before the handler.
EXIT_INTERRUPTED = 130
_MESSAGE = "gofixleak: interrupted; no file was written\n"


def main() -> None:
    try:
        from .cli import main as run_cli

        run_cli()
    except KeyboardInterrupt:
        _exit_interrupted(_MESSAGE)
    except RuntimeError as error:
        # Python 3.11 wraps an exception raised in __set_name__ (dataclass fields being
        # created while importing) in a RuntimeError.
        if isinstance(error.__cause__, KeyboardInterrupt):
            _exit_interrupted(_MESSAGE)
        raise
    except SystemExit as exit:
        if exit.code == EXIT_INTERRUPTED:
            # typer turns a Ctrl-C that lands while it parses the command line into a
            # silent exit 130; the command's own messages have been printed already.
            silent = isinstance(getattr(exit.__context__, "__cause__", None), KeyboardInterrupt)
            _exit_interrupted(_MESSAGE if silent else "")
        raise


def _exit_interrupted(message: str) -> None:
    # CPython ends with a SIGINT of its own, whatever the exit code asked for, once a
    # KeyboardInterrupt has escaped code run by exec() (dataclasses and typing do that while
    # modules load). Leaving through os._exit keeps the promised status.
    sys.stderr.write(message)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    main()
