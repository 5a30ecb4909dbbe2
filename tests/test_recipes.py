"""Every snippet of the README's "Pull requests, CI and editors" section, run as written
(placeholders for where gofixleak is hosted replaced by this checkout)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
HOSTED = "https://git.example.com/tools/gofixleak"
EXAMPLES = ROOT / "examples"

LEAK = (EXAMPLES / "poll.go").read_text()
DEFER_IN_LOOP = (EXAMPLES / "read_files.go").read_text()


def snippet(name: str) -> str:
    match = re.search(rf"<!-- snippet: {name} -->\n```\w*\n(.*?)```\n", README, re.DOTALL)
    assert match, f"README lost its {name!r} snippet"
    return match.group(1)


def test_every_snippet_of_the_section_is_tested() -> None:
    section = README.split("## Pull requests, CI and editors", 1)[1].split("\n## ", 1)[0]
    assert section.count("```") == 2 * section.count("<!-- snippet: ")
    names = re.findall(r"<!-- snippet: ([\w-]+) -->", section)
    tested = {"changed-lines", "config", "config-command", "pre-commit", "github-actions", "editor", "batch-change"}
    assert set(names) == tested


def environment(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com", GIT_CONFIG_GLOBAL=os.devnull, NO_COLOR="1")
    env.update(extra)
    return env


def bash(script: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=environment(**extra), capture_output=True,
                          text=True, timeout=300)


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env=environment(), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def module(tmp_path: Path) -> Path:
    root = tmp_path / "mod"
    root.mkdir()
    (root / "go.mod").write_text("module example.com/m\n\ngo 1.21\n")
    return root


def test_changed_lines_snippet(module: Path) -> None:
    git("init", "-q", cwd=module)
    (module / "old.go").write_text(LEAK)
    git("add", "-A", cwd=module)
    git("commit", "-q", "-m", "old", cwd=module)
    git("update-ref", "refs/remotes/origin/main", "HEAD", cwd=module)
    (module / "new.go").write_text(LEAK.replace("func drain", "func drainAgain"))
    git("add", "-A", cwd=module)
    git("commit", "-q", "-m", "new", cwd=module)

    result = bash(snippet("changed-lines"), module)
    sarif = json.loads((module / "gofixleak.sarif").read_text())
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]] == ["new.go"]
    assert (module / "old.go").read_text() == LEAK  # outside the change: left alone
    assert "time.After" not in (module / "new.go").read_text(), result.stderr


def test_config_snippets(module: Path) -> None:
    (module / ".gofixleak.toml").write_text(snippet("config"))
    (module / "gen").mkdir()
    (module / "internal" / "legacy").mkdir(parents=True)
    for directory in (module, module / "gen", module / "internal" / "legacy"):
        (directory / "read_files.go").write_text(DEFER_IN_LOOP)
        (directory / "poll.go").write_text(LEAK)
    result = bash("gofixleak --format json", module)
    found = sorted((f["path"], f["rule"]) for f in json.loads(result.stdout)["findings"])
    assert found == [
        ("internal/legacy/poll.go", "time-after-in-loop"),
        ("poll.go", "time-after-in-loop"),
        ("read_files.go", "defer-in-loop"),
    ]
    shown = bash(snippet("config-command"), module)
    assert shown.returncode == 0, shown.stderr
    config = (module / ".gofixleak.toml").resolve()
    assert re.search(r'^min-severity = "info" +# --min-severity$', shown.stdout, re.MULTILINE)
    assert re.search(rf'^go-version = "1.22" +# {re.escape(str(config))}:6$', shown.stdout, re.MULTILINE)
    assert re.search(rf'^"internal/legacy/\*\*" = \["defer-in-loop"\] +# {re.escape(str(config))}:12$', shown.stdout, re.MULTILINE)


def _hooks_repo() -> tuple[str, str]:
    """This checkout as a repository pre-commit can clone, and its commit."""
    if not (ROOT / ".git").exists():
        pytest.skip("the pre-commit recipe clones this checkout, which is not a git work tree")
    return str(ROOT), git("rev-parse", "HEAD", cwd=ROOT).strip()


def test_pre_commit_snippet_fixes_staged_files_and_fails_like_gofmt(module: Path, tmp_path: Path) -> None:
    assert shutil.which("pre-commit", path=environment()["PATH"]), "the dev extra installs pre-commit"
    repo, rev = _hooks_repo()
    config = snippet("pre-commit").replace(HOSTED, repo).replace("rev: v0.1.0", f"rev: {rev}")
    home = dict(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    git("init", "-q", cwd=module)
    (module / ".pre-commit-config.yaml").write_text(config)
    (module / "poll.go").write_text(LEAK)
    git("add", "-A", cwd=module)
    assert bash("pre-commit install", module, **home).returncode == 0

    first = bash("git commit -q -m leak", module, **home)
    said = first.stdout + first.stderr  # git shows the hook's output on stderr
    assert first.returncode != 0, said
    assert "gofixleak (fix leaks)" in said and "files were modified by this hook" in said
    fixed = (module / "poll.go").read_text()
    assert "time.After" not in fixed and "time.NewTimer" in fixed
    git("add", "-A", cwd=module)
    second = bash("git commit -q -m fixed", module, **home)
    assert second.returncode == 0, second.stdout + second.stderr
    assert git("show", "HEAD:poll.go", cwd=module) == fixed

    # The report-only hook fails on a finding and changes nothing.
    (module / "poll2.go").write_text(LEAK.replace("func drain", "func drain2"))
    git("add", "-A", cwd=module)
    check = bash(f"pre-commit try-repo {repo} gofixleak-check --ref {rev}", module, **home)
    assert check.returncode == 1, check.stdout
    assert "poll2.go:" in check.stdout and "[time-after-in-loop]" in check.stdout
    assert (module / "poll2.go").read_text() == LEAK.replace("func drain", "func drain2")


def test_github_actions_snippet_uses_the_action_as_it_is() -> None:
    workflow = yaml.safe_load(snippet("github-actions"))
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    steps = workflow["jobs"]["gofixleak"]["steps"]
    checkout, ours = steps
    assert checkout["with"]["fetch-depth"] == 0  # the base commit must be there
    assert ours["uses"].startswith("tools/gofixleak@")
    assert set(ours["with"]) <= set(action["inputs"])
    assert workflow["permissions"]["security-events"] == "write"  # SARIF upload
    run = next(step for step in action["runs"]["steps"] if step.get("id") == "run")
    assert run["run"] == "python -m gofixleak.github_action"
    assert set(run["env"]) == {"INPUT_PATHS", "INPUT_ARGS", "INPUT_SUGGESTIONS"}
    outputs_used = set(re.findall(r"steps\.run\.outputs\.(\w+)", (ROOT / "action.yml").read_text()))
    assert outputs_used == {"findings", "sarif", "patch", "suggestions", "review"}


def test_editor_snippet(module: Path) -> None:
    (module / "poll.go").write_text(LEAK)
    result = bash(snippet("editor"), module, FILE="poll.go")
    assert result.returncode == 0, result.stderr
    assert "time.NewTimer" in result.stdout and "time.After" not in result.stdout
    assert "poll.go:" in result.stderr
    assert (module / "poll.go").read_text() == LEAK


def test_batch_change_snippet_runs_in_a_repository_and_describes_the_pull_request(module: Path) -> None:
    spec = yaml.safe_load(snippet("batch-change"))
    (step,) = spec["steps"]
    assert step["outputs"]["description"]["value"] == "${{ step.stdout }}"
    assert spec["changesetTemplate"]["body"] == "${{ outputs.description }}"
    install, *script = step["run"].splitlines()
    assert install == f"pip install --quiet git+{HOSTED}"  # this test's environment has it already

    (module / "poll.go").write_text(LEAK)
    (module / "workers.go").write_text((EXAMPLES / "workers.go").read_text())
    # Batch changes runs a step as `sh -c`.
    result = subprocess.run(["sh", "-c", "\n".join(script)], cwd=module, env=environment(), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "time.After" not in (module / "poll.go").read_text()
    description = result.stdout
    assert description.startswith("gofixleak fixed 1 leak(s) in 1 file(s); 1 more need a person")
    assert "| `time-after-in-loop` | `poll.go:14` | applied | safe |" in description
    assert "| `goroutine-blocked-receive` | `workers.go:" in description
    assert "**Why:** Every pass through the loop creates a new timer." in description
    assert "`gofixleak explain time-after-in-loop`" in description
