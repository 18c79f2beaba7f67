"""Pages kept until the store changes: the queue and a project's page are derived from the
whole store (standing, design, diagrams), which costs tens of milliseconds, and are read far
more often than the store changes. Each is kept under the store's generation
(store/generation.py) and the day, so a change made anywhere (the CLI in another process,
another worker) is seen at the next request; nothing is ever invalidated by hand.

What is kept is shared by everyone who sees the same thing: the part of a page that depends
on the person is rendered from a `Viewer` (their roles on the project, whether they are an
admin), never from their name, and their CSRF token goes into the kept HTML at a marker
that escaped text cannot contain."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

T = TypeVar("T")
ENTRIES = 256  # a queue page of 100 projects is ~60 kB of HTML: at most ~15 MB a process
# `<` is escaped to `&lt;` in every value a template prints, so only the template can write it.
CSRF_SLOT = Markup("<!--csrf-token-->")


@dataclass(frozen=True)
class Viewer:
    """Who looks at a kept page, as far as the page may depend on it."""

    is_admin: bool
    roles: frozenset[str] = frozenset()


class PageCache(Generic[T]):
    """A bounded, thread-safe map from a key (which must name the store's generation) to
    what was derived for it; the least recently used entry goes first."""

    def __init__(self, entries: int = ENTRIES) -> None:
        self._entries: OrderedDict[Hashable, T] = OrderedDict()
        self._size = entries
        self._lock = threading.Lock()

    async def get_async(self, key: Hashable, make: Callable[[], T]) -> T:
        """`get` for a coroutine: a kept value at once, else `make()` in a worker thread
        (deriving a page reads the store and may run Graphviz: not on the event loop)."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        return await run_in_threadpool(self.get, key, make)

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """`make()`, once per key (at worst twice, when two threads race: equal values)."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        value = make()
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return value
