"""What a long run keeps: nothing of a file once it is analysed, and glibc's freed pages
handed back as megabytes of source go by. Figures live in scripts/benchmark.py (figure 3)."""

from __future__ import annotations

import gc

import pytest

from codemods import REGISTRY
from gofixleak import heap
from gofixleak.engine import Settings, fix_file
from gofixleak.gomod import GoVersion

LOOPS = b"""package p

import (
\t"os"
\t"time"
)

func poll(in <-chan int, names []string) error {
\tfor _, name := range names {
\t\tf, err := os.Open(name)
\t\tif err != nil {
\t\t\treturn err
\t\t}
\t\tfor {
\t\t\tselect {
\t\t\tcase <-in:
\t\t\tcase <-time.After(time.Second):
\t\t\t\tf.Close()
\t\t\t\treturn nil
\t\t\t}
\t\t}
\t}
\treturn nil
}

func send(done chan int) {
\tgo func() { done <- 1 }()
\tfor i := 0; i < 3; i++ {
\t\tif i == 1 {
\t\t\treturn
\t\t}
\t}
\t<-done
}
"""


def test_an_analysed_file_leaves_no_cycles_for_the_collector() -> None:
    """Control-flow graphs of loops link their blocks in cycles, and their nodes hold the
    syntax tree: were they left to the collector, trees would pile up between collections."""
    rules = [codemod() for codemod in REGISTRY]
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        result = fix_file("p.go", LOOPS, rules, Settings(), GoVersion(go=(1, 21)))
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage if type(o).__module__.startswith("gofixleak")]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert result.findings, "the graphs were built: the file has path findings"
    assert left == []


def test_freed_memory_is_handed_back_once_per_few_megabytes(monkeypatch: pytest.MonkeyPatch) -> None:
    trims: list[int] = []
    monkeypatch.setattr(heap, "_since", 0)
    monkeypatch.setattr(heap, "_malloc_trim", lambda: trims.append)
    for _ in range(10):
        heap.analysed(heap._EVERY // 4)
    assert trims == [0, 0]  # after the 4th and the 8th file
    monkeypatch.setattr(heap, "_malloc_trim", lambda: False)  # a libc without malloc_trim
    heap.analysed(heap._EVERY)


def test_the_real_trim_runs_where_there_is_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heap, "_trim", None)
    monkeypatch.setattr(heap, "_since", heap._EVERY)
    heap.analysed(0)  # glibc: trims; elsewhere: nothing, and no error
    assert heap._trim is not None


def test_the_collector_waits_until_the_file_is_analysed(tmp_path) -> None:
    from gofixleak import runner

    seen: list[bool] = []
    real_analysis = runner.analysis

    def analysis(job, data):
        seen.append(gc.isenabled())
        return real_analysis(job, data)

    path = tmp_path / "p.go"
    path.write_bytes(LOOPS)
    assert gc.isenabled()
    try:
        runner.analysis = analysis
        runner.run([path], [codemod.ID for codemod in REGISTRY], Settings(), jobs=1)
    finally:
        runner.analysis = real_analysis
    assert seen == [False] and gc.isenabled()
    gc.disable()  # a caller that turned it off keeps it off
    try:
        with heap.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
