"""The script behind `action.yml`: run gofixleak on a pull request's changes and leave the
files the later steps upload (SARIF, the patch, a review with suggested changes).

Everything it needs comes from the environment GitHub Actions sets (GITHUB_EVENT_PATH,
GITHUB_WORKSPACE, GITHUB_OUTPUT) and the action's inputs (INPUT_*), so it runs the same
offline on a saved event payload. It posts nothing itself: the action's `gh api` step does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from unidiff import PatchSet

_NO_COMMIT = "0" * 40


def base_revision(event_name: str, event: dict) -> str | None:
    """The commit the changes are measured from: the pull request's base, or for a push
    the commit before it; None (scan everything) for other events or a new branch."""
    if event_name in ("pull_request", "pull_request_target") and "pull_request" in event:
        return event["pull_request"]["base"]["sha"]
    if event_name == "push" and event.get("before") not in (None, _NO_COMMIT):
        return event["before"]
    return None


@dataclass(frozen=True)
class Suggestion:
    path: str
    start_line: int
    end_line: int
    text: str  # replacement for lines start_line..end_line, newline-terminated

    def comment(self, rules: list[str]) -> dict:
        why = ", ".join(f"`{rule}` (`gofixleak explain {rule}`)" for rule in rules) or "gofixleak"
        comment = {
            "path": self.path,
            "line": self.end_line,
            "side": "RIGHT",
            "body": f"gofixleak: {why}\n\n```suggestion\n{self.text}```\n",
        }
        if self.start_line != self.end_line:
            comment.update(start_line=self.start_line, start_side="RIGHT")
        return comment


def suggestions(patch_text: str) -> list[Suggestion]:
    """One suggestion per hunk of gofixleak's patch: the hunk's old lines (context included,
    so a pure insertion still has lines to hang on) replaced by its new lines."""
    found = []
    for patched in PatchSet(patch_text):
        for hunk in patched:
            if hunk.source_length == 0:
                continue
            text = "".join(line.value for line in hunk if not line.is_removed)
            found.append(Suggestion(patched.path, hunk.source_start, hunk.source_start + hunk.source_length - 1, text))
    return found


def reviewable_lines(diff_text: str) -> dict[str, list[tuple[int, int]]]:
    """Per path, the new-side line ranges a pull request's diff shows (GitHub accepts review
    comments only there)."""
    ranges: dict[str, list[tuple[int, int]]] = {}
    for patched in PatchSet(diff_text):
        if patched.is_removed_file:
            continue
        for hunk in patched:
            if hunk.target_length:
                ranges.setdefault(patched.path, []).append((hunk.target_start, hunk.target_start + hunk.target_length - 1))
    return ranges


def review(patch_text: str, pr_diff: str, sarif: dict, head_sha: str) -> dict:
    """The body of a "create a review" request: suggested changes for the hunks that lie
    inside the pull request's diff; the rest of the fixes stay in the patch artifact."""
    results = sarif["runs"][0]["results"] if sarif.get("runs") else []
    shown = reviewable_lines(pr_diff)
    comments = []
    for suggestion in suggestions(patch_text):
        inside = any(lo <= suggestion.start_line and suggestion.end_line <= hi for lo, hi in shown.get(suggestion.path, []))
        if not inside:
            continue
        rules = sorted({
            r["ruleId"] for r in results
            for location in r["locations"]
            if location["physicalLocation"]["artifactLocation"]["uri"] == suggestion.path
            and suggestion.start_line <= location["physicalLocation"]["region"]["startLine"] <= suggestion.end_line
        })
        comments.append(suggestion.comment(rules))
    return {
        "commit_id": head_sha,
        "event": "COMMENT",
        "body": f"gofixleak suggests {len(comments)} change(s); the full patch is attached to the workflow run.",
        "comments": comments,
    }


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


def main() -> int:
    env = os.environ
    workspace = Path(env.get("GITHUB_WORKSPACE", "."))
    out = Path(env.get("RUNNER_TEMP") or workspace) / "gofixleak"
    out.mkdir(parents=True, exist_ok=True)
    event = json.loads(Path(env["GITHUB_EVENT_PATH"]).read_text()) if env.get("GITHUB_EVENT_PATH") else {}
    base = base_revision(env.get("GITHUB_EVENT_NAME", ""), event)
    paths = (env.get("INPUT_PATHS") or ".").split()
    extra = (env.get("INPUT_ARGS") or "").split()

    if base is not None and _git("cat-file", "-e", f"{base}^{{commit}}", cwd=workspace).returncode != 0:
        # A shallow checkout: bring in just the base commit.
        _git("fetch", "--no-tags", "--depth=1", "origin", base, cwd=workspace)
    if base is not None:
        # The pull request's own changes: from where it left its base branch (GitHub's
        # three-dot diff), not from the base branch's newest commit.
        fork_point = _git("merge-base", base, "HEAD", cwd=workspace)
        if fork_point.returncode == 0:
            base = fork_point.stdout.strip()
    sarif_path, patch_path = out / "gofixleak.sarif", out / "gofixleak.patch"
    command = [sys.executable, "-m", "gofixleak.cli", "--format", "sarif", "--patch", str(patch_path), *extra]
    if base is not None:
        command += ["--new-from-rev", base]
    with sarif_path.open("w") as sarif_file:
        code = subprocess.run([*command, *paths], cwd=workspace, stdout=sarif_file).returncode
    try:
        sarif = json.loads(sarif_path.read_text())
    except ValueError:
        print("gofixleak failed; see the messages above", file=sys.stderr)
        return 2
    if code == 2:
        # With --format sarif the errors are in the report, not on stderr.
        for note in sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]:
            print(f"gofixleak: {note['message']['text']}", file=sys.stderr)
        return 2
    findings = len(sarif["runs"][0]["results"])
    outputs = {"sarif": str(sarif_path), "patch": str(patch_path), "findings": str(findings)}

    if env.get("INPUT_SUGGESTIONS", "false").lower() == "true" and "pull_request" in event:
        pr_diff = _git("diff", "--no-color", "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/", base or "HEAD", "--", cwd=workspace).stdout
        head = event["pull_request"]["head"]["sha"]
        review_path = out / "review.json"
        body = review(patch_path.read_text(), pr_diff, sarif, head)
        review_path.write_text(json.dumps(body, indent=2))
        outputs["review"] = str(review_path)
        outputs["suggestions"] = str(len(body["comments"]))

    if env.get("GITHUB_OUTPUT"):
        with open(env["GITHUB_OUTPUT"], "a") as handle:
            handle.writelines(f"{key}={value}\n" for key, value in outputs.items())
    print(f"gofixleak: {findings} finding(s) in the changed lines" if base else f"gofixleak: {findings} finding(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
