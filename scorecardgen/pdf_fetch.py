"""What WeasyPrint may load while it lays out a PDF: the site's own files, nothing else.

Imported only when a PDF is rendered (it loads WeasyPrint). Every URL that is not a file of
the site (http, https, data outside it, a path out of the site's folder) is refused, so a
note's remote image or a theme's web font never reaches the network.
"""

from __future__ import annotations

import mimetypes
import posixpath
from collections.abc import Mapping
from typing import Any

from weasyprint.urls import URLFetcher, URLFetcherResponse

SITE_ROOT = "file:///scorecardgen-site/"  # the URL WeasyPrint sees for the site's root folder


class SiteFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint has no type hints
    """Serves ``files`` (site path -> bytes) under ``SITE_ROOT``; refuses any other URL."""

    def __init__(self, files: Mapping[str, bytes]):
        super().__init__(allowed_protocols=["file"])
        self.files = files

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = url.split("#")[0].split("?")[0]
        if not path.startswith(SITE_ROOT):
            raise ValueError(f"not a file of the site: {url}")
        name = posixpath.normpath(path[len(SITE_ROOT) :])
        data = self.files.get(name)
        if name.startswith("../") or data is None:
            raise ValueError(f"not a file of the site: {url}")
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, data, {"Content-Type": kind})
