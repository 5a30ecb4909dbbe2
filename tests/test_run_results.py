"""What `runner.run` keeps of each result: a run over a large tree holds one shared result
for the quiet files and the texts only of the files its output needs."""

from __future__ import annotations

from pathlib import Path

from codemods import RULE_IDS
from gofixleak import runner
from gofixleak.engine import Settings

LEAK = b"package m\n\nimport \"os\"\n\nfunc f() error {\n\tf, err := os.Open(\"x\")\n\tif err != nil {\n\t\treturn err\n\t}\n\t_ = f\n\treturn nil\n}\n"
BLANK = b"package m\n\nimport \"os\"\n\nfunc g() {\n\t_, _ = os.Open(\"y\")\n}\n"
CLEAN = b"package m\n\nfunc h() {}\n"


def tree(tmp_path: Path) -> list[Path]:
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.21\n")
    files = []
    for name, data in (("a.go", LEAK), ("b.go", BLANK), ("c.go", CLEAN)):
        (tmp_path / name).write_bytes(data)
        files.append(tmp_path / name)
    return files


def test_quiet_files_share_one_result(tmp_path: Path) -> None:
    leaky, blank, clean = runner.run(tree(tmp_path), RULE_IDS, Settings(), share_quiet=True)
    assert clean is runner.NOTHING
    assert leaky.findings and leaky.changed and blank.findings and not blank.changed


def test_texts_are_kept_only_where_the_output_needs_them(tmp_path: Path) -> None:
    files = tree(tmp_path)
    leaky, blank, _ = runner.run(files, RULE_IDS, Settings(), texts="all")
    assert leaky.original == LEAK and blank.original == BLANK
    leaky, blank, _ = runner.run(files, RULE_IDS, Settings(), texts="changed")
    assert leaky.original == LEAK and leaky.fixed != LEAK and blank.original == b""
    leaky, blank, _ = runner.run(files, RULE_IDS, Settings(), texts="none")
    assert (leaky.original, leaky.fixed, blank.original) == (b"", b"", b"")
    assert leaky.changed and not blank.changed, "a dropped text still counts as a change"
    # Such a result cannot be written by mistake: the file is refused, not emptied.
    assert len(runner.write_back(files, [leaky, blank, runner.NOTHING])) == 1 and files[0].read_bytes() == LEAK
