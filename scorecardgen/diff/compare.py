"""What changed in one vendor's scorecard between two sides of a diff.

Both sides are compared as their ``scorecard.json`` documents (``exports.scorecard_data``):
figures already rounded as published, every list keyed by what names it (a quarter by its
period, a measurement by contract, KPI and period, a credit by contract and month). A review
page compares a quarter with the one before (``pages/review_changes``); this compares the
same scorecard at two revisions, so a restatement here is any value that differs for a period
both sides report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from scorecardgen import formatting as fmt
from scorecardgen.diff.changes import Change

Doc = dict[str, Any]
SEP = " · "


def _status(word: str | None) -> str:
    return fmt.status(word).word


def _score_text(row: Doc | None) -> str:
    """``Amber 78.2``; a dash when there is no such row."""
    if row is None:
        return fmt.DASH
    score = "" if row.get("score") is None else f" {fmt.score(row['score'])}"
    return f"{_status(row.get('status'))}{score}"


def _by(rows: Iterable[Doc], *keys: str) -> dict[tuple[Any, ...], Doc]:
    return {tuple(r[k] for k in keys): r for r in rows}


def _number(value: Any, unit: str) -> str:
    return fmt.number(value, unit) if value is not None else fmt.DASH


class _VendorDiff:
    """Collects the changes of one vendor present on both sides."""

    def __init__(self, base: Doc, head: Doc, units: dict[str, str], locale: str):
        self.base, self.head, self.units, self.locale = base, head, units, locale
        self.vendor = head["vendor"]["id"]
        self.name = head["vendor"]["name"]
        self.changes: list[Change] = []

    def add(
        self,
        kind: str,
        where: str,
        before: Any,
        after: Any,
        before_text: str,
        after_text: str,
        **extra: Any,
    ) -> None:
        self.changes.append(
            Change(
                kind, self.vendor, self.name, where, before, after, before_text, after_text, **extra
            )
        )

    def scores(self) -> None:
        """The headline, then each quarter (the headline's own quarter once, as the headline)."""
        old, new = self.base["headline"], self.head["headline"]
        keys = ("period", "score", "status")
        b, a = {k: old[k] for k in keys}, {k: new[k] for k in keys}
        if b != a:
            kind = "status" if b["status"] != a["status"] else "score"
            btext = f"{_score_text(b)} ({b['period'] or fmt.DASH})"
            self.add(kind, "headline", b, a, btext, f"{_score_text(a)} ({a['period'] or fmt.DASH})")
        shown = {new["period"]} if old["period"] == new["period"] else set()
        before, after = _by(self.base["quarters"], "period"), _by(self.head["quarters"], "period")
        for key in sorted(set(before) | set(after)):
            if key[0] in shown:
                continue
            bq, aq = _quarter(before.get(key)), _quarter(after.get(key))
            if bq == aq:
                continue
            status_moved = (bq or {}).get("status", "no-data") != (aq or {}).get(
                "status", "no-data"
            )
            kind = "status" if status_moved else "score"
            self.add(kind, key[0], bq, aq, _score_text(bq), _score_text(aq), period=key[0])

    def measurements(self) -> None:
        """Statuses per period (breaches new and cleared), restated values, new values."""
        keys = ("contract", "kpi", "period")
        before, after = _by(self.base["measurements"], *keys), _by(self.head["measurements"], *keys)
        added: dict[tuple[str, str], dict[str, Any]] = {}
        removed: dict[tuple[str, str], dict[str, Any]] = {}
        for key in sorted(set(before) | set(after)):
            contract, kpi, period = key
            b, a = before.get(key), after.get(key)
            unit = self.units.get(kpi, "")
            where = SEP.join(key)
            place = {"contract": contract, "kpi": kpi, "period": period}
            b_value = None if b is None else b["value"]
            a_value = None if a is None else a["value"]
            if b_value is not None and a_value is not None and b_value != a_value:
                reason = (a or {}).get("restated_reason") or ""
                self.add(
                    "restated",
                    where,
                    b_value,
                    a_value,
                    _number(b_value, unit),
                    _number(a_value, unit),
                    note=reason,
                    **place,
                )
            elif b_value is None and a_value is not None:
                added.setdefault((contract, kpi), {})[period] = a_value
            elif b_value is not None and a_value is None:
                removed.setdefault((contract, kpi), {})[period] = b_value
            b_status = None if b is None else b["status"]
            a_status = None if a is None else a["status"]
            if b_status == a_status or (b_value is None and a_status != "breached"):
                continue  # a value that comes in late is news of its status only if breached
            if a_status == "breached":
                kind = "new-breach"
            elif b_status == "breached":
                kind = "cleared-breach"
            else:
                kind = "service-level-status"
            self.add(
                kind,
                where,
                b_status,
                a_status,
                _status(b_status) if b else fmt.DASH,
                _status(a_status) if a else fmt.DASH,
                **place,
            )
        for kind, found in (("new-values", added), ("removed-values", removed)):
            for (contract, kpi), values in sorted(found.items()):
                unit = self.units.get(kpi, "")
                text = ", ".join(f"{p}: {_number(v, unit)}" for p, v in sorted(values.items()))
                none = fmt.DASH
                before_after = (
                    (None, values, none, text)
                    if kind == "new-values"
                    else (values, None, text, none)
                )
                self.add(
                    kind,
                    SEP.join((contract, kpi)),
                    *before_after,
                    contract=contract,
                    kpi=kpi,
                    count=len(values),
                )

    def service_levels(self) -> None:
        """Service levels added or removed, their terms, persistent failures and defaults."""
        before = _by(self.base["service_levels"], "contract", "kpi")
        after = _by(self.head["service_levels"], "contract", "kpi")
        for key in sorted(set(before) | set(after)):
            b, a = before.get(key), after.get(key)
            where, place = SEP.join(key), {"contract": key[0], "kpi": key[1]}
            unit = self.units.get(key[1], "")
            bt, at = _terms(b), _terms(a)
            if b is None or a is None:
                kind = "service-level-added" if b is None else "service-level-removed"
                self.add(kind, where, bt, at, self._terms(bt, unit), self._terms(at, unit), **place)
                continue
            if bt != at:
                self.add(
                    "service-level-terms",
                    where,
                    bt,
                    at,
                    self._terms(bt, unit),
                    self._terms(at, unit),
                    **place,
                )
            for flag, word in (
                ("persistent_failure", "persistent-failure"),
                ("default", "default"),
            ):
                if bool(b[flag]) != bool(a[flag]):
                    kind = f"{word}-{'started' if a[flag] else 'ended'}"
                    note = f"since {a['default_since']}" if flag == "default" and a[flag] else ""
                    self.add(
                        kind,
                        where,
                        b[flag],
                        a[flag],
                        "yes" if b[flag] else "no",
                        "yes" if a[flag] else "no",
                        note=note,
                        **place,
                    )

    @staticmethod
    def _terms(terms: Doc | None, unit: str) -> str:
        if terms is None:
            return fmt.DASH
        return (
            f"expected {_number(terms['expected'], unit)}, minimum "
            f"{_number(terms['minimum'], unit)}, weight {_number(terms['weight'], '')}"
        )

    def credits(self) -> None:
        """Each contract-month's credit: earned, and its earn-back states."""
        before = _by(self.base["credits"], "contract", "period")
        after = _by(self.head["credits"], "contract", "period")
        for key in sorted(set(before) | set(after)):
            b, a = _credit(before.get(key)), _credit(after.get(key))
            if b == a:
                continue
            self.add(
                "credit",
                SEP.join(key),
                b,
                a,
                self._money(b),
                self._money(a),
                contract=key[0],
                period=key[1],
                note=_states(b, a),
            )

    def _money(self, credit: Doc | None) -> str:
        if credit is None:
            return fmt.DASH
        text = fmt.money(credit["amount"], credit["currency"], locale=self.locale)
        states = [s for s in ("payable", "waived", "pending") if credit[s]]
        return f"{text} ({', '.join(states)})" if states else text

    def dated(self) -> None:
        """Contracts, certifications and actions: added, removed, or a changed state."""
        self._rows(
            "contracts",
            ("id",),
            ("state", "end", "default"),
            "contract-state",
            lambda r: f"{r['state']}, ends {r['end']}" + (", in default" if r["default"] else ""),
        )
        self._rows(
            "certifications",
            ("name",),
            ("state", "expires"),
            "certification",
            lambda r: f"{r['state']}, expires {r['expires'] or fmt.DASH}",
        )
        self._rows(
            "actions",
            ("id",),
            ("status", "overdue"),
            "action",
            lambda r: r["status"] + (" (overdue)" if r["overdue"] else ""),
        )

    def _rows(
        self,
        field: str,
        keys: tuple[str, ...],
        watched: tuple[str, ...],
        kind: str,
        text: Callable[[Doc], str],
    ) -> None:
        before, after = _by(self.base[field], *keys), _by(self.head[field], *keys)
        for key in sorted(set(before) | set(after)):
            b, a = before.get(key), after.get(key)
            bw = None if b is None else {k: b[k] for k in watched}
            aw = None if a is None else {k: a[k] for k in watched}
            if bw == aw:
                continue
            if field == "contracts" and (b is None or a is None):
                kind_here = "contract-added" if b is None else "contract-removed"
            else:
                kind_here = kind
            title = (a or b or {}).get("title")
            where = SEP.join(str(k) for k in key)
            self.add(
                kind_here,
                where,
                bw,
                aw,
                fmt.DASH if b is None else text(b),
                fmt.DASH if a is None else text(a),
                note=title or "",
                contract=key[0] if field == "contracts" else None,
            )


def _quarter(row: Doc | None) -> Doc | None:
    return None if row is None else {"score": row["score"], "status": row["status"]}


def _terms(row: Doc | None) -> Doc | None:
    return None if row is None else {k: row[k] for k in ("expected", "minimum", "weight")}


def _credit(row: Doc | None) -> Doc | None:
    if row is None:
        return None
    return {
        "amount": row["amount"],
        "currency": row["currency"],
        "payable": row["payable"],
        "waived": row["waived"],
        "pending": row["pending"],
        "states": {f"{s['kpi']} {s['period']}": s["state"] for s in row["service_levels"]},
    }


def _states(before: Doc | None, after: Doc | None) -> str:
    """The earn-back states that moved: ``fcr 2026-05: pending → waived``."""
    b = (before or {}).get("states", {})
    a = (after or {}).get("states", {})
    moved = [
        f"{line}: {b.get(line) or fmt.DASH} \u2192 {a.get(line) or fmt.DASH}"
        for line in sorted(set(b) | set(a))
        if b.get(line) != a.get(line)
    ]
    return "; ".join(moved)


def vendor_changes(
    base: Doc | None, head: Doc | None, units: dict[str, str], locale: str
) -> list[Change]:
    """What changed in one vendor's scorecard (``scorecard.json`` documents; None: the vendor
    is not on that side)."""
    if base is None or head is None:
        doc = head or base
        assert doc is not None
        vid, name = doc["vendor"]["id"], doc["vendor"]["name"]
        kind = "vendor-added" if base is None else "vendor-removed"
        text = _score_text(doc["headline"])
        before, after = (None, text) if base is None else (text, None)
        headline = doc["headline"]
        return [
            Change(
                kind,
                vid,
                name,
                "vendor",
                None if base is None else headline,
                None if head is None else headline,
                before or fmt.DASH,
                after or fmt.DASH,
            )
        ]
    diff = _VendorDiff(base, head, units, locale)
    diff.scores()
    diff.measurements()
    diff.service_levels()
    diff.credits()
    diff.dated()
    return diff.changes
