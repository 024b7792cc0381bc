"""Live reload: a server-sent-events broker, the script pages get, and the error overlay.

All of it is added to HTML responses at serve time, never to the build output.
"""

from __future__ import annotations

import json
import queue
import threading
from html import escape

from scorecardgen.errors import Problem
from scorecardgen.server.snapshot import Snapshot

EVENTS_PATH = "/__livereload"
OVERLAY_ID = "scorecardgen-errors"

# Absolute path: the dev server always serves the site at its root, whatever the page depth.
# A refused stream (503: too many open pages) is closed for good by EventSource itself, so
# the script opens a new one later, waiting longer each time; a dropped one reconnects alone.
_SCRIPT = """<script data-scorecardgen-livereload>
(function () {
  var version = %s;
  if (!window.EventSource) { return; }
  var wait = 1000;
  function connect() {
    var source = new EventSource("%s");
    source.addEventListener("build", function (event) {
      wait = 1000;
      if (JSON.parse(event.data).version !== version) { source.close(); location.reload(); }
    });
    source.addEventListener("error", function () {
      if (source.readyState !== EventSource.CLOSED) { return; }
      wait = Math.min(wait * 2, 30000);
      setTimeout(connect, wait);
    });
  }
  connect();
})();
</script>
"""

_OVERLAY_STYLE = (
    "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;"
    "background:rgba(24,24,27,.94);color:#fafafa;font:14px/1.5 ui-monospace,Menlo,Consolas,"
    "monospace;text-align:left"
)

_ERROR_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>
<body></body></html>
"""


Message = str | None  # a formatted event, or None: the stream is closing


class Broker:
    """Fans build events out to every connected page (one queue per open event stream)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: set[queue.SimpleQueue[Message]] = set()
        self._closed = False

    def subscribe(self) -> queue.SimpleQueue[Message]:
        """A queue that receives every event published from now on."""
        inbox: queue.SimpleQueue[Message] = queue.SimpleQueue()
        with self._lock:
            if self._closed:
                inbox.put(None)
            else:
                self._subscribers.add(inbox)
        return inbox

    def unsubscribe(self, inbox: queue.SimpleQueue[Message]) -> None:
        with self._lock:
            self._subscribers.discard(inbox)

    def publish(self, message: str) -> None:
        with self._lock:
            for inbox in self._subscribers:
                inbox.put(message)

    def close(self) -> None:
        """End every open stream (server shutdown)."""
        with self._lock:
            self._closed = True
            for inbox in self._subscribers:
                inbox.put(None)
            self._subscribers.clear()

    @property
    def listeners(self) -> int:
        with self._lock:
            return len(self._subscribers)


def build_event(snapshot: Snapshot) -> str:
    """The SSE event sent after every build, good or failed."""
    data = {"build": snapshot.number, "version": snapshot.version, "ok": not snapshot.failed}
    return f"event: build\ndata: {json.dumps(data)}\n\n"


HEARTBEAT = ": heartbeat\n\n"
STREAM_START = "retry: 1000\n\n"  # reconnect quickly when the server restarts


def script(version: str) -> str:
    """The live-reload script for a page of build ``version``."""
    literal = json.dumps(version).replace("</", "<\\/")
    return _SCRIPT % (literal, EVENTS_PATH)


def _problem_html(problem: Problem) -> str:
    hint = f'<div style="color:#a5f3fc">hint: {escape(problem.hint)}</div>' if problem.hint else ""
    return (
        '<li style="margin:0 0 1rem">'
        f'<div style="color:#fca5a5;font-weight:bold">{escape(str(problem.location))}</div>'
        f"<div>{escape(problem.message)}</div>{hint}</li>"
    )


def overlay(snapshot: Snapshot) -> str:
    """The error overlay for a failed build: every problem with file:line:col and hint."""
    count = len(snapshot.problems)
    title = f"Build failed: {count} error{'' if count == 1 else 's'}"
    note = (
        "The last good build is still served underneath; fix the file and this page "
        "reloads by itself."
        if snapshot.has_good_build
        else "No build has succeeded yet; fix the file and this page reloads by itself."
    )
    items = "".join(_problem_html(p) for p in snapshot.problems)
    dismiss = (
        '<button type="button" onclick="this.parentNode.remove()" '
        'style="float:right;font:inherit">dismiss</button>'
        if snapshot.has_good_build
        else ""
    )
    return (
        f'<div id="{OVERLAY_ID}" role="alert" style="{_OVERLAY_STYLE}">{dismiss}'
        f'<h1 style="font-size:1.4rem;margin:0 0 .5rem">{escape(title)}</h1>'
        f'<p style="margin:0 0 1.5rem;color:#d4d4d8">{note}</p>'
        f'<ol style="padding-left:1.5rem">{items}</ol></div>\n'
    )


def inject(html: bytes, snapshot: Snapshot) -> bytes:
    """``html`` with the reload script (and the overlay after a failed build) before </body>."""
    snippet = (overlay(snapshot) if snapshot.failed else "") + script(snapshot.version)
    data = snippet.encode()
    at = html.lower().rfind(b"</body>")
    if at < 0:
        return html + data
    return html[:at] + data + html[at:]


def error_page(snapshot: Snapshot) -> bytes:
    """The page served for every URL while no build has succeeded yet."""
    return inject(_ERROR_PAGE.encode(), snapshot)
