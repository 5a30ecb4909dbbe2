"""The registry: every codemod, in the order their fixes are preferred."""

from __future__ import annotations

from gofixleak.codemod import Codemod

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
from .catalog_rules import RULES as CATALOG_RULES

REGISTRY: tuple[type[Codemod], ...] = (
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


def by_id() -> dict[str, type[Codemod]]:
    return {codemod.ID: codemod for codemod in REGISTRY}
