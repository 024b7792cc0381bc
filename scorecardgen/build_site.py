"""A one-off build written to a folder, and the remembered build.

``build_site`` is what `scorecardgen build` runs: the site drawn by a fresh ``Builder`` and
written atomically (a temporary folder that replaces the output only when the whole build
succeeded). ``build_remembered`` (also the dev server's first build) places the files of an
earlier build of exactly the same inputs from the cache, without reading a vendor
(``site_record``), else builds and remembers.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from scorecardgen.build import (
    Builder,
    BuildOptions,
    BuildResult,
    PlaceFile,
    WriteFile,
)
from scorecardgen.cache import Cache, CacheError
from scorecardgen.charts import BUNDLE_ASSET
from scorecardgen.charts.bundle_cached import cached_bundle
from scorecardgen.check_verdict import fingerprints
from scorecardgen.load import Loaded, load_shared
from scorecardgen.model import SLUG
from scorecardgen.progress import Progress, no_progress
from scorecardgen.provenance import Source, read_source, source_key
from scorecardgen.site_record import Recorder, load_record, replay, site_key, store_record
from scorecardgen.theme import ThemeError, load_theme
from scorecardgen.write import (
    SiteWriter,
    UnsafeOutputError,
    check_output,
    remove_leftovers,
    resolve_output,
)

INTERNAL_OUTPUT = "output"  # the internal site's default folder, which no vendor build replaces
VENDOR_OUTPUT = "output-vendors"  # vendor sites' default folder: <vendor-id>/ inside it


def default_output(root: Path, options: BuildOptions) -> Path:
    """Where a build goes without -o: output/ for the internal site, and vendor sites beside
    it, never in it: output-vendors/<id>/ for --vendor ID, output-vendors/ for --per-vendor
    (one <id>/ per vendor), so each vendor's site is in the same place either way.

    Raises ``UnsafeOutputError`` for a --vendor that is not an id, which names no folder.
    """
    if options.vendor is not None:
        if not SLUG.match(options.vendor):
            raise UnsafeOutputError(
                f"'{options.vendor}' is not a vendor id (lower-case letters, digits and "
                f"hyphens), so it names no folder in {VENDOR_OUTPUT}/. Nothing was written"
            )
        return root / VENDOR_OUTPUT / options.vendor
    if options.per_vendor:
        return root / VENDOR_OUTPUT
    return root / INTERNAL_OUTPUT


def refuse_internal_output(root: Path, output: Path, options: BuildOptions) -> None:
    """Raise ``UnsafeOutputError`` when a vendor build would replace the internal site's
    folder (the project's output/), even when -o names it."""
    if options.vendor is None and not options.per_vendor:
        return
    if resolve_output(output) == resolve_output(root / INTERNAL_OUTPUT):
        raise UnsafeOutputError(
            f"it is the project's {INTERNAL_OUTPUT}/, which holds the internal site, and a "
            "vendor site never replaces it; leave out -o to build into "
            f"{default_output(root, options).relative_to(root).as_posix()}/, or name another "
            "folder. Nothing was written or deleted"
        )


def build_site(
    root: Path,
    output: Path | None = None,
    options: BuildOptions | None = None,
    progress: Progress = no_progress,
) -> BuildResult:
    """Build and write the site to ``output`` (default: ``default_output``) atomically.

    Pages go to disk as they are drawn, into a temporary folder that replaces the output
    folder only when the whole build succeeded; a failed build leaves the output as it was.
    A build of exactly the inputs of an earlier one places that build's files from the cache
    without reading a vendor (``site_record``). Raises ``UnsafeOutputError`` before anything
    happens when the output folder must not be replaced (see ``write.check_output``; a
    vendor build, the internal site's output/), and ``OSError`` when writing fails.
    """
    started = time.perf_counter()
    options = options or BuildOptions()
    output = output if output is not None else default_output(root, options)
    refuse_internal_output(root, output, options)
    target = check_output(root, output)
    remove_leftovers(target)  # temporary folders of builds that were killed
    with SiteWriter(target) as writer:
        builder = Builder(root, options, keep=False)
        result = build_remembered(builder, writer.put, writer.place, progress)
        if result.ok:
            writer.commit()
            result.unchanged = writer.unchanged
            if result.cache is not None:
                result.cache.prune()  # only after success: a failed build keeps what it had
    result.seconds = time.perf_counter() - started
    return result


def build_remembered(
    builder: Builder, write: WriteFile, place: PlaceFile, progress: Progress = no_progress
) -> BuildResult:
    """A whole build of ``builder``'s project: the files of an earlier build of exactly the
    same inputs, placed from the cache without reading a vendor (``remembered``: the builder
    has loaded nothing), else built and remembered for the next time."""
    inputs = _Inputs.read(builder.root, builder.options)
    if inputs is None:
        return builder.build(None, progress, write, place)
    result = inputs.replay(place)
    if result is not None:
        return result
    recorder = Recorder(inputs.cache, place)
    result = builder.build(None, progress, recorder.write, recorder.place,
                           inputs.cache, inputs.folders)  # fmt: skip
    if result.ok and recorder.complete and builder.theme is not None:
        key = inputs.key(inputs.theme or builder.theme.digest)
        if key == inputs.again(builder):
            kept = recorder.record(result.problems, result.pages, result.charts, result.pdfs)
            store_record(inputs.cache, key, kept)
    return result


@dataclass
class _Inputs:
    """What a one-off build is made from, as hashed before it starts: the ``key`` of its
    ``site_record``."""

    options: BuildOptions
    cache: Cache
    shared: Loaded
    folders: dict[str, str]  # each vendor folder's fingerprint
    source: Source | None
    # the theme's digest; None when the cache has no chart bundle, which the theme holds:
    # then no earlier build can be placed, and the bundle is assembled while the build reads
    theme: str | None

    @classmethod
    def read(cls, root: Path, options: BuildOptions) -> _Inputs | None:
        """None when no record can be kept: no cache, or a project that cannot build."""
        if not options.use_cache:
            return None
        try:
            cache = Cache.open(root)
            shared = load_shared(root)
            if shared.site is None or shared.problems.errors:
                return None
            folders = fingerprints(root, shared)
            bundle = cached_bundle(cache)  # without it, the build assembles it as it reads
            theme = None
            if bundle is not None:
                theme = load_theme(root, shared.site.theme, {BUNDLE_ASSET: bundle}).digest
        except (CacheError, ThemeError):  # the build says why
            return None
        return cls(options, cache, shared, folders, read_source(root), theme)

    def key(self, theme: str) -> str:
        return _key(self.shared, self.folders, theme, self.source, self.options)

    def replay(self, place: PlaceFile) -> BuildResult | None:
        """The recorded build's result, its files placed; None when there is none to use."""
        if self.theme is None:
            return None
        record = load_record(self.cache, self.key(self.theme))
        if record is None or not replay(record, self.cache, place):
            return None
        return BuildResult(
            problems=record.problems, strict=self.options.strict, pages=record.pages,
            written=len(record.files), charts=record.charts, pdfs=record.pdfs,
            cache=self.cache, remembered=True,
        )  # fmt: skip

    def again(self, builder: Builder) -> str | None:
        """The key of the files as ``builder`` read them; None when one changed meanwhile."""
        shared, folders = builder.state.shared, builder.state.folders()
        if shared is None or folders is None or builder.theme is None:
            return None
        return _key(shared, folders, builder.theme.digest, builder.source, self.options)


def _key(
    shared: Loaded,
    folders: dict[str, str],
    theme: str,
    source: Source | None,
    options: BuildOptions,
) -> str:
    return site_key(shared, folders, theme, source_key(source), repr(options))
