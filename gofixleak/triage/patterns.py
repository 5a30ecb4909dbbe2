"""What a wait reason or an allocating call means: the rules that find it, and a hint
naming the pattern when no rule did."""

from __future__ import annotations

_SEND = "goroutine-blocked-send"
_RECEIVE = "goroutine-blocked-receive"

# Wait reason -> (rules whose findings in the same function explain it, hint).
WAITS: dict[str, tuple[frozenset[str], str]] = {
    "chan send": (
        frozenset({_SEND}),
        "blocked sending on a channel whose receiver can return first (buffer it, or select on ctx.Done())",
    ),
    "chan receive": (
        frozenset({_RECEIVE}),
        "blocked receiving from a channel nobody sends to or closes (close it, or select on ctx.Done())",
    ),
    "chan send (nil chan)": (frozenset(), "sending on a nil channel blocks forever"),
    "chan receive (nil chan)": (frozenset(), "receiving from a nil channel blocks forever"),
    "select": (
        frozenset({_SEND, _RECEIVE, "context-cancel-leak"}),
        "a select none of whose cases becomes ready (add a ctx.Done() case)",
    ),
    "select (no cases)": (frozenset(), "an empty select{} blocks forever"),
    "sync.Mutex.Lock": (frozenset(), "a mutex some path never unlocks (defer mu.Unlock())"),
    "sync.RWMutex.Lock": (frozenset(), "a RWMutex some path never unlocks"),
    "sync.RWMutex.RLock": (frozenset(), "a RWMutex some path never unlocks"),
    "sync.WaitGroup.Wait": (frozenset(), "a WaitGroup some path never calls Done on"),
    "sync.Cond.Wait": (frozenset(), "a sync.Cond nobody signals"),
    "IO wait": (frozenset({"http-body-not-closed"}), "network I/O: a connection nobody closes, or no deadline"),
    "sleep": (frozenset(), "in time.Sleep: not blocked forever"),
}

# Runtime frames of a goroutine profile sample -> the wait reason a dump would print.
BLOCKING_CALLS = {
    "runtime.chansend": "chan send",
    "runtime.chanrecv": "chan receive",
    "runtime.selectgo": "select",
    "runtime.block": "select (no cases)",
    "sync.runtime_SemacquireMutex": "sync.Mutex.Lock",
    "internal/sync.runtime_SemacquireMutex": "sync.Mutex.Lock",
    "sync.runtime_SemacquireRWMutexR": "sync.RWMutex.RLock",
    "sync.runtime_SemacquireRWMutex": "sync.RWMutex.Lock",
    "sync.runtime_SemacquireWaitGroup": "sync.WaitGroup.Wait",
    "sync.runtime_notifyListWait": "sync.Cond.Wait",
    "internal/poll.runtime_pollWait": "IO wait",
    "time.Sleep": "sleep",
}

# Standard constructors whose allocations are charged to the user frame calling them.
ALLOCATORS: dict[str, tuple[frozenset[str], str]] = {
    "time.After": (
        frozenset({"time-after-in-loop"}),
        "a timer per call; in a loop, reuse one (before go 1.23 each lives until it fires)",
    ),
    "time.NewTimer": (frozenset({"time-after-in-loop"}), "a timer per call: Stop it, or reuse one with Reset"),
    "time.NewTicker": (frozenset({"ticker-not-stopped"}), "a ticker per call: defer ticker.Stop()"),
    "time.Tick": (frozenset({"time-tick"}), "time.Tick's ticker is never stopped: use time.NewTicker"),
    "time.AfterFunc": (frozenset(), "a timer per call: keep it and Stop it"),
    **{
        f"context.{name}": (
            frozenset({"context-cancel-leak"}),
            "a context (and its timer) held until cancel is called",
        )
        for name in ("WithTimeout", "WithDeadline", "WithCancel", "WithTimeoutCause", "WithDeadlineCause", "WithCancelCause")
    },
}


def wait_rules(reason: str) -> frozenset[str]:
    return WAITS.get(reason, (frozenset(), ""))[0]


def wait_hint(reason: str) -> str:
    if reason in ("running", "runnable", "syscall", ""):
        return ""
    return WAITS.get(reason, (frozenset(), f"waiting ({reason})"))[1]


def allocator_rules(via: str) -> frozenset[str]:
    return ALLOCATORS.get(via, (frozenset(), ""))[0]


def allocator_hint(via: str) -> str:
    return ALLOCATORS.get(via, (frozenset(), ""))[1]


def wait_reason_from_stack(function_names: list[str]) -> str:
    """The wait reason a dump would show, guessed from a profile stack (leaf first)."""
    for name in function_names:
        if name in BLOCKING_CALLS:
            return BLOCKING_CALLS[name]
    return ""
