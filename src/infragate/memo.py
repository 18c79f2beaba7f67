"""A small, thread-safe, bounded memo for values derived from content that never changes
once written (a stored document named by its sha256, a design row named by its hash):
the portal's queue reads many projects per request and must not parse or plan the same
brief again each time. Keys must name the content itself, never a mutable row."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
SIZE = 2048  # entries; a brief's parse and plan summary is a few kB

_entries: OrderedDict[Hashable, Any] = OrderedDict()
_lock = threading.Lock()


def memo(key: Hashable, make: Callable[[], T]) -> T:
    """`make()`, computed once per key (twice at worst, when two threads race: the values
    are equal, since the key names immutable content). None is never kept: what is not
    there yet may be written later."""
    with _lock:
        if key in _entries:
            _entries.move_to_end(key)
            found: T = _entries[key]
            return found
    value = make()
    if value is None:
        return value
    with _lock:
        _entries[key] = value
        while len(_entries) > SIZE:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    with _lock:
        _entries.clear()
