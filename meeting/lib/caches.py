"""Small in-process caches of things built for one version of the data.

Every key names the version it was built for (an ETag, a change stamp, the content itself),
so nothing is ever invalidated: a new version is a new key, and old keys age out.
"""

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any


class LruCache:
    """A thread-safe least-recently-used cache of at most `max_items` values."""

    # Every cache made, so that all can be emptied at once (tests reuse database ids).
    instances: "weakref.WeakSet[LruCache]" = weakref.WeakSet()

    def __init__(self, max_items: int):
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._max = max_items
        LruCache.instances.add(self)

    @classmethod
    def clear_all(cls) -> None:
        """Empty every cache of the process."""
        for cache in list(cls.instances):
            cache.clear()

    def get(self, key) -> Any:
        """The value stored under key, or None."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key, value):
        """Store a value (evicting the least recently used) and return it."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._max:
                self._items.popitem(last=False)
        return value

    def get_or_build(self, key, build: Callable[[], Any]):
        """The value under key, built (outside the lock) and stored if missing."""
        value = self.get(key)
        return value if value is not None else self.put(key, build())

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._items.clear()
