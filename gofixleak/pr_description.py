"""A pull request description from a JSON report (`gofixleak --write --format json`), for
fleet campaigns: what each rule fixed, why it matters, how safe the fix is, and where to
read more. `python -m gofixleak.pr_description REPORT.json` prints Markdown."""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from codemods import by_id


def section(doc: str, title: str) -> str:
    """The text of `## title` in a rule's documentation, as one paragraph."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", doc, re.MULTILINE | re.DOTALL)
    return " ".join(match.group(1).split()) if match else ""


def safety(finding: dict) -> str:
    """The fix's safety level when the report carries one; otherwise what gofixleak
    guarantees for an applied fix (it applies only fixes it can prove keep behaviour)."""
    level = finding.get("applicability") or finding.get("safety")
    if level:
        return str(level)
    return "safe" if finding["fix"] == "applied" else "no fix"


def describe(report: dict) -> str:
    findings = report["findings"]
    fixed = [f for f in findings if f["fix"] == "applied"]
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for finding in findings:
        by_rule[finding["rule"]].append(finding)
    lines = [
        f"gofixleak fixed {len(fixed)} leak(s) in {report['files_changed']} file(s)"
        + (f"; {len(findings) - len(fixed)} more need a person (listed below)." if len(findings) > len(fixed) else "."),
        "",
        "| rule | where | fix | safety |",
        "| --- | --- | --- | --- |",
    ]
    for finding in findings:
        where = f"`{finding['path']}:{finding['line']}`"
        fix = finding["fix"] if finding["fix"] != "none" else f"none: {finding.get('no_fix_reason', '')}"
        lines.append(f"| `{finding['rule']}` | {where} | {fix} | {safety(finding)} |")
    registry = by_id()
    for rule in sorted(by_rule):
        codemod = registry.get(rule)
        lines += ["", f"### `{rule}`", ""]
        if codemod is not None:
            doc = codemod.doc()
            lines += [f"{codemod.SUMMARY}.", "", f"**Why:** {section(doc, 'Why is this bad?')}", "",
                      f"**The fix:** {section(doc, 'Fix')}", ""]
        lines.append(f"Full documentation: `gofixleak explain {rule}`.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m gofixleak.pr_description REPORT.json", file=sys.stderr)
        return 2
    try:
        report = json.loads(Path(args[0]).read_text())
    except (OSError, ValueError) as exc:
        print(f"{args[0]}: cannot read the report: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(describe(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
