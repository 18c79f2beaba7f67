import posixpath
from collections.abc import Iterator

from infragate.audit import lazyre
from infragate.audit.inventory import Inventory
from infragate.audit.inventory.deploy import make_targets, npm_scripts
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, ladder
from infragate.audit.shell import script

SLEEP = lazyre.compile(r"^(?!\s*#).*?\bsleep\s+(\d+[smh]?)\b")


LOOP = lazyre.compile(
    r"\b(?:while|until)\s+\S.*;\s*do\b|\bfor\s+\w+\s+in\b|\bdo\s*$|(?:^|;)\s*done\b|\|\|\s*sleep"
)


# A readiness poll right after the sleep: the sleep only spares the first retries.
POLL = lazyre.compile(
    r"curl\b[^\n]*--retry\b|\bwait-on\b|wait-for-it|\bdockerize\b[^\n]*-wait|\buntil\b|"
    r"\bwhile\b|\bpg_isready\b|\bnc\s+-z\b|\bhealthcheck\b|\bwait-for\b"
)


def _polls_after(lines: list[str], index: int) -> bool:
    following = [ln for ln in lines[index + 1 : index + 6] if ln.strip()][:3]
    return any(POLL.search(ln) for ln in following)


def _in_loop(lines: list[str], index: int) -> bool:
    """A sleep between retries of a loop is polling, not a fixed wait."""
    window = lines[max(index - 4, 0) : index + 4]
    return any(LOOP.search(line) for line in window)


CALLED_SCRIPT = lazyre.compile(r"(?:^|[\s;&|(])(?:(?:bash|sh)\s+)?((?:\./)?[\w./-]+\.sh)\b")
CALLED_TARGET = lazyre.compile(
    r"(?:^|[\s;&|(])(?:make\s+(?:-C\s+(\S+)\s+)?([\w.:/-]+)|(?:npm|pnpm)\s+run\s+([\w:.-]+)|yarn\s+(?:run\s+)?([\w:.-]+))"
)
# `server & sleep 15` on one line of a recipe or an npm script.
BACKGROUND_SLEEP = lazyre.compile(r"(?<!&)&\s*(?:;\s*)?sleep\s+(\d+[smh]?)\b")
STARTS_SERVICE = lazyre.compile(
    r"\b(?:docker[\s-]compose\b.*\bup\b.*\s-d\b|docker\s+run\b.*\s-d\b)"
)


def _called_scripts(repo: Repo, inventory: Inventory) -> list[str]:
    """The shell scripts that CI steps run, resolved from each step's working directory."""
    found: set[str] = set()
    for wf in inventory.workflows:
        for job in wf.jobs:
            for step in job.steps:
                for match in CALLED_SCRIPT.finditer(step.run):
                    path = posixpath.normpath(posixpath.join(step.cwd, match.group(1)))
                    if path in repo.texts:
                        found.add(path)
    return sorted(found)


def _recipe_waits(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    """Make targets and npm scripts that CI steps run, waiting a fixed time for a server."""
    seen: set[tuple[str, int | None]] = set()
    for wf in inventory.workflows:
        for job in wf.jobs:
            for step in job.steps:
                for match in CALLED_TARGET.finditer(step.run):
                    make_dir, target, npm, yarn = match.groups()
                    found: tuple[int | None, str] | None
                    if target:
                        path = posixpath.normpath(
                            posixpath.join(step.cwd, make_dir or "", "Makefile")
                        )
                        found = make_targets(repo, path).get(target)
                    else:
                        path = posixpath.normpath(posixpath.join(step.cwd, "package.json"))
                        found = npm_scripts(repo, path).get(npm or yarn)
                    if found is None or (path, found[0]) in seen:
                        continue
                    line, body = found
                    wait = BACKGROUND_SLEEP.search(body)
                    if wait is not None:
                        seen.add((path, line))
                        at = _line_in(repo, path, line, wait.group(0)) if target else line
                        yield Hit(
                            path,
                            at,
                            f"waits a fixed 'sleep {wait.group(1)}' for a server it started in the background",
                        )


def _line_in(repo: Repo, path: str, start: int | None, text: str) -> int | None:
    for number, line in enumerate(repo.lines(path)[(start or 1) - 1 :], start or 1):
        if text.split()[-1] in line and "sleep" in line:
            return number
    return start


def _script_waits(repo: Repo, path: str) -> Iterator[Hit]:
    """`server & sleep 15`: a fixed wait for something the script started in the background."""
    if "sleep" not in repo.text(path):
        return
    started = False
    lines = repo.lines(path)
    for cmd in script(repo, path):
        if cmd.background or STARTS_SERVICE.search(cmd.text):
            started = True
        elif (
            cmd.words[0] == "sleep"
            and started
            and not _in_loop(lines, cmd.line - 1)
            and not _polls_after(lines, cmd.line - 1)
        ):
            yield Hit(
                path,
                cmd.line,
                f"waits a fixed 'sleep {' '.join(cmd.words[1:2])}' for a service it started",
            )


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    for path in repo.ci_files():
        for line, match in repo.grep(path, SLEEP):
            if _in_loop(repo.lines(path), line - 1) or _polls_after(repo.lines(path), line - 1):
                continue
            yield Hit(path, line, f"waits a fixed 'sleep {match.group(1)}' instead of polling")
    for path in _called_scripts(repo, inventory):
        yield from _script_waits(repo, path)
    yield from _recipe_waits(repo, inventory)


RULE = AuditRule(
    id="AUD007",
    slug="ci-sleep-wait",
    title="CI waits for a service by polling it, not by sleeping",
    rationale=(
        "A fixed sleep before using a server races with its start-up: too short on a slow "
        "runner and the step fails at random, too long and every run wastes the time."
    ),
    impact="Flaky pipelines; failures nobody can reproduce.",
    fix="Poll until ready, e.g. 'npx wait-on http://localhost:3000' or a curl retry loop with a timeout.",
    severity=ladder(Severity.low, Severity.medium, Severity.medium, Severity.medium),
    check=check,
)
