import posixpath
from collections.abc import Iterator

from infragate.audit import lazyre
from infragate.audit.ci import Job, Workflow, remote_script
from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, always
from infragate.audit.shell import commands

SHELL_VAR = lazyre.compile(r"\$\{?([A-Z][A-Z0-9_]*)(:?[-=?+])?")
ASSIGNED = lazyre.compile(
    r"(?:^|[\s;&(])(?:export\s+|local\s+|readonly\s+|declare\s+(?:-\w+\s+)*)?([A-Z][A-Z0-9_]*)=|\bread\s+(?:-\w+\s+)*([A-Z][A-Z0-9_]*)|\bfor\s+([A-Z][A-Z0-9_]*)\s+in\b"
)
GITHUB_ENV_WRITE = lazyre.compile(r"([A-Z][A-Z0-9_]*)=[^\n]*>>\s*\"?\$\{?GITHUB_ENV")
ENV_EXPR = lazyre.compile(r"\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)")
STEP_OUTPUT = lazyre.compile(r"\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)")
NEEDS_OUTPUT = lazyre.compile(r"\$\{\{\s*needs\.([\w-]+)\.outputs\.([\w-]+)")
# Set by the runner or the shell itself (GitHub Actions "Default environment variables",
# docs.github.com/en/actions/reference/variables-reference, read 2026-11-25).
DEFAULT = lazyre.compile(
    r"^(GITHUB_\w+|RUNNER_\w+|ACTIONS_\w+|CI|HOME|PATH|PWD|OLDPWD|USER|SHELL|LANG|LC_\w+|TERM|"
    r"HOSTNAME|RANDOM|SECONDS|LINENO|UID|EUID|PPID|IFS|BASH\w*|OSTYPE|TMPDIR|DEBIAN_FRONTEND|"
    r"ImageOS|ImageVersion|JAVA_HOME\w*|ANDROID_\w+|AGENT_\w+|XDG_\w+)$"
)


# Set by common setup actions for the steps after them (aws-actions/configure-aws-credentials,
# google-github-actions/auth, actions/setup-*): trusted when the job uses any action.
ACTION_SET = lazyre.compile(
    r"^(AWS_\w+|GOOGLE_\w+|GCP_\w+|CLOUDSDK_\w+|AZURE_\w+|ARM_\w+|DOCKER_\w+|GOPATH|GOROOT|"
    r"NODE_\w+|NPM_\w+|PYTHON\w*|pythonLocation|KUBECONFIG|PULUMI_\w+|TF_\w+)$"
)


# Definitions that cannot be read offline: a whole env file exported, an eval.
OPAQUE = lazyre.compile(
    r"\bset\s+-a\b|\bset\s+-o\s+allexport\b|\bexport\s+\$\(|\beval\b|\bdirenv\b"
)


def _assigned(text: str) -> set[str]:
    return {a or b or c for a, b, c in ASSIGNED.findall(text)}


def _sourced(repo: Repo, text: str, *bases: str) -> set[str] | None:
    """Names that files sourced by this text define, each resolved from the folder it is
    sourced in (a `cd` before it counts); None when some definition cannot be read."""
    if OPAQUE.search(text):
        return None
    if "source " not in text and ". " not in text:
        return set()
    names: set[str] = set()
    for cmd in commands(text):
        if cmd.words[0] not in ("source", ".") or len(cmd.words) < 2:
            continue
        ref = cmd.words[1]
        if cmd.cwd is None or "$" in ref or ref.startswith(("/", "~")):
            return None
        places = [posixpath.normpath(posixpath.join(b, cmd.cwd, ref)) for b in bases]
        found = next((p for p in places if p in repo.texts), None)
        if found is None:
            return None  # made earlier in the run, or not committed: its names are unknown
        names |= _assigned(repo.text(found))
    return names


def _locate(repo: Repo, path: str, start: int, token: str) -> int:
    for number, line in enumerate(repo.lines(path)[max(start - 1, 0) :], max(start, 1)):
        if token in line:
            return number
    return start


def _job_env(wf: Workflow, job: Job) -> set[str]:
    names = set(wf.env) | set(job.env)
    for other in wf.jobs:
        for step in other.steps:
            names.update(GITHUB_ENV_WRITE.findall(step.run))
    return names


def _workflow(repo: Repo, wf: Workflow) -> Iterator[Hit]:
    jobs = {j.id: j for j in wf.jobs}
    for job in wf.jobs:
        env = _job_env(wf, job)
        step_ids = {
            str(s)
            for s in (st.get("id") for st in job.raw.get("steps") or [] if isinstance(st, dict))
            if s
        }
        uses_actions = any(s.uses for s in job.steps)
        for step in job.steps:
            known = env | set(step.env)
            sourced = _sourced(repo, step.run, step.cwd)
            if sourced is None:
                continue
            local = _assigned(step.run) | sourced
            seen: set[str] = set()
            for match in SHELL_VAR.finditer(step.run):
                name, guard = match.group(1), match.group(2)
                if name in known or name in local or DEFAULT.match(name) or guard or name in seen:
                    continue
                if uses_actions and ACTION_SET.match(name):
                    continue
                seen.add(name)
                line = _locate(
                    repo, wf.path, step.line, f"${name}" if f"${name}" in step.run else name
                )
                yield Hit(
                    wf.path, line, f"${name} is used but no env, secret, var or output defines it"
                )
            blob = "\n".join(
                [step.run, *map(str, step.with_.values()), *map(str, step.env.values())]
            )
            for match in ENV_EXPR.finditer(blob):
                if match.group(1) not in known:
                    line = _locate(repo, wf.path, step.line, match.group(0))
                    yield Hit(wf.path, line, f"env.{match.group(1)} is used but never set")
            for match in STEP_OUTPUT.finditer(blob):
                if match.group(1) not in step_ids:
                    line = _locate(repo, wf.path, step.line, match.group(0))
                    yield Hit(
                        wf.path, line, f"steps.{match.group(1)} is not a step of job '{job.id}'"
                    )
            for match in NEEDS_OUTPUT.finditer(blob):
                needed = jobs.get(match.group(1))
                if needed is None or match.group(2) not in needed.outputs:
                    line = _locate(repo, wf.path, step.line, match.group(0))
                    yield Hit(
                        wf.path,
                        line,
                        f"needs.{match.group(1)}.outputs.{match.group(2)} is not defined",
                    )


def _health_script(repo: Repo, path: str) -> Iterator[Hit]:
    text = repo.text(path)
    # A script is run from the root or from its own folder; what it sources resolves either way.
    sourced = _sourced(repo, text, "", posixpath.dirname(path))
    if sourced is None:
        return
    local = _assigned(text) | sourced
    seen: set[str] = set()
    for number, line in enumerate(repo.lines(path), 1):
        if line.lstrip().startswith("#"):
            continue
        for match in SHELL_VAR.finditer(line):
            name, guard = match.group(1), match.group(2)
            if name in local or guard or DEFAULT.match(name) or name in seen:
                continue
            seen.add(name)
            yield Hit(path, number, f"${name} is used by a health check but nothing defines it")


# What a login shell on the server has without being told (and what ssh sets).
REMOTE_DEFAULT = lazyre.compile(
    r"^(HOME|PATH|PWD|OLDPWD|USER|LOGNAME|SHELL|LANG|LC_\w+|TERM|HOSTNAME|RANDOM|SECONDS|UID|EUID|SSH_\w+|NVM_DIR|BASH\w*)$"
)


def _remote(repo: Repo, wf: Workflow) -> Iterator[Hit]:
    """An ssh action's script runs on the server: the runner's env reaches it only through
    `envs:` (appleboy/ssh-action), so a variable neither passed nor set there is empty."""
    for job in wf.jobs:
        for step in job.steps:
            script = remote_script(step)
            if not script or OPAQUE.search(script):
                continue
            passed = {n.strip() for n in str(step.with_.get("envs") or "").split(",")}
            local = _assigned(script)
            seen: set[str] = set()
            for match in SHELL_VAR.finditer(script):
                name, guard = match.group(1), match.group(2)
                if name in passed or name in local or guard or name in seen:
                    continue
                if REMOTE_DEFAULT.match(name):
                    continue
                seen.add(name)
                line = repo.line_of_from(wf.path, step.line, f"${name}")
                yield Hit(
                    wf.path, line, f"${name} is expanded on the server but not passed with envs:"
                )


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    for wf in inventory.workflows:
        if wf.system == "GitHub Actions":
            yield from _workflow(repo, wf)
            yield from _remote(repo, wf)
    for path in repo.shell_scripts():
        name = path.rsplit("/", 1)[-1].lower()
        if "health" in name or "smoke" in name:
            yield from _health_script(repo, path)


RULE = AuditRule(
    id="AUD017",
    slug="undefined-variable",
    title="Workflows and health checks use only variables that something defines",
    rationale=(
        "An undefined variable expands to nothing: the health check probes 'http://:8000/health' "
        "and fails, or passes vacuously (seed 001: LAMBDA_LABS_INSTANCE_IP in the health checks)."
    ),
    impact="Health checks that cannot succeed; deployments judged healthy or failed at random.",
    fix="Define the variable (env: mapped from a secret, a var or a step/job output), or fix its name.",
    severity=always(Severity.high),
    check=check,
)
