"""What `scorecardgen check` found, kept for the next check of the very same files.

A warm check of 1,000 vendors spends most of its time unpickling every vendor's state
(``state_cache``), only to print the same problems again: a pre-commit hook or an editor
running check on every save pays that each time. The list of problems is a function of
what the states are keyed by (each vendor folder's ``fingerprint``, and the shared files'
digest), of the shared problems found on the way (the theme's files vetted), of the theme's
translation catalogs (the untranslated-messages warning) and of scorecardgen's own code
(the salt of every key). So the problems are stored under the digest of all of those, and a
check whose key is found prints them without loading a vendor. Anything else is a miss: the
states are loaded as before and the new list is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from scorecardgen.cache import Cache, digest
from scorecardgen.cache_pickle import load_pickled, store_pickled
from scorecardgen.errors import Problem
from scorecardgen.load import Loaded
from scorecardgen.state_cache import fingerprint
from scorecardgen.theme import ThemeError, theme_locales

KIND = "verdict"


def fingerprints(root: Path, shared: Loaded) -> dict[str, str]:
    """Each vendor folder's fingerprint, hashed now."""
    return {vendor_id: fingerprint(root, vendor_id) for vendor_id in shared.vendor_ids}


def verdict_key(root: Path, shared: Loaded, folders: Mapping[str, str]) -> str:
    """The key of a whole-project check's problems: the shared files as read (``shared``)
    and each vendor folder's fingerprint (``folders``), the theme's catalogs as they are."""
    parts: list[str | bytes] = [shared.digest, repr(shared.problems.items)]
    for vendor_id in shared.vendor_ids:
        parts += [vendor_id, folders[vendor_id]]
    if shared.site is not None:
        parts.append(shared.site.language)
        try:
            catalogs = theme_locales(root, shared.site.theme)
        except ThemeError as exc:  # the check reports no untranslated warning then
            catalogs = {"": (b"", f"unreadable: {exc}")}
        for path in sorted(catalogs):
            parts += [path, catalogs[path][0]]
    return digest("check-verdict", *parts)


def load_verdict(cache: Cache, key: str) -> list[Problem] | None:
    """The problems a check of the same files found, or None (a miss, or a damaged entry)."""
    problems = load_pickled(cache, KIND, key, list)  # else check again
    if problems is None or not all(isinstance(p, Problem) for p in problems):
        return None
    return problems


def store_verdict(cache: Cache, key: str, problems: list[Problem]) -> None:
    store_pickled(cache, KIND, key, problems)
