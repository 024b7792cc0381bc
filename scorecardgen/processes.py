"""Whether a process that left a file or folder behind may still be running.

A build marks its temporary folders and half-written cache entries with its pid; a later
build removes them only when that process is gone, never a concurrent build's.
"""

from __future__ import annotations

import os


def process_alive(pid: int) -> bool:
    """False only when ``pid`` is surely gone: no such process, or a zombie nobody reaped."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    try:  # a killed process nobody has reaped yet is a zombie: dead all the same
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True
