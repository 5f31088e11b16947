"""Stop a batch cleanly: SIGTERM or SIGINT ends it after the current document, not inside one."""

from __future__ import annotations

import signal
from types import FrameType, TracebackType

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class StopOnSignal:
    """While entered, SIGTERM/SIGINT only set ``signal``; the batch loop checks it."""

    def __init__(self) -> None:
        self.signal: str | None = None
        self._previous: dict[int, object] = {}

    def _note(self, signum: int, _frame: FrameType | None) -> None:
        self.signal = signal.Signals(signum).name

    def __enter__(self) -> StopOnSignal:
        for sig in SIGNALS:
            self._previous[sig] = signal.signal(sig, self._note)
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
