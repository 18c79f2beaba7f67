"""Progress on stderr: on a terminal once the run lasts, never on a pipe."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import ROOT

EXAMPLE = ROOT / "examples" / "vantus-portal"
COMMAND = [sys.executable, "-m", "infragate", "audit", str(EXAMPLE), "--fail-on", "never"]


def _read_all(fd: int, proc: subprocess.Popen[bytes], timeout: float = 60) -> bytes:
    out = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    return out


def test_a_terminal_sees_the_current_step_once_the_run_lasts(tmp_path: Path) -> None:
    primary, secondary = pty.openpty()
    env = {**os.environ, "INFRAGATE_PROGRESS_AFTER": "0", "TERM": "xterm"}
    with subprocess.Popen(
        [*COMMAND, "--format", "json", "-o", str(tmp_path / "audit.json")],
        stdout=subprocess.DEVNULL,
        stderr=secondary,
        env=env,
    ) as proc:
        os.close(secondary)
        shown = _read_all(primary, proc)
        assert proc.wait(60) == 0
    os.close(primary)
    assert b"auditing" in shown, shown
    assert (tmp_path / "audit.json").exists()


def test_a_pipe_hears_nothing_even_from_a_slow_run(tmp_path: Path) -> None:
    env = {**os.environ, "INFRAGATE_PROGRESS_AFTER": "0"}
    done = subprocess.run(
        [*COMMAND, "--format", "json", "-o", str(tmp_path / "audit.json")],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert b"auditing" not in done.stderr
    assert done.stderr.strip().startswith(b"wrote")
