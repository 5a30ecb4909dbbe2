"""The README stays true: its test command is CI's, its rule table is the registry's."""

from __future__ import annotations

import re
from pathlib import Path

from codemods import REGISTRY
from gofixleak.docs import rule_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def test_ci_runs_the_readme_test_command() -> None:
    ci_lines = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if "pytest" in line]
    assert len(ci_lines) == 1
    assert f"\n{ci_lines[0]}\n" in README


def test_readme_rule_table_matches_registry() -> None:
    match = re.search(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", README, re.DOTALL)
    assert match, "README lost its rule table markers"
    assert match.group(1) == rule_table(REGISTRY), "regenerate with `gofixleak rules --markdown`"


def test_every_rule_doc_has_its_sections() -> None:
    for codemod in REGISTRY:
        doc = codemod.doc()
        for title in ("What it does", "Why is this bad?", "Example", "Fix", "Fix safety", "When the fix is withheld"):
            assert f"## {title}" in doc, f"{codemod.ID}: missing section {title!r}"
