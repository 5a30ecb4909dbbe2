"""Path-sensitive verdicts of the resource rules that golden cases cannot show: imports
that would not build here (golang.org/x/net/context, testify), and a function with a
syntax error beside clean ones."""

from __future__ import annotations

import textwrap

from codemods import by_id
from gofixleak.engine import Settings, fix_file
from gofixleak.gomod import GoVersion


def run(body: str, *rules: str):
    data = textwrap.dedent(body).lstrip().encode()
    codemods = [by_id()[rule]() for rule in rules]
    return fix_file("x_test.go", data, codemods, Settings(), GoVersion(go=(1, 21), source="test"))


def test_x_net_context_is_the_standard_context() -> None:
    result = run('''
        package p

        import "golang.org/x/net/context"

        func f(parent context.Context, c bool) {
        	_, cancel := context.WithCancel(parent)
        	if c {
        		return
        	}
        	cancel()
        }
    ''', "context-cancel-leak")
    assert [f.message for f in result.findings] == [
        "the cancel function `cancel` from context.WithCancel is not called on every path: the context leaks at the return on line 8"
    ]
    assert b"\tdefer cancel()\n" in result.fixed


def test_require_no_error_is_the_failed_acquisition_and_later_returns_leak() -> None:
    result = run('''
        package p

        import (
        	"os"
        	"testing"

        	"github.com/stretchr/testify/require"
        )

        func TestRead(t *testing.T) {
        	f, err := os.Open("x")
        	require.NoError(t, err)
        	if testing.Short() {
        		return
        	}
        	f.Close()
        }
    ''', "file-not-closed")
    assert [f.message for f in result.findings] == [
        "file `f` opened by os.Open is not closed on every path: it leaks at the return on line 14"
    ]
    assert b"\t\tf.Close()\n\t\treturn\n" in result.fixed


def test_t_fatal_on_the_error_path_is_no_leak() -> None:
    result = run('''
        package p

        import (
        	"os"
        	"testing"
        )

        func TestRead(t *testing.T) {
        	f, err := os.Open("x")
        	if err != nil {
        		t.Fatal(err)
        	}
        	if _, err := f.Stat(); err != nil {
        		t.Fatalf("stat: %v", err)
        	}
        	f.Close()
        }
    ''', "file-not-closed")
    assert result.findings == ()


def test_a_function_with_a_syntax_error_gets_no_verdict() -> None:
    broken = '''
        func broken(p string) {
        	f, _ := os.Open(p)
        	if p == "" {
        		return
        	}
        	f.Close()
        	x := := 1
        }
    '''
    result = run('''
        package p

        import "os"
    ''' + broken, "file-not-closed")
    assert result.findings == ()  # nothing reported inside a function the parser could not read
    assert textwrap.dedent(broken).encode() in result.fixed


def test_the_defer_goes_after_require_no_error() -> None:
    result = run('''
        package p

        import (
        	"os"
        	"testing"

        	"github.com/stretchr/testify/require"
        )

        func TestRead(t *testing.T) {
        	f, err := os.Open("x")
        	require.NoError(t, err)
        	_, _ = f.Stat()
        }
    ''', "file-not-closed")
    assert [f.message for f in result.findings] == ["file `f` opened by os.Open is never closed"]
    assert b"\trequire.NoError(t, err)\n\tdefer f.Close()\n" in result.fixed


def test_past_require_error_nothing_was_acquired() -> None:
    result = run('''
        package p

        import (
        	"net/http"
        	"testing"

        	"github.com/stretchr/testify/require"
        )

        func TestGet(t *testing.T, fail bool) {
        	resp, err := http.Get("http://127.0.0.1:1/")
        	if fail {
        		require.Error(t, err)
        		return
        	}
        	require.NoError(t, err)
        	resp.Body.Close()
        }
    ''', "http-body-not-closed")
    assert result.findings == ()
