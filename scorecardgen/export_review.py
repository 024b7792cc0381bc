"""``vendors/<id>/reviews/<YYYY-Qn>/review.json``: a business review's figures as the quarter
stood at its end, and what changed since the review before (pages/review_changes.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from scorecardgen.pages import urls
from scorecardgen.pages.common import Page
from scorecardgen.scoring import VendorScorecard

Json = dict[str, Any]


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def review_data(card: VendorScorecard, period: str, quarter: Any, changes: Json) -> Json:
    """The review's JSON document as plain dicts and lists."""
    contracts = quarter.contracts if quarter else ()
    return {
        "vendor": card.vendor_id,
        "quarter": period,
        "as_of": card.as_of.isoformat(),
        "score": _round(quarter.score) if quarter else None,
        "status": quarter.status if quarter else "no-data",
        "coverage": _round(quarter.coverage) if quarter else None,
        "contracts": [
            {
                "contract": c.contract,
                "score": _round(c.score),
                "status": c.status,
                "service_levels": [
                    {"kpi": s.kpi, "score": _round(s.score)} for s in c.service_levels
                ],
            }
            for c in contracts
        ],
        "changes": _rounded(changes),
    }


def _rounded(data: Any) -> Any:
    if isinstance(data, float):
        return round(data, 4)
    if isinstance(data, dict):
        return {k: _rounded(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_rounded(v) for v in data]
    return data


def review_files(pages: Iterable[Page]) -> dict[str, bytes]:
    """The review.json beside each review page among ``pages``."""
    out = {}
    for page in pages:
        data = page.context.get("review_json") if page.template == "review.html" else None
        if data is not None:
            path = urls.review_json(data["vendor"], data["quarter"])
            text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
            out[path] = text.encode()
    return out
