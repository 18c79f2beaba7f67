"""Stand-ins for the `aws` and `psql` executables, for running the rendered operations
scripts where no AWS account is reachable: a test double at the process boundary. Each
stand-in records its arguments (one JSON line per call) and answers from a list of rules,
regular expressions over its joined arguments; the first rule that matches gives the
standard output (the n-th of its answers on the n-th match, the last one after) and the
exit code, and a call no rule matches prints nothing and succeeds
(the `aws ... wait` waiters, tagging calls)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SCRIPT = """#!{python}
import json, os, re, sys
name = os.path.basename(sys.argv[0])
here = os.path.dirname(os.path.abspath(sys.argv[0]))
args = sys.argv[1:]
with open(os.path.join(here, "calls.jsonl"), "a", encoding="utf-8") as log:
    log.write(json.dumps({{"tool": name, "args": args,
                          "pgpassword": os.environ.get("PGPASSWORD")}}) + "\\n")
with open(os.path.join(here, name + ".rules.json"), encoding="utf-8") as f:
    rules = json.load(f)
line = " ".join(args)
for index, (pattern, stdouts, code) in enumerate(rules):
    if re.search(pattern, line):
        counter = os.path.join(here, f"{{name}}.{{index}}.count")
        seen = int(open(counter).read()) if os.path.exists(counter) else 0
        with open(counter, "w") as f:
            f.write(str(seen + 1))
        sys.stdout.write(stdouts[min(seen, len(stdouts) - 1)])
        sys.exit(code)
"""


@dataclass(frozen=True)
class Call:
    tool: str
    args: list[str]
    pgpassword: str | None

    @property
    def line(self) -> str:
        return " ".join(self.args)

    def value(self, option: str) -> str:
        """The argument after `option`."""
        return self.args[self.args.index(option) + 1]

    def values(self, option: str) -> list[str]:
        """The arguments after `option`, up to the next option."""
        rest = self.args[self.args.index(option) + 1 :]
        out = []
        for arg in rest:
            if arg.startswith("--"):
                break
            out.append(arg)
        return out


class FakeTools:
    """A folder of stand-ins to put first on PATH."""

    def __init__(self, folder: Path, tools: tuple[str, ...] = ("aws", "psql")) -> None:
        self.bin = folder / "bin"
        self.bin.mkdir(parents=True)
        self.rules: dict[str, list[tuple[str, list[str], int]]] = {name: [] for name in tools}
        for name in self.rules:
            path = self.bin / name
            path.write_text(SCRIPT.format(python=sys.executable), encoding="utf-8")
            path.chmod(0o755)
        self._save()

    def answer(self, tool: str, pattern: str, *stdouts: str, code: int = 0) -> None:
        """`tool` called with arguments matching `pattern` prints the next of `stdouts`
        (the last one again once they are used up) and exits with `code`."""
        re.compile(pattern)
        self.rules[tool].append((pattern, list(stdouts) or [""], code))
        self._save()

    def _save(self) -> None:
        for name, rules in self.rules.items():
            (self.bin / f"{name}.rules.json").write_text(json.dumps(rules), encoding="utf-8")

    def calls(self, tool: str | None = None) -> list[Call]:
        log = self.bin / "calls.jsonl"
        if not log.exists():
            return []
        calls = [Call(**json.loads(line)) for line in log.read_text().splitlines()]
        return [c for c in calls if tool is None or c.tool == tool]

    def called(self, *words: str) -> list[Call]:
        """The calls whose arguments start with `words` (`"rds", "modify-db-instance"`)."""
        return [c for c in self.calls() if c.args[: len(words)] == list(words)]

    def run(
        self,
        script: Path,
        *args: str,
        cwd: Path,
        env: dict[str, str] | None = None,
        timeout: int = 60,
    ) -> subprocess.CompletedProcess[str]:
        """Runs `script` with bash, as GitHub runs a `run:` block with `-e`."""
        path = f"{self.bin}{os.pathsep}{os.environ['PATH']}"
        return subprocess.run(
            ["bash", "-e", str(script), *args],
            capture_output=True,
            text=True,
            check=False,
            cwd=cwd,
            env={**os.environ, "PATH": path, "AWS_REGION": "eu-west-1", **(env or {})},
            timeout=timeout,
        )
