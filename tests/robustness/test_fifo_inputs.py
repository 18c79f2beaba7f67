"""Two inputs the strict reader did not yet guard: an allowed_signers file and a handover
manifest that are named pipes. Before, `approve` blocked forever on the pipe."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT
from tests.signing_keys import key_for


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(cwd / "data")}
    return subprocess.run(
        [sys.executable, "-m", "infragate", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,  # a hang fails the test instead of the run
    )


def test_a_pipe_as_allowed_signers_is_refused_not_waited_on(tmp_path: Path) -> None:
    (tmp_path / "infra").mkdir()
    shutil.copy(ROOT / "examples/shopfront/infra/brief.yaml", tmp_path / "infra/brief.yaml")
    os.mkfifo(tmp_path / "infra" / "allowed_signers")
    done = _run(
        tmp_path, "approve", "--role", "infra_owner", "--as", "dana@example.com",
        "--key", str(key_for("dana@example.com")),
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "allowed_signers" in done.stderr and "named pipe" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_pipe_as_handover_manifest_is_refused_not_waited_on(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    os.mkfifo(pack / "manifest.json")
    done = _run(tmp_path, "verify", "--handover", "pack")
    assert done.returncode == 2, done.stderr
    assert "manifest.json" in done.stderr and "named pipe" in done.stderr
