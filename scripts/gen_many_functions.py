#!/usr/bin/env python3
"""Write a Go package whose one file holds N functions, each with one `time.After` select
loop and one file that is opened and never closed: a file with many findings, to check that
the cost per finding does not grow with the size of the file.

    python scripts/gen_many_functions.py N DIR

Writes DIR/go.mod (`go 1.21`, so both findings are warnings) and DIR/many.go.
"""

from __future__ import annotations

import argparse
from pathlib import Path

HEADER = """package many

import (
\t"os"
\t"time"
)

"""

FUNCTION = """func work{n}(events <-chan int, name string) (int, error) {{
\tf, err := os.Open(name)
\tif err != nil {{
\t\treturn 0, err
\t}}
\tbuf := make([]byte, 1)
\tif _, err := f.Read(buf); err != nil {{
\t\treturn 0, err
\t}}
\ttotal := int(buf[0])
\tfor {{
\t\tselect {{
\t\tcase v, ok := <-events:
\t\t\tif !ok {{
\t\t\t\treturn total, nil
\t\t\t}}
\t\t\ttotal += v
\t\tcase <-time.After(time.Second):
\t\t\treturn total, nil
\t\t}}
\t}}
}}
"""


def source(count: int) -> str:
    """The Go file with `count` functions, gofmt-clean."""
    return HEADER + "\n".join(FUNCTION.format(n=n) for n in range(count))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of functions")
    parser.add_argument("directory", type=Path, help="where to write go.mod and many.go")
    args = parser.parse_args()
    args.directory.mkdir(parents=True, exist_ok=True)
    (args.directory / "go.mod").write_text("module example.com/many\n\ngo 1.21\n")
    (args.directory / "many.go").write_text(source(args.count))


if __name__ == "__main__":
    main()
