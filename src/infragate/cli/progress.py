"""Progress on stderr for runs that take a while: shown only when stderr is a terminal, and
only once a run has lasted `delay` seconds, so quick runs and piped output stay silent."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

DEFAULT_DELAY = 1.0
# Tests and slow terminals set how long a run stays silent (seconds).
DELAY_VARIABLE = "INFRAGATE_PROGRESS_AFTER"


class Report(Protocol):
    def __call__(self, message: str) -> None: ...


def _delay() -> float:
    try:
        return max(0.0, float(os.environ.get(DELAY_VARIABLE, DEFAULT_DELAY)))
    except ValueError:
        return DEFAULT_DELAY


@contextmanager
def progress(what: str, stream: Any = None) -> Iterator[Report]:
    """Yield a function that records the current step; a spinner with that step appears on a
    terminal's stderr once `delay` has passed, and is cleared when the block ends."""
    stream = sys.stderr if stream is None else stream
    latest = [what]
    if not (hasattr(stream, "isatty") and stream.isatty()):
        yield lambda message: None
        return
    from rich.console import Console

    from infragate.report.safe_text import install, shown

    console = install(Console(file=stream, highlight=False))
    done = threading.Event()

    def show() -> None:
        if done.wait(_delay()):
            return  # finished before anyone had to wait
        status = console.status(shown(f"{what}: {latest[0]}"))
        status.start()
        while not done.wait(0.1):
            status.update(shown(f"{what}: {latest[0]}"))
        status.stop()

    def report(message: str) -> None:
        latest[0] = message

    shower = threading.Thread(target=show, name="infragate-progress", daemon=True)
    shower.start()
    try:
        yield report
    finally:
        done.set()
        shower.join()
