"""The registry: every codemod, in the order their fixes are preferred.

`RULES` (codemods/manifest.py) names each rule with its trigger text; a rule's module is
imported when the rule is first used, so one file's run loads only the rules its text
can trigger. `REGISTRY` imports every rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gofixleak.rule_ref import RuleRef

from .manifest import RULES

if TYPE_CHECKING:
    from gofixleak.codemod import Codemod

RULE_IDS: tuple[str, ...] = tuple(rule.ID for rule in RULES)


def ref(rule_id: str) -> RuleRef:
    return _REFS[rule_id]


def by_id() -> dict[str, type[Codemod]]:
    return {rule.ID: rule.load() for rule in RULES}


def registered() -> tuple[type[Codemod], ...]:
    """Every rule class, each module imported as it is written in the registry."""
    from .catalog_rules import RULES as CATALOG_RULES
    from .channel_field_never_received import ChannelFieldNeverReceived
    from .context_cancel_leak import ContextCancelLeak
    from .defer_in_loop import DeferInLoop
    from .file_not_closed import FileNotClosed
    from .goroutine_blocked_receive import GoroutineBlockedReceive
    from .goroutine_blocked_send import GoroutineBlockedSend
    from .http_body_not_closed import HttpBodyNotClosed
    from .producer_without_cancel import ProducerWithoutCancel
    from .runloop_send_after_stop import RunloopSendAfterStop
    from .sql_rows_not_closed import SqlRowsNotClosed
    from .ticker_not_stopped import TickerNotStopped
    from .time_after_in_loop import TimeAfterInLoop
    from .time_tick import TimeTick

    return (
        TimeAfterInLoop,
        TickerNotStopped,
        TimeTick,
        FileNotClosed,
        ContextCancelLeak,
        HttpBodyNotClosed,
        SqlRowsNotClosed,
        GoroutineBlockedSend,
        GoroutineBlockedReceive,
        RunloopSendAfterStop,
        ChannelFieldNeverReceived,
        ProducerWithoutCancel,
        DeferInLoop,
        *CATALOG_RULES,
    )


def __getattr__(name: str):
    if name == "REGISTRY":  # the classes, for docs and tests: imports every rule
        return registered()
    raise AttributeError(name)


_REFS = {rule.ID: rule for rule in RULES}
