"""`scorecardgen serve`: a live preview that rebuilds on every change and reloads open pages.

The served site lives in memory (never in output/ or a watched folder), so serving never
triggers a rebuild. While no build has succeeded, every URL answers 500 with the errors.
"""

from __future__ import annotations

import signal
import threading
import time
import webbrowser
from pathlib import Path
from types import FrameType

from scorecardgen.server.dev import DevServer, Log, ServeError, exposure_warning
from scorecardgen.server.hosts import WILDCARDS

__all__ = ["DevServer", "ServeError", "exposure_warning", "serve"]


def _interrupt(signum: int, frame: FrameType | None) -> None:
    del signum, frame
    raise KeyboardInterrupt


def serve(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    open_browser: bool = False,
    poll: bool = False,
    log: Log = print,
    allowed_hosts: tuple[str, ...] = (),
) -> None:
    """Serve ``root`` until Ctrl-C or SIGTERM; raises ServeError when it cannot start.

    Requests must name the server in their Host header (loopback names, ``host``, or one of
    ``allowed_hosts``); any other name is refused, which stops DNS-rebinding pages.
    """
    warning = exposure_warning(host)
    if warning:
        log(warning)
    server = DevServer(root, host, port, poll=poll, log=log, allowed_hosts=allowed_hosts)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops as cleanly as Ctrl-C
    try:
        server.start()
        where = " on every address" if server.host in WILDCARDS else ""
        log(f"serving {server.url}{where} (Ctrl-C to stop)")
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()
        while True:  # the work happens in the server's threads; wake now and then, since
            time.sleep(0.5)  # a signal may land on one of them and only this one can act
    except KeyboardInterrupt:
        log("stopping")
    finally:
        server.stop()
