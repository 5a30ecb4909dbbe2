"""The catalog of simple resource kinds: how each is acquired, what releases it, and how a
fix releases it. A kind here becomes a rule of its own (codemods/catalog_rules.py) with
the shared lifetime and path analyses; adding one is one entry."""

from __future__ import annotations

from dataclasses import dataclass

from .resources import Kind


@dataclass(frozen=True)
class Entry:
    rule: str
    summary: str
    noun: str  # "connection", "transaction", "timer"
    released: str  # past participle for messages: "closed", "stopped"
    kind: Kind  # the release methods, and which fields carry it
    release_call: str  # what a fix runs, with {name}: "{name}.Close()"
    functions: frozenset[tuple[str, str]] = frozenset()  # (import path, function) acquiring it
    # Methods acquiring it, on a receiver that is evidently one of the database/sql handle
    # types listed (the only receivers gofixleak can vouch for so far).
    sql_methods: frozenset[str] = frozenset()
    sql_receivers: tuple[str, ...] = ()
    results: int = 2  # the call's results; with 2 the last is its error
    # (import path, type) of the resource as a result: a function of the package returning
    # one it has just acquired is an opener for its callers (package_openers).
    returns: tuple[tuple[str, str], ...] = ()
    timer: bool = False  # severity follows the Go version's timer semantics
    fired_by_receive: bool = False  # a receive from its C channel means it fired: nothing left to stop
    doc: str = ""


CATALOG: tuple[Entry, ...] = (
    Entry(
        rule="conn-not-closed",
        summary="a network connection from net.Dial or tls.Dial is never closed",
        noun="connection",
        released="closed",
        kind=Kind(release=frozenset({"Close"})),
        release_call="{name}.Close()",
        functions=frozenset({
            ("net", "Dial"), ("net", "DialTimeout"), ("net", "DialTCP"), ("net", "DialUDP"),
            ("net", "DialUnix"), ("net", "DialIP"), ("crypto/tls", "Dial"), ("crypto/tls", "DialWithDialer"),
        }),
        returns=(("net", "Conn"), ("net", "TCPConn"), ("net", "UDPConn"), ("net", "UnixConn"), ("net", "IPConn"),
                 ("crypto/tls", "Conn")),
        doc="""
        ## Why is this bad?
        An open connection holds a socket and its file descriptor, and the peer keeps its
        end open too; a function called often runs the process out of descriptors.

        ## Example
            conn, err := net.Dial("tcp", addr)
            if err != nil {
                return err
            }
            _, err = conn.Write(ping)
            return err
        """,
    ),
    Entry(
        rule="tx-not-finished",
        summary="a database/sql transaction is neither committed nor rolled back",
        noun="transaction",
        released="committed or rolled back",
        kind=Kind(release=frozenset({"Commit", "Rollback"})),
        release_call="{name}.Rollback()",
        sql_methods=frozenset({"Begin", "BeginTx"}),
        sql_receivers=("DB", "Conn"),
        returns=(("database/sql", "Tx"),),
        doc="""
        ## Why is this bad?
        An open transaction holds its connection (and its locks in the database) until it
        is committed or rolled back; the pool runs dry and other queries wait.

        ## Example
            tx, err := db.Begin()
            if err != nil {
                return err
            }
            if _, err := tx.Exec(q); err != nil {
                return err
            }
            return tx.Commit()
        """,
    ),
    Entry(
        rule="timer-not-stopped",
        summary="a timer from time.NewTimer is never stopped and never fires in the function",
        noun="timer",
        released="stopped",
        kind=Kind(release=frozenset({"Stop"})),
        release_call="{name}.Stop()",
        functions=frozenset({("time", "NewTimer")}),
        results=1,
        returns=(("time", "Timer"),),
        timer=True,
        fired_by_receive=True,
        doc="""
        ## Why is this bad?
        Below go 1.23 an unstopped timer stays in the runtime's timer heap, with its
        channel, until it fires: a long timeout made on every call piles up. From go 1.23
        an unreferenced timer is collected, so it only costs work until then.

        ## Example
            t := time.NewTimer(time.Minute)
            select {
            case v := <-work:
                return v
            case <-t.C:
                return errTimeout
            case <-ctx.Done():
                return ctx.Err()
            }
        """,
    ),
)
