"""The GitHub Action's script, run offline on a saved pull_request event payload."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema

from gofixleak.github_action import base_revision, review

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
LEAK = (ROOT / "examples" / "poll.go").read_text()
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]


def git(*args: str, cwd: Path) -> str:
    return subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def run_action(workspace: Path, event: dict, tmp_path: Path, **inputs: str) -> tuple[int, dict[str, str], str]:
    (tmp_path / "event.json").write_text(json.dumps(event))
    outputs = tmp_path / "github_output"
    outputs.write_text("")
    env = dict(os.environ, GITHUB_EVENT_NAME="pull_request", GITHUB_EVENT_PATH=str(tmp_path / "event.json"),
               GITHUB_WORKSPACE=str(workspace), GITHUB_OUTPUT=str(outputs), RUNNER_TEMP=str(tmp_path / "runner"),
               **{f"INPUT_{key.upper()}": value for key, value in inputs.items()})
    result = subprocess.run([sys.executable, "-m", "gofixleak.github_action"], cwd=workspace, env=env,
                            capture_output=True, text=True, timeout=120)
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    return result.returncode, values, result.stdout + result.stderr


def test_pull_request_event_gives_sarif_patch_and_suggestions(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", "-b", "main", cwd=repo)
    (repo / "go.mod").write_text("module m\n\ngo 1.21\n")
    (repo / "old.go").write_text(LEAK)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "fork point", cwd=repo)
    git("checkout", "-q", "-b", "feature", cwd=repo)
    (repo / "pkg").mkdir()
    (repo / "pkg" / "new.go").write_text(LEAK)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "new leak", cwd=repo)
    head = git("rev-parse", "HEAD", cwd=repo)
    # The base branch moves on: it deletes old.go, which the pull request still has. Measured
    # from the base's tip, old.go would look new; from the fork point it is not.
    git("checkout", "-q", "main", cwd=repo)
    git("rm", "-q", "old.go", cwd=repo)
    git("commit", "-q", "-m", "drop old", cwd=repo)
    base = git("rev-parse", "HEAD", cwd=repo)
    git("checkout", "-q", head, cwd=repo)

    event = {"pull_request": {"number": 7, "base": {"sha": base}, "head": {"sha": head}}}
    code, outputs, said = run_action(repo, event, tmp_path, suggestions="true")
    assert code == 0, said
    assert outputs["findings"] == "1"

    sarif = json.loads(Path(outputs["sarif"]).read_text())
    jsonschema.validate(sarif, SCHEMA)
    (result,) = sarif["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pkg/new.go"

    patch = Path(outputs["patch"])
    assert b"a/pkg/new.go" in patch.read_bytes() and b"old.go" not in patch.read_bytes()
    check = subprocess.run(["git", "apply", "--check", str(patch)], cwd=repo, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr

    body = json.loads(Path(outputs["review"]).read_text())
    assert outputs["suggestions"] == "1" and body["commit_id"] == head and body["event"] == "COMMENT"
    (comment,) = body["comments"]
    assert comment["path"] == "pkg/new.go" and comment["side"] == "RIGHT"
    assert "`time-after-in-loop`" in comment["body"] and "```suggestion\n" in comment["body"]
    # The suggestion, applied to its lines, gives the fixed file.
    suggested = comment["body"].split("```suggestion\n", 1)[1].rsplit("```", 1)[0]
    lines = LEAK.splitlines(keepends=True)
    start = comment.get("start_line", comment["line"])
    after = "".join(lines[: start - 1]) + suggested + "".join(lines[comment["line"]:])
    subprocess.run([sys.executable, "-m", "gofixleak.cli", "--write", "pkg/new.go"], cwd=repo, check=True)
    assert after == (repo / "pkg" / "new.go").read_text()


def test_other_events_scan_everything_and_errors_fail_the_step(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "go.mod").write_text("module m\n\ngo 1.21\n")
    (repo / "a.go").write_text(LEAK)
    code, outputs, said = run_action(repo, {}, tmp_path)
    assert (code, outputs["findings"]) == (0, "1"), said
    assert "review" not in outputs
    (repo / "bad.go").write_text("package m\n\nfunc f() {\n\t<-time.After(\n")
    code, _, said = run_action(repo, {}, tmp_path)
    assert code == 2 and "syntax error" in said


def test_base_revision() -> None:
    pr = {"pull_request": {"base": {"sha": "b" * 40}, "head": {"sha": "h" * 40}}}
    assert base_revision("pull_request", pr) == "b" * 40
    assert base_revision("push", {"before": "a" * 40}) == "a" * 40
    assert base_revision("push", {"before": "0" * 40}) is None  # a new branch
    assert base_revision("workflow_dispatch", {}) is None


def test_suggestions_outside_the_pull_requests_diff_are_left_to_the_patch() -> None:
    patch = (
        "diff --git a/a.go b/a.go\n--- a/a.go\n+++ b/a.go\n"
        "@@ -2,3 +2,4 @@\n x\n+y\n z\n w\n"
        "@@ -40,2 +41,2 @@\n-p\n+q\n r\n"
    )
    pr_diff = "diff --git a/a.go b/a.go\n--- a/a.go\n+++ b/a.go\n@@ -1,6 +1,6 @@\n a\n-b\n+x\n z\n w\n v\n u\n"
    sarif = {"runs": [{"results": [{"ruleId": "time-after-in-loop", "locations": [
        {"physicalLocation": {"artifactLocation": {"uri": "a.go"}, "region": {"startLine": 3}}}]}]}]}
    body = review(patch, pr_diff, sarif, "h" * 40)
    (comment,) = body["comments"]
    assert (comment["start_line"], comment["line"]) == (2, 4)
    assert comment["body"].endswith("```suggestion\nx\ny\nz\nw\n```\n")
    assert "`time-after-in-loop`" in comment["body"]
