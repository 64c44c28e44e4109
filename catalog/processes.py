"""Processes: whether one still runs, what dead ones left behind, workers that end with
their parent.

A process killed with SIGKILL (or by a power cut) cleans nothing up: a build leaves its
temporary database beside the real one, and its worker processes, which wait on a pipe
from a parent that is gone, would wait for ever.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def running(pid: int) -> bool:
    """Whether process ``pid`` exists (another user's process counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_orphans(folder: Path, name: re.Pattern[str]) -> list[Path]:
    """Remove what dead processes left in ``folder``, and return it.

    An entry is removed when its whole name matches ``name``, whose group ``pid`` is the
    process that made it, that process no longer runs, and the entry belongs to this
    user; a file is unlinked, a folder removed with everything in it.
    """
    removed = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            m = name.fullmatch(entry.name)
            if not m or running(int(m.group("pid"))):
                continue
            try:
                if entry.stat(follow_symlinks=False).st_uid != os.getuid():
                    continue
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
            except OSError:
                continue  # gone already, or not ours to remove
            removed.append(Path(entry.path))
    return removed


def end_with_parent(parent: int) -> None:
    """Make this process exit when process ``parent`` does: a pool's initializer.

    On Linux the kernel sends SIGKILL when the parent dies (``PR_SET_PDEATHSIG``); the
    parent is checked once more afterwards, in case it died before the request was made:
    by this process's parent pid, which changes the moment the parent dies, since a dead
    parent not yet reaped still answers ``kill(pid, 0)``. The pool must therefore be forked
    by ``parent`` itself (``catalog.build`` asks for the fork context). Elsewhere a daemon
    thread looks for the parent once a second.
    """
    if sys.platform.startswith("linux") and _kill_me_with_parent():
        if os.getppid() != parent:
            os._exit(1)
        return
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _kill_me_with_parent() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while running(parent):
        time.sleep(1)
    os._exit(1)
