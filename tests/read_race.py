"""An edit that lands while a vendor is read: after its folder was hashed, before its files
were parsed. What the cache tests use to show such a read is never stored under the old hash."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from scorecardgen import check as check_module


@contextmanager
def edited_while_read(monkeypatch: pytest.MonkeyPatch, file: Path, text: str) -> Iterator[None]:
    """Within the block, reading vendor acme first writes ``text`` to ``file``."""
    real = check_module.load_vendor

    def edit_then_load(project: Path, vendor: str):  # type: ignore[no-untyped-def]
        if vendor == "acme":  # the folder was hashed before this read, and changed since
            file.write_text(text)
        return real(project, vendor)

    monkeypatch.setattr(check_module, "load_vendor", edit_then_load)
    try:
        yield
    finally:
        monkeypatch.setattr(check_module, "load_vendor", real)
