"""Rule documentation pulled from codemod docstrings: sections and the README table."""

from __future__ import annotations

import re
from collections.abc import Sequence


def section(doc: str, title: str) -> str:
    """The text under `## title` in a rule docstring ('' when absent)."""
    match = re.search(rf"^## {re.escape(title)}\s*$(.*?)(?=^## |\Z)", doc, re.MULTILINE | re.DOTALL)
    return match.group(1).strip() if match else ""


def _one_line(text: str) -> str:
    items = [re.sub(r"\s+", " ", item).strip() for item in re.split(r"^\s*- ", text, flags=re.MULTILINE)]
    return "; ".join(item.rstrip(".;") for item in items if item) or "never"


def rule_table(rules: Sequence[type]) -> str:
    """Markdown table of the rules, as the README shows it."""
    rows = [
        "| rule | finds | severity | fix withheld when |",
        "| --- | --- | --- | --- |",
    ]
    for rule in rules:
        withheld = _one_line(section(rule.doc(), "When the fix is withheld")).replace("|", "\\|")
        rows.append(f"| `{rule.ID}` | {rule.SUMMARY} | {rule.SEVERITY_DOC} | {withheld} |")
    return "\n".join(rows) + "\n"
