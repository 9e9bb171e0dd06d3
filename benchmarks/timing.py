"""Timing one whole child process, as every benchmark here does."""

from __future__ import annotations

import os
import subprocess
import sys
import time


def timed(command: list[str]) -> tuple[float, float, str]:
    """Seconds, peak resident memory in MB and stdout of one whole child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"benchmark command failed: {' '.join(command)}")
    return seconds, usage.ru_maxrss / 1024, output
