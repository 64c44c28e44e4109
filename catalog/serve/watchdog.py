"""A worker process held by one SQL statement past the time limit is replaced.

Worker processes run their SQL in the event loop's own thread (see
:data:`catalog.serve.app.INLINE_SQL`), and Datasette's time limit cannot stop a statement
inside one call of a function (:mod:`catalog.serve.plugin.limits` bounds the calls it
knows of). So each worker has a watchdog thread: when the statement now running began
more than :func:`deadline` seconds ago and the event loop has not run since, the worker
exits with :data:`EXIT_STATUS`, and ``catalog serve`` starts a fresh one in its place.
The requests that worker held are dropped; the other workers never stopped answering.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time

from .plugin.limits import StatementClock

EXIT_STATUS = 75
"""How a worker stopped by its watchdog exits (``EX_TEMPFAIL``): start another."""

SLACK_SECONDS = 3.0
"""Time past the SQL time limit before a statement counts as stuck: what Python does with
a statement's rows after its last one (rendering 2,000 rows takes well under a second)."""

TICK_SECONDS = 0.1
"""How often the event loop notes that it runs, and the watchdog looks."""


def deadline(sql_time_limit_ms: int) -> float:
    """Seconds one statement may hold the event loop."""
    return sql_time_limit_ms / 1000 + SLACK_SECONDS


class Watchdog:
    """The heartbeat of one worker's event loop and the thread that watches it."""

    def __init__(self, clock: StatementClock, seconds: float) -> None:
        self.clock = clock
        self.seconds = seconds
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        """Start the heartbeat in the running loop, and the watching thread."""
        self._task = asyncio.get_running_loop().create_task(self._beat())
        threading.Thread(target=self._watch, name="catalog-watchdog", daemon=True).start()

    async def _beat(self) -> None:
        while True:
            self.clock.tick()
            await asyncio.sleep(TICK_SECONDS)

    def _watch(self) -> None:
        while True:
            time.sleep(TICK_SECONDS)
            held = self.clock.running_for()
            if held > self.seconds:
                print(f"catalog serve: worker {os.getpid()} held by one SQL statement for "
                      f"{held:.1f}s; replacing it", file=sys.stderr, flush=True)
                os._exit(EXIT_STATUS)  # the loop's thread is inside SQLite: nothing else stops it
