"""Rewrite the README's rule table from the rules' own documentation (after a rule's
docstring changed; tests/test_readme.py fails until this is run)."""

from __future__ import annotations

import re
from pathlib import Path

from codemods import REGISTRY
from gofixleak.docs import rule_table

README = Path(__file__).resolve().parent.parent / "README.md"

text = README.read_text(encoding="utf-8")
table = rule_table(REGISTRY)
README.write_text(re.sub(r"(<!-- rules:start -->\n).*?(<!-- rules:end -->)", lambda m: m.group(1) + table + m.group(2), text, flags=re.S),
                  encoding="utf-8")
