"""Every registered codemod keeps the contracts the engine relies on."""

from __future__ import annotations

from pathlib import Path

import pytest
from tree_sitter import QueryCursor

from codemods import REGISTRY
from gofixleak.codemod import Context
from gofixleak.source import SourceFile

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*ROOT.glob("golden/**/*.go"), *ROOT.glob("examples/*.go")])


def test_ids_are_unique_kebab_case() -> None:
    ids = [codemod.ID for codemod in REGISTRY]
    assert len(ids) == len(set(ids))
    assert all(rule == rule.lower() and " " not in rule and "_" not in rule for rule in ids)


@pytest.mark.parametrize("codemod", REGISTRY, ids=[c.ID for c in REGISTRY])
def test_anchored_matches_equal_whole_file_matches(codemod) -> None:
    """ANCHORS only speeds the query up: on every golden input and example the anchored
    run must see exactly the matches of a query over the whole file."""
    if not codemod.ANCHORS:
        pytest.skip("no anchors")
    instance = codemod()
    checked = 0
    for path in SOURCES:
        src = SourceFile(str(path), path.read_bytes())
        if not codemod.wants(src.data):
            continue
        whole = [
            sorted((name, [n.byte_range for n in nodes]) for name, nodes in captures.items())
            for _, captures in QueryCursor(codemod.query()).matches(src.root)
        ]
        anchored = [
            sorted((name, [n.byte_range for n in nodes]) for name, nodes in captures.items())
            for captures in instance._matches(Context(src).src)
        ]
        assert sorted(whole) == sorted(anchored), path
        checked += bool(whole)
    assert checked, f"{codemod.ID}: no golden input exercised its query"


def test_one_pass_trigger_search_agrees_with_each_rule_asking() -> None:
    from pathlib import Path

    from gofixleak.codemod import wanting

    samples = [p.read_bytes() for p in sorted(Path(__file__).resolve().parent.parent.glob("golden/**/*.go"))]
    samples += [b".OpenFile(", b".Open(", b"x.DialTimeout(y)", b"package p", b""]
    for data in samples:
        each = [c for c in REGISTRY if c.wants(data)]
        together = wanting(list(REGISTRY), data)
        assert set(each) <= set(together)
        # A rule whose own test parses is kept untested only when another rule parses the file.
        extra = set(together) - set(each)
        assert all(c.WANTS_PARSES for c in extra) and (not extra or set(together) - extra), data[:80]


def test_rules_silent_in_tests_are_not_wanted_for_test_files() -> None:
    from gofixleak.codemod import wanting

    data = b"package p\n\nfunc f(xs []string) {\n\tfor range xs {\n\t\tdefer println()\n\t}\n}\n"
    assert [c.ID for c in wanting(list(REGISTRY), data)] == ["defer-in-loop"]
    assert wanting(list(REGISTRY), data, "x_test.go") == []


def test_the_manifest_is_generated_from_the_rules() -> None:
    from pathlib import Path

    from gofixleak.manifest_gen import manifest_text

    manifest = Path(__file__).resolve().parent.parent / "codemods" / "manifest.py"
    assert manifest.read_text() == manifest_text(REGISTRY), "regenerate: python scripts/update_rule_table.py"


def test_choosing_by_reference_loads_the_same_rules_as_the_classes() -> None:
    from pathlib import Path

    from codemods import RULES
    from gofixleak.codemod import wanting

    assert [ref.load() for ref in RULES] == list(REGISTRY)
    for path in sorted(Path(__file__).resolve().parent.parent.glob("golden/*/*.go"))[::7]:
        data = path.read_bytes()
        assert [ref.load() for ref in wanting(RULES, data, str(path))] == wanting(list(REGISTRY), data, str(path)), path


def test_one_small_run_imports_only_the_rules_it_can_trigger(tmp_path) -> None:
    import subprocess
    import sys

    source = tmp_path / "main.go"
    source.write_text("package main\n\nfunc main() {\n\tdefer println()\n}\n")
    probe = ("import sys\nfrom gofixleak import cli\n"
             "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.startswith('codemods.') and m != 'codemods.manifest'))")
    out = subprocess.run([sys.executable, "-c", probe, str(source), "-q", "--no-cache"], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "['codemods.defer_in_loop']", out.stdout + out.stderr


def test_every_path_leaks_paragraph_names_what_leaks() -> None:
    """A rule's docstring takes the shared paragraph with `{path_leaks}`; its subject comes
    from PATH_LEAK_SUBJECT, so none may be left empty or unreplaced."""
    from codemods import RULES

    with_paragraph = []
    for rule in RULES:
        doc = rule.load().doc()
        assert "{path_leaks}" not in doc and "Path leaks:  or" not in doc, rule.ID
        if "Path leaks: " in doc:
            with_paragraph.append(rule.ID)
    assert {"file-not-closed", "http-body-not-closed", "sql-rows-not-closed", "ticker-not-stopped"} <= set(with_paragraph)
