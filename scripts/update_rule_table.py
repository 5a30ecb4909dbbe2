"""Rewrite what is derived from the rules' own code: the README's rule table (after a
rule's docstring changed) and codemods/manifest.py (after a rule was added or its trigger
text changed). tests/test_readme.py and tests/test_registry.py fail until this is run."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "codemods" / "manifest.py"
# A stale manifest may not even load: the rules are read with an empty one in its place.
MANIFEST.write_text("RULES = ()\n", encoding="utf-8")

from codemods import registered  # noqa: E402
from gofixleak.docs import rule_table  # noqa: E402
from gofixleak.manifest_gen import manifest_text  # noqa: E402

README = ROOT / "README.md"

text = README.read_text(encoding="utf-8")
table = rule_table(registered())
README.write_text(re.sub(r"(<!-- rules:start -->\n).*?(<!-- rules:end -->)", lambda m: m.group(1) + table + m.group(2), text, flags=re.S),
                  encoding="utf-8")
MANIFEST.write_text(manifest_text(registered()), encoding="utf-8")
