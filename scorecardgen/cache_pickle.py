"""Cache entries that are pickles of scorecardgen's own records (states, verdicts, site
records): the cache folder is the project's own, as trusted as its content/."""

from __future__ import annotations

import pickle
from typing import Any, TypeVar

from scorecardgen.cache import Cache

T = TypeVar("T")


def load_pickled(cache: Cache, kind: str, key: str, expected: type[T]) -> T | None:
    """The entry's record, or None: a miss, an entry that does not unpickle (damaged, or
    from elsewhere), or one that is not an ``expected``."""
    data = cache.get(kind, key)
    if data is None:
        return None
    try:
        found = pickle.loads(data)
    except Exception:
        return None
    return found if isinstance(found, expected) else None


def store_pickled(cache: Cache, kind: str, key: str, record: Any) -> None:
    """Keep ``record`` for the next run (nothing without a cache folder)."""
    if cache.folder is not None:
        cache.put(kind, key, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
