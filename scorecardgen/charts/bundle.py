"""The offline JavaScript for interactive charts: Vega, Vega-Lite and vega-embed in one file.

vl-convert bundles the exact library versions it renders with, so the live charts match
the pre-rendered SVG. The site ships this once, as a fingerprinted asset, next to the
theme's small ``js/charts.js`` which upgrades each figure when scripts run.
"""

from __future__ import annotations

import functools

import vl_convert

# The logical asset name base.html loads on pages with charts (fingerprinted on output):
# ``StaticAssets.add(BUNDLE_ASSET, javascript_bundle().encode())``.
BUNDLE_ASSET = "js/vega-bundle.js"

# vl-convert's default snippet also assigns ``vega`` and ``vegaLite``, but as null (their
# bundles have no default export); vega-embed carries both inside, which is all we need.
_SNIPPET = "window.vegaEmbed = vegaEmbed;"


def versions() -> dict[str, str]:
    """Versions of the bundled libraries (for the asset's header and the about text)."""
    return {
        "vega": vl_convert.get_vega_version(),
        "vega-lite": vl_convert.get_vegalite_versions()[-1],
        "vega-embed": vl_convert.get_vega_embed_version(),
    }


@functools.cache
def javascript_bundle() -> str:
    """The bundle as a classic script defining ``window.vegaEmbed``; no network, no modules.

    Wrapped in a function so its many top-level names stay private: a classic script (not
    a module) is what browsers run from file:// pages.
    """
    code = vl_convert.javascript_bundle(_SNIPPET)
    names = ", ".join(f"{name} {version}" for name, version in versions().items())
    header = f"/*! {names}. BSD-3-Clause, (c) University of Washington Interactive Data Lab */\n"
    return f"{header};(function () {{\n{code}\n}})();\n"


def bundle_bytes() -> bytes:
    """``javascript_bundle`` as the asset's bytes (what a build assembles in a child process)."""
    return javascript_bundle().encode("utf-8")
