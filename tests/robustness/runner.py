"""Run the real `infragate` CLI in a child process per case, with a time bound.

A fork server (one single-threaded process that imported infragate once) forks a child per
command, so a case costs milliseconds, not a Python start-up. Each child is a separate
process: it runs the console entry point, writes its stdout and stderr to files, and
its exit code to a file as it ends. The test waits for that file for at most `timeout`
seconds, then SIGKILLs the child: a hang fails its test instead of hanging CI.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SERVER = r"""
import io, json, os, sys
from infragate import cli
from infragate.cli import app
import infragate.lifecycle.service, infragate.store.engine, infragate.design.planner
import infragate.render.engine, infragate.audit.engine, infragate.render.drift
import sqlalchemy.dialects.sqlite
for line in sys.stdin:
    cmd = json.loads(line)
    if "reap" in cmd:
        try:
            os.waitpid(cmd["reap"], 0)
        except ChildProcessError:
            pass
        print(json.dumps({"reaped": cmd["reap"]}), flush=True)
        continue
    pid = os.fork()
    if pid == 0:
        out = os.open(cmd["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        err = os.open(cmd["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        sys.stdin = io.TextIOWrapper(os.fdopen(0, "rb", closefd=False))
        sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), write_through=True)
        sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), write_through=True)
        os.chdir(cmd["cwd"])
        for key, value in cmd["env"].items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        sys.argv = ["infragate", *cmd["args"]]
        code = 0
        try:
            app.main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:
            import traceback
            traceback.print_exc()
            code = 99
        sys.stdout.flush()
        sys.stderr.flush()
        with open(cmd["rc"] + ".part", "w") as fh:
            fh.write(str(code))
        os.rename(cmd["rc"] + ".part", cmd["rc"])
        os._exit(code)
    print(json.dumps({"pid": pid}), flush=True)
"""


@dataclass(frozen=True)
class Result:
    code: int | None  # None: killed after the time bound
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


class Runner:
    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch  # where captured output goes: never inside a case's folder
        self.count = 0
        env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SERVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )

    def _ask(self, message: dict[str, Any]) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(message) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the fork server died")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def run(
        self, args: list[str], cwd: Path, env: dict[str, str | None], timeout: float = 20.0
    ) -> Result:
        self.count += 1
        base = self.scratch / f"run{self.count}"
        files = {k: f"{base}.{k}" for k in ("stdout", "stderr", "rc")}
        start = time.monotonic()
        pid = int(self._ask({"cwd": str(cwd), "env": env, "args": args, **files})["pid"])
        rc_path = Path(files["rc"])
        code: int | None = None
        while time.monotonic() - start < timeout:
            if rc_path.exists():
                code = int(rc_path.read_text())
                break
            time.sleep(0.01)
        seconds = time.monotonic() - start
        if code is None:
            os.kill(pid, signal.SIGKILL)
        self._ask({"reap": pid})
        read = {k: Path(files[k]).read_text(errors="replace") for k in ("stdout", "stderr")}
        for path in files.values():
            Path(path).unlink(missing_ok=True)
        return Result(code, read["stdout"], read["stderr"], seconds)

    def close(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()
