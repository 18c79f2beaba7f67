"""Start `infragate` commands as real processes in milliseconds instead of a second.

A single-threaded server imports infragate once, then forks one child per command;
each child is a separate process that runs the real CLI entry point and can be
SIGKILLed like any other. Tests talk to it over its stdin and stdout, a JSON line each.

    {"cwd": ..., "env": {...}, "args": [...], "go": path or null}  -> {"pid": N}
    {"wait": N}                                                      -> {"pid": N, "code": C, "output": ...}
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

SERVER = r"""
import io, json, os, sys, time
from infragate import cli
import infragate.lifecycle.service, infragate.store.engine, infragate.design.planner
import sqlalchemy.dialects.sqlite, psycopg  # loaded before fork, not in every child
outputs = {}
for line in sys.stdin:
    cmd = json.loads(line)
    if "wait" in cmd:
        pid = cmd["wait"]
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        path = outputs.pop(pid)
        with open(path) as fh:
            text = fh.read()
        os.unlink(path)
        print(json.dumps({"pid": pid, "code": code, "output": text}), flush=True)
        continue
    out_path = os.path.join(cmd["cwd"], f".out-{time.monotonic_ns()}")
    # Created before the fork: a child killed at once must still leave a file to read.
    fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    pid = os.fork()
    if pid == 0:
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), write_through=True)
        sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), write_through=True)
        os.chdir(cmd["cwd"])
        os.environ.update(cmd["env"])
        if cmd.get("go"):
            while not os.path.exists(cmd["go"]):
                time.sleep(0.0005)
        sys.argv = ["infragate", *cmd["args"]]
        code = 0
        try:
            cli.main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    os.close(fd)
    outputs[pid] = out_path
    print(json.dumps({"pid": pid}), flush=True)
"""


class ForkServer:
    def __init__(self) -> None:
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

    def start(self, cwd: Path, url: str, args: list[str], go: Path | None = None) -> int:
        env = {"INFRAGATE_DATABASE_URL": url}
        pid: int = self._ask(
            {"cwd": str(cwd), "env": env, "args": args, "go": str(go) if go else None}
        )["pid"]
        return pid

    def wait(self, pid: int) -> tuple[int, str]:
        answer = self._ask({"wait": pid})
        return int(answer["code"]), str(answer["output"])

    def run_at_once(self, cwd: Path, url: str, commands: list[list[str]]) -> list[tuple[int, str]]:
        go = cwd / f".go-{time.monotonic_ns()}"
        pids = [self.start(cwd, url, args, go) for args in commands]
        time.sleep(0.05)  # every child is waiting for the go file
        go.touch()
        return [self.wait(pid) for pid in pids]

    def close(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()
