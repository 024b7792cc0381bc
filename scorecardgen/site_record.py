"""A whole build remembered: which cache entry each file of the site is, for the next build
of the very same inputs.

A no-change build of 1,000 vendors spent most of its time unpickling every vendor's state
(``state_cache``) and drawing the summary pages again, only to find every file already in
place. A site is a function of what its vendors' states and pages are keyed by (each vendor
folder's ``fingerprint``, the shared files' digest and the problems found reading them), of
the theme (its digest covers templates, static files, catalogs and the chart bundle), of the
revision it is built from (``provenance.source_key``), of the build's
options and of scorecardgen's own code (the salt of every key). So a successful build stores,
under the digest of all of those, each file's cache entry with the stamp it had (inode, size,
modification time), the build's warnings and counts, and the entries it used. A build whose
key is found, and whose entries are all still as written, places those entries and is done;
anything else is a miss, and the site is built as before. Every file a recorded build writes
is therefore an entry of its own: the summary pages and assets too (kind ``file``, keyed by
their bytes, like a vendor's files).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from scorecardgen.cache import Cache, Stamp, digest
from scorecardgen.cache_pickle import load_pickled, store_pickled
from scorecardgen.errors import Problem
from scorecardgen.load import Loaded
from scorecardgen.vendor_pages import store_file

KIND = "site"
Entry = tuple[str, str, Stamp]  # a cache entry's kind, key and stamp


@dataclass
class SiteRecord:
    """What a successful build handed over, by cache entry, and what it reported."""

    files: dict[str, Entry]  # site path -> the entry placed there
    problems: list[Problem]  # the warnings it reported (a build with errors is never kept)
    pages: int
    charts: int
    pdfs: int
    used: list[str] = field(default_factory=list)  # "kind/key" of every entry it used


def site_key(
    shared: Loaded,
    folders: Mapping[str, str],
    theme: str,
    source: str,
    options: str,
) -> str:
    """The key of a whole build: the shared files as read and their problems, each vendor
    folder's fingerprint, the theme's digest (its catalogs included; the language is in
    site.yaml), the revision (``source_key``) and the build's options, as one string."""
    parts: list[str | bytes] = [
        shared.digest, repr(shared.problems.items), theme, source, options,
    ]  # fmt: skip
    for vendor_id in shared.vendor_ids:
        parts += [vendor_id, folders[vendor_id]]
    return digest("site-record", *parts)


def load_record(cache: Cache, key: str) -> SiteRecord | None:
    """The record of a build of the same inputs, or None (a miss, or a damaged entry)."""
    return load_pickled(cache, KIND, key, SiteRecord)  # else build


def replay(record: SiteRecord, cache: Cache, place: Callable[[str, Path], None]) -> bool:
    """Place every file of ``record`` from its entry; False, with nothing placed, when one
    entry is gone or no longer exactly as written (then the site must be built)."""
    found: list[tuple[str, Path]] = []
    for path, (kind, key, stamp) in record.files.items():
        entry = cache.placeable(kind, key, stamp)
        if entry is None:
            return False
        found.append((path, entry))
    for path, entry in found:
        place(path, entry)
    for used in record.used:  # what the recorded build kept stays for the next one
        kind, key = used.split("/")
        cache.keep(kind, key)
    return True


class Recorder:
    """Hands a build's files to a site writer as cache entries, and notes each one.

    ``write`` stores a file's bytes as a ``file`` entry and places it; ``place`` passes an
    entry on. ``complete`` turns False when a file could not be kept as an entry (its stamp
    could not be read): such a build is written, but not recorded.
    """

    def __init__(self, cache: Cache, place: Callable[[str, Path], None]):
        self.cache = cache
        self._place = place
        self.files: dict[str, Entry] = {}
        self.complete = True

    def write(self, path: str, data: bytes) -> None:
        self.place(path, self.cache.entry_path("file", store_file(self.cache, data)))

    def place(self, path: str, entry: Path) -> None:
        stamp = Cache.stamp_of(entry)
        if stamp is None:
            self.complete = False
        else:
            self.files[path] = (entry.parent.parent.name, entry.name, stamp)
        self._place(path, entry)

    def record(self, problems: list[Problem], pages: int, charts: int, pdfs: int) -> SiteRecord:
        return SiteRecord(dict(self.files), list(problems), pages, charts, pdfs)


def store_record(cache: Cache, key: str, record: SiteRecord) -> None:
    """Keep a successful build's record; the entries it used are listed in it."""
    if cache.folder is None:
        return
    record.used = sorted(cache.used | {f"{KIND}/{key}"})
    store_pickled(cache, KIND, key, record)
